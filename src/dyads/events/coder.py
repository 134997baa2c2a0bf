"""The event coder: predicates with a source and target actor, coded to CAMEO.

Reads: a parsed sentence, the document's resolved actors, the lexicon.
Writes: `Event`s, each with the rule that fired, its trigger and evidence spans, confidence.

Verbal events come from lexicon verbs (with object / complement / preposition patterns);
nominal events ("US sanctions on Cuba", "Kolokoltsev's visit to Havana") from lexicon nouns.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, replace

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from dyads.actors.resolver import DocActors
from dyads.events.claims import attribution_of, modality_of
from dyads.events.lexicon import Lexicon, Pattern, VerbEntry
from dyads.events.quantities import find_quantities
from dyads.events.syntax import (
    agent_of,
    children,
    objects_of,
    phrase_lemmas,
    preps_of,
    subject_of,
    with_conjuncts,
)
from dyads.events.temporal import resolve as resolve_date
from dyads.model import Document, Event, Evidence, Mention, Quantity, Span

DEFAULT_TARGET_PREPS = frozenset({"to", "with", "against", "on", "toward", "towards", "into", "at", "from", "for"})
PLAIN_STATEMENTS = {"01", "010"}
OBLIGATION_AUX = {"must", "should"}
PARTICLES = {"down", "off", "back", "out", "up", "in", "on", "over"}
PLACE_NOUNS = {"region", "province", "city", "capital", "town", "port", "border", "territory", "coast", "waters",
               "village", "district", "state", "oblast", "area", "base", "airspace", "island", "soil", "embassy", "refinery"}
LOCATIVE_PREPS = {"in", "at", "near", "into", "over", "across", "inside"}
SYMMETRIC_ROOTS = {"03", "04", "05", "06"}
# Documents and decisions through which an actor acts ("an order that threatens tariffs")
INSTRUMENT_NOUNS = {"order", "executive order", "decree", "law", "bill", "resolution", "statement", "measure",
                    "policy", "directive", "declaration", "communique", "memo", "proclamation", "decision", "plan",
                    "legislation", "package", "note", "letter", "report", "ultimatum", "sanction", "tariff"}
CONFLICT_ACTS = {"operation", "raid", "strike", "attack", "invasion", "bombing", "capture", "arrest", "aggression",
                 "incursion", "seizure", "crackdown", "assault", "killing", "launch", "blockade", "intervention"}
# Responses to someone's act: "condemned the operation" targets the operation's author
REACTION_ROOTS = {"01", "05", "10", "11", "12", "14"}
ACT_NOUNS = {"order", "operation", "decision", "move", "measure", "plan", "policy", "action", "raid", "strike",
             "attack", "sanction", "blockade", "visit", "trip", "deal", "agreement", "offer", "proposal", "resolution",
             "accusation", "claim", "step", "campaign", "intervention", "invasion", "bombing", "capture", "arrest",
             "threat", "tariff", "embargo", "pressure", "aggression", "incursion", "seizure", "launch", "test",
             "announcement", "remark", "comment", "statement", "decree", "law", "crackdown", "assault", "killing"}


@dataclass(frozen=True)
class Match:
    code: str
    rule: str
    target_preps: frozenset[str]
    consumed: frozenset[int]  # tokens (e.g. an xcomp verb) whose own event this one replaces


def event_id(doc_id: str, *parts: object) -> str:
    h = hashlib.sha1("\x1f".join([doc_id, *map(str, parts)]).encode("utf-8")).hexdigest()
    return f"ev-{h[:16]}"


class Coder:
    def __init__(self, lexicon: Lexicon) -> None:
        self.lex = lexicon
        self.reporting = set(lexicon.modality.get("reporting_verbs", ()))

    # -- lexicon matching ------------------------------------------------------------------
    def _entry(self, verb: Token) -> tuple[VerbEntry, str] | None:
        lemma = verb.lemma_.lower()
        for prt in [c for c in verb.children if c.dep_ == "prt" or (c.dep_ == "advmod" and c.i == verb.i + 1 and c.lower_ in PARTICLES)]:
            phrasal = self.lex.verbs.get(f"{lemma} {prt.lower_}")
            if phrasal:
                return phrasal, f"{lemma} {prt.lower_}"
        for c in verb.children:  # "call for", "lash out at": the preposition right after the verb
            if c.dep_ == "prep" and c.i == verb.i + 1:
                phrasal = self.lex.verbs.get(f"{lemma} {c.lower_}")
                if phrasal:
                    return phrasal, f"{lemma} {c.lower_}"
        for obj in children(verb, "dobj"):
            phrasal = self.lex.verbs.get(f"{lemma} {obj.lemma_.lower()}")
            if phrasal:  # "hold talks", "pay a visit", "launch strikes"
                return phrasal, f"{lemma} {obj.lemma_.lower()}"
        entry = self.lex.verbs.get(lemma)
        return (entry, lemma) if entry else None

    def _pattern_fits(self, p: Pattern, verb: Token) -> tuple[bool, frozenset[int]]:
        consumed: set[int] = set()
        objs = objects_of(verb) + children(verb, "attr", "oprd")
        xcomps = children(verb, "xcomp")
        if p.object:
            lemmas: set[str] = set()
            for o in objs:
                for oc in with_conjuncts(o):
                    lemmas |= phrase_lemmas(oc)
                    for _, po in preps_of(oc):  # "shipments of oil", "supply of aid"
                        lemmas |= phrase_lemmas(po)
            if not lemmas & p.object:
                for x in xcomps:  # "threatened to impose tariffs": the complement's object counts
                    if any(phrase_lemmas(o) & p.object for o in children(x, "dobj")):
                        consumed.add(x.i)
                        lemmas |= p.object
            if not lemmas & p.object:
                return False, frozenset()
        if p.xcomp:
            hit = [x for x in xcomps if x.lemma_.lower() in p.xcomp]
            if not hit:
                return False, frozenset()
            consumed |= {x.i for x in hit}
        if p.particle and not {c.lower_ for c in verb.children if c.dep_ in ("prt", "advmod")} & p.particle:
            return False, frozenset()
        if p.subject:
            subj, _ = subject_of(verb)
            if subj is None or not phrase_lemmas(subj) & p.subject:
                return False, frozenset()
        if p.complement:
            comps: set[str] = set()
            for c in children(verb, "oprd", "attr", "acomp", "xcomp", "ccomp"):
                comps |= phrase_lemmas(c)
                for _, po in preps_of(c):
                    comps |= phrase_lemmas(po)
            for prep, po in preps_of(verb):
                if prep == "as":
                    comps |= phrase_lemmas(po)
            if not comps & p.complement:
                return False, frozenset()
        if p.prep and not {prep for prep, _ in preps_of(verb)} & p.prep:
            obj_preps = {prep for o in objs for prep, _ in preps_of(o)}
            if not obj_preps & p.prep:
                return False, frozenset()
        return True, frozenset(consumed)

    @staticmethod
    def _object_phrases(verb: Token) -> set[str]:
        out: set[str] = set()
        for o in objects_of(verb) + children(verb, "attr", "oprd"):
            out |= phrase_lemmas(o)
        for x in children(verb, "xcomp"):
            for o in children(x, "dobj"):
                out |= phrase_lemmas(o)
        return out

    def match(self, verb: Token) -> Match | None:
        found = self._entry(verb)
        if found is None:
            return None
        entry, key = found
        best: tuple[tuple[int, int], Pattern, frozenset[int]] | None = None
        objects = self._object_phrases(verb)
        for p in entry.patterns:
            ok, consumed = self._pattern_fits(p, verb)
            if ok:
                # prefer the more specific pattern, then the longer matched object ("telephone discussion")
                longest = max((len(o.split()) for o in p.object & objects), default=0)
                rank = (p.specificity, longest)
                if best is None or rank > best[0]:
                    best = (rank, p, consumed)
        if best is not None:
            _, p, consumed = best
            preps = p.prep or entry.target_prep or DEFAULT_TARGET_PREPS
            return Match(p.code, f"verb:{key}:{_describe(p)}", preps, consumed)
        if entry.default:
            return Match(entry.default, f"verb:{key}:default", entry.target_prep or DEFAULT_TARGET_PREPS, frozenset())
        return None

    # -- actors ------------------------------------------------------------------------------
    @staticmethod
    def _actor(tok: Token | None, actors: DocActors, depth: int = 0) -> Mention | None:
        """The actor a noun phrase denotes: its own mention, or through "of"/"from"
        ("forces of Russia", "tens of thousands of Iraqi Kurds")."""
        if tok is None:
            return None
        m = actors.at(tok)
        if m is not None or depth > 2:
            return m
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in ("of", "from"):
                for o in c.children:
                    if o.dep_ == "pobj":
                        found = Coder._actor(o, actors, depth + 1)
                        if found is not None:
                            return found
        return None

    def _sources(self, verb: Token, actors: DocActors) -> tuple[list[Mention], str]:
        subj, how = subject_of(verb)
        if subj is None:
            return [], how
        found = [m for s in with_conjuncts(subj) for m in (actors.all_at(s) or [x for x in [self._actor(s, actors)] if x])]
        if found:
            return found, how
        author = self._author_of_instrument(subj, actors)
        return ([author], "instrument-author") if author else ([], how)

    def _author_of_instrument(self, thing: Token, actors: DocActors) -> Mention | None:
        """"Trump signed an order that threatens ...": the order's author acts through it."""
        if thing.lemma_.lower() not in INSTRUMENT_NOUNS:
            return None
        for c in thing.children:  # "the order, signed by Trump, ..."
            if c.dep_ == "acl":
                for a in c.children:
                    if a.dep_ == "agent":
                        for o in a.children:
                            if o.dep_ == "pobj" and (m := self._actor(o, actors)):
                                return m
            if c.dep_ in ("poss", "compound", "amod") and (m := self._actor(c, actors)):
                return m  # "Washington's order", "the US decree"
        if thing.dep_ in ("dobj", "nsubjpass") and thing.head.pos_ in ("VERB", "AUX"):
            subj, _ = subject_of(thing.head)
            if subj is not None and subj.i != thing.i:
                return self._actor(subj, actors)
        return None

    def _targets(
        self, verb: Token, actors: DocActors, preps: frozenset[str], source_country: str | None = None,
    ) -> tuple[list[Mention], str]:
        """Named targets first; an unidentified agent ("protesters") only when no named one is found."""
        found, how = self._targets_any(verb, actors, preps, source_country)
        if found:
            return found, how
        for o in objects_of(verb) + children(verb, "dative"):
            generic = [m for oc in with_conjuncts(o) if (m := self._actor(oc, actors))]
            if generic:
                return generic, "object-agent"
        return [], "none"

    def _targets_any(
        self, verb: Token, actors: DocActors, preps: frozenset[str], source_country: str | None = None,
    ) -> tuple[list[Mention], str]:
        own: list[Mention] = []  # "recalled its ambassador from Washington": the own side is not the target
        for o in objects_of(verb) + children(verb, "dative"):
            found = [m for oc in with_conjuncts(o) if (m := self._actor(oc, actors)) and m.how != "agent"]
            if found and source_country and all(m.actor.country == source_country for m in found):
                own = own or found
                continue
            if found:
                return found, "object"
            if o.lemma_.lower() in self.lex.nouns:  # "condemned the US strikes": the strikes' author
                found = [m for c in o.children if c.dep_ in ("poss", "compound", "amod", "nmod") and (m := self._actor(c, actors))]
                if found:
                    return found, "object-event-author"
        if verb.dep_ == "acl" and verb.tag_ == "VBN" and agent_of(verb) is not None:
            # "talks hosted by Turkey": the talks' participants are the targets
            patient = verb.head
            found = actors.all_at(patient)
            clause = patient.head.head if patient.dep_ == "pobj" else patient.head  # "signed ... after talks mediated by"
            if not found and patient.dep_ in ("dobj", "nsubjpass", "pobj") and clause.pos_ in ("VERB", "AUX"):
                subj, _ = subject_of(clause)
                found = [m for sj in (with_conjuncts(subj) if subj is not None else []) for m in actors.all_at(sj)]
            if found:
                return found, "participants"
        for comp in children(verb, "xcomp", "ccomp"):  # "threatened Mexico to do the same"
            for subj in children(comp, "nsubj"):
                m = self._actor(subj, actors)
                if m is not None:
                    return [m], "complement-subject"
        candidates = [(p, o) for p, o in preps_of(verb)]
        for o in [oc for obj in objects_of(verb) for oc in with_conjuncts(obj)]:
            candidates += preps_of(o)
            for _, po in preps_of(o):  # "a shipment of oil from PEMEX to Cuba"
                candidates += preps_of(po)
            for rc in children(o, "relcl"):  # "the aid Cuba needs": the beneficiary
                candidates += [("", sj) for sj in children(rc, "nsubj")]
        for x in children(verb, "xcomp"):
            candidates += preps_of(x) + [("", o) for o in children(x, "dobj")]
            for o in children(x, "dobj"):
                candidates += preps_of(o)
        for prep, o in candidates:
            if prep in preps or prep == "":
                m = self._actor(o, actors)
                if m is None or m.how == "agent":
                    continue
                place = m.how in ("alias", "metonym") or (m.how == "country+noun" and o.lemma_.lower() in PLACE_NOUNS)
                if prep in LOCATIVE_PREPS and not (place and m.actor.kind in ("country", "group")):
                    continue  # "in Caracas" is a place; "in the largest U.S. operation" is not a target
                if source_country and m.actor.country == source_country and prep in LOCATIVE_PREPS:
                    continue
                return [m], f"prep:{prep or 'object'}"
        if own:
            return own, "object-own"
        return [], "none"

    # -- coding -----------------------------------------------------------------------------
    def code_sentence(
        self, sent: SpacySpan, sent_index: int, doc: Document, actors: DocActors, offset: int = 0,
        history: list[Event] | None = None,
    ) -> list[Event]:
        """Code one sentence. ``history`` holds the document's earlier events (for event anaphora)."""
        history = history or []
        events: list[Event] = []
        matches: dict[int, Match] = {}
        for tok in sent:
            if tok.pos_ in ("VERB", "AUX") or (tok.pos_ == "NOUN" and tok.dep_ == "ROOT"):
                m = self.match(tok)
                if m is not None:
                    matches[tok.i] = m
        consumed = {i for m in matches.values() for i in m.consumed}
        for i, m in matches.items():
            if i in consumed:
                continue
            verb = sent.doc[i]
            if self.lex.code(m.code).code in PLAIN_STATEMENTS and verb.lemma_.lower() in self.reporting:
                continue  # "X said ...": the content is coded, not the act of saying
            built = self._build(verb, m, sent, sent_index, doc, actors, offset, history=[*history, *events])
            events += built
        events += self._nominal(sent, sent_index, doc, actors, offset, {e.evidence.trigger.start for e in events})
        events += self._obligations(sent, sent_index, doc, actors, offset)
        return events

    def _obligations(
        self, sent: SpacySpan, sent_index: int, doc: Document, actors: DocActors, offset: int,
    ) -> list[Event]:
        """"Russia said Sudan must return the helicopter": a demand by the speaker on the subject."""
        out: list[Event] = []
        for verb in sent:
            if verb.pos_ not in ("VERB", "AUX") or verb.dep_ != "ccomp":
                continue
            modal = [c for c in verb.children if c.dep_ == "aux" and c.lower_ in OBLIGATION_AUX]
            if not modal or verb.head.lemma_.lower() not in self.reporting:
                continue
            subj, _ = subject_of(verb)
            targets = [m for t in (with_conjuncts(subj) if subj is not None else []) for m in actors.all_at(t)]
            if not targets:
                continue
            code = "020" if modal[0].lower_ == "should" else "100"
            match = Match(code, f"obligation:{modal[0].lower_}", frozenset(), frozenset())
            speakers, how = self._sources(verb.head, actors)
            if not speakers:
                continue
            for ev in self._build(verb.head, match, sent, sent_index, doc, actors, offset, nominal=(speakers, how)):
                out += [replace(ev, target=t, event_id=event_id(doc.doc_id, ev.evidence.trigger.start, ev.source.start,
                                                                 ev.source.actor.actor_id, t.start, t.actor.actor_id, code),
                                rule=f"{ev.rule.split(';')[0]}; source={how}; target=obligated-subject")
                        for t in targets if t.actor.actor_id != ev.source.actor.actor_id]
        return out

    def _reacted_to(self, verb: Token, sources: list[Mention], history: list[Event]) -> Mention | None:
        """"Mexico condemned the operation": the operation is the latest act by someone else."""
        objs = objects_of(verb) + [o for p, o in preps_of(verb) if p in ("as", "for", "over", "of", "against")]
        if not any(o.lemma_.lower() in ACT_NOUNS for o in objs):
            return None
        mine = {s.actor.country or s.actor.actor_id for s in sources}
        nouns = {o.lemma_.lower() for o in objs}
        roots: set[str] = set()
        for n in nouns:
            if n in CONFLICT_ACTS:
                roots |= {"17", "18", "19", "20"}
            elif n in self.lex.nouns:
                roots.add(self.lex.code(self.lex.nouns[n].code).root)
        # most specific first: an act of the named kind that had a target, then of that kind, then any act
        passes: tuple[Callable[[Event], bool], ...] = (
            lambda ev: bool(roots) and ev.code.root in roots and ev.target is not None,
            lambda ev: bool(roots) and ev.code.root in roots,
            lambda ev: ev.code.root not in REACTION_ROOTS and ev.target is not None,
            lambda ev: ev.code.root not in REACTION_ROOTS,
        )
        for accept in passes:
            for ev in reversed(history):
                if (ev.source.actor.country or ev.source.actor.actor_id) not in mine and accept(ev):
                    return ev.source
        return None

    def _build(
        self, verb: Token, m: Match, sent: SpacySpan, sent_index: int, doc: Document, actors: DocActors,
        offset: int, nominal: tuple[list[Mention], str] | None = None, history: list[Event] | None = None,
    ) -> list[Event]:
        sources, subj_how = self._sources(verb, actors) if nominal is None else nominal
        if not sources:
            return []
        targets, tgt_how = self._targets(verb, actors, m.target_preps, sources[0].actor.country)
        code = self.lex.code(m.code)
        if (not targets or tgt_how == "object-own") and code.root in REACTION_ROOTS and history is not None:
            prior = self._reacted_to(verb, sources, history)
            if prior is not None:
                targets, tgt_how = [prior], "event-anaphora"
        modality, mod_cue = modality_of(verb, self.lex, code.root)
        attribution = attribution_of(verb, self.lex, lambda t: self._actor(t, actors), sent)
        trigger = self._trigger(verb, offset)
        sentence = Span(sent.text, sent.start_char + offset, sent.end_char + offset)
        quantities = self._quantities(verb, sent, offset)
        when = self._date(verb, doc, sent)
        if not targets and not nominal and verb.dep_ in ("advcl", "conj", "xcomp") and verb.head.pos_ in ("VERB", "AUX"):
            targets, tgt_how = self._targets(verb.head, actors, m.target_preps)  # "stepped up aid to Cuba, sending ..."
            tgt_how = f"inherited-{tgt_how}" if targets else tgt_how
        slots: list[Mention | None] = [*targets] if targets else [None]
        pairs: list[tuple[Mention, Mention | None]] = [(s, t) for s in sources for t in slots]
        if not targets and len(sources) > 1 and code.root in SYMMETRIC_ROOTS:
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
                    doc_id=doc.doc_id, date=when[0], date_precision=when[1],  # type: ignore[arg-type]
                    source=s, target=t, code=code, modality=modality, attribution=attribution,
                    evidence=Evidence(sentence=sentence, trigger=trigger), quantities=quantities,
                    rule=rule, confidence=round(max(0.05, min(1.0, conf)), 2), sentence_index=sent_index,
                ))
        return out

    def _nominal(
        self, sent: SpacySpan, sent_index: int, doc: Document, actors: DocActors, offset: int, taken: set[int],
    ) -> list[Event]:
        out: list[Event] = []
        for tok in sent:
            if tok.pos_ != "NOUN":
                continue
            entry = self.lex.nouns.get(tok.lemma_.lower())
            if entry is None:
                continue
            start = tok.idx + offset
            if start in taken or (tok.head.i != tok.i and tok.head.idx + offset in taken and tok.dep_ == "dobj"):
                continue
            sources: list[Mention] = []
            for c in tok.children:
                if c.dep_ in ("poss", "amod", "compound", "nmod") and (m := self._actor(c, actors)):
                    sources.append(m)
                if c.dep_ in ("prep", "agent") and c.lower_ in ("by", "from") and not entry.target_prep & {"from"}:
                    for o in c.children:
                        if o.dep_ == "pobj" and (m := self._actor(o, actors)):
                            sources.append(m)
            if not sources:
                continue
            match = Match(entry.code, f"noun:{entry.lemma}", entry.target_prep or DEFAULT_TARGET_PREPS, frozenset())
            out += self._build(tok, match, sent, sent_index, doc, actors, offset, nominal=(sources, "possessor"))
        return out

    @staticmethod
    def _trigger(verb: Token, offset: int) -> Span:
        toks = [verb, *children(verb, "prt")]
        start, end = min(t.idx for t in toks), max(t.idx + len(t) for t in toks)
        return Span(verb.doc.text[start:end], start + offset, end + offset)

    @staticmethod
    def _quantities(verb: Token, sent: SpacySpan, offset: int) -> tuple[Quantity, ...]:
        sub = list(verb.subtree)
        lo, hi = sub[0].idx, sub[-1].idx + len(sub[-1])
        found = find_quantities(sent.doc.text[lo:hi], offset + lo)
        return tuple(q for q in found if q.unit not in ("day",) or q.per)

    @staticmethod
    def _date(verb: Token, doc: Document, sent: SpacySpan) -> tuple[str | None, str | None]:
        ents = [e for e in sent.ents if e.label_ == "DATE" and (e.root.head == verb or e.root.head.head == verb)]
        for e in ents:
            found = resolve_date(e.text, doc.date)
            if found:
                return found
        return doc.date, doc.date_precision


def _describe(p: Pattern) -> str:
    parts = [f"{k}={'|'.join(sorted(v))}" for k, v in (
        ("object", p.object), ("xcomp", p.xcomp), ("prep", p.prep), ("particle", p.particle), ("complement", p.complement),
    ) if v]
    return ",".join(parts) or "pattern"
