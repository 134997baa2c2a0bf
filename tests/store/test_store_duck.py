"""The DuckDB store: migrations, idempotent re-ingest, replacement, atomic batches, read-only SQL."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from dyads.api import ingest
from dyads.ingest.readers import parse_plain
from dyads.model import Analysis
from dyads.store import Store, StoreError
from dyads.store.schema import DOC_TABLES, LATEST
from spine_support import write

TABLES = ("documents", *DOC_TABLES, "actors")

DOC_A = ("Mexico sends food to Cuba\ndate 2026-02-10\n\n"
         "Mexico sent 1,500 tons of food and medicine to Cuba on Tuesday, President Claudia Sheinbaum said. "
         "Cuba thanked Mexico for its solidarity.\n\nThe United States threatened tariffs on Mexico.\n")
DOC_B = ("Russia condemns strikes\ndate 2026-01-04\n\nRussia condemned the US strikes on Venezuela. "
         "China said it opposed the sanctions on Cuba.\n")


def analyse(pipeline: Any, *docs: tuple[str, str]) -> list[Analysis]:
    return list(pipeline.analyse([parse_plain(text, doc_id) for doc_id, text in docs]))


def counts(store: Store) -> dict[str, int]:
    return {t: store.query(f"SELECT count(*) FROM {t}")[1][0][0] for t in TABLES}


def event_ids(store: Store) -> list[str]:
    return [r[0] for r in store.query("SELECT event_id FROM events ORDER BY event_id")[1]]


def orphans(store: Store) -> int:
    total = 0
    for t in DOC_TABLES:
        total += store.query(f"SELECT count(*) FROM {t} WHERE doc_id NOT IN (SELECT doc_id FROM documents)")[1][0][0]
    total += store.query("SELECT count(*) FROM quantities WHERE event_id NOT IN (SELECT event_id FROM events)")[1][0][0]
    return int(total)


# -- schema ----------------------------------------------------------------------------------

def test_migration_creates_tables_and_version(tmp_db: str) -> None:
    with Store.open(tmp_db) as store:
        assert store.schema_version() == LATEST
        names = {r[0] for r in store.query("SELECT table_name FROM information_schema.tables")[1]}
        assert set(TABLES) | {"meta"} <= names
        assert store.query("SELECT value FROM meta WHERE key = 'schema_version'")[1] == [(str(LATEST),)]
    with Store.open(tmp_db) as store:  # re-opening does not re-apply or fail
        assert store.schema_version() == LATEST
        assert all(v == 0 for v in counts(store).values())


def test_newer_schema_is_refused(tmp_db: str) -> None:
    with Store.open(tmp_db) as store:
        store.con.execute("UPDATE meta SET value = '999' WHERE key = 'schema_version'")
    with pytest.raises(StoreError, match="newer"):
        Store.open(tmp_db)


def test_read_only_open_of_missing_store(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no such store"):
        Store.open(tmp_path / "nope.duckdb", read_only=True)


# -- writing ---------------------------------------------------------------------------------

def test_write_stores_everything(tmp_db: str, pipeline: Any) -> None:
    analyses = analyse(pipeline, ("a", DOC_A), ("b", DOC_B))
    n = sum(len(a.events) for a in analyses)
    assert n > 0
    with Store.open(tmp_db) as store:
        assert store.write(analyses) == n
        c = counts(store)
        assert c["documents"] == 2 and c["events"] == n
        assert c["sentences"] == sum(len(a.sentences) for a in analyses)
        assert c["mentions"] == sum(len(a.mentions) for a in analyses)
        assert c["quantities"] == sum(len(e.quantities) for a in analyses for e in a.events)
        assert c["actors"] > 0
        assert store.known_hashes(["a", "b", "zz"]) == {a.document.doc_id: a.document.content_hash for a in analyses}
        assert orphans(store) == 0


def test_rewrite_same_analyses_changes_nothing(tmp_db: str, pipeline: Any) -> None:
    analyses = analyse(pipeline, ("a", DOC_A), ("b", DOC_B))
    with Store.open(tmp_db) as store:
        store.write(analyses)
        before, ids = counts(store), event_ids(store)
        store.write(analyse(pipeline, ("a", DOC_A), ("b", DOC_B)))
        assert counts(store) == before and event_ids(store) == ids


def test_reingest_same_corpus_changes_nothing(tmp_path: Path, tmp_db: str, settings: Any, pipeline: Any) -> None:
    corpus = tmp_path / "corpus"
    write(corpus / "a.txt", DOC_A)
    write(corpus / "b.txt", DOC_B)
    s = settings.with_overrides(db=tmp_db)
    first = ingest([corpus], s)
    assert first.ok and first.written == 2 and first.unchanged == 0 and first.events > 0
    with Store.open(tmp_db) as store:
        before, ids = counts(store), event_ids(store)
    second = ingest([corpus], s)
    assert second.ok and second.written == 0 and second.unchanged == 2 and second.events == 0
    with Store.open(tmp_db) as store:
        assert counts(store) == before and event_ids(store) == ids


def test_changed_document_replaces_its_rows(tmp_path: Path, tmp_db: str, settings: Any, pipeline: Any) -> None:
    corpus = tmp_path / "corpus"
    write(corpus / "a.txt", DOC_A)
    write(corpus / "b.txt", DOC_B)
    s = settings.with_overrides(db=tmp_db)
    ingest([corpus], s)
    with Store.open(tmp_db) as store:
        b_events = store.query("SELECT event_id FROM events WHERE doc_id = 'b' ORDER BY 1")[1]
        a_hash = store.known_hashes(["a"])["a"]
    write(corpus / "a.txt", "Mexico sends food to Cuba\ndate 2026-02-11\n\nIran threatened to suspend cooperation with the IAEA.\n")
    report = ingest([corpus], s)
    assert report.written == 1 and report.unchanged == 1
    with Store.open(tmp_db) as store:
        assert store.known_hashes(["a"])["a"] != a_hash
        assert store.query("SELECT count(*) FROM documents")[1] == [(2,)]
        texts = store.query("SELECT DISTINCT s.text FROM sentences s WHERE doc_id = 'a'")[1]
        assert not any("1,500 tons" in t[0] for t in texts)
        # every row of the old version is gone, none was duplicated, nothing is orphaned
        assert store.query("SELECT count(*) FROM mentions WHERE doc_id = 'a' AND text = 'Sheinbaum'")[1] == [(0,)]
        assert store.query("SELECT count(*) FROM quantities WHERE doc_id = 'a'")[1] == [(0,)]
        assert store.query("SELECT count(*) FROM events WHERE doc_id = 'a' AND date <> '2026-02-11'")[1] == [(0,)]
        assert store.query("SELECT count(*), count(DISTINCT (doc_id, idx)) FROM sentences")[1][0][0] == \
            store.query("SELECT count(DISTINCT (doc_id, idx)) FROM sentences")[1][0][0]
        assert store.query("SELECT event_id FROM events WHERE doc_id = 'b' ORDER BY 1")[1] == b_events
        assert orphans(store) == 0


def test_failed_batch_leaves_store_unchanged(tmp_db: str, pipeline: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    import dyads.store.duck as duck

    with Store.open(tmp_db) as store:
        store.write(analyse(pipeline, ("a", DOC_A)))
        before, ids = counts(store), event_ids(store)
        text_a = store.query("SELECT text FROM documents WHERE doc_id = 'a'")[1]

        real = duck.event_record
        calls = {"n": 0}

        def flaky(e: Any, story_id: str | None = None, lang: str | None = None) -> dict[str, Any]:
            calls["n"] += 1
            if calls["n"] > 2:
                raise RuntimeError("disk on fire")
            return real(e, lang=lang)

        monkeypatch.setattr(duck, "event_record", flaky)
        changed = analyse(pipeline, ("a", DOC_A.replace("2026-02-10", "2026-02-12")), ("b", DOC_B))
        assert sum(len(a.events) for a in changed) > 2
        with pytest.raises(RuntimeError, match="disk on fire"):
            store.write(changed)
        assert counts(store) == before and event_ids(store) == ids
        assert store.query("SELECT text FROM documents WHERE doc_id = 'a'")[1] == text_a
        monkeypatch.setattr(duck, "event_record", real)
        store.write(changed)  # the connection is usable after the rollback
        assert counts(store)["documents"] == 2


def test_discarded_document_stored_without_events(tmp_db: str, pipeline: Any) -> None:
    text = ("Weekend forecast\ndate 2026-02-06\n\nA storm threatens the coast with gales and heavy rain on Saturday. "
            "Lightning strikes are likely and showers will be attacking the hills.\n")
    [a] = analyse(pipeline, ("weather", text))
    with Store.open(tmp_db) as store:
        store.write([a])
        assert store.query("SELECT discarded IS NOT NULL FROM documents")[1] == [(a.discarded is not None,)]
        assert store.query("SELECT count(*) FROM events")[1] == [(len(a.events),)]


# -- read-only SQL: see test_sql_sandbox.py ------------------------------------------------


def test_capped_holds_duckdb_to_the_limit_and_reruns_uncapped_when_it_runs_out(tmp_path: Path) -> None:
    """`Store.capped`: the work runs under the memory limit; when it runs out of memory it runs
    again without it; either way the limit is the default again afterwards."""
    import duckdb

    with Store.open(tmp_path / "cap.duckdb") as store:
        default = store.con.execute("SELECT current_setting('memory_limit')").fetchall()[0][0]
        seen: list[str] = []

        def work() -> int:
            seen.append(store.con.execute("SELECT current_setting('memory_limit')").fetchall()[0][0])
            if len(seen) == 1:
                raise duckdb.OutOfMemoryException("too small")
            return 7

        assert store.capped("64MB", work) == 7
        assert seen[0] != default and seen[1] == default  # capped first, then uncapped
        assert store.con.execute("SELECT current_setting('memory_limit')").fetchall()[0][0] == default
        assert store.capped("64MB", lambda: store.con.execute(
            "SELECT current_setting('memory_limit')").fetchall()[0][0]) != default
        seen.clear()

        def needs_more() -> int:
            seen.append(store.con.execute("SELECT current_setting('memory_limit')").fetchall()[0][0])
            if len(seen) < 3:
                raise duckdb.OutOfMemoryException("too small")
            return 8

        assert store.capped(("64MB", "256MB"), needs_more) == 8
        assert len(set(seen)) == 3 and seen[2] == default  # each limit of the ladder, then uncapped
