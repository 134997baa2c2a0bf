"""Pairwise tests used to decide whether two events report the same happening.

Each test is small and documented so `docs/analysis.md` can state the thresholds exactly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from dyads.analysis.rows import EventRow, PlaceRow
from dyads.places.gazetteer import distance_km  # a light module: the city table loads only when asked

DATE_WINDOW_DAYS = 3
SAME_PLACE_KM = 50.0  # two points further apart are two places (a strike in Kharkiv is not one in Kyiv)
SAME_TEXT = 0.6
UNDATED_EVIDENCE = 0.25
WILDCARD_EVIDENCE = 0.1
WEEK = timedelta(days=7)
# CAMEO roots that may describe one happening although coded differently. Deliberately short:
# threats (13) are not sanctions (16) or coercion (17); only kinds of violence are merged.
COMPATIBLE_ROOTS: frozenset[frozenset[str]] = frozenset({
    frozenset({"18", "19"}), frozenset({"19", "20"}), frozenset({"18", "20"}),
})
STOPWORDS = frozenset("""a an the of to in on at for by with from and or but as is was were be been has have had
that this these those it its their his her he she they them which who said says say would will could should
after before over under into than also not no one two""".split())
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def roots_compatible(a: str, b: str) -> bool:
    return a == b or frozenset({a, b}) in COMPATIBLE_ROOTS


@lru_cache(maxsize=65536)  # pure; the story sweep asks for the same few hundred dates millions of times
def parse_date(value: str | None) -> date | None:
    """Day-precision ISO dates only; month or year precision gives None (see `dates_compatible`)."""
    if not value or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def week_of(value: str | None) -> date | None:
    """The Monday of a day date's calendar week; None for a month, a year or no date. A story's
    dated events fall in one calendar week (`stories`): a bound that, unlike a span counted from
    the story's first event, does not depend on which events came before, so a late report
    changes the stories of its own week only."""
    day = parse_date(value)
    return _monday(day) if day else None


def dates_compatible(a: str | None, b: str | None, window: int = DATE_WINDOW_DAYS) -> bool | None:
    """True/False when both are dated; None when either is undated (caller then needs evidence).
    Two days: within ``window`` days. A month or a year: only the same month or year stated alike
    ("2026-02" matches "2026-02", not "2026-02-05" nor "2026"). Why so strict: a coarse date
    compatible with every day of its period bridged reports weeks apart into one story, and kept
    the story open (and the incremental sweep running) to the period's end."""
    if not a or not b:
        return None
    da, db = parse_date(a), parse_date(b)
    if da and db:
        return abs((da - db).days) <= window
    return a == b if da is None and db is None else False


def actors_match(a: EventRow, b: EventRow) -> bool:
    """Same dyad up to role (A->B matches B->A). A missing target is a wildcard, but then the
    sources must be the same actor: "Mexico paused" is not "the US sanctioned Mexico"."""
    if a.target and b.target:
        return (a.source, a.target) in ((b.source, b.target), (b.target, b.source))
    return a.source == b.source


@lru_cache(maxsize=65536)
def content_words(text: str) -> frozenset[str]:
    """Lowercased content words of an evidence sentence (cached: clustering compares pairs)."""
    return frozenset(w.lower() for w in _WORD.findall(text) if len(w) > 2 and w.lower() not in STOPWORDS)


def evidence_similarity(a: EventRow, b: EventRow) -> float:
    """Jaccard similarity of the content words of the two evidence sentences."""
    wa, wb = content_words(a.evidence), content_words(b.evidence)
    if not wa or not wb:
        return 0.0
    shared = len(wa & wb)
    return shared / (len(wa) + len(wb) - shared)  # = |wa & wb| / |wa | wb|, without building the union


def same_happening(a: EventRow, b: EventRow) -> bool:
    """Do two events report the same happening? (the rules are stated in `dyads.analysis.stories`)"""
    return matching_similarity(a, b) is not None


def matching_similarity(a: EventRow, b: EventRow) -> float | None:
    """`evidence_similarity` of two events that report the same happening, None when they do not
    (one pass: the story sweep asks this of every candidate member)."""
    if not roots_compatible(a.root, b.root):
        return None
    dated = dates_compatible(a.date, b.date)
    if dated is False:
        return None
    sim = evidence_similarity(a, b)
    if dated is None and sim < UNDATED_EVIDENCE:
        return None
    if sim >= SAME_TEXT:
        return sim  # the same report, whatever place each copy gives (`contradictions` lists a conflict)
    if not places_compatible(a.place, b.place):
        return None
    if not actors_match(a, b):
        return None
    return sim if a.target and b.target or sim >= WILDCARD_EVIDENCE else None


def places_compatible(a: PlaceRow | None, b: PlaceRow | None) -> bool:
    """Can two located reports be of one happening? Unplaced: yes. Otherwise not in two countries
    (open water, "SEA", and a region across borders take no side), and two points (cities, sites)
    no more than ``SAME_PLACE_KM`` apart; a country, a province or a sea holds any point in it."""
    if a is None or b is None:
        return True
    if a.country and b.country and "SEA" not in (a.country, b.country) and a.country != b.country:
        return False
    if a.precision == "point" and b.precision == "point":
        return distance_km(a.lat, a.lon, b.lat, b.lon) <= SAME_PLACE_KM
    return True


def lowest_day(d: str) -> date | None:
    """The earliest day whose sort key is >= the date string ``d`` (a day, month or year)."""
    padded = {4: d + "-01-01", 7: d + "-01", 10: d}.get(len(d))
    return parse_date(padded) if padded else None


def may_match_later(member: str, d: str) -> bool:
    """Can an event dated ``member`` still match (`dates_compatible`) an event whose date sorts
    at or after ``d``? Dates sort as strings; a month or a year matches only itself, an undated
    member anything. Monotone: once False for some ``d``, False for every later one.
    Conservative: True when unsure."""
    if not member:
        return True
    if len(member) < 10:
        return d <= member
    m, low = parse_date(member), lowest_day(d)
    return m is None or low is None or (low - m).days <= DATE_WINDOW_DAYS and low < _monday(m) + WEEK


@dataclass
class Reach:
    """How far a growing group of events can still match later dates: `open_at(d)` is
    ``any(may_match_later(m, d) for m in members)``, kept in O(1) per member added."""

    last_day: date | None = None
    week_end: date | None = None  # the Monday after the first day member's week (a story keeps to one week)
    prefixes: set[str] = field(default_factory=set)  # month, year (and "" for undated) members
    unsure: bool = False  # a ten-character date that does not parse

    def add(self, d: str | None) -> None:
        d = d or ""
        if len(d) < 10:
            self.prefixes.add(d)
            return
        day = parse_date(d)
        if day is None:
            self.unsure = True
        else:
            if self.week_end is None:
                self.week_end = _monday(day) + WEEK
            if self.last_day is None or day > self.last_day:
                self.last_day = day

    def open_at(self, d: str, low: date | None) -> bool:
        """``low`` is `lowest_day(d)`, computed once by the caller per visited event."""
        if self.unsure or any(p == d or not p for p in self.prefixes):  # an undated member: always
            return True
        return self.last_day is not None and (low is None or (low - self.last_day).days <= DATE_WINDOW_DAYS
                                              and (self.week_end is None or low < self.week_end))
