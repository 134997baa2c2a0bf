"""Translated wire copies: one agency's story put out in two languages (an EFE wire in Spanish and EFE's
English version of it) counts once, like a copy in one language.

Word shingles (`dyads.analysis.syndication`) cannot see a translation: hardly a 5-word run survives it.
What does survive is the story's structure, and two documents are a translated copy only when all of
it agrees:

- they are in different languages, both credited to the same wire (the agency in the dateline's
  parentheses, "HAVANA, Feb 5 (EFE) -", or a wire agency as the outlet), dated within a day;
- their lengths are within a factor of two;
- the events they code share their (source, target, root) triples (at least one, and at least
  `MIN_OVERLAP` of the smaller set), and their actors (the same share);
- the numbers in their texts agree (thousands and decimal separators aside: "30.000" is "30,000"):
  with three or more each, `MIN_OVERLAP_NUMBERS` of the smaller multiset; with fewer, the same set;
- no shared triple has quantities of one unit with no value in common (two counts of one act are two
  reports, not a copy).

Two independent reports of one happening fail the wire test unless one agency wrote both, and then
their numbers and events must still agree as a translation's do. The score stored as the link's
similarity is the mean of the three overlaps.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import combinations

from dyads.analysis.rows import DocRow, EventRow
from dyads.analysis.syndication import MIN_SHINGLES

MIN_OVERLAP = 0.5
MIN_OVERLAP_NUMBERS = 0.8
MAX_LENGTH_RATIO = 2.0
LEAD_CHARS = 400  # where a dateline's credit is looked for
WIRES = frozenset({"efe", "reuters", "ap", "associated press", "afp", "agence france-presse", "prensa latina",
                   "xinhua", "europa press", "ansa", "dpa", "notimex", "sputnik", "tass", "anadolu", "bloomberg"})
_CREDIT = re.compile(r"\(([A-Z][\w .\-]{0,30})\)\s*[-\u2013\u2014]")
_NUMBER = re.compile(r"\d[\d.,]*\d|\d")

Triple = tuple[str, str | None, str]


@dataclass(frozen=True)
class Profile:
    """What telling a translated copy needs about one document."""

    doc_id: str
    lang: str
    day: date | None
    wires: frozenset[str]
    length: int
    triples: frozenset[Triple]
    actors: frozenset[str]
    numbers: tuple[str, ...]  # sorted, with repeats
    quantities: frozenset[tuple[Triple, str, float]]


def wires(doc: DocRow) -> frozenset[str]:
    """The wire agencies a document is credited to: its dateline's credit, its outlet when that is a wire."""
    out = {m[1].strip().lower() for m in _CREDIT.finditer(doc.text[:LEAD_CHARS])}
    if doc.outlet and doc.outlet.strip().lower() in WIRES:
        out.add(doc.outlet.strip().lower())
    return frozenset(out)


def numbers(text: str) -> tuple[str, ...]:
    """The numbers a text writes in digits, separators dropped, single digits left out (one language
    spells out "three" where the other writes 3)."""
    found = (re.sub(r"[.,]", "", m.group()) for m in _NUMBER.finditer(text))
    return tuple(sorted(n.lstrip("0") or "0" for n in found if len(n) > 1))


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value and len(value) == 10 else None
    except ValueError:
        return None


def profile(doc: DocRow, events: Iterable[EventRow]) -> Profile:
    evs = list(events)
    triples = frozenset((e.source, e.target, e.root) for e in evs)
    actors = frozenset(a for e in evs for a in (e.source_actor_id, e.target_actor_id) if a)
    quantities = frozenset(((e.source, e.target, e.root), q.unit, q.value) for e in evs for q in e.quantities)
    return Profile(doc.doc_id, doc.lang or "en", _day(doc.date), wires(doc), len(doc.text), triples, actors,
                   numbers(doc.text), quantities)


def _overlap(a: frozenset[Triple] | frozenset[str], b: frozenset[Triple] | frozenset[str]) -> float:
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def _numbers_agree(a: tuple[str, ...], b: tuple[str, ...]) -> float | None:
    if len(a) >= 3 and len(b) >= 3:
        shared = sum((Counter(a) & Counter(b)).values()) / min(len(a), len(b))
        return shared if shared >= MIN_OVERLAP_NUMBERS else None
    return 1.0 if set(a) == set(b) else None


def _conflict(a: Profile, b: Profile) -> bool:
    """A shared triple with quantities of one unit in both and no value in common."""
    values: dict[tuple[Triple, str], list[set[float]]] = defaultdict(lambda: [set(), set()])
    for side, p in enumerate((a, b)):
        for triple, unit, value in p.quantities:
            values[(triple, unit)][side].add(value)
    return any(x and y and not x & y for x, y in values.values())


def copy_score(a: Profile, b: Profile) -> float | None:
    """The score of ``a`` and ``b`` as one wire story in two languages, None when they are not (module doc)."""
    if a.lang == b.lang or not a.wires & b.wires or a.day is None or b.day is None or abs((a.day - b.day).days) > 1:
        return None
    if min(a.length, b.length) * MAX_LENGTH_RATIO < max(a.length, b.length):
        return None
    triples, actors = _overlap(a.triples, b.triples), _overlap(a.actors, b.actors)
    if not a.triples & b.triples or triples < MIN_OVERLAP or actors < MIN_OVERLAP or _conflict(a, b):
        return None
    nums = _numbers_agree(a.numbers, b.numbers)
    return None if nums is None else round((triples + actors + nums) / 3, 4)


def edges(profiles: Sequence[Profile], only: frozenset[str] | None = None) -> list[tuple[str, str, float]]:
    """Translated-copy pairs (a < b) with their scores; with ``only``, the pairs with an end in it. Pairs
    are looked for among documents credited to one wire on one day (or the next)."""
    block: dict[tuple[str, date], list[Profile]] = defaultdict(list)
    for p in profiles:
        if p.day is not None:
            for w in p.wires:
                block[(w, p.day)].append(p)
    out: dict[tuple[str, str], float] = {}
    for (w, day), members in block.items():
        nearby = members + [p for p in block.get((w, date.fromordinal(day.toordinal() + 1)), [])]
        for x, y in combinations(sorted(set(nearby), key=lambda p: p.doc_id), 2):
            if only is not None and x.doc_id not in only and y.doc_id not in only:
                continue
            score = copy_score(x, y)
            if score is not None:
                out[(x.doc_id, y.doc_id)] = score
    return sorted((a, b, s) for (a, b), s in out.items())


def document_edges(docs: Sequence[DocRow], events: Iterable[EventRow],
                   sets: Mapping[str, frozenset[int]]) -> list[tuple[str, str, float]]:
    """`edges` over documents and their events; only documents long enough for the shingle index
    (``sets``: their shingles) are read, as the stored index holds only those."""
    by_doc: dict[str, list[EventRow]] = defaultdict(list)
    for e in events:
        by_doc[e.doc_id].append(e)
    return edges([profile(d, by_doc.get(d.doc_id, ())) for d in docs if len(sets[d.doc_id]) >= MIN_SHINGLES])
