"""`load_event_rows` (flat columns, no record parsing) agrees with `load_events` wherever
timelines, profiles and networks look."""

from __future__ import annotations

from dataclasses import asdict, replace

from dyads.analysis.network import network
from dyads.analysis.rows import load_event_rows, load_events
from dyads.analysis.timeline import timeline
from dyads.store import Store
from dyads.store.event_query import EventFilter, where_clause


def test_light_rows_match_full_rows_but_evidence(sample_db: str) -> None:
    with Store.open(sample_db, read_only=True) as store:
        full = load_events(store)
        light = load_event_rows(store)
        where, params = where_clause(EventFilter(dyad="USA,CUB"), store)
        narrowed = load_event_rows(store, where, params)
    assert [e.event_id for e in light] == [e.event_id for e in full]
    for f, g in zip(full, light):
        assert g == replace(f, evidence="", speaker=None, quantities=())
    for by in ("day", "week", "month"):
        assert timeline(light, "USA", "CUB", by) == timeline(full, "USA", "CUB", by)  # type: ignore[arg-type]
        assert timeline(narrowed, "USA", "CUB", by, dedupe=True) == timeline(full, "USA", "CUB", by, dedupe=True)  # type: ignore[arg-type]
    assert asdict(network(light)) == asdict(network(full))
