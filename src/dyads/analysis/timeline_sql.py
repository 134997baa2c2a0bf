"""The dyad timeline computed inside DuckDB: same `Timeline` as `timeline.timeline` over
loaded events (the test suite compares them), without moving the events into Python.

On a 100,000-event store, fetching an actor's ~10,000 events as Python rows costs far more than
the counting itself; here only one row per period leaves the database. Equivalences:
- actor matching: `select.side_matches` (country or actor id, actor id, code prefix), with
  DuckDB's upper/lower (identical for the ASCII ids and codes dyads produces);
- periods: `timeline.period_of` (a valid ISO day for day/week, ISO year and week, first seven
  characters for month);
- one-a-day: the first event by id per (date, source code, target code, CAMEO); undated kept;
- Goldstein: summed in SQL, rounded in Python like the Python path. Goldstein weights carry one
  decimal, so the summation order cannot change the rounded sum.
"""

from __future__ import annotations

from typing import Any

from dyads.analysis.select import ActorQuery
from dyads.analysis.timeline import Period, Timeline, TimelinePoint
from dyads.store.actor_match import ActorMatch
from dyads.store.duck import Store

_SIDE = ("(upper(coalesce({s}_country, {s}_actor_id)) = upper(?) OR lower({s}_actor_id) = lower(?)"
         " OR starts_with(upper(coalesce({s}_code, '')), upper(?)))")
_DAY = "CASE WHEN length(date) >= 10 THEN try_cast(left(date, 10) AS DATE) END"
_PERIOD = {
    "day": f"strftime({_DAY}, '%Y-%m-%d')",
    "week": f"printf('%d-W%02d', isoyear({_DAY}), week({_DAY}))",
    "month": "CASE WHEN length(date) >= 7 THEN left(date, 7) END",
}


def _side(query: ActorQuery, side: str) -> tuple[str, list[Any]]:
    if isinstance(query, ActorMatch):
        return query.sql(side, alias="")
    return _SIDE.format(s=side), [query] * 3


def dyad_filter(a: ActorQuery, b: ActorQuery | None) -> tuple[str, list[Any]]:
    """SQL condition and parameters selecting `timeline.dyad_events`."""
    if isinstance(a, ActorMatch) or isinstance(b, ActorMatch):
        sa, pa = _side(a, "source")
        ta, pa2 = _side(a, "target")
        if b is None:
            return f"({sa} OR (target_actor_id IS NOT NULL AND {ta}))", pa + pa2
        sb, pb = _side(b, "source")
        tb, pb2 = _side(b, "target")
        return f"(({sa} AND {tb}) OR ({sb} AND {ta}))", pa + pb2 + pb + pa2
    src, tgt = _SIDE.format(s="source"), "(target_actor_id IS NOT NULL AND " + _SIDE.format(s="target") + ")"
    if b is None:
        return f"({src} OR {tgt})", [a] * 6
    return f"(({src} AND {tgt}) OR ({src} AND {tgt}))", [a] * 3 + [b] * 3 + [b] * 3 + [a] * 3


def timeline_in_store(store: Store, a: ActorQuery, b: ActorQuery | None = None, by: Period = "day", dedupe: bool = False) -> Timeline:
    where, params = dyad_filter(a, b)
    once = ("QUALIFY date IS NULL OR row_number() OVER (PARTITION BY date, coalesce(source_code, ''), target_code, cameo"
            " ORDER BY event_id) = 1") if dedupe else ""
    _, rows = store.query(f"""
        WITH chosen AS (SELECT date, quad_class, goldstein FROM events WHERE {where} {once})
        SELECT {_PERIOD[by]} AS period, count(*), count(*) FILTER (WHERE quad_class = 1),
               count(*) FILTER (WHERE quad_class = 2), count(*) FILTER (WHERE quad_class = 3),
               count(*) FILTER (WHERE quad_class = 4), sum(goldstein)
        FROM chosen GROUP BY period ORDER BY period NULLS LAST""", params)
    points, skipped = [], 0
    for period, n, q1, q2, q3, q4, gs in rows:
        if period is None:
            skipped = int(n)
            continue
        gsum = round(float(gs), 2)
        points.append(TimelinePoint(period, int(n), int(q1), int(q2), int(q3), int(q4), gsum, round(gsum / n, 2)))
    return Timeline(tuple(str(x) for x in (a, b) if x), by, dedupe, tuple(points), skipped)
