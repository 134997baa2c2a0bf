"""Events made by what speakers say: obligations and wishes they state for others, judgements of
others ("Russia said Sudan must return the helicopter", "Ukraine wanted Mongolia to arrest him",
"Trump declared the policies of Cuba a threat"), and evaluations in attributed speech ("'It is
absurd that the ICC issued warrants,' Biden said": the speaker criticises whoever did what the
evaluation is about). The outlet's own voice is never read this way: an evaluation needs a speaker.

A mixin of `dyads.events.coder.Coder` (it builds events through the coder's ``_build``).
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from dyads.actors.resolver import DocActors
from dyads.events.claims import attribution_of
from dyads.events.ids import event_id
from dyads.events.matching import Match
from dyads.events.roles import BuildingEvents
from dyads.events.syntax import children, subject_of, with_conjuncts
from dyads.model import Document, Event, Mention

OBLIGATION_AUX = {"must", "should"}
WANTING = {"want", "expect", "wish"}  # "X wants Y to do Z": a demand on Y
# "X said Y is/constitutes a threat": a reported judgement of Y
JUDGING_VERBS = {"be", "constitute", "represent", "pose", "remain", "amount"}
NEGATIVE_JUDGEMENTS = {"threat", "danger", "menace", "crime", "aggression", "violation", "terrorism", "terrorist",
                       "criminal", "provocation", "disgrace", "outrage", "lie", "illegal", "unacceptable", "hostile",
                       "responsible", "risk", "obstacle", "enemy", "aggressor"}
POSITIVE_JUDGEMENTS = {"friend", "partner", "ally", "brother", "example", "model", "success", "friendly"}
OWNER_DEPS = ("poss", "compound", "nmod")
# Verbal hostility that, reported by its target's side, accuses its author ("they challenge our
# sovereignty"); a reported strike is a report of the strike, coded as such
HOSTILE_ROOTS = {"11", "12", "13", "16"}


class Statements(BuildingEvents):
    """Needs the coder's ``reporting`` verbs and its ``_build``."""

    reporting: set[str]

    def _claims_about(
        self, sent: SpacySpan, sent_index: int, doc: Document, actors: DocActors, offset: int,
    ) -> list[Event]:
        """Events made by what a speaker reports about someone, coded speaker -> the clause's subject:

        - obligations, "Russia said Sudan must return the helicopter" -> a demand (100; "should": 020);
        - judgements, "Trump declared that the policies of Cuba constitute a threat" -> disapproval
          (111) or praise (051) of the subject (through "of": the owner is judged).
        """
        out: list[Event] = []
        for verb in sent:
            wanted = verb.dep_ in ("ccomp", "xcomp") and verb.head.lemma_.lower() in WANTING \
                and verb.pos_ in ("VERB", "AUX") and bool(children(verb, "nsubj"))
            if not wanted and (verb.dep_ != "ccomp" or verb.head.lemma_.lower() not in self.reporting):
                continue
            modal = [c.lower_ for c in verb.children if c.dep_ == "aux" and c.lower_ in OBLIGATION_AUX]
            judged = {c.lemma_.lower() for c in verb.children if c.dep_ in ("attr", "dobj", "acomp", "oprd")}
            if wanted:  # "Ukraine wanted Mongolia to arrest him": what one state wants another to do is a demand
                code, rule, role, possessive = "100", f"wish:{verb.head.lemma_.lower()}", "wished-subject", False
            elif modal and verb.pos_ in ("VERB", "AUX"):
                code, rule, role, possessive = ("020" if modal[0] == "should" else "100"), f"obligation:{modal[0]}", \
                    "obligated-subject", False
            elif verb.lemma_.lower() in JUDGING_VERBS and judged & (NEGATIVE_JUDGEMENTS | POSITIVE_JUDGEMENTS):
                code = "111" if judged & NEGATIVE_JUDGEMENTS else "051"
                rule, role, possessive = f"judgement:{verb.lemma_.lower()}", "judged-subject", True
            else:
                continue
            subj, _ = subject_of(verb)
            targets = [m for t in (with_conjuncts(subj) if subj is not None else [])
                       for m in (actors.all_at(t) or [x for x in [self._actor(t, actors, possessive=possessive)] if x])]
            speakers, how = self._sources(verb.head, actors)
            if not targets or not speakers:
                continue
            match = Match(code, rule, frozenset(), frozenset())
            for ev in self._build(verb.head, match, sent, sent_index, doc, actors, offset, nominal=(speakers, how)):
                out += [replace(ev, target=t, rule=f"{rule}; source={how}; target={role}",
                                event_id=event_id(doc.doc_id, ev.evidence.trigger.start, ev.source.start,
                                                  ev.source.actor.actor_id, t.start, t.actor.actor_id, code))
                        for t in targets if t.actor.country != ev.source.actor.country]
        return out

    def _evaluations(
        self, sent: SpacySpan, sent_index: int, doc: Document, actors: DocActors, offset: int, coded: list[Event],
    ) -> list[Event]:
        """A speaker's condemnation of what another did: "'It is absurd that the ICC issued warrants,' Biden
        said" (USA -> ICC, 111), "Mongolia's failure to arrest him dealt a blow, Ukraine's ministry says"
        (UKR -> MNG). Only in attributed speech; only one event per speaker and evaluated actor, and none
        where the sentence already codes that pair."""
        out: list[Event] = []
        done = {(e.source.actor.country or e.source.actor.actor_id, e.target.actor.country or e.target.actor.actor_id)
                for e in coded if e.target is not None}
        for word in sent:
            if word.lemma_.lower() not in self.lex.evaluations and word.lower_ not in self.lex.evaluations:
                continue
            clause = word
            while clause.pos_ not in ("VERB", "AUX") and clause.head.i != clause.i:
                clause = clause.head
            speaker = attribution_of(clause, self.lex, lambda t: self._actor(t, actors), sent).speaker
            target = self._evaluated(word, clause, actors)
            if speaker is None or target is None:
                continue
            pair = (speaker.actor.country or speaker.actor.actor_id, target.actor.country or target.actor.actor_id)
            if pair[0] == pair[1] or pair in done:
                continue
            done.add(pair)
            match = Match("111", f"evaluation:{word.lower_}", frozenset(), frozenset())
            for ev in self._build(clause, match, sent, sent_index, doc, actors, offset, nominal=([speaker], "speaker")):
                out.append(replace(ev, target=target, rule=f"evaluation:{word.lower_}; source=speaker; target=evaluated",
                                   confidence=0.4, event_id=event_id(doc.doc_id, ev.evidence.trigger.start, ev.source.start,
                                                                     ev.source.actor.actor_id, target.start,
                                                                     target.actor.actor_id, "111")))
        return out

    def _evaluated(self, word: Token, clause: Token, actors: DocActors) -> Mention | None:
        """Who an evaluation is about: the owner of the evaluated thing ("Mongolia's failure", "Russia's
        lawless act"), else the subject of the clause it predicates ("the ICC's decision is absurd"), or
        of the clause it introduces ("it is absurd that the ICC issued ...")."""
        noun = word.head if word.dep_ == "amod" else word
        for c in noun.children:
            if c.dep_ in OWNER_DEPS and (m := actors.at(c)) is not None and m.how != "agent":
                return m
        if word.dep_ in ("acomp", "attr") and word.head.i == clause.i:
            subj, _ = subject_of(clause)
            if subj is not None and subj.lower_ == "it":
                subj = next((s for cc in children(clause, "ccomp") for s in children(cc, "nsubj")), None)
            if subj is not None:
                found = self._actor(subj, actors, possessive=True)
                if found is not None and found.how != "agent":
                    return found
        return None

    def _accusations_in_claims(self, doc: Document, coded: list[Event]) -> list[Event]:
        """"'Japan's leaders openly challenge China's sovereignty,' Wang said": a speaker who reports a
        hostile act against their own side accuses its author (112, speaker -> author), besides the
        reported act itself (coded as the speaker's claim)."""
        out: list[Event] = []
        done = {(e.source.actor.country, e.target.actor.country) for e in coded if e.target is not None}
        for ev in coded:
            speaker = ev.attribution.speaker
            if speaker is None or ev.target is None or ev.code.root not in HOSTILE_ROOTS or ev.modality == "negated":
                continue
            side, author = speaker.actor.country, ev.source.actor.country
            if not side or ev.target.actor.country != side or not author or author == side or (side, author) in done:
                continue
            done.add((side, author))
            code = self.lex.code("112")
            rule = f"accusation-in-claim:{ev.code.code}; source=speaker; target=reported-author"
            out.append(replace(ev, source=speaker, target=ev.source, code=code, modality="asserted", rule=rule,
                               confidence=0.4, event_id=event_id(doc.doc_id, ev.evidence.trigger.start, speaker.start,
                                                                 speaker.actor.actor_id, ev.source.start,
                                                                 ev.source.actor.actor_id, "112")))
        return out
