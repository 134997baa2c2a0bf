"""The event coder: predicates with a source and target actor, coded to CAMEO.

Reads: a parsed sentence, the document's resolved actors, the lexicon.
Writes: `Event`s, each with the rule that fired, its trigger and evidence spans, confidence.

Verbal events come from lexicon verbs (with object / complement / preposition patterns);
nominal events ("US sanctions on Cuba", "Kolokoltsev's visit to Havana") from lexicon nouns.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from dyads.actors.resolver import DocActors
from dyads.deadline import check
from dyads.events.arguments import argument_phrases
from dyads.events.claims import attribution_of, modality_of
from dyads.events.ids import event_id, id_of
from dyads.events.lexicon import Lexicon
from dyads.events.matching import LexiconMatching, Match
from dyads.events.nominals import NominalEvents
from dyads.events.pairs import actor_key
from dyads.events.quantities import find_quantities
from dyads.events.recoding import RETALIATING, Recoding
from dyads.events.roles import ACT_NOUNS, INSTRUMENT_NOUNS, REACTION_ROOTS, RECIPROCAL_VERBS, sentence_words
from dyads.events.statements import Statements
from dyads.events.syntax import (
    children,
    object_lemmas,
    objects_of,
    subject_of,
)
from dyads.events.temporal import ended_before
from dyads.events.temporal import resolve as resolve_date
from dyads.model import CameoCode, Document, Event, Evidence, Mention, Quantity, Span

# Verbs whose subject is given to: the act they report is the giver's (CAMEO codes the provider)
RECEIVING = {"receive", "obtain", "get"}
RECEIVED_ROOTS = {"06", "07"}
BACKGROUND_DAYS = 31  # a clause dated over a month before the article tells history, not the news

PLAIN_STATEMENTS = {"01", "010"}
PESSIMISM = "012"
POSSESSIVE_PRONOUNS = {"its", "their", "his", "her", "our", "my"}
SPEAKING_FOR_STATE = {"GOV", "MIL", "COP", "LEG", "JUD", "SPY", "IGO", "REB", "INS", "OPP", "PTY"}
REFLEXIVES = {"itself", "themselves", "himself", "herself", "ourselves"}
PRESS_NOUNS = {"reporter", "journalist", "press", "medium", "media", "correspondent", "newspaper", "broadcaster"}
SYMMETRIC_ROOTS = {"03", "04", "05", "06"}
WARNING_VERBS = {"warn", "threaten", "vow", "caution"}  # verbs by which a side announces its own hostile act
ONE_WAY_ROOTS = {"07", "16"}  # giving aid and imposing sanctions are done by each, not to each other
OPENING_QUOTES = {"\u201c", '"', "\u2018"}  # a sentence opening with one is a quotation


class Coder(LexiconMatching, Statements, NominalEvents, Recoding):
    def __init__(self, lexicon: Lexicon) -> None:
        self.lex = lexicon
        self.reporting = set(lexicon.modality.get("reporting_verbs", ()))
        # nouns that name acts, not their targets (curated ones: mined light-verb nouns include "camp")
        self._act_words = frozenset(n for n, e in lexicon.nouns.items() if not e.support_only) | ACT_NOUNS

    def code_sentence(
        self, sent: SpacySpan, sent_index: int, doc: Document, actors: DocActors, offset: int = 0,
        history: list[Event] | None = None,
    ) -> list[Event]:
        """Code one sentence. ``history`` holds the document's earlier events (for event anaphora)."""
        history = history or []
        events: list[Event] = []
        matches: dict[int, Match] = {}
        for tok in sent:
            if tok.dep_ in ("amod", "compound"):
                continue  # "opposing sides", "the bombing raid": modifiers are not predicates
            stance = tok.pos_ == "ADJ" and tok.dep_ == "acomp" and tok.lemma_.lower() in self.lex.verbs  # "was deeply concerned by"
            if tok.pos_ in ("VERB", "AUX") or (tok.pos_ == "NOUN" and tok.dep_ == "ROOT") or stance:
                m = self.match(tok)
                if m is not None:
                    matches[tok.i] = m
        consumed = {i for m in matches.values() for i in m.consumed}
        committed: set[int] = set()
        for i, m in matches.items():
            check()  # the document's time budget (`dyads.deadline`), per predicate of the sentence
            if i in consumed:
                continue
            verb = sent.doc[i]
            if m.rule.endswith(":default") and self._support_object(verb) is not None:
                continue  # "ordered the shipment of diesel to Cuba": the noun names the act (nominal pass)
            if self.lex.code(m.code).code in PLAIN_STATEMENTS and verb.lemma_.lower() in self.reporting:
                continue  # "X said ...": the content is coded, not the act of saying
            built = self._build(verb, m, sent, sent_index, doc, actors, offset, history=[*history, *events])
            if any(tag in e.rule for e in built for tag in ("+intent-to:", "+refusal-of:", "+threat-of:")):
                # "agreed to lift", "refused to lift", "warned it would strike": the intent, refusal or threat
                # coded replaces the bare governor
                committed.add(verb.head.idx + offset)
            events += built
        events = [e for e in events if not (e.code.code in ("030", "120", "130") and e.evidence.trigger.start in committed)]
        # verbs already coded, and verbs whose act a governing event absorbed ("threatened to impose
        # tariffs"), take their event nouns with them
        taken = {e.evidence.trigger.start for e in events} | {sent.doc[i].idx + offset for i in consumed}
        # reactions ("condemned the US strikes", "defended its oil shipments to Cuba") leave the act they
        # name free to be coded as its own event
        reacting = {e.evidence.trigger.start for e in events if e.code.root in REACTION_ROOTS}
        events += self._nominal(sent, sent_index, doc, actors, offset, taken, [*history, *events], reacting)
        events = self._reactions_to_named_acts(sent, events, offset)
        events += self._claims_about(sent, sent_index, doc, actors, offset)
        events += self._evaluations(sent, sent_index, doc, actors, offset, events)
        events += self._accusations_in_claims(doc, events)
        return events

    def _givers(self, verb: Token, actors: DocActors) -> list[Mention]:
        """Who gave what the verb's subject received: the actor after "from" on the verb or inside its object."""
        out: list[Mention] = []
        for prep in (t for t in verb.subtree if t.dep_ == "prep" and t.lower_ == "from"):
            if prep.head.i != verb.i and prep.head.dep_ not in ("dobj", "pobj", "compound"):
                continue
            for o in (c for c in prep.children if c.dep_ == "pobj"):
                m = self._actor(o, actors)
                if m is not None and all(m.start != x.start for x in out):
                    out.append(m)
        return out

    def _build(
        self, verb: Token, m: Match, sent: SpacySpan, sent_index: int, doc: Document, actors: DocActors,
        offset: int, nominal: tuple[list[Mention], str] | None = None, history: list[Event] | None = None,
        governor: Token | None = None, patients: list[Mention] | None = None,
    ) -> list[Event]:
        """``governor``: the light verb of a nominal act; its tense, mood and speaker are the act's."""
        sources, subj_how = self._sources(verb, actors) if nominal is None else nominal
        if not sources and nominal is None and history:
            sources, subj_how = self._instrument_named_before(verb, history) or (sources, subj_how)
        if not sources and subj_how == "first-person":
            speaker = attribution_of(verb, self.lex, lambda t: self._actor(t, actors), sent).speaker
            how = "quote-speaker"
            if speaker is None and sent.text.lstrip()[:1] in OPENING_QUOTES:
                speaker, how = self._previous_speaker(sent, actors), "quote-speaker-before"
            if speaker is not None and (speaker.actor.sector in SPEAKING_FOR_STATE or speaker.actor.kind == "country"):
                sources, subj_how = [speaker], how  # "we" in an official's quote is the official's side
        if not sources or self._not_an_act(verb):
            return []
        code = self.lex.code(m.code)
        if verb.lemma_.lower() in RETALIATING and (kind := self._in_kind(verb, code)) is not code:  # identity: same object
            code, m = kind, replace(m, code=kind.code, rule=f"{m.rule}+in-kind")
        reacts = code.root in REACTION_ROOTS and (code.root != "01" or code.code == "016")  # denials react; statements do not
        targets, tgt_how = self._targets(verb, actors, m.target_preps, sources[0].actor.country, react=reacts,
                                         predicate=m.act_objects)
        if verb.lemma_.lower() in RECEIVING and code.root in RECEIVED_ROOTS and nominal is None:
            # "Peru received a shipment of wheat from Argentina": the giver acts, the subject is given to;
            # with no giver named, nobody is known to have acted
            givers = self._givers(verb, actors)
            if not givers:
                return []
            sources, subj_how, targets, tgt_how = givers, "giver-from", sources, "recipient-subject"
        elif tgt_how == "object-agent" and any(object_lemmas(o) & m.act_objects for o in objects_of(verb)
                                             if o.left_edge.idx <= targets[0].start - offset <= o.right_edge.idx):
            targets, tgt_how = [], "none"  # "declared a state of siege", "sent a team of engineers": the predicate's own object
        if not targets and patients:
            targets, tgt_how = patients, "possessor-undergoes"
        if not targets and history and (code.code == "016" or any(c.lower_ == "back" for c in verb.children)
                                         or verb.lemma_.lower() in ("retaliate", "respond", "hit back", "strike back")):
            answered = self._answered(sources, history, {"11", "12", "13"} if code.code == "016" else {"17", "18", "19", "20"})
            if answered is not None:
                targets, tgt_how = [answered], "answered"
        if not targets and nominal is not None and history:
            earlier = next((e for e in reversed(history) if e.code.code == code.code and e.target is not None
                            and e.source.actor.country == sources[0].actor.country), None)
            if earlier is not None and earlier.target is not None:  # "US sanctions on Cuba" ... "the murderous US sanctions"
                targets, tgt_how = [earlier.target], "same-act-earlier"
        if (not targets or tgt_how == "object-own") and reacts and history is not None:
            prior = self._reacted_to(verb, sources, history)
            if prior is not None:
                targets, tgt_how = [prior], "event-anaphora"
        if tgt_how == "object-own":
            if all("coreference" in s.how for s in sources) and not any(
                    "coreference" in t.how or "focus" in t.how or t.text.split()[0].lower() in POSSESSIVE_PRONOUNS
                    for t in targets if t.text):
                # "when it imposed sanctions on Russia's oil industry" with "it" read as Russia: a pronoun
                # acting on its own state named in full is a wrong reading ("on its fleet" is not)
                return []
            targets, tgt_how = [], "none"  # "attack ... on its fleet": the own side is no target; context may name one
        if code.code == PESSIMISM and sources:
            # concern about someone's act is disapproval of it; about a situation, a pessimistic comment
            authors = [a for a in self._act_authors(verb, actors) if a.actor.country != sources[0].actor.country]
            keys = {(t.start, t.end) for t in targets}
            if authors and (not targets or any((a.start, a.end) in keys for a in authors)):
                targets, tgt_how = (targets, tgt_how) if targets else ([authors[0]], "act-author")
                code, m = self.lex.code("110"), replace(m, code="110", rule=f"{m.rule}+about-an-act")
        modality, mod_cue = modality_of(governor or verb, self.lex, code.root)
        code, m, modality, mod_cue = self._recoded(verb, code, m, modality, mod_cue, governor)
        if modality == "intended" and governor is None and (threat := self._warned_act(verb, code, sources, actors)):
            # "X warned that its army would strike Y": announcing one's own act of force is threatening it
            code, m, modality = threat, replace(m, rule=f"{m.rule}+threat-of:{code.code}"), "threatened"
        attribution = attribution_of(governor or verb, self.lex, lambda t: self._actor(t, actors), sent)
        if not targets and governor is not None:  # "responded with tariffs on US goods", "sent aid to X"
            targets, tgt_how = self._targets(governor, actors, m.target_preps, sources[0].actor.country)
            tgt_how = f"governor-{tgt_how}" if targets else tgt_how
        if not targets and nominal is not None:
            targets, tgt_how = self._nominal_target(verb, actors, sources[0], code.root, m.target_preps) or (targets, tgt_how)
        trigger = self._trigger(verb, offset)
        phrases = argument_phrases(verb, sent, sources, targets, tgt_how, m.target_preps, offset,
                                   self._act_words, m.act_objects, reaction=code.root in REACTION_ROOTS,
                                   actor_tokens=[] if targets else [  # read only when no actor fills the role
                                       t for t in verb.subtree if (a := actors.at(t)) is not None
                                       and a.how != "agent" and "coreference" not in a.how and t.pos_ in ("PROPN", "NOUN")])
        sentence = Span(sent.text, sent.start_char + offset, sent.end_char + offset)
        quantities = self._quantities(verb, sent, offset)
        when = self._date(verb, doc, sent)
        if not targets and not nominal and verb.dep_ in ("advcl", "conj", "xcomp") and verb.head.pos_ in ("VERB", "AUX") \
                and not children(verb, "nsubj"):  # "..., as Beijing conducted drills": a clause of its own inherits nothing
            targets, tgt_how = self._targets(verb.head, actors, m.target_preps, sources[0].actor.country)  # "stepped up aid to Cuba, sending ..."
            tgt_how = f"inherited-{tgt_how}" if targets else tgt_how
        slots: list[Mention | None] = [*targets] if targets else [None]
        pairs: list[tuple[Mention, Mention | None]] = [(s, t) for s in sources for t in slots]
        # "both sides exchanged fire" is mutual; "Kenya and Uganda, which both contribute troops to the region" is not
        mutual = (any(c.lower_ in ("each", "both") for c in verb.children) and code.root not in ONE_WAY_ROOTS) \
            or code.root in SYMMETRIC_ROOTS or subj_how == "between" \
            or (governor or verb).lemma_.lower() in RECIPROCAL_VERBS
        if not targets and len(sources) > 1 and mutual:
            # "Díaz-Canel and Xi held a telephone discussion": each acts towards the other
            pairs = [(a, b) for a in sources for b in sources if a.actor.actor_id != b.actor.actor_id]
            tgt_how = "co-participant"
        if code.code in PLAIN_STATEMENTS and not targets:
            return []  # "X made a statement" with nobody addressed carries no relation; attribution covers it
        out = []
        for s, t in pairs:
            if True:
                if t is not None and t.actor.actor_id == s.actor.actor_id:
                    continue
                conf = 0.45 + (0.2 if not m.rule.endswith(":default") else 0.0) + (0.15 if t else 0.0)
                conf -= 0.15 if "coreference" in (s.how, t.how if t else "") else 0.0
                conf -= 0.15 if "agent" in (s.how, t.how if t else "") else 0.0
                conf -= 0.1 if subj_how not in ("subject", "passive-agent") else 0.0
                rule = f"{m.rule}; source={subj_how}; target={tgt_how if t else 'none'}"
                if mod_cue:
                    rule += f"; modality-cue={mod_cue}"
                out.append(Event(
                    event_id=event_id(doc.doc_id, trigger.start, s.start, s.actor.actor_id, t.start if t else -1,
                                      t.actor.actor_id if t else "", code.code),
                    doc_id=doc.doc_id, date=when[0], date_precision=when[1], background=when[2],  # type: ignore[arg-type]
                    source=s, target=t, code=code, modality=modality, attribution=attribution,
                    evidence=Evidence(sentence, trigger, *phrases), quantities=quantities,
                    rule=rule, confidence=round(max(0.05, min(1.0, conf)), 2), sentence_index=sent_index,
                ))
        return out

    def _act_authors(self, verb: Token, actors: DocActors) -> list[Mention]:
        """Authors of the acts named in a predicate's object and prepositional phrases ("concerned by
        Russia's decision", "concern over the measures imposed by the US"), in text order."""
        subj, _ = subject_of(verb)
        skip = set(range(subj.left_edge.i, subj.right_edge.i + 1)) if subj is not None and subj.head.i == verb.i else set()
        found: list[Mention] = []
        for act in (t for t in verb.subtree if t.lemma_.lower() in ACT_NOUNS and t.pos_ == "NOUN" and t.i not in skip):
            owners = [c for c in act.children if c.dep_ in ("poss", "compound", "amod")]
            owners += [o for p in act.children if p.dep_ in ("prep", "agent") and p.lower_ in ("by", "of", "from")
                       for o in p.children if o.dep_ == "pobj"]
            owners += [o for acl in act.children if acl.dep_ == "acl"
                       for a in acl.children if a.dep_ == "agent" for o in a.children if o.dep_ == "pobj"]
            found += [m for o in owners if (m := self._actor(o, actors)) is not None and m.how != "agent"]
            if actors.at(act) is not None and actors.at(act) not in found:  # "Russia's decision" as one mention
                found.append(actors.at(act))  # type: ignore[arg-type]
        return found

    def lexical_code(self, tok: Token) -> CameoCode | None:
        """The CAMEO code the lexicon gives a word as a predicate (verb pattern or event noun)."""
        return self._lexical_code(tok)

    def lexical_root(self, tok: Token) -> str | None:
        """The CAMEO root the lexicon gives a word as a predicate (verb pattern or event noun)."""
        found = self._lexical_code(tok)
        return found.root if found is not None else None

    @staticmethod
    def _reactions_to_named_acts(sent: SpacySpan, events: list[Event], offset: int) -> list[Event]:
        """"Pakistan condemned the cross-border attack from Afghanistan": a reaction with no target whose
        object names an act coded in the same sentence (read after the verbs) is aimed at that act's author."""
        acts = [e for e in events if e.code.root not in REACTION_ROOTS and e.source is not None]
        out: list[Event] = []
        for ev in events:
            if ev.target is None and ev.code.root in REACTION_ROOTS:
                verb = sent.doc.char_span(ev.evidence.trigger.start - offset, ev.evidence.trigger.end - offset,
                                          alignment_mode="expand")
                inside = {t.idx + offset for o in objects_of(verb.root) for t in o.subtree} if verb is not None else set()
                author = next((a.source for a in acts if a.evidence.trigger.start in inside
                               and actor_key(a.source) != actor_key(ev.source)), None)
                if author is not None:
                    ev = replace(ev, target=author, rule=ev.rule.replace("target=none", "target=object-event-author"))
                    ev = replace(ev, event_id=id_of(ev))
            out.append(ev)
        return out

    def _warned_act(self, verb: Token, code: CameoCode, sources: list[Mention], actors: DocActors) -> CameoCode | None:
        """The threat code of a future act its own side warns of ("warned that his army would target ...",
        "vowed it would impose sanctions"): the clause hangs on a threatening verb whose speaker is of
        the act's source's state. A warning about what a third party will do is no threat by the warner."""
        head = verb.head
        if verb.dep_ not in ("ccomp", "xcomp") or head.lemma_.lower() not in WARNING_VERBS or not sources:
            return None
        warner, _ = subject_of(head)
        said_by = self._actor(warner, actors) if warner is not None else None
        if said_by is None or actor_key(said_by) != actor_key(sources[0]):
            return None
        return self._mapped(code, self.lex.threats)

    def _previous_speaker(self, sent: SpacySpan, actors: DocActors) -> Mention | None:
        """A quotation that opens its own sentence with no speaker in it continues the one who spoke in the
        sentence before ("X told reporters after the call. 'We thanked them ...'"): that sentence's subject."""
        if sent.start == 0:
            return None
        before = sent.doc[sent.start - 1].sent
        subj = next((c for c in before.root.children if c.dep_ == "nsubj"), None)
        return self._actor(subj, actors) if subj is not None and before.root.pos_ in ("VERB", "AUX") else None

    @staticmethod
    def _instrument_named_before(verb: Token, history: list[Event]) -> tuple[list[Mention], str] | None:
        """"The EU adopted a new sanctions package ... The package also bans ...": a document named
        without its author acts for whoever the article last said issued it."""
        subj, _ = subject_of(verb)
        if subj is None or subj.lemma_.lower() not in INSTRUMENT_NOUNS:
            return None
        noun = subj.lemma_.lower()
        for ev in reversed(history):
            words = sentence_words(ev)
            if noun in words or f"{noun}s" in words:
                return [ev.source], "instrument-named-before"
        return None

    @staticmethod
    def _not_an_act(verb: Token) -> bool:
        """Predicates that look like events but are not: talking to the press, reflexive idioms
        ("continues to shoot itself in the foot")."""
        for c in verb.children:
            if c.dep_ in ("dobj", "obj") and c.lower_ in REFLEXIVES:
                return True
            if c.dep_ == "prep" and any(o.lemma_.lower() in PRESS_NOUNS for o in c.children if o.dep_ == "pobj"):
                return verb.lemma_.lower() in ("speak", "talk", "say", "tell", "brief")
        return False

    @staticmethod
    def _trigger(verb: Token, offset: int) -> Span:
        toks = [verb, *children(verb, "prt")]
        first, last = min(toks, key=lambda t: t.i), max(toks, key=lambda t: t.i)
        start, end = first.idx, last.idx + len(last)
        # a Span's text is the document's characters start..end; Doc.text would rebuild the whole text
        return Span(verb.doc[first.i:last.i + 1].text, start + offset, end + offset)

    @staticmethod
    def _quantities(verb: Token, sent: SpacySpan, offset: int) -> tuple[Quantity, ...]:
        sub = list(verb.subtree)
        lo = sub[0].idx  # the span's text = the document's characters lo..end of the last token
        found = find_quantities(sent.doc[sub[0].i:sub[-1].i + 1].text, offset + lo)
        return tuple(q for q in found if q.unit not in ("day",) or q.per)

    def _date(self, verb: Token, doc: Document, sent: SpacySpan) -> tuple[str | None, str | None, bool]:
        """(date, precision, background): the date the clause gives, else the article's; background when
        that date's period ended over `BACKGROUND_DAYS` before the article's, or when the act is told in the past
        perfect outside reported speech with no date of its own ("had imposed sanctions in 2019" keeps
        2019; "had imposed sanctions" is history of unknown date, not the article's news)."""
        ents = [e for e in _date_ents(sent) if e.root.head.i == verb.i or e.root.head.head.i == verb.i]
        for e in ents:
            found = resolve_date(e.text, doc.date)
            if found:  # a day reckoned from a document date whose year was inferred is inferred too
                day, precision = (found[0], "inferred") if doc.date_precision == "inferred" and found[1] == "day" else found
                return day, precision, ended_before(day, doc.date, BACKGROUND_DAYS)
        if self._past_perfect(verb):
            return None, None, True
        return doc.date, doc.date_precision, False

    def _past_perfect(self, verb: Token) -> bool:
        """``had`` + participle in a clause no reporting verb governs (in reported speech the past perfect
        is the tense shift of a simple past: "said it had summoned the envoy" is today's news)."""
        if verb.tag_ != "VBN" or not any(c.dep_ == "aux" and c.lower_ in ("had", "'d") for c in verb.children):
            return False
        reporting = set(self.lex.modality.get("reporting_verbs", ()))
        tok = verb
        for _ in range(8):
            if tok.head.i == tok.i:
                return True
            if tok.dep_ in ("ccomp", "parataxis", "xcomp", "advcl") and tok.head.lemma_.lower() in reporting:
                return False
            tok = tok.head
        return True


def _date_ents(sent: SpacySpan) -> list[SpacySpan]:
    """The sentence's DATE entities, as `sent.ents` gives them (wholly inside it, in order), read from
    its own tokens: `Span.ents` walks every entity of the whole piece on each call."""
    out: list[SpacySpan] = []
    for tok in sent:
        if tok.ent_iob_ == "B" and tok.ent_type_ == "DATE":
            end = tok.i + 1
            while end < len(sent.doc) and sent.doc[end].ent_iob_ == "I":
                end += 1
            if end <= sent.end:
                out.append(sent.doc[tok.i:end])
    return out
