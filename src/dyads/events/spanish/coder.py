"""The Spanish event coder: `SpanishCoder.code_sentence`, with the interface and output of
`dyads.events.coder.Coder.code_sentence`. Readings of verbs and nouns (`verbal`, `nominal`), then the
targets a sentence leaves unsaid (the sentence's own dyad, force reported by its target, the
document's running dyad), then one `Event` per source and target, each with the rule that fired."""

from __future__ import annotations

from spacy.tokens import Span as SpacySpan

from dyads.actors.resolver import DocActors
from dyads.deadline import check
from dyads.events.ids import event_id
from dyads.events.spanish.base import (
    COERCION_ROOTS,
    FORCE_ROOTS,
    MIN_CONFIDENCE,
    PLAIN_STATEMENTS,
    SYMMETRIC_ROOTS,
    Reading,
)
from dyads.events.spanish.dates import clause_date
from dyads.events.spanish.nominal import NominalReadings
from dyads.events.ud import (
    chain_subject,
    complement_verbs,
    lemma_of,
    object_heads,
)
from dyads.model import Document, Event, Evidence, Mention, Span


class SpanishCoder(NominalReadings):
    # -- per sentence -------------------------------------------------------------------
    def code_sentence(self, sent: SpacySpan, sent_index: int, doc: Document, actors: DocActors, offset: int = 0,
                      history: list[Event] | None = None) -> list[Event]:
        if doc.doc_id != self._doc_id:
            self._doc_id, self._last_subjects = doc.doc_id, []
        readings: list[Reading] = []
        governed: set[int] = set()
        for tok in sent:
            check()
            if tok.pos_ == "VERB" and lemma_of(tok) in self.governing:
                governed |= {c.i for c in complement_verbs(tok)}  # threatened, promised, asked, denied: not done
            if tok.pos_ == "VERB" or (tok.pos_ == "NOUN" and tok.dep_ == "ROOT"):
                r = self._verbal(tok, actors)
                if r is not None:
                    readings.append(r)
        governed |= {i for r in readings for i in r.governed}
        for tok in sent:  # "Colombia estará dispuesta a retomar los intercambios"
            if tok.pos_ == "ADJ" and tok.lower_ in self.intent_adjectives and (r := self._intent_adjective(tok, actors)):
                readings.append(r)
                governed |= {c.i for c in tok.children if c.pos_ == "VERB"}
        readings = [r for r in readings if r.trigger.i not in governed]
        # an object a verb pattern read ("lanzó un ataque", "impuso sanciones") is that verb's act; other
        # objects may name acts of their own ("condenó el ataque israelí", "desplegados en respuesta a un ataque")
        taken = {r.trigger.i for r in readings} | {o.i for r in readings if r.rule.endswith(":pattern")
                                                   for o in object_heads(r.trigger)}
        for tok in sent:
            if tok.pos_ == "NOUN" and tok.i not in taken and tok.head.i not in governed:
                r = self._nominal(tok, actors)
                if r is not None:
                    readings.append(r)
        root = sent.root
        subj, _ = chain_subject(root)
        found = actors.all_at(subj) if subj is not None else []
        if found:
            self._last_subjects = found
        readings += self._evaluations(sent, actors, readings, history or [])
        self._share_sentence_dyad(readings)
        for r in readings:  # "Filipinas dijo que buques chinos rodearon su patrullero": force reported by its target
            if r.sources and not r.targets and r.code.root in FORCE_ROOTS | COERCION_ROOTS and self._checked(r):
                speaker = self._attribution(r.trigger, sent, actors).speaker
                if speaker is not None and speaker.actor.country and \
                        speaker.actor.country not in {m.actor.country for m in r.sources}:
                    r.targets, r.target_how = [speaker], "reporting-side"
        for r in readings:
            if r.sources and not r.targets and history and r.code.code not in PLAIN_STATEMENTS \
                    and (r.source_how != "clause-chain" or r.rule.endswith(":pattern")) \
                    and (r.trigger.pos_ == "NOUN" or self._checked(r)):
                r.targets, r.target_how = self._running_dyad(r.sources, history)
        self._share_sentence_dyad(readings)
        return [e for r in readings for e in self._events(r, sent, sent_index, doc, actors, offset)]

    def _share_sentence_dyad(self, readings: list[Reading]) -> None:
        """A clause that names no target shares its sentence's dyad: the target of another clause of the
        same source ("negó toda implicación, advirtiendo sobre las consecuencias"), or the source of a
        clause aimed at it ("responderá con contramedidas si se concreta el arancel anunciado por Trump")."""
        for r in readings:
            if not r.sources or r.targets or r.code.code in PLAIN_STATEMENTS or not self._checked(r):
                continue  # the bulk classes are too coarse to trust with a borrowed target
            own = {m.actor.country for m in r.sources}
            mate = next((x for x in readings if x.targets and {m.actor.country for m in x.sources} == own
                         and x.trigger.i != r.trigger.i), None)
            if mate is not None:
                r.targets, r.target_how = list(mate.targets), "sentence-dyad"
                continue
            aimed = next((x for x in readings if x.sources and x.targets and x.trigger.i != r.trigger.i
                          and {m.actor.country for m in x.targets} == own
                          and not own & {m.actor.country for m in x.sources}), None)
            if aimed is not None:
                r.targets, r.target_how = list(aimed.sources[:1]), "sentence-dyad-answer"

    # -- events ---------------------------------------------------------------------------
    def _events(self, r: Reading, sent: SpacySpan, sent_index: int, doc: Document, actors: DocActors,
                offset: int) -> list[Event]:
        if not r.sources or r.code.code in PLAIN_STATEMENTS and not r.targets:
            return []
        slots: list[Mention | None] = list(r.targets) if r.targets else [None]
        pairs: list[tuple[Mention, Mention | None]] = [(s, t) for s in r.sources for t in slots]
        if not r.targets and len(r.sources) > 1 and r.code.root in SYMMETRIC_ROOTS:
            pairs = [(a, b) for a in r.sources for b in r.sources if a.actor.actor_id != b.actor.actor_id]
            r.target_how = "co-participant"
        trig = r.trigger
        trigger = Span(trig.text, trig.idx + offset, trig.idx + len(trig) + offset)
        sentence = Span(sent.text, sent.start_char + offset, sent.end_char + offset)
        attribution = self._attribution(trig, sent, actors)
        day, precision = clause_date(trig, doc.date)
        if day is None:
            day, precision = doc.date, doc.date_precision
        out = []
        for s, t in pairs:
            if t is not None and (t.actor.actor_id == s.actor.actor_id or t.actor.country and t.actor.country == s.actor.country):
                continue  # a state does not act on itself ("el ataque israelí en Israel", "el arresto de un francés por Francia")
            conf = 0.45 + (0.2 if not r.rule.endswith(":default") else 0.1) + (0.15 if t else 0.0)
            conf -= 0.1 if r.source_how not in ("subject", "passive-agent") else 0.0
            conf -= 0.1 if r.modality != "asserted" else 0.0
            conf -= 0.15 if r.target_how == "running-dyad" else 0.0
            conf -= 0.1 if "adjective" in (s.how, t.how if t else "") or "coreference" in (s.how, t.how if t else "") else 0.0
            rule = f"{r.rule}; source={r.source_how}; target={r.target_how if t else 'none'}"
            if r.cue:
                rule += f"; modality-cue={r.cue}"
            src_phrase = Span(s.text, s.start, s.end)
            tgt_phrase = Span(t.text, t.start, t.end) if t is not None else None
            out.append(Event(
                event_id=event_id(doc.doc_id, trigger.start, s.start, s.actor.actor_id, t.start if t else -1,
                                  t.actor.actor_id if t else "", r.code.code),
                doc_id=doc.doc_id, date=day, date_precision=precision, source=s, target=t, code=r.code,  # type: ignore[arg-type]
                modality=r.modality, attribution=attribution,
                evidence=Evidence(sentence, trigger, src_phrase, tgt_phrase), rule=rule,
                confidence=round(max(MIN_CONFIDENCE, min(1.0, conf)), 2), sentence_index=sent_index,
            ))
        return out
