"""The event coder: predicates with a source and target actor, coded to CAMEO.

Reads: a parsed sentence, the document's resolved actors, the lexicon.
Writes: `Event`s, each with the rule that fired, its trigger and evidence spans, confidence.

Verbal events come from lexicon verbs (with object / complement / preposition patterns);
nominal events ("US sanctions on Cuba", "Kolokoltsev's visit to Havana") from lexicon nouns.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from dyads.actors.resolver import DocActors
from dyads.events.claims import attribution_of, modality_of
from dyads.events.lexicon import Lexicon, Pattern, VerbEntry
from dyads.events.quantities import find_quantities
from dyads.events.syntax import (
    children, objects_of, phrase_lemmas, preps_of, subject_of, with_conjuncts,
)
from dyads.events.temporal import resolve as resolve_date
from dyads.model import Document, Event, Evidence, Mention, Quantity, Span

DEFAULT_TARGET_PREPS = frozenset({"to", "with", "against", "on", "toward", "towards", "into", "at", "from", "for"})
STATEMENT_ROOTS = {"01"}


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
        for prt in children(verb, "prt"):
            phrasal = self.lex.verbs.get(f"{lemma} {prt.lower_}")
            if phrasal:
                return phrasal, f"{lemma} {prt.lower_}"
        for prep, _ in preps_of(verb):
            phrasal = self.lex.verbs.get(f"{lemma} {prep}")
            if phrasal:
                return phrasal, f"{lemma} {prep}"
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
        if p.particle and not {c.lower_ for c in children(verb, "prt")} & p.particle:
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

    def match(self, verb: Token) -> Match | None:
        found = self._entry(verb)
        if found is None:
            return None
        entry, key = found
        for p in entry.patterns:
            ok, consumed = self._pattern_fits(p, verb)
            if ok:
                preps = p.prep or entry.target_prep or DEFAULT_TARGET_PREPS
                return Match(p.code, f"verb:{key}:{_describe(p)}", preps, consumed)
        if entry.default:
            return Match(entry.default, f"verb:{key}:default", entry.target_prep or DEFAULT_TARGET_PREPS, frozenset())
        return None

    # -- actors ------------------------------------------------------------------------------
    @staticmethod
    def _actor(tok: Token | None, actors: DocActors) -> Mention | None:
        if tok is None:
            return None
        m = actors.at(tok)
        if m is not None:
            return m
        for c in tok.children:  # "forces of Russia" / "troops from Chad"
            if c.dep_ == "prep" and c.lower_ in ("of", "from"):
                for o in c.children:
                    if o.dep_ == "pobj" and actors.at(o):
                        return actors.at(o)
        return None

    def _sources(self, verb: Token, actors: DocActors) -> tuple[list[Mention], str]:
        subj, how = subject_of(verb)
        if subj is None:
            return [], how
        return [m for s in with_conjuncts(subj) if (m := self._actor(s, actors))], how

    def _targets(self, verb: Token, actors: DocActors, preps: frozenset[str]) -> tuple[list[Mention], str]:
        for o in objects_of(verb) + children(verb, "dative"):
            found = [m for oc in with_conjuncts(o) if (m := self._actor(oc, actors))]
            if found:
                return found, "object"
            if o.lemma_.lower() in self.lex.nouns:  # "condemned the US strikes": the strikes' author
                found = [m for c in o.children if c.dep_ in ("poss", "compound", "amod", "nmod") and (m := self._actor(c, actors))]
                if found:
                    return found, "object-event-author"
        candidates = [(p, o) for p, o in preps_of(verb)]
        for o in objects_of(verb):
            candidates += preps_of(o)
        for x in children(verb, "xcomp"):
            candidates += preps_of(x) + [("", o) for o in children(x, "dobj")]
            for o in children(x, "dobj"):
                candidates += preps_of(o)
        for prep, o in candidates:
            if prep in preps or prep == "":
                m = self._actor(o, actors)
                if m is not None:
                    return [m], f"prep:{prep or 'object'}"
        return [], "none"

    # -- coding -----------------------------------------------------------------------------
    def code_sentence(
        self, sent: SpacySpan, sent_index: int, doc: Document, actors: DocActors, offset: int = 0,
    ) -> list[Event]:
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
            if self.lex.code(m.code).root in STATEMENT_ROOTS and verb.lemma_.lower() in self.reporting:
                continue  # "X said ...": the content is coded, not the act of saying
            events += self._build(verb, m, sent, sent_index, doc, actors, offset)
        events += self._nominal(sent, sent_index, doc, actors, offset, {e.evidence.trigger.start for e in events})
        return events

    def _build(self, verb, m, sent, sent_index, doc, actors, offset, nominal=False):  # type: ignore[no-untyped-def]
        sources, subj_how = self._sources(verb, actors) if not nominal else nominal
        if not sources:
            return []
        targets, tgt_how = self._targets(verb, actors, m.target_preps)
        code = self.lex.code(m.code)
        modality, mod_cue = modality_of(verb, self.lex, code.root)
        attribution = attribution_of(verb, self.lex, lambda t: self._actor(t, actors))
        trigger = self._trigger(verb, offset)
        sentence = Span(sent.text, sent.start_char + offset, sent.end_char + offset)
        quantities = self._quantities(verb, sent, offset)
        when = self._date(verb, doc)
        out = []
        for s in sources:
            for t in targets or [None]:
                if t is not None and t.actor.actor_id == s.actor.actor_id:
                    continue
                conf = 0.45 + (0.2 if not m.rule.endswith(":default") else 0.0) + (0.15 if t else 0.0)
                conf -= 0.15 if "coreference" in (s.how, t.how if t else "") else 0.0
                conf -= 0.1 if subj_how not in ("subject", "passive-agent") else 0.0
                rule = f"{m.rule}; source={subj_how}; target={tgt_how if t else 'none'}"
                if mod_cue:
                    rule += f"; modality-cue={mod_cue}"
                out.append(Event(
                    event_id=event_id(doc.doc_id, trigger.start, s.start, t.start if t else -1, code.code),
                    doc_id=doc.doc_id, date=when[0], date_precision=when[1],  # type: ignore[arg-type]
                    source=s, target=t, code=code, modality=modality, attribution=attribution,
                    evidence=Evidence(sentence=sentence, trigger=trigger), quantities=quantities,
                    rule=rule, confidence=round(max(0.05, min(1.0, conf)), 2), sentence_index=sent_index,
                ))
        return out

    def _nominal(self, sent, sent_index, doc, actors, offset, taken):  # type: ignore[no-untyped-def]
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
    def _date(verb: Token, doc: Document) -> tuple[str | None, str | None]:
        ents = [e for e in verb.sent.ents if e.label_ == "DATE" and (e.root.head == verb or e.root.head.head == verb)]
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
