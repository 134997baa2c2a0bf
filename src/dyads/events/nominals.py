"""Nominal events: acts named by a noun ("US sanctions on Cuba", "the expulsion of two diplomats by
Norway", "talks between Israel and Hamas", "ordered the shipment of diesel to Cuba"), with the source
from a possessor, an adjective, a "by" agent, a "between" pair, a meeting adjunct or the light verb that
governs the noun.

A mixin of `dyads.events.coder.Coder` (it builds events through the coder's ``_build``).
"""

from __future__ import annotations

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from dyads.actors.resolver import DocActors
from dyads.events.lexicon import NounEntry
from dyads.events.matching import DEFAULT_TARGET_PREPS, Match
from dyads.events.roles import BuildingEvents
from dyads.events.syntax import object_lemmas, objects_of, preps_of, subject_of, with_conjuncts
from dyads.model import Document, Event, Mention

STATE_ROOTS = {"05"}
# nouns that frame an act with its "by"/"against" phrases ("an act of aggression by X against Y")
FRAME_NOUNS = {"act", "acts", "campaign", "wave", "series", "spate", "round", "string", "barrage", "day", "night", "week"}
MEETING_ROOTS = {"03", "04", "05"}  # acts whose adjunct ("during talks with X") involves the clause's subject
ADJUNCT_PREPS = {"during", "at", "after", "following", "in"}
# "the attack", "these strikes": a definite act noun of material conflict names a happening told before,
# at most this many sentences before (one happening's account; further back it is another)
ANAPHORIC_ROOTS = {"17", "18", "19", "20"}
DEFINITE = {"the", "this", "that", "these", "those"}
ANAPHORA_SENTENCES = 6
# a proper-name modifier of an act noun that names a place, not an author
PLACE_ENTITIES = {"GPE", "LOC", "FAC"}
# acts of force whose target may be the state of the place they landed on
STRIKING_ROOTS = {"18", "19", "20"}
PLACE_KINDS = {"country", "group"}  # a state, or a branch of it named by its seat ("Beirut")
LANDING_PREPS = {"on", "at", "against", "into"}  # where force lands; "of" names who undergoes it
# "came under attack", "was under bombardment": the subject undergoes the act of force
UNDERGOING_VERBS = {"come", "be", "remain", "fall", "stay"}
STANDING_CONFLICTS = {"war", "conflict", "hostility", "hostilities", "insurgency"}
# how an antecedent's sides were found when they were read off its own sentence: only such an event is
# told again by "the attack" (a side taken from context would spread one guess into other sentences)
OWN_SENTENCE_SOURCES = ("subject", "passive-agent", "possessor", "frame-by", "between", "conj-subject")
OWN_SENTENCE_TARGETS = ("object", "prep:", "passive-subject", "between", "possessor-undergoes", "co-participant", "participants")


def _read_in_its_sentence(e: Event) -> bool:
    parts = dict(p.split("=", 1) for p in e.rule.split("; ")[1:] if "=" in p)
    return parts.get("source", "").startswith(OWN_SENTENCE_SOURCES) and parts.get("target", "").startswith(OWN_SENTENCE_TARGETS)


def _names_place(compound: Token, mention: Mention | None) -> bool:
    """A proper name before an act noun names where the act landed ("the Gaza strikes", "the Kremlin
    attack") when it is a place, a state or a seat of government; an armed group, a party or an
    international body named there is the act's author ("the Hezbollah attack", "a Taliban offensive"),
    as is a short state abbreviation ("US strikes"). A person named there is as often the one struck
    ("the Soleimani strike"), so only a name the resolver read as an organisation, or as a group it
    places in a country ("Hezbollah" -> Lebanon), qualifies."""
    if compound.text.isupper() and len(compound.text) <= 4:
        return False
    if mention is None or compound.ent_type_ in PLACE_ENTITIES:
        return True
    return not (mention.actor.kind == "organisation" or mention.how == "country+noun")


def _criticisable(m: Mention) -> bool:
    """A person, or an office named by its holder ("the Kenyan president"), rather than a unit, a place
    or a seat ("Kenyan troops", "Kyiv"): what "comes under attack" from words, not from force."""
    return m.actor.kind == "person" or ("agent" in m.how and m.actor.sector != "MIL")


