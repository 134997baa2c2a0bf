"""The relations network's edges counted inside DuckDB: the same `EdgeStat`s as
`network.edges(load_event_rows(...), story_of(...))` (the test suite compares them), without moving
every event and story link into Python. On a 100,000-event store the unfiltered network page spent
about a second building rows it only summed (docs/benchmarks.md).

Equivalences with `network.edges`: a side's key is its country, else its actor id (`EventRow.source`);
events without a target or with source == target add no edge; ``stories`` counts distinct stories,
an event without a story counting as its own; Goldstein summed in SQL and rounded in Python (weights
carry one decimal, so the order of summation cannot change the rounded sum).
"""

from __future__ import annotations

from typing import Any

from dyads.analysis.network import EdgeStat
from dyads.store.duck import Store


def edges_in_store(store: Store, where: str = "", params: list[Any] | None = None) -> list[EdgeStat]:
    """Edges of the events matching ``where`` (a ``WHERE`` over ``events e``, as
    `dyads.store.event_query.where_clause` gives), in `network.edges` order (source, target)."""
    from dyads.store.analysis_tables import has_analysis

    story = ("coalesce((SELECT se.story_id FROM story_events se WHERE se.event_id = e.event_id), e.event_id)"
             if has_analysis(store) else "e.event_id")
    cond = "e.target_actor_id IS NOT NULL AND coalesce(e.source_country, e.source_actor_id) <> " \
           "coalesce(e.target_country, e.target_actor_id)"
    where = f"{where} AND {cond}" if where.strip() else f" WHERE {cond}"
    _, rows = store.query(f"""
        SELECT coalesce(e.source_country, e.source_actor_id) AS s, coalesce(e.target_country, e.target_actor_id) AS t,
               count(*), count(DISTINCT {story}), count(*) FILTER (WHERE e.quad_class <= 2),
               count(*) FILTER (WHERE e.quad_class >= 3), sum(e.goldstein)
        FROM events e{where} GROUP BY 1, 2 ORDER BY 1, 2""", params or [])
    out = []
    for s, t, n, stories, coop, conflict, gs in rows:
        gsum = round(float(gs), 2)
        out.append(EdgeStat(s, t, int(n), int(stories), int(coop), int(conflict), gsum, round(gsum / n, 2)))
    return out
