"""Two rule components of the model done with dictionary lookups, with the same effect:

- the ``attribute_ruler`` (tag → POS and morphology, a few lemma and POS exceptions) without
  spaCy's general `Matcher` (`compile_ruler`, `FastAttributes`);
- the rule ``lemmatizer`` with every lemma remembered by (word, POS, morphology) (`CachedLemmas`):
  spaCy's own cache skips the words its rules leave unchanged (singular nouns, positive
  adjectives, infinitives), which are most words, and recomputes them for every token.

Invariant: for the patterns it accepts, `FastAttributes` leaves every token exactly as spaCy's
`AttributeRuler` with the same patterns does. That ruler collects all matches first, then sets
each match's attributes in rule order, so for each token and attribute the value of the last
matching rule that sets it wins; matching reads TAG, LOWER, DEP and IS_SPACE, which no rule can
have changed yet. `compile_ruler` returns None for any pattern outside what this module reads (an
unknown key or operator, more than two tokens): the model then keeps spaCy's own ruler.
On en_core_web_sm (179 patterns) the ruler is about 15 % of spaCy's CPU per article; this does the
same work in under a third of the ruler's CPU (docs/benchmarks.md, "Ratio to spaCy alone").
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.strings import StringStore
from spacy.tokens import Doc
from spacy.vocab import Vocab

# Token attributes a pattern may test, as columns of `Doc.to_array`.
READ = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}
READ_IDS = [TAG, LOWER, DEP, IS_SPACE]
# Token attributes a rule may set, as columns of `Doc.to_array` (DEP is set one token at a time).
WRITE_IDS = [TAG, POS, MORPH, LEMMA]
WRITE = {a: k for k, a in enumerate(WRITE_IDS)}



@dataclass(frozen=True)
class Equals:
    value: int

    def __call__(self, v: int, strings: StringStore) -> bool:
        return v == self.value


@dataclass(frozen=True)
class OneOf:
    values: frozenset[int]
    negate: bool = False  # NOT_IN

    def __call__(self, v: int, strings: StringStore) -> bool:
        return (v in self.values) != self.negate


@dataclass(frozen=True)
class Matches:
    """A REGEX test, remembered per value (the words of a text repeat)."""

    pattern: re.Pattern[str]
    memo: dict[int, bool] = field(default_factory=dict, compare=False)

    def __call__(self, v: int, strings: StringStore) -> bool:
        if v not in self.memo:
            self.memo[v] = self.pattern.search(strings[v]) is not None
        return self.memo[v]


# One token test: (column, test on the column's value). Tests are plain objects, not closures, so
# that the pipeline stays picklable (spaCy's workers under the "spawn" start method need that).
Test = tuple[int, Equals | OneOf | Matches]


@dataclass(frozen=True)
class Rule:
    order: int  # the spaCy ruler's rule number: a later rule overwrites an earlier one
    tokens: tuple[tuple[Test, ...], ...]  # tests of each token of the pattern
    target: int  # which token of the match gets the attributes
    attrs: tuple[tuple[int, int], ...]  # (attribute id, value hash)


@dataclass(frozen=True)
class FastAttributes:
    """The component: each rule is indexed by one column its first token fixes (LOWER, else TAG, DEP,
    IS_SPACE), so a token tries only the rules that can match there."""

    index: tuple[tuple[int, Mapping[int, tuple[Rule, ...]]], ...]  # (column, value -> rules) per column
    anywhere: tuple[Rule, ...]  # rules whose first token fixes no column: tried at every token

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if n == 0:
            return doc
        cols = doc.to_array(READ_IDS).tolist()
        strings = doc.vocab.strings
        found: list[tuple[int, int, Rule]] = []  # (rule order, token, rule)
        for i, row in enumerate(cols):
            for rule in [r for col, rules in self.index for r in rules.get(row[col], ())] + list(self.anywhere):
                end = i + len(rule.tokens)
                if end <= n and all(test(cols[i + k][col], strings) for k, tests in enumerate(rule.tokens)
                                    for col, test in tests):
                    found.append((rule.order, i + rule.target, rule))
        if not found:
            return doc
        found.sort(key=lambda f: f[0])
        values: Any = doc.to_array(WRITE_IDS)  # uint64 hashes (spaCy's stubs say floats)
        deps: dict[int, int] = {}
        for _, tok, rule in found:
            for attr, value in rule.attrs:
                if attr == DEP:
                    deps[tok] = value
                else:
                    values[tok, WRITE[attr]] = value
        doc.from_array(WRITE_IDS, values)
        for tok, value in deps.items():
            doc[tok].dep = value
        return doc


def _test(vocab: Vocab, key: str, spec: Any) -> Test | None:
    """The test of one pattern key, or None if this module does not read it."""
    col = READ.get(key)
    if col is None:
        return None
    if key == "IS_SPACE":
        return (col, Equals(int(spec))) if isinstance(spec, bool) else None
    if isinstance(spec, str):
        return col, Equals(vocab.strings.add(spec))
    if not isinstance(spec, dict) or len(spec) != 1:
        return None
    (op, arg), = spec.items()
    if op in ("IN", "NOT_IN") and isinstance(arg, list) and all(isinstance(a, str) for a in arg):
        return col, OneOf(frozenset(vocab.strings.add(a) for a in arg), negate=op == "NOT_IN")
    if op == "REGEX" and isinstance(arg, str):
        return col, Matches(re.compile(arg))
    return None


def _fixed(vocab: Vocab, spec: Mapping[str, Any], key: str) -> Sequence[int] | None:
    """The values a pattern token's ``key`` must take (a string, an IN list, a boolean), else None."""
    value = spec.get(key)
    if isinstance(value, bool):
        return [int(value)]
    if isinstance(value, str):
        return [vocab.strings.add(value)]
    if isinstance(value, dict) and list(value) == ["IN"]:
        return [vocab.strings.add(v) for v in value["IN"]]
    return None