class NominalEvents(BuildingEvents):
    """Event nouns and where their sources stand."""

    def _nominal(
        self, sent: SpacySpan, sent_index: int, doc: Document, actors: DocActors, offset: int, taken: set[int],
        history: list[Event], reacting: set[int] | None = None,
    ) -> list[Event]:
        """``taken``: triggers already coded; ``reacting``: those of reactions, whose object act is coded too."""
        governed = taken - (reacting or set())
        out: list[Event] = []
        for tok in sent:
            if tok.pos_ != "NOUN":
                continue
            entry = self._noun_entry(tok)
            if entry is None:
                continue
            start = tok.idx + offset
            if start in taken or (tok.head.i != tok.i and tok.head.idx + offset in governed and tok.dep_ == "dobj"):
                continue
            sources: list[Mention] = []
            patients: list[Mention] = []  # "his arrest": whoever the possessor is, it undergoes the act
            undergone = entry.lemma.split()[-1] in self.lex.patient_nouns
            for c in tok.children:
                m = self._actor(c, actors) if c.dep_ in ("poss", "amod", "compound", "nmod") else None
                if c.dep_ == "compound" and c.pos_ == "PROPN" and _names_place(c, m):
                    continue  # "Venezuela raid", "Gaza strikes" name the place; "US strikes", "Hezbollah attack" the author
                if m is not None:
                    (patients if undergone and c.dep_ == "poss" else sources).append(m)
                if c.dep_ in ("prep", "agent") and c.lower_ in ("by", "from") and not entry.target_prep & {"from"}:
                    for o in c.children:
                        if o.dep_ == "pobj" and (m := self._actor(o, actors)):
                            sources.append(m)
            how, governor = "possessor", None
            frame = tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ == "of" else None
            if not sources and not entry.support_only and frame is not None and frame.lemma_.lower() in FRAME_NOUNS:
                # "an act of aggression by Pakistan against India", "a wave of arrests by the police": the
                # frame noun carries the act's "by" and "against" phrases
                sources = [m for p, o in preps_of(frame) if p in ("by", "from") if (m := self._actor(o, actors))]
                if sources:
                    how, governor = "frame-by", frame
            if entry.support_only:
                sources = []  # a mined noun names an act only as a light verb's object
            elif not sources:
                sources = self._agents_in_phrase(tok, actors)
            if not sources and not entry.support_only and self._under_force(tok) is not None:
                sources, how = self._under_force_agents(tok, actors), "under-force-by"
            if not sources and not entry.support_only:
                # "talks between Israel and Hamas": each with the other; an agreement only when the text
                # makes it ("an agreement reached between"), not when it names one ("the trade agreement between")
                sources = self._between(tok, actors, acl_only=self.lex.code(entry.code).root in STATE_ROOTS)
                how = "between" if len(sources) > 1 else how
                sources = sources if len(sources) > 1 else []
            if not sources and not entry.support_only and self.lex.code(entry.code).root in MEETING_ROOTS:
                sources, how = self._meeting_adjunct(tok, actors)
            if not sources:
                governor = self._support_governor(tok)
                if governor is None or governor.idx + offset in taken:
                    earlier = None if entry.support_only else self._happening_named_before(tok, entry.code, [*history, *out], sent_index)
                    if earlier is None:
                        continue
                    sources, how, governor = [earlier.source], "event-anaphora", None
                elif entry.support_only and self._clashes(governor, entry.code):
                    continue  # "will send two patrol boats": a mined "boat" (seized, 1711) is not what sending does
                else:
                    sources, subj_how = self._sources(governor, actors)
                    how = f"support-verb:{self._support_key(governor)}" + ("" if subj_how == "subject" else f"+{subj_how}")
            if not sources:
                continue
            match = Match(entry.code, f"noun:{entry.lemma}", entry.target_prep or DEFAULT_TARGET_PREPS, frozenset())
            out += self._build(tok, match, sent, sent_index, doc, actors, offset, nominal=(sources, how),
                               history=[*history, *out], governor=governor, patients=patients)
        return out

    def _happening_named_before(self, noun: Token, code: str, history: list[Event], sent_index: int) -> Event | None:
        """"Al-Shabab attacked the base on Tuesday. ... A villager who witnessed the attack said ...": a
        definite act noun of material conflict with no author in its own sentence names the happening
        the article told a few sentences before (its latest complete event of the same root); the
        source is that event's, the target found as for any nominal act (its own phrase, else the
        same act's earlier target)."""
        root = self.lex.code(code).root
        if root not in ANAPHORIC_ROOTS or any(c.dep_ == "poss" for c in noun.children):
            return None
        if not any(c.dep_ == "det" and c.lower_ in DEFINITE for c in noun.children):
            return None
        if noun.lemma_.lower() in STANDING_CONFLICTS:
            return None  # "the war" names a standing conflict, not the act just told
        return next((e for e in reversed(history) if e.target is not None and e.code.root == root
                     and 0 < sent_index - e.sentence_index <= ANAPHORA_SENTENCES and _read_in_its_sentence(e)), None)

    def _noun_entry(self, tok: Token) -> NounEntry | None:
        """The lexicon noun a token heads, the longest phrase first ("drone strike" before "strike")."""
        surface = tok.lower_
        found = [self.lex.nouns[p] for p in sorted(object_lemmas(tok)) if p in self.lex.nouns]  # "expulsion of diplomat"
        # deterministic: the longest phrase, then a curated entry over one mined from light-verb
        # patterns, then the word as written ("restrictions") over its lemma
        return max(found, key=lambda e: (len(e.lemma.split()), not e.support_only, e.lemma.split()[-1] == surface, e.lemma),
                   default=None)

    def _support_key(self, verb: Token) -> str:
        prt = [c.lower_ for c in verb.children if c.dep_ == "prt"]
        return f"{verb.lemma_.lower()} {prt[0]}" if prt else verb.lemma_.lower()

    def _support_object(self, verb: Token) -> Token | None:
        """The event noun a light verb governs: its object, or the object of "with"/"to"
        ("responded with tariffs", "resorted to force")."""
        if self._support_key(verb) not in self.lex.support_verbs and verb.lemma_.lower() not in self.lex.support_verbs:
            return None
        cands = [oc for o in objects_of(verb) for oc in with_conjuncts(o)]
        cands += [o for p, o in preps_of(verb) if p in ("with", "to")]
        return next((c for c in cands if c.pos_ == "NOUN" and self._noun_entry(c) is not None), None)

    def _support_governor(self, noun: Token) -> Token | None:
        head = noun
        while head.dep_ == "conj" and head.head.i != head.i:
            head = head.head
        verb = head.head
        if head.dep_ == "pobj" and verb.dep_ == "prep" and verb.lower_ in ("with", "to"):
            verb = verb.head
        elif head.dep_ not in ("dobj", "obj", "nsubjpass"):
            return None
        if verb.pos_ not in ("VERB", "AUX") or self._support_object(verb) is None:
            return None
        return verb

    def _clashes(self, verb: Token, code: str) -> bool:
        """A mined light-verb noun took its code from one verb's pattern ("seized a boat"): under a verb
        whose own default reading is of the other kind (cooperation against conflict), it is not that act."""
        entry = self.lex.verbs.get(verb.lemma_.lower())
        if entry is None or entry.default is None:
            return False
        return (self.lex.code(entry.default).quad_class <= 2) != (self.lex.code(code).quad_class <= 2)

    def _under(self, noun: Token, actors: DocActors, source: Mention) -> tuple[list[Mention], str] | None:
        """"Mexico cancelled the shipment under US pressure": whoever acts under pressure (threat,
        sanctions) is its target — the subject of the clause the "under" phrase belongs to."""
        prep = noun.head
        clause = prep.head.head if prep.head.dep_ in ("dobj", "obj") else prep.head  # "cancels the shipment under ..."
        if noun.dep_ != "pobj" or prep.lower_ != "under" or clause.pos_ not in ("VERB", "AUX"):
            return None
        subj, _ = subject_of(clause)
        if subj is not None and self._under_force(noun) is not None and (
                subj.ent_type_ == "PERSON" or any(_criticisable(m) for m in actors.all_at(subj))):
            return None  # "the minister came under attack from X": a person under attack is criticised, not struck
        found = [m for m in (actors.all_at(subj) if subj is not None else []) if m.actor.country != source.actor.country]
        return (found, "under-subject") if found else None

    def _nominal_target(self, noun: Token, actors: DocActors, source: Mention, root: str,
                        preps: frozenset[str]) -> tuple[list[Mention], str] | None:
        """The target of a nominal act whose own phrase names none directly: whoever acts under its
        pressure, else the state where an act of force landed."""
        return self._under(noun, actors, source) or self._struck_place(noun, actors, source, root, preps)

    def _struck_place(self, noun: Token, actors: DocActors, source: Mention, root: str,
                      preps: frozenset[str]) -> tuple[list[Mention], str] | None:
        """"a Kenyan drone strike on a camp near Mogadishu", "a Turkish raid on an army depot in northern
        Syria": force lands on a thing in a place, and the state of that place is
        what it strikes. Only for acts of force, only through the noun's own target preposition, and
        only a place name inside the struck thing's phrase (not a group or person named there, not the
        author's own state)."""
        if root not in STRIKING_ROOTS:
            return None
        for p, o in preps_of(noun):
            if p not in preps or p not in LANDING_PREPS or actors.at(o) is not None:
                continue
            for t in o.subtree:
                m = actors.at(t)
                if t.i == o.i or m is None or t.ent_type_ not in PLACE_ENTITIES or m.actor.kind not in PLACE_KINDS:
                    continue
                if m.actor.country and m.actor.country != source.actor.country:
                    return [m], f"struck-place:{p}"
        return None

    def _under_force(self, noun: Token) -> Token | None:
        """"The base came under attack by al-Shabab", "the town was under bombardment from the army": the
        clause an act of force is the "under" phrase of, when the idiom says its subject undergoes it."""
        prep = noun.head
        if noun.dep_ != "pobj" or prep.lower_ != "under" or self.lex.code(self._noun_code(noun)).root not in STRIKING_ROOTS:
            return None
        clause = prep.head
        return clause if clause.pos_ in ("VERB", "AUX") and clause.lemma_.lower() in UNDERGOING_VERBS else None

    def _noun_code(self, noun: Token) -> str:
        entry = self._noun_entry(noun)
        return entry.code if entry is not None else "000"

    def _under_force_agents(self, noun: Token, actors: DocActors) -> list[Mention]:
        """The author of force undergone: the "by"/"from" phrase of the undergoing clause."""
        clause = self._under_force(noun)
        if clause is None:
            return []
        return [m for p, o in preps_of(clause) if p in ("by", "from") if (m := self._actor(o, actors))]

    def _meeting_adjunct(self, noun: Token, actors: DocActors) -> tuple[list[Mention], str]:
        """"During a phone call with Blinken, Burhan stressed ...": whoever acts in the clause took part
        in the meeting, call or talks its adjunct names (only for such cooperative acts)."""
        prep = noun.head
        if noun.dep_ != "pobj" or prep.lower_ not in ADJUNCT_PREPS or prep.head.pos_ not in ("VERB", "AUX"):
            return [], "possessor"
        found, how = self._sources(prep.head, actors)
        return (found, f"adjunct-{how}") if found else ([], "possessor")

    def _between(self, noun: Token, actors: DocActors, acl_only: bool = False) -> list[Mention]:
        out: list[Mention] = []
        acls = [c for c in noun.children if c.dep_ == "acl"]  # "an agreement reached between X and Y"
        for p, o in [*([] if acl_only else preps_of(noun)), *(po for a in acls for po in preps_of(a))]:
            if p == "between":
                out += [m for m in actors.all_at(o) or [x for x in [self._actor(o, actors)] if x]]
        return out

    def _agents_in_phrase(self, noun: Token, actors: DocActors) -> list[Mention]:
        """"the expulsion of two diplomats by Norway": a "by" agent inside the noun phrase, where
        the parser hung it on a modifier rather than on the event noun."""
        for t in noun.subtree:
            if t.i == noun.i or t.pos_ in ("VERB", "AUX"):
                continue
            if t.dep_ in ("prep", "agent") and t.lower_ == "by" and t.head.i != noun.i:
                found = [m for o in t.children if o.dep_ == "pobj" and (m := self._actor(o, actors))]
                if found:
                    return found
        return []
