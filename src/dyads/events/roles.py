"""Who acts on whom: the source and target actors of a predicate.

Sources come through subjects, passive agents, control, coordination, relative clauses and the
instruments actors act through; targets through objects, prepositions, places, clause subjects,
participants of hosted events and the authors of the acts reacted to (event anaphora)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from dyads.actors.resolver import DocActors
from dyads.events.lexicon import Lexicon
from dyads.events.matching import DEFAULT_TARGET_PREPS, Match
from dyads.events.passive_parties import parties_of_passive
from dyads.events.syntax import PSYCH_VERBS, agent_of, children, object_lemmas, objects_of, preps_of, subject_of, with_conjuncts
from dyads.model import Document, Event, Mention

PLACE_NOUNS = {"region", "province", "city", "capital", "town", "port", "border", "territory", "coast", "waters",
               "village", "district", "state", "oblast", "area", "base", "airspace", "island", "soil", "embassy", "refinery"}
DEFAULT_PREPS = frozenset({"to", "with", "against", "on", "toward", "towards", "at", "for", "in"})
# Nouns through which "of"/"from" reaches the actor ("tens of thousands of students", "troops from Chad")
COLLECTIVES = {"ten", "tens", "hundred", "hundreds", "thousand", "thousands", "million", "millions", "dozen", "dozens",
               "group", "member", "delegation", "team", "representative", "official", "troop", "force", "soldier",
               "unit", "contingent", "some", "many", "most", "all", "part", "majority", "minority", "side", "wing",
               "leadership", "government", "ministry", "army", "navy", "police", "people", "citizen", "national",
               "resident", "supporter", "envoy", "minister", "president", "leader", "head", "spokesperson",
               "spokesman", "spokeswoman", "ambassador", "embassy", "consulate", "office", "department", "coalition",
               "alliance", "bloc", "faction", "branch", "arm", "militia", "crew", "fleet", "board", "executive board",
               "council", "committee", "secretariat", "staff", "management", "directorate", "presidium", "mission"}
# Kinds of act a reaction's object may name, beyond the noun lexicon ("rejected the protest" = a complaint)
ACT_NOUN_ROOTS = {"protest": {"11", "14"}, "complaint": {"11"}, "accusation": {"11"}, "allegation": {"11"},
                  "charge": {"11"}, "offer": {"03"}, "proposal": {"03"}, "request": {"02"}, "appeal": {"02"},
                  "demand": {"10"}, "call": {"02", "10"}, "listing": {"16"}, "measures": {"16"}}
FIRST_PERSON = {"we", "i"}
# verbs that, with two subjects, relate them to each other whatever act they agree on ("X and Y agreed to a
# ceasefire", "... clashed")
RECIPROCAL_VERBS = {"agree", "clash", "negotiate"}
LOCATIVE_PREPS = {"in", "at", "near", "into", "over", "across", "inside"}
# Documents and decisions through which an actor acts ("an order that threatens tariffs")
INSTRUMENT_NOUNS = {"order", "executive order", "decree", "law", "bill", "resolution", "statement", "measure",
                    "policy", "directive", "declaration", "communique", "memo", "proclamation", "decision", "plan",
                    "legislation", "package", "note", "letter", "report", "ultimatum", "sanction", "tariff"}
CONFLICT_ACTS = {"operation", "raid", "strike", "attack", "invasion", "bombing", "capture", "arrest", "aggression",
                 "incursion", "seizure", "crackdown", "assault", "killing", "launch", "blockade", "intervention", "test",
                 "shelling", "shooting", "offensive", "airstrike"}
FORCE_ROOTS = {"15", "17", "18", "19", "20"}
# Responses to someone's act: "condemned the operation" targets the operation's author
REACTION_ROOTS = {"01", "05", "10", "11", "12", "14"}
ACT_NOUNS = {"order", "operation", "decision", "move", "measure", "plan", "policy", "action", "raid", "strike",
             "attack", "sanction", "blockade", "visit", "trip", "deal", "agreement", "offer", "proposal", "resolution",
             "accusation", "claim", "step", "campaign", "intervention", "invasion", "bombing", "capture", "arrest",
             "threat", "tariff", "embargo", "pressure", "aggression", "incursion", "seizure", "launch", "test",
             "announcement", "remark", "comment", "statement", "decree", "law", "crackdown", "assault", "killing",
             "protest", "complaint", "criticism", "condemnation", "demand", "request", "appeal", "call", "listing",
             "sanctions", "measures", "allegation", "charge", "report"}


def sentence_words(ev: Event) -> set[str]:
    """The lower-cased words of an event's evidence sentence (how later sentences find the act again)."""
    return {w.lower().rstrip(".,;:") for w in ev.evidence.sentence.text.split()}