def compile_ruler(ruler: AttributeRuler) -> FastAttributes | None:
    """The same rules as ``ruler``, or None when a pattern uses anything this module does not read."""
    vocab = ruler.vocab
    keys = ("LOWER", "TAG", "DEP", "IS_SPACE")  # most selective first
    by_column: dict[str, dict[int, list[Rule]]] = {k: {} for k in keys}
    anywhere: list[Rule] = []
    for order, (patterns, attrs, index) in enumerate(zip(_patterns(ruler), ruler.attrs, ruler.indices)):
        if any(a not in (TAG, POS, MORPH, LEMMA, DEP) for a in attrs):
            return None
        for pattern in patterns:  # a rule's alternative patterns set the same attributes
            if not 1 <= len(pattern) <= 2 or not -len(pattern) <= index < len(pattern):
                return None
            tokens: list[tuple[Test, ...]] = []
            for spec in pattern:
                tests = [_test(vocab, key, value) for key, value in spec.items()]
                if not spec or any(t is None for t in tests):
                    return None
                tokens.append(tuple(t for t in tests if t is not None))
            rule = Rule(order, tuple(tokens), index % len(pattern), tuple(attrs.items()))
            key = next((k for k in keys if _fixed(vocab, pattern[0], k) is not None), None)
            if key is None:
                anywhere.append(rule)
                continue
            for value in _fixed(vocab, pattern[0], key) or ():
                by_column[key].setdefault(value, []).append(rule)
    return FastAttributes(tuple((READ[k], {v: tuple(r) for v, r in by_column[k].items()}) for k in keys if by_column[k]),
                          tuple(anywhere))


def _patterns(ruler: AttributeRuler) -> list[list[list[dict[str, Any]]]]:
    """Each rule's patterns, in rule order (the ruler keeps them in its matcher under the rule number)."""
    return [ruler.matcher.get(str(k))[1] for k in range(len(ruler.attrs))]


@dataclass(frozen=True)
class CachedLemmas:
    """The component: ``lemmatizer``'s lemma of each token, computed once per (ORTH, POS, MORPH).

    Invariant: the same lemmas as ``lemmatizer`` itself. Its rule lemma is a function of the word,
    its POS and its morphology only (the English rules and `is_base_form` read nothing else), and
    a token that already has a lemma (from the attribute ruler) keeps it unless the lemmatizer
    overwrites."""

    lemmatizer: Lemmatizer
    cache: dict[tuple[int, int, int], int]

    def __call__(self, doc: Doc) -> Doc:
        if len(doc) == 0:
            return doc
        rows: Any = doc.to_array([ORTH, POS, MORPH, LEMMA])  # uint64 hashes
        overwrite = bool(self.lemmatizer.overwrite)
        strings = doc.vocab.strings
        changed = False
        for i, (orth, pos, morph, lemma) in enumerate(rows.tolist()):
            if lemma and not overwrite:
                continue
            key = (orth, pos, morph)
            found = self.cache.get(key)
            if found is None:
                found = self.cache[key] = strings.add(self.lemmatizer.lemmatize(doc[i])[0])
            if found != lemma:
                rows[i, 3] = found
                changed = True
        if changed:
            doc.from_array([LEMMA], rows[:, 3:4])
        return doc


def cached_lemmas(lemmatizer: Lemmatizer) -> CachedLemmas | None:
    """The cached form of a rule ``lemmatizer``; None for another mode (lookup tables read only the word)."""
    return CachedLemmas(lemmatizer, {}) if lemmatizer.mode == "rule" else None
