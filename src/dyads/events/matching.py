"""Matching a predicate against the verb lexicon: phrasal entries, then the most specific
pattern (object, complement, preposition, particle, subject), then the verb's default code."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from dyads.events.lexicon import Lexicon, Pattern, VerbEntry
from dyads.events.syntax import children, object_lemmas, objects_of, phrase_lemmas, preps_of, subject_of, with_conjuncts

DEFAULT_TARGET_PREPS = frozenset({"to", "with", "against", "on", "toward", "towards", "into", "at", "from", "for"})
PARTICLES = {"down", "off", "back", "out", "up", "in", "on", "over"}


@dataclass(frozen=True)
class Match:
    code: str
    rule: str
    target_preps: frozenset[str]
    consumed: frozenset[int]  # tokens (e.g. an xcomp verb) whose own event this one replaces
    # object words the pattern required ("ties" in "establish diplomatic ties"): part of the predicate,
    # never the one the act is aimed at
    act_objects: frozenset[str] = frozenset()


class LexiconMatching:
    lex: Lexicon

    def _entries(self, verb: Token) -> list[tuple[VerbEntry, str]]:
        """Lexicon entries for the predicate, most specific first: phrasal verbs ("call for",
        "lash out", "hold talks"), then the bare lemma. A phrasal entry whose patterns do not fit
        ("meet for an hour" is not "meet for talks") gives way to the next."""
        lemma = verb.lemma_.lower()
        keys: list[str] = []
        for prt in [c for c in verb.children if c.dep_ == "prt" or (c.dep_ == "advmod" and c.i == verb.i + 1 and c.lower_ in PARTICLES)]:
            keys.append(f"{lemma} {prt.lower_}")
        keys += [f"{lemma} {c.lower_}" for c in verb.children if c.dep_ == "prep" and c.i == verb.i + 1]  # "call for"
        keys += [f"{lemma} {obj.lemma_.lower()}" for obj in children(verb, "dobj")]  # "hold talks", "pay a visit"
        keys.append(lemma)
        entry = self.lex.verbs.get(lemma)
        if lemma.startswith("re") and len(lemma) > 6 and (entry is None or entry.default is None):
            keys.append(lemma[2:])  # "reimposed a blockade": the act done again, when "reimpose" has no pattern for it
        return [(self.lex.verbs[k], k) for k in keys if k in self.lex.verbs]

    def _pattern_fits(self, p: Pattern, verb: Token) -> tuple[bool, frozenset[int]]:
        consumed: set[int] = set()
        objs = objects_of(verb) + children(verb, "attr", "oprd", "dative")
        # "agreed to a ceasefire", "agreed on a truce": what is agreed to is the object of the agreement
        objs += [o for prep, o in preps_of(verb) if prep in ("to", "on") and o.pos_ == "NOUN"]
        # complements, and purpose clauses the parser hangs as adverbial ("gave the envoy 48 hours to leave")
        xcomps = children(verb, "xcomp") + [c for c in children(verb, "advcl")
                                            if any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)]
        if p.object:
            lemmas: set[str] = set()
            for o in objs:
                for oc in with_conjuncts(o):
                    lemmas |= object_lemmas(oc)  # with "state of emergency"
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
            out |= object_lemmas(o)
        for x in children(verb, "xcomp"):
            for o in children(x, "dobj"):
                out |= phrase_lemmas(o)
        return out

    def match(self, verb: Token) -> Match | None:
        for entry, key in self._entries(verb):
            found = self._match_entry(verb, entry, key)
            if found is not None:
                return found
        return None

    def _match_entry(self, verb: Token, entry: VerbEntry, key: str) -> Match | None:
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
            return Match(p.code, f"verb:{key}:{_describe(p)}", preps, consumed, p.object)
        if entry.default:
            return Match(entry.default, f"verb:{key}:default", entry.target_prep or DEFAULT_TARGET_PREPS, frozenset())
        return None

    # -- actors ------------------------------------------------------------------------------


def _describe(p: Pattern) -> str:
    parts = [f"{k}={'|'.join(sorted(v))}" for k, v in (
        ("object", p.object), ("xcomp", p.xcomp), ("prep", p.prep), ("particle", p.particle), ("complement", p.complement),
    ) if v]
    return ",".join(parts) or "pattern"