Found = tuple[list[Mention], str]  # target mentions and how they were found (for the event's rule)


@dataclass
class TargetQuery:
    """What every target strategy reads; ``own`` collects the source's own side met on the way."""

    verb: Token
    actors: DocActors
    preps: frozenset[str]
    source_country: str | None
    depth: int = 0
    react: bool = False
    own: list[Mention] = field(default_factory=list)
    predicate: frozenset[str] = frozenset()  # object words the matched pattern required ("lodged a protest")

    def is_own(self, found: list[Mention]) -> bool:
        return bool(self.source_country) and all(m.actor.country == self.source_country for m in found)

    def complements(self) -> list[Token]:
        """Complement clauses and purpose clauses ("to help restore power")."""
        purposes = [c for c in children(self.verb, "advcl") if any(a.lower_ == "to" and a.dep_ == "aux" for a in c.children)]
        return children(self.verb, "xcomp", "ccomp") + purposes


class RoleFinding:
    """Source and target finding; targets through the strategies of ``TARGET_STRATEGIES``."""

    lex: Lexicon

    @staticmethod
    def _actor(tok: Token | None, actors: DocActors, depth: int = 0, possessive: bool = False) -> Mention | None:
        """The actor a noun phrase denotes: its own mention, or through "of"/"from"
        ("forces of Russia", "tens of thousands of Iraqi Kurds")."""
        if tok is None:
            return None
        m = actors.at(tok)
        if m is not None and (fused := RoleFinding._fused_state(tok, m, actors)) is not None:
            return fused
        if m is not None or depth > 2:
            return m
        through = possessive or tok.tag_ in ("NNS", "NNPS") or tok.lemma_.lower() in COLLECTIVES | PLACE_NOUNS \
            or tok.pos_ in ("NUM", "PRON", "DET", "ADJ")
        if tok.lemma_.lower() in COLLECTIVES and tok.pos_ in ("NOUN", "PROPN"):
            for c in tok.children:  # "the agency's Board of Governors", "Russia's delegation": the owner's body
                if c.dep_ == "poss" and (owner := actors.at(c)) is not None and owner.how != "agent":
                    return owner
        for c in reversed([c for c in tok.children if c.dep_ == "appos"]):
            if actors.at(c) is not None:  # a dateline or a title in front of the name: the name is the last
                return actors.at(c)       # ("UNITED NATIONS (Reuters) - The U.N. Security Council extended ...")
        for c in tok.children:
            if through and c.dep_ == "prep" and c.lower_ in ("of", "from"):  # "thousands of Iraqi Kurds", not "a donation of rice from China"
                for o in c.children:
                    if o.dep_ == "pobj":
                        found = RoleFinding._actor(o, actors, depth + 1, possessive)
                        if found is not None:
                            return found
        return None

    @staticmethod
    def _fused_state(tok: Token, m: Mention, actors: DocActors) -> Mention | None:
        """Two states' names side by side with nothing between are not one phrase: a headline run on into
        the next ("sanctions on Cuba China steps up aid"), parsed as a compound. The name that belongs to
        the phrase is the first (next to its preposition or verb); the second begins the next clause."""
        if m.actor.kind != "country" or tok.pos_ != "PROPN":
            return None
        for c in tok.children:
            if c.dep_ != "compound" or c.i != tok.i - 1 or c.pos_ != "PROPN":
                continue
            first = actors.at(c)
            if first is not None and first.start != m.start and first.actor.kind == "country" \
                    and first.actor.country and first.actor.country != m.actor.country:
                return first
        return None

    def _sources(self, verb: Token, actors: DocActors) -> tuple[list[Mention], str]:
        subj, how = subject_of(verb)
        if subj is None and how == "passive-no-agent":
            return parties_of_passive(verb, lambda t: self._actor(t, actors))
        if subj is None:
            return [], how
        found = [m for s in with_conjuncts(subj) for m in (actors.all_at(s) or [x for x in [self._actor(s, actors)] if x])]
        if found:
            return found, how
        if subj.lower_ in FIRST_PERSON:
            return [], "first-person"  # "'We call on Russia ...', the spokesperson said": the speaker's side
        for t in subj.subtree:  # "EU tariffs on Belarus Russia vows response": the run-on's second state speaks
            m = actors.at(t)
            if m is not None and t.i == verb.i - 1 and self._fused_state(t, m, actors) is not None:
                return [m], "run-on-subject"
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
        react: bool = False, predicate: frozenset[str] = frozenset(),
    ) -> tuple[list[Mention], str]:
        """Named targets first; an unidentified agent ("protesters") only when no named one is found."""
        found, how = self._targets_any(verb, actors, preps, source_country, react=react, predicate=predicate)
        if found:
            return found, how
        for o in objects_of(verb) + children(verb, "dative"):
            generic = [m for oc in with_conjuncts(o) if (m := self._actor(oc, actors))]
            if generic:
                return generic, "object-agent"
        return [], "none"

    def _targets_any(
        self, verb: Token, actors: DocActors, preps: frozenset[str], source_country: str | None = None, depth: int = 0,
        react: bool = False, predicate: frozenset[str] = frozenset(),
    ) -> tuple[list[Mention], str]:
        """The first strategy of ``TARGET_STRATEGIES`` that names a target wins; the own side
        ("recalled its ambassador from Washington") is the answer only when none does."""
        q = TargetQuery(verb, actors, preps, source_country, depth, react, predicate=predicate)
        for strategy in self.TARGET_STRATEGIES:
            found = strategy(self, q)
            if found is not None:
                return found
        return (q.own, "object-own") if q.own else ([], "none")

    # -- target strategies, in the order they are tried ------------------------------------------
    def _by_objects(self, q: TargetQuery) -> Found | None:
        """Objects and datives; an act named as object points at its author ("condemned the US strikes")."""
        for o in objects_of(q.verb) + children(q.verb, "dative"):
            found = [m for oc in with_conjuncts(o) if (m := self._actor(oc, q.actors)) and m.how != "agent"]
            if found and q.is_own(found):
                q.own = q.own or found
                continue
            if found:
                return found, "object"
            if o.lemma_.lower() in self.lex.nouns or o.lemma_.lower() in ACT_NOUNS:
                # "condemned the attack launched by the United States": the act's author
                found = [m for c in o.children if c.dep_ in ("poss", "compound", "amod", "nmod") and (m := self._actor(c, q.actors))]
                for acl in (c for c in o.children if c.dep_ == "acl" and c.tag_ == "VBN"):
                    agent = agent_of(acl)
                    if agent is not None and (m := self._actor(agent, q.actors)) is not None:
                        found.append(m)
                if found and not q.is_own(found):
                    return found, "object-event-author"  # (its own shipments: keep looking for "to Cuba")
        return None

    def _by_hosted_clause(self, q: TargetQuery) -> Found | None:
        """"the delegations held talks, hosted by Turkey": the host acts towards the talks' subjects."""
        verb = q.verb
        if verb.dep_ == "advcl" and verb.tag_ == "VBN" and agent_of(verb) is not None and verb.head.pos_ in ("VERB", "AUX"):
            subj, _ = subject_of(verb.head)
            found = [m for sj in (with_conjuncts(subj) if subj is not None else []) for m in q.actors.all_at(sj)]
            if found:
                return found, "participants"
        return None

    def _by_hosted_event(self, q: TargetQuery) -> Found | None:
        """"talks hosted by Turkey", "signed ... after talks mediated by": the event's participants."""
        verb = q.verb
        if not (verb.dep_ == "acl" and verb.tag_ == "VBN" and agent_of(verb) is not None):
            return None
        patient = verb.head
        found = q.actors.all_at(patient)
        clause = patient.head.head if patient.dep_ == "pobj" else patient.head
        an_event = patient.lemma_.lower() in self.lex.nouns or patient.lemma_.lower() in ACT_NOUNS | {"talk", "talks"}
        if not found and an_event and patient.dep_ in ("dobj", "nsubjpass", "pobj") and clause.pos_ in ("VERB", "AUX"):
            subj, _ = subject_of(clause)
            found = [m for sj in (with_conjuncts(subj) if subj is not None else []) for m in q.actors.all_at(sj)]
        return (found, "participants") if found else None

    def _by_complement_subject(self, q: TargetQuery) -> Found | None:
        """"threatened Mexico to do the same", "warned that Tehran would ...": the complement's subject."""
        for comp in q.complements():
            for subj in children(comp, "nsubj"):
                m = self._actor(subj, q.actors)
                if m is None:  # "doubted talks with Iran would resume": the party the subject names
                    m = next((x for p, o in preps_of(subj) if p in ("with", "on", "against")
                              if (x := self._actor(o, q.actors)) is not None), None)
                if m is not None and m.how != "agent" and m.actor.country != q.source_country:
                    return [m], "complement-subject"
        return None

    def _by_prepositions(self, q: TargetQuery) -> Found | None:
        """Prepositions of the verb, of its objects and theirs ("a shipment of oil from PEMEX to Cuba"),
        beneficiaries in relative clauses ("the aid Cuba needs"), and the verb's complement's own."""
        verb = q.verb
        candidates = [(p, o) for p, o in preps_of(verb)]
        if verb.lemma_.lower() in PSYCH_VERBS:  # "concerned by Russia's decision": the cause
            candidates += [("by", o) for a in children(verb, "agent") for o in children(a, "pobj")]
        for o in [oc for obj in objects_of(verb) for oc in with_conjuncts(obj)]:
            if q.react and o.lemma_.lower() in ACT_NOUNS | set(self.lex.nouns):
                if object_lemmas(o) & q.predicate:  # "lodged a protest with X": the predicate's own object, addressed to X
                    candidates += [(p, po) for p, po in preps_of(o) if p != "of"]  # ("the release of X": X is released)
                continue  # "called the raid on Caracas an aggression": the raid's author, not Caracas
            candidates += preps_of(o)
            for _, po in preps_of(o):
                candidates += preps_of(po)
                for _, ppo in preps_of(po):
                    candidates += preps_of(ppo)
            for rc in children(o, "relcl"):
                candidates += [("", sj) for sj in children(rc, "nsubj")]
        for x in children(verb, "xcomp"):
            candidates += preps_of(x) + [("", o) for o in children(x, "dobj")]
            for o in children(x, "dobj"):
                candidates += preps_of(o)
        # a preposition the verb's own entry names ("fire at", "launch into") directs the act at whoever
        # it governs, a ship or a unit as much as a place; the default set's "at"/"in" stay locative
        declared = q.preps not in (DEFAULT_TARGET_PREPS, DEFAULT_PREPS)
        for prep, o in candidates:
            if not (prep in q.preps or prep == ""):
                continue
            m = self._actor(o, q.actors)
            if m is None or m.how == "agent":
                continue
            place = m.how in ("alias", "metonym") or (m.how == "country+noun" and o.lemma_.lower() in PLACE_NOUNS)
            directed = declared and prep != "in" and m.how == "country+agent"
            if prep in LOCATIVE_PREPS and not (place and m.actor.kind in ("country", "group")) and not directed:
                continue  # "in Caracas" is a place; "in the largest U.S. operation" is not a target
            if q.source_country and m.actor.country == q.source_country:
                if prep not in LOCATIVE_PREPS:
                    q.own = q.own or [m]  # "from its oil company PEMEX to Cuba": keep looking past the own side
                continue
            # "strikes on Ukraine and Moldova": each conjunct of the phrase is a target
            more = [c for oc in with_conjuncts(o)[1:] if (c := self._actor(oc, q.actors)) is not None
                    and c.how != "agent" and c.actor.country != q.source_country]
            more += [c for c in q.actors.all_at(o)[1:] if c.actor.country != q.source_country]  # "counterparts from X and Y"
            return [m, *more], f"prep:{prep or 'object'}"
        return None

    def _by_inner_clauses(self, q: TargetQuery) -> Found | None:
        """"warned Tehran would suspend cooperation with the IAEA", "sent generators to help restore
        power in X": the targets of the complement clause, two levels down at most."""
        for comp in q.complements() if q.depth < 2 else []:
            found, how = self._targets_any(comp, q.actors, DEFAULT_PREPS, q.source_country, q.depth + 1)
            if found and all(m.actor.country != q.source_country for m in found):
                return found, f"complement-{how}"
        return None

    TARGET_STRATEGIES: tuple[Callable[[RoleFinding, TargetQuery], Found | None], ...] = (
        _by_objects, _by_hosted_clause, _by_hosted_event, _by_complement_subject, _by_prepositions, _by_inner_clauses,
    )

    # -- coding -----------------------------------------------------------------------------
    @staticmethod
    def _answered(sources: list[Mention], history: list[Event], roots: set[str]) -> Mention | None:
        """The author of the latest act of the given roots aimed at the source: whom a denial or a
        retaliation answers ("China denied supplying missiles", "Hezbollah did not fire back")."""
        mine = {s.actor.country or s.actor.actor_id for s in sources}
        for ev in reversed(history):
            target = ev.target.actor.country or ev.target.actor.actor_id if ev.target else None
            if target in mine and ev.code.root in roots and (ev.source.actor.country or ev.source.actor.actor_id) not in mine:
                return ev.source
        return None

    def _reacted_to(self, verb: Token, sources: list[Mention], history: list[Event]) -> Mention | None:
        """"Mexico condemned the operation": the operation is the latest act by someone else."""
        objs = objects_of(verb) + [o for p, o in preps_of(verb) if p in ("as", "for", "over", "of", "against")]
        # "declared its deep disagreement with the decision": the act sits in the stance noun's phrase
        objs += [o for obj in objects_of(verb) for p, o in preps_of(obj) if p in ("with", "over", "about", "at", "against", "to")]
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
            roots |= ACT_NOUN_ROOTS.get(n, set())
        # most specific first: an act of the named kind that had a target, then of that kind, then any act
        passes: tuple[Callable[[Event], bool], ...] = (
            lambda ev: bool(roots) and ev.code.root in roots and ev.target is not None,
            # "Moscow denounced the decision": the latest act aimed at the side that reacts
            # ("condemned the launch": a use of force, not the information shared with it)
            lambda ev: ev.code.root not in REACTION_ROOTS and ev.target is not None
            and (not nouns & CONFLICT_ACTS or ev.code.root in FORCE_ROOTS)
            and (ev.target.actor.country or ev.target.actor.actor_id) in mine,
            lambda ev: bool(roots) and ev.code.root in roots,
            lambda ev: ev.code.root not in REACTION_ROOTS and ev.target is not None,
            lambda ev: ev.code.root not in REACTION_ROOTS,
        )
        # the act named again: an earlier sentence that used the same noun ("signed an order" ... "denounced the order")
        forms = nouns | {f"{n}s" for n in nouns}  # "condemned the test" ... "a series of missile tests"
        forceful = bool(nouns & CONFLICT_ACTS)  # "condemned the test": a use of force, not the warning about it
        named = [ev for ev in reversed(history) if ev.code.root not in REACTION_ROOTS
                 and (not forceful or ev.code.root in FORCE_ROOTS) and forms & sentence_words(ev)
                 and (ev.source.actor.country or ev.source.actor.actor_id) not in mine]
        if named:
            return named[0].source
        for accept in passes:
            for ev in reversed(history):
                if (ev.source.actor.country or ev.source.actor.actor_id) not in mine and accept(ev):
                    return ev.source
        if nouns & CONFLICT_ACTS:  # others already reacted to the same operation: its author is their target
            for ev in reversed(history):
                words = sentence_words(ev)
                if ev.code.root in REACTION_ROOTS and ev.target is not None and words & (CONFLICT_ACTS | {"strikes", "raids"}) \
                        and (ev.target.actor.country or ev.target.actor.actor_id) not in mine:
                    return ev.target
        return None


class BuildingEvents(RoleFinding):
    """A mixin of `dyads.events.coder.Coder` that makes events through the coder's ``_build``."""

    def _build(
        self, verb: Token, m: Match, sent: SpacySpan, sent_index: int, doc: Document, actors: DocActors,
        offset: int, nominal: tuple[list[Mention], str] | None = None, history: list[Event] | None = None,
        governor: Token | None = None, patients: list[Mention] | None = None,
    ) -> list[Event]:
        raise NotImplementedError  # the coder's
