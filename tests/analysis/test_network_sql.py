"""`network_sql.edges_in_store` counts the same edges as `network.edges` over loaded rows."""

from __future__ import annotations

from dataclasses import asdict

from dyads.analysis.network import edges, network, network_of
from dyads.analysis.network_sql import edges_in_store
from dyads.analysis.rows import load_event_rows
from dyads.store import Store
from dyads.store.analysis_tables import story_of
from dyads.store.event_query import EventFilter, where_clause


def test_edges_in_store_equal_edges_over_rows(sample_db: str) -> None:
    with Store.open(sample_db, read_only=True) as store:
        links = story_of(store)
        for f in (EventFilter(), EventFilter(quad_class=4), EventFilter(since="2026-02", until="2026-02")):
            where, params = where_clause(f, store)
            rows = load_event_rows(store, where, params)
            want = edges(rows, links)
            assert want and edges_in_store(store, where, params) == want
            assert asdict(network_of(want)) == asdict(network(rows, links))
