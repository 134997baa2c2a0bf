"""Stores made by older dyads upgrade in place: before the incremental analysis (schema 2: rebuilt
once), before locations (schema 3), before document languages (schema 4)."""

from __future__ import annotations

from pathlib import Path

import duckdb

from dyads.store import Store
from dyads.store.analysis_tables import analysis_stale
from dyads.store.schema import LATEST, MIGRATIONS


def test_schema_2_store_upgrades_and_is_marked_stale(tmp_path: Path) -> None:
    db = tmp_path / "old.duckdb"
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
    for version, ddl in MIGRATIONS[:2]:
        for stmt in filter(str.strip, ddl.split(";")):
            con.execute(stmt)
        con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(version)])
    con.execute("INSERT INTO story_events VALUES ('st-1', 'ev-1')")
    con.close()
    with Store.open(db) as store:
        assert store.schema_version() == LATEST == 5
        assert analysis_stale(store)  # the next ingest rebuilds instead of updating
        assert store.query("SELECT story_id, event_id, doc_id, root, date FROM story_events")[1] == [
            ("st-1", "ev-1", None, None, None)]


def test_schema_3_store_gains_location_columns_and_keeps_its_events(tmp_path: Path) -> None:
    db = tmp_path / "v3.duckdb"
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
    for version, ddl in MIGRATIONS[:3]:
        for stmt in filter(str.strip, ddl.split(";")):
            con.execute(stmt)
        con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(version)])
    con.execute("INSERT INTO events (event_id, doc_id, record) VALUES ('ev-1', 'd-1', '{\"event_id\": \"ev-1\"}')")
    con.close()
    with Store.open(db) as store:
        assert store.schema_version() == LATEST
        cols, rows = store.query("SELECT event_id, location_name, location_country, location_lat, location_lon, "
                                 "location_precision, record FROM events")
        # unplaced; the record keeps its fields (and gains the document's language, unknown: migration 5)
        assert rows == [("ev-1", None, None, None, None, None, '{"event_id": "ev-1", "lang": null}')]


def _store_at(db: Path, version: int) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
    for v, ddl in MIGRATIONS[:version]:
        for stmt in filter(str.strip, ddl.split(";")):
            con.execute(stmt)
        con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(v)])
    return con


def test_schema_4_store_gains_document_languages_as_undetermined(tmp_path: Path) -> None:
    import json

    db = tmp_path / "v4.duckdb"
    con = _store_at(db, 4)
    rec = json.dumps({"event_id": "ev-1", "doc_id": "d-1", "evidence": {"text": "Cuba {dijo}"}, "location": None},
                     ensure_ascii=False)
    con.execute("INSERT INTO documents (doc_id, content_hash, text) VALUES ('d-1', 'h1', 'Cuba dijo algo.')")
    con.execute("INSERT INTO events (event_id, doc_id, record) VALUES ('ev-1', 'd-1', ?)", [rec])
    con.close()
    with Store.open(db) as store:
        assert store.schema_version() == LATEST == 5
        assert store.query("SELECT doc_id, lang, content_hash FROM documents")[1] == [("d-1", None, "h1")]
        record = store.query("SELECT record FROM events")[1][0][0]
        assert json.loads(record) == {**json.loads(rec), "lang": None}  # the braces inside a string are kept
    with Store.open(db) as store:  # opening again changes nothing
        assert store.query("SELECT record FROM events")[1][0][0] == record
