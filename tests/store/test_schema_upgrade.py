"""A store made before the incremental analysis (schema 2) upgrades in place and is rebuilt once."""

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
        assert store.schema_version() == LATEST == 4
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
        assert rows == [("ev-1", None, None, None, None, None, '{"event_id": "ev-1"}')]  # unplaced, record untouched
