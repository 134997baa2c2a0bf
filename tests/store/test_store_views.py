"""Read views over the sample store, and the offset invariant for every stored event."""

from __future__ import annotations

import json

import pytest

from dyads.store import Store, views


@pytest.fixture(scope="module")
def store(sample_db: str):  # type: ignore[no-untyped-def]
    with Store.open(sample_db, read_only=True) as s:
        yield s


def test_evidence_offsets_point_into_document_text(store: Store) -> None:
    texts = dict(store.query("SELECT doc_id, text FROM documents")[1])
    records = views.events(store)
    assert len(records) > 50
    for rec in records:
        text, ev = texts[rec["doc_id"]], rec["evidence"]
        assert text[ev["start"]:ev["end"]] == ev["text"], rec["event_id"]
        trig = ev["trigger"]
        assert text[trig["start"]:trig["end"]] == trig["text"], rec["event_id"]
        assert ev["start"] <= trig["start"] < trig["end"] <= ev["end"]
        for role in ("source", "target"):
            a = rec[role]
            if a is not None:
                assert text[a["start"]:a["end"]] == a["text"], (rec["event_id"], role)


def test_event_columns_agree_with_record(store: Store) -> None:
    rows = store.dicts("SELECT * FROM events")
    for r in rows:
        rec = json.loads(r["record"])
        assert (r["event_id"], r["doc_id"], r["cameo"], r["root"], r["modality"]) == \
            (rec["event_id"], rec["doc_id"], rec["cameo"], rec["root"], rec["modality"])
        assert (r["evidence_start"], r["trigger_start"], r["trigger_text"]) == \
            (rec["evidence"]["start"], rec["evidence"]["trigger"]["start"], rec["evidence"]["trigger"]["text"])


def test_sentences_and_mentions_offsets(store: Store) -> None:
    texts = dict(store.query("SELECT doc_id, text FROM documents")[1])
    for doc_id, start, end, text in store.query("SELECT doc_id, start_char, end_char, text FROM sentences")[1]:
        assert texts[doc_id][start:end] == text
    for doc_id, start, end, text in store.query("SELECT doc_id, start_char, end_char, text FROM mentions")[1]:
        assert texts[doc_id][start:end] == text


def test_discarded_documents_have_no_events(store: Store) -> None:
    discarded = {r[0] for r in store.query("SELECT doc_id FROM documents WHERE discarded IS NOT NULL")[1]}
    assert {"football_darlington_falkirk", "weather_storm_warning"} <= discarded
    assert not [e for e in views.events(store) if e["doc_id"] in discarded]


def test_events_filters(store: Store) -> None:
    everything = views.events(store)
    usa = views.events(store, actor="USA")
    assert usa and len(usa) < len(everything)
    for e in usa:
        sides = [e["source"], e["target"]]
        assert any(s and (s["actor_id"] == "USA" or s["country"] == "USA" or s["code"].startswith("USA")) for s in sides)
    assert views.events(store, actor="usa") == usa  # code prefixes are matched upper-cased
    window = views.events(store, since="2026-02-01", until="2026-02-05")
    assert window and all(e["date"] and "2026-02-01" <= e["date"] <= "2026-02-05~" for e in window)
    month = views.events(store, since="2026-01", until="2026-01")
    assert month and all(e["date"].startswith("2026-01") for e in month)
    one = views.events(store, doc_id="pemex_shipment_paused")
    assert one and {e["doc_id"] for e in one} == {"pemex_shipment_paused"}
    dates = [e["date"] for e in everything if e["date"]]
    assert dates == sorted(dates)


def test_event_lookup_and_documents(store: Store) -> None:
    first = views.events(store)[0]
    assert views.event(store, first["event_id"]) == first
    assert views.event(store, "ev-nope") is None
    docs = views.documents(store)
    assert len(docs) == 25 and list(docs[0]) == ["doc_id", "title", "date", "url", "outlet", "lang", "text"]
    assert {d["lang"] for d in docs} == {"en"}  # corpus/sample is English throughout
    assert views.document_text(store, "iran_iaea_talks", ).startswith("Iran agrees")  # type: ignore[union-attr]
    assert views.document_text(store, "nope") is None


def test_stats_and_relations(store: Store) -> None:
    st = views.stats(store)
    assert st["documents"] == 25 and st["events"] == len(views.events(store))
    assert st["discarded_documents"] >= 2
    assert sum(st["events_by_root"].values()) == st["events"]
    assert set(st["events_by_quad_class"]) <= {"1", "2", "3", "4"}
    rel = views.relations(store, limit=5)
    assert 0 < len(rel) <= 5
    assert all(r["events"] == r["cooperation"] + r["conflict"] for r in rel)


def test_actors_view(store: Store) -> None:
    rows = views.actors(store)
    by_id = {r["actor_id"]: r for r in rows}
    assert "USA" in by_id and by_id["USA"]["mentions"] > 0
    assert isinstance(by_id["USA"]["aliases"], list)
