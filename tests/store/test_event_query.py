"""The filtered, sorted, paged event query behind the explorer and /api/v1/events."""

from __future__ import annotations

from typing import Any

import pytest

from dyads.store import Store, views
from dyads.store import event_query as eq


@pytest.fixture(scope="module")
def store(sample_db: str) -> Any:
    with Store.open(sample_db, read_only=True) as s:
        yield s


def _ids(store: Store, **kw: Any) -> set[str]:
    return {r["event_id"] for r in eq.records(store, eq.EventFilter(**kw))}


def test_no_filter_pages_through_every_event_in_order(store: Store) -> None:
    everything = views.events(store)
    seen: list[str] = []
    page_no = 1
    while True:
        p = eq.page(store, eq.EventFilter(), "date", page_no, 40)
        assert p.total == len(everything)
        seen += [r["event_id"] for r in p.records]
        if page_no >= p.pages:
            break
        page_no += 1
    assert seen == [r["event_id"] for r in everything]


def test_actor_filter_matches_country_code_prefix_id_and_name(store: Store) -> None:
    usa = _ids(store, actor="USA")
    assert usa == {r["event_id"] for r in views.events(store, actor="USA")}
    assert _ids(store, actor="usagov") <= usa and _ids(store, actor="USAGOV")
    by_name = _ids(store, actor="Sheinbaum")
    assert by_name and all(
        "sheinbaum" in (r["source"]["actor_id"] + str((r["target"] or {}).get("actor_id"))) for r in eq.records(store, eq.EventFilter(actor="Sheinbaum")))


def test_dyad_is_both_directions_and_source_target_are_one(store: Store) -> None:
    both = eq.records(store, eq.EventFilter(dyad="USA,CUB"))
    assert both
    for r in both:
        assert {r["source"]["country"], (r["target"] or {}).get("country")} == {"USA", "CUB"}
    one_way = _ids(store, source="USA", target="CUB")
    other_way = _ids(store, source="CUB", target="USA")
    assert one_way | other_way == {r["event_id"] for r in both}
    with pytest.raises(ValueError, match="two actors"):
        eq.where_clause(eq.EventFilter(dyad="USA"), store)


def test_code_modality_quad_plover_date_text_outlet_filters(store: Store) -> None:
    for r in eq.records(store, eq.EventFilter(root="4")):
        assert r["root"] == "04"
    for r in eq.records(store, eq.EventFilter(quad_class=4, modality="asserted")):
        assert r["quad_class"] == 4 and r["modality"] == "asserted"
    consult = eq.records(store, eq.EventFilter(plover="consult"))
    assert consult and all(r["plover"]["event_type"] == "CONSULT" for r in consult)
    feb = eq.records(store, eq.EventFilter(since="2026-02", until="2026-02"))
    assert feb and all(r["date"].startswith("2026-02") for r in feb)
    oil = eq.records(store, eq.EventFilter(text="OIL"))
    assert oil and all("oil" in r["evidence"]["text"].lower() for r in oil)
    outlets = dict(store.query("SELECT doc_id, outlet FROM documents")[1])
    meridian = eq.records(store, eq.EventFilter(outlet="meridian"))
    assert meridian and all("Meridian" in (outlets[r["doc_id"]] or "") for r in meridian)


def test_speaker_filter(store: Store) -> None:
    quoted = [r for r in views.events(store) if r["attribution"]["speaker"]]
    assert quoted
    sp = quoted[0]["attribution"]["speaker"]
    got = eq.records(store, eq.EventFilter(speaker=sp["actor_id"]))
    assert got and all(r["attribution"]["speaker"]["actor_id"] == sp["actor_id"] for r in got)


def test_sorting_and_bad_input(store: Store) -> None:
    p = eq.page(store, eq.EventFilter(), "-goldstein", 1, 500)
    values = [r["goldstein"] for r in p.records]
    assert values == sorted(values, reverse=True)
    with pytest.raises(ValueError, match="unknown sort"):
        eq.page(store, eq.EventFilter(), "goldstein; DROP TABLE events", 1, 10)
    with pytest.raises(ValueError, match="quad_class"):
        eq.EventFilter.from_mapping({"quad_class": "5"})
    # user text is a bound parameter, never SQL; LIKE wildcards are literal
    assert eq.records(store, eq.EventFilter(text="'; DROP TABLE events; --")) == []
    assert eq.records(store, eq.EventFilter(text="%")) == []
    assert store.query("SELECT count(*) FROM events")[1][0][0] == p.total


def test_filter_round_trips_through_a_query_string() -> None:
    f = eq.EventFilter.from_mapping({"actor": " USA ", "quad_class": "3", "text": "", "since": "2026-01"})
    assert f == eq.EventFilter(actor="USA", quad_class=3, since="2026-01")
    assert eq.EventFilter.from_mapping(f.as_query()) == f
