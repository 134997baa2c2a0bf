"""Dyad time series: per period, counts by QuadClass and Goldstein sum and mean.

Periods are ISO days (``2026-02-03``), ISO weeks (``2026-W06``) or months (``2026-02``).
Events dated only to a month count in monthly series and are left out of daily and weekly
ones; undated events are left out (the count is reported as ``skipped``).

One-a-day deduplication (``dedupe=True``) keeps one event per (day, source code, target code,
CAMEO code), as users of GDELT/ICEWS-style data expect: a happening reported by ten outlets on
one day counts once.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from dyads.analysis.rows import EventRow
from dyads.analysis.select import ActorQuery, involves, source_is, target_is
from dyads.analysis.similarity import parse_date

Period = Literal["day", "week", "month"]


@dataclass(frozen=True)
class TimelinePoint:
    period: str
    events: int
    verbal_cooperation: int  # QuadClass 1
    material_cooperation: int  # QuadClass 2
    verbal_conflict: int  # QuadClass 3
    material_conflict: int  # QuadClass 4
    goldstein_sum: float
    goldstein_mean: float


@dataclass(frozen=True)
class Timeline:
    actors: tuple[str, ...]
    by: Period
    dedupe: bool
    points: tuple[TimelinePoint, ...]
    skipped: int  # events of the dyad without a date usable at this granularity


def period_of(date: str | None, by: Period) -> str | None:
    if not date:
        return None
    if by == "month":
        return date[:7] if len(date) >= 7 else None
    d = parse_date(date)
    if d is None:
        return None
    if by == "day":
        return d.isoformat()
    year, week, _ = d.isocalendar()
    return f"{year}-W{week:02d}"


def dyad_events(events: Sequence[EventRow], a: ActorQuery, b: ActorQuery | None = None) -> list[EventRow]:
    """Events involving ``a`` (any role), or between ``a`` and ``b`` in either direction."""
    if b is None:
        return [e for e in events if involves(e, a)]
    return [e for e in events if (source_is(e, a) and target_is(e, b)) or (source_is(e, b) and target_is(e, a))]


def one_a_day(events: Sequence[EventRow]) -> list[EventRow]:
    seen: set[tuple[str | None, str, str | None, str]] = set()
    out = []
    for e in sorted(events, key=lambda e: (e.date or "", e.event_id)):
        key = (e.date, e.source_code, e.target_code, e.cameo)
        if e.date is None or key not in seen:
            seen.add(key)
            out.append(e)
    return out


def timeline(events: Sequence[EventRow], a: ActorQuery, b: ActorQuery | None = None, by: Period = "day", dedupe: bool = False) -> Timeline:
    chosen = dyad_events(events, a, b)
    if dedupe:
        chosen = one_a_day(chosen)
    buckets: dict[str, list[EventRow]] = defaultdict(list)
    skipped = 0
    for e in chosen:
        p = period_of(e.date, by)
        if p is None:
            skipped += 1
        else:
            buckets[p].append(e)
    points = []
    for p in sorted(buckets):
        es = buckets[p]
        quads = [sum(1 for e in es if e.quad_class == q) for q in (1, 2, 3, 4)]
        gsum = round(sum(e.goldstein for e in es), 2)
        points.append(TimelinePoint(p, len(es), quads[0], quads[1], quads[2], quads[3], gsum, round(gsum / len(es), 2)))
    return Timeline(tuple(str(x) for x in (a, b) if x), by, dedupe, tuple(points), skipped)
