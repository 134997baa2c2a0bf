"""Generated sentence shapes for `tests/test_fuzz_sentence_shapes.py` (issue 21): not random
characters but the shapes news text takes, built from dyads' own vocabulary — the CAMEO lexicon
(verbs, event nouns, evaluation words, light verbs), the gazetteer's country names, adjectives,
organisations and titles. Every family is deterministic: a seeded `random.Random` per family, so a
failing case is the same text on every run and machine."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from dyads.actors.gazetteer import default_gazetteer
from dyads.events.lexicon import default_lexicon


@dataclass(frozen=True)
class Vocabulary:
    countries: tuple[str, ...]
    adjectives: tuple[str, ...]
    organisations: tuple[str, ...]
    titles: tuple[str, ...]
    verbs: tuple[str, ...]  # lemmas, multi-word ones included ("carry out")
    nouns: tuple[str, ...]
    evaluations: tuple[str, ...]
    light_verbs: tuple[str, ...]
    political: tuple[str, ...]  # single words for random runs


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    g, lex = default_gazetteer(), default_lexicon()

    def of(capacity: str) -> tuple[str, ...]:
        return tuple(sorted({a for a, entries in g.exact.items() if any(e.capacity == capacity for e in entries)}))

    countries, adjectives = of("name"), of("adjective")
    organisations = tuple(o for o in of("organisation") if o.isascii())
    verbs, nouns = tuple(sorted(lex.verbs)), tuple(sorted(lex.nouns))
    evaluations, light = tuple(sorted(lex.evaluations)), tuple(sorted(lex.support_verbs))
    function_words = ("the", "and", "of", "in", "on", "to", "by", "with", "against", "would", "not", "said", "will",
                      "has", "was", "its", "their", "after", "over", "that", "who", "\u2019s", "'s", "as", "for")
    political = tuple(sorted({w for w in (*countries, *adjectives, *verbs, *nouns, *evaluations, *light, *g.titles)
                              if " " not in w} | set(function_words)))
    return Vocabulary(countries, adjectives, organisations, tuple(sorted(g.titles)), verbs, nouns, evaluations, light,
                      political)


def past(lemma: str) -> str:
    """A rough past tense ("condemn" → "condemned", "carry out" → "carried out"); odd forms are
    fine here, they are shapes too."""
    first, _, rest = lemma.partition(" ")
    if first.endswith("e"):
        form = first + "d"
    elif first.endswith("y") and len(first) > 2 and first[-2] not in "aeiou":
        form = first[:-1] + "ied"
    else:
        form = first + "ed"
    return f"{form} {rest}".strip()


def third(lemma: str) -> str:
    """Headline present tense ("condemns", "carries out")."""
    first, _, rest = lemma.partition(" ")
    if first.endswith(("s", "sh", "ch", "x", "z")):
        form = first + "es"
    elif first.endswith("y") and len(first) > 2 and first[-2] not in "aeiou":
        form = first[:-1] + "ies"
    else:
        form = first + "s"
    return f"{form} {rest}".strip()


class _Draw:
    def __init__(self, seed: int) -> None:
        self.r = random.Random(seed)
        self.v = vocabulary()

    def actor(self) -> str:
        pick = self.r.random()
        if pick < 0.55:
            return self.r.choice(self.v.countries)
        if pick < 0.75:
            return self.r.choice(self.v.organisations)
        if pick < 0.9:
            return f"{self.r.choice(self.v.adjectives)} {self.r.choice(('government', 'troops', 'officials', 'navy'))}"
        return f"the {self.r.choice(self.v.adjectives)} {self.r.choice(self.v.titles)}"

    def country(self) -> str:
        return self.r.choice(self.v.countries)


def verbless_headlines(n: int = 2_000, seed: int = 2101) -> list[str]:
    """"France's interference in IAEA's work": possessor, event noun, possessed object, no verb."""
    d = _Draw(seed)
    shapes: tuple[Callable[[str, str, str], str], ...] = (
        lambda a, noun, b: f"{a}'s {noun} in {b}'s work",
        lambda a, noun, b: f"{a}'s {noun} in {b}",
        lambda a, noun, b: f"{a}\u2019s {noun} of {b}\u2019s {noun}",
        lambda a, noun, b: f"{noun.capitalize()} of {b} by {a}",
        lambda a, noun, b: f"{a} {noun} {b}",
        lambda a, noun, b: f"{a}'s {noun}: {b}'s {noun}",
        lambda a, noun, b: f"{a}'s {noun} in {b}'s {noun} over {d.country()}'s {d.r.choice(d.v.evaluations)}",
    )
    words = (*d.v.nouns, *d.v.evaluations)
    return [d.r.choice(shapes)(d.actor(), d.r.choice(words), d.actor()) for _ in range(n)]


def lexicon_in_contexts(seed: int = 2102) -> list[str]:
    """Every verb, event noun, evaluation word and light verb in verbless, passive, coordinated,
    quoted and list contexts (five cases per entry)."""
    d = _Draw(seed)
    out: list[str] = []
    a, b, c, e = d.actor, d.actor, d.actor, d.actor
    for verb in d.v.verbs:
        out += [f"{a()} {third(verb)} {b()}",  # a headline: present tense, no period
                f"{b()} was {past(verb)} by {a()} on Tuesday.",
                f"{a()} and {c()} {past(verb)} {b()} and {e()}, officials said.",
                f"\"We {verb} {b()},\" the {d.r.choice(d.v.titles)} of {a()} said.",
                f"{a()} {past(verb)} {b()}, {c()}, {e()} and {d.country()}."]
    for noun in d.v.nouns:
        out += [f"{a()}'s {noun} of {b()}",
                f"{b()} was hit by a {noun} by {a()}.",
                f"{a()} and {c()} announced a {noun} and a {d.r.choice(d.v.nouns)} against {b()}.",
                f"\"The {noun} against {b()} will go on,\" {a()} said.",
                f"{a()} announced the {noun} of {b()}, {c()} and {e()}."]
    for word in d.v.evaluations:
        out += [f"{word.capitalize()} {b()} {d.r.choice(d.v.nouns)}",
                f"{b()}'s move was called {word} by {a()}.",
                f"{a()} and {c()} called {b()}'s sanctions {word} and unlawful.",
                f"\"This is {word},\" {a()} said of {b()}'s decision.",
                f"{a()} called the moves of {b()}, {c()} and {e()} {word}."]
    for light in d.v.light_verbs:
        noun = d.r.choice(d.v.nouns)
        out += [f"{a()} {third(light)} {noun} on {b()}",
                f"A {noun} against {b()} was {past(light)} by {a()}.",
                f"{a()} and {c()} {past(light)} the {noun} and the {d.r.choice(d.v.nouns)} of {b()}.",
                f"\"We {light} the {noun} of {b()},\" {a()} said.",
                f"{a()} {past(light)} the {noun} of {b()}, {c()} and {e()}."]
    return out


def datelines(n: int = 300, seed: int = 2103) -> list[str]:
    """Wire datelines with nothing after them ("HAVANA, Jan 20 (Reuters) -")."""
    d = _Draw(seed)
    months = ("Jan", "Feb", "March", "April", "May", "June", "July", "Aug", "Sept", "Oct", "Nov", "Dec")
    agencies = ("Reuters", "AP", "AFP", "Xinhua", "")
    out = []
    for _ in range(n):
        place = d.country().upper()
        agency = d.r.choice(agencies)
        tail = d.r.choice(("-", "\u2014", "--", ""))
        out.append(f"{place}, {d.r.choice(months)} {d.r.randint(1, 31)} ({agency}) {tail}".replace(" () ", " ")
                   if agency else f"{place}, {d.r.choice(months)} {d.r.randint(1, 31)} {tail}")
    return out


def coordinated_names(count: int = 500, cases: int = 4, seed: int = 2104) -> list[str]:
    """``count`` names coordinated in one sentence, as subject, object and with no verb at all."""
    d = _Draw(seed)
    out = []
    for k in range(cases):
        names = ", ".join(d.actor() for _ in range(count - 1)) + f" and {d.actor()}"
        out.append([f"{names} condemned {d.actor()}.", f"{d.actor()} accused {names}.", names,
                    f"\"{names}\", the minister said."][k % 4])
    return out


def political_runs(n: int = 8_000, seed: int = 2105) -> list[str]:
    """Random runs of 3-40 political words, without or with a final period."""
    d = _Draw(seed)
    out = []
    for _ in range(n):
        words = [d.r.choice(d.v.political) for _ in range(d.r.randint(3, 40))]
        out.append(" ".join(words) + d.r.choice(("", ".", "?", "\u201d")))
    return out


def long_run(chars: int = 50_000, seed: int = 2106) -> str:
    """One run of political words without punctuation, ``chars`` characters long."""
    d = _Draw(seed)
    words: list[str] = []
    size = 0
    while size < chars:
        w = d.r.choice(d.v.political)
        words.append(w)
        size += len(w) + 1
    return " ".join(words)[:chars]
