"""The SQL sandbox (`dyads.store.sandbox`), tested as an attacker would: every escape attempt is
refused by the engine, nothing is written, read or fetched outside the store, and ordinary reads
of the store's own tables still work."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from dyads.frames import Frames
from dyads.store import Store, StoreError
from dyads.store.sandbox import QueryLimits, QueryRefused, check_statement, run_query
from dyads.store.schema import DOC_TABLES

TABLES = ("documents", *DOC_TABLES, "actors")

# Each entry is one attempt to write, read outside the store, download, or change the sandbox.
ESCAPES = [
    # writes and several statements
    "DELETE FROM documents",
    "DROP TABLE events",
    "INSERT INTO meta VALUES ('x', 'y')",
    "UPDATE documents SET title = 'x'",
    "SELECT 1; DROP TABLE events",
    "SELECT 1; SELECT 2",
    "SELECT 1 --\r; COPY (SELECT * FROM read_text('/etc/passwd')) TO '{tmp}/leak.csv'",
    "SELECT 1 --\n; DELETE FROM documents",
    "SELECT 1 /* harmless */ ; DELETE FROM documents",
    "/* comment first */ DELETE FROM documents",
    "SELECT \"a'\" ; DROP TABLE events; SELECT '",
    "SELECT 'unterminated",
    "WITH x AS (SELECT 1) INSERT INTO meta SELECT 'a', 'b'",
    "CREATE TABLE t AS SELECT 1",
    "CREATE TEMP TABLE t AS SELECT 1",
    "CREATE MACRO m() AS 1",
    "COPY (SELECT * FROM events) TO '{tmp}/leak.csv'",
    "COPY events TO '{tmp}/leak.parquet'",
    "EXPORT DATABASE '{tmp}/leakdir'",
    "ATTACH '{tmp}/other.duckdb' AS v (READ_WRITE)",
    "ATTACH '{tmp}/other.duckdb' AS v (READ_WRITE); DELETE FROM v.events",
    "DETACH test",
    "SET enable_external_access = true",
    "SET lock_configuration = false",
    "RESET lock_configuration",
    "PRAGMA database_list",
    "CALL pragma_version()",
    "INSTALL httpfs",
    "LOAD httpfs",
    "CHECKPOINT",
    "VACUUM",
    "BEGIN TRANSACTION",
    "EXPLAIN ANALYZE DELETE FROM documents",
    "PREPARE p AS DELETE FROM documents",
    "USE memory",
    # reads outside the store and downloads, inside an otherwise valid SELECT
    "SELECT * FROM read_text('/etc/passwd')",
    "SELECT * FROM read_text('/etc/shadow')",
    "SELECT * FROM read_text('/proc/self/environ')",
    "SELECT * FROM read_blob('/etc/hostname')",
    "SELECT * FROM glob('/root/*')",
    "SELECT * FROM glob('/etc/*')",
    "SELECT * FROM read_csv('/etc/passwd')",
    "SELECT * FROM sniff_csv('/etc/passwd')",
    "SELECT * FROM read_json('/etc/passwd')",
    "SELECT * FROM read_parquet('/etc/passwd')",
    "SELECT * FROM '/etc/passwd'",
    "SELECT * FROM read_csv('https://example.com/x.csv')",
    "SELECT * FROM read_parquet('s3://bucket/x.parquet')",
    "SELECT * FROM duckdb_extensions()",
    "SELECT * FROM query('SELECT * FROM read_text(''/etc/passwd'')')",
    "SELECT getenv('HOME')",
    "SELECT count(*) FROM range(100000000000) a, range(100000000000) b",  # stopped by the time limit
]


def _counts(db: str) -> dict[str, int]:
    with Store.open(db, read_only=True) as store:
        return {t: store.query(f"SELECT count(*) FROM {t}")[1][0][0] for t in TABLES}


@pytest.fixture
def store_copy(tmp_path: Path, sample_db: str) -> str:
    """A private copy of the sample store (attempts must not be able to touch the shared one)."""
    db = tmp_path / "copy.duckdb"
    db.write_bytes(Path(sample_db).read_bytes())
    other = tmp_path / "other.duckdb"
    other.write_bytes(Path(sample_db).read_bytes())
    return str(db)


def test_escape_corpus_is_refused(store_copy: str, tmp_path: Path) -> None:
    before = _counts(store_copy)
    other = str(tmp_path / "other.duckdb")
    other_before = _counts(other)
    files_before = sorted(os.listdir(tmp_path))
    limits = QueryLimits(max_rows=100, timeout_seconds=1.0)
    for attempt in ESCAPES:
        sql = attempt.replace("{tmp}", str(tmp_path))
        with pytest.raises(QueryRefused) as info:
            run_query(store_copy, sql, limits)
        message = str(info.value)
        assert "\n" not in message, sql
        assert "root:" not in message and "HOME=" not in message, sql  # nothing leaked in the message
    assert _counts(store_copy) == before
    assert _counts(other) == other_before
    assert sorted(os.listdir(tmp_path)) == files_before  # no file written


def test_escape_corpus_is_refused_through_frames(store_copy: str, tmp_path: Path) -> None:
    before = _counts(store_copy)
    with Frames.open(store_copy, QueryLimits(max_rows=100, timeout_seconds=1.0)) as f:
        for attempt in ESCAPES:
            with pytest.raises(StoreError):
                f.sql(attempt.replace("{tmp}", str(tmp_path)))
        assert f.sql("SELECT count(*) AS n FROM documents")["n"][0] == before["documents"]  # still usable
    assert _counts(store_copy) == before


@pytest.mark.parametrize("sql", ["SELECT 1 --\r; COPY (SELECT 1) TO 'x.csv'", "SELECT 1; SELECT 2"])
def test_parser_counts_statements(sql: str) -> None:
    with pytest.raises(QueryRefused, match="2 statements"):
        check_statement(sql)


def test_statement_type_comes_from_the_parser() -> None:
    with pytest.raises(QueryRefused, match="COPY statements are refused"):
        check_statement("COPY events TO 'x.csv'")
    with pytest.raises(QueryRefused, match="SQL error"):
        check_statement("SELEC 1")


READS: list[tuple[str, Any]] = [
    ("SELECT count(*) AS n FROM documents", lambda rows: rows[0][0] == 25),
    ("SELECT replace(doc_id, '-', '_') AS d FROM documents ORDER BY 1 LIMIT 1", lambda rows: "-" not in rows[0][0]),
    ("WITH e AS (SELECT * FROM events) SELECT count(*) AS n FROM e", lambda rows: rows[0][0] > 0),
    ("FROM documents SELECT doc_id ORDER BY doc_id LIMIT 2", lambda rows: len(rows) == 2),
    ("SELECT count(*) FROM documents WHERE title <> 'drop table; delete'", lambda rows: rows[0][0] == 25),
    ("SELECT count(*) AS \"n;\" FROM documents -- a comment; with a semicolon", lambda rows: rows[0][0] == 25),
    ("SELECT count(*) FROM documents;", lambda rows: rows[0][0] == 25),
    ("DESCRIBE documents", lambda rows: len(rows) > 5),
    ("SHOW TABLES", lambda rows: ("events",) in [(r[0],) for r in rows]),
    ("SUMMARIZE events", lambda rows: len(rows) > 5),
    ("SELECT root, count(*) FROM events GROUP BY root ORDER BY root", lambda rows: len(rows) > 3),
]


@pytest.mark.parametrize(("sql", "ok"), READS)
def test_reads_of_the_store_still_work(sample_db: str, sql: str, ok: Any) -> None:
    result = run_query(sample_db, sql)
    assert ok(result.rows), result
    assert not result.truncated


def test_row_limit_cuts_and_says_so(sample_db: str) -> None:
    result = run_query(sample_db, "SELECT * FROM range(50)", QueryLimits(max_rows=7))
    assert len(result.rows) == 7 and result.truncated
    assert not run_query(sample_db, "SELECT * FROM range(7)", QueryLimits(max_rows=7)).truncated


def test_time_limit_stops_the_query(sample_db: str) -> None:
    with pytest.raises(QueryRefused, match="stopped after 0.5s"):
        run_query(sample_db, "SELECT count(*) FROM range(100000000000) a, range(1000) b",
                  QueryLimits(timeout_seconds=0.5))


def test_sandbox_refuses_a_store_this_process_holds_writable(tmp_db: str) -> None:
    with Store.open(tmp_db) as store:
        with pytest.raises(StoreError, match="open for writing in this process"):
            store.read_only_sql("SELECT 1")
    with Store.open(tmp_db, read_only=True) as store:  # writer closed: the sandboxed store answers
        assert store.read_only_sql("SELECT 1 AS one") == (["one"], [(1,)])
        with pytest.raises(StoreError, match="INSERT statements are refused"):
            store.read_only_sql("INSERT INTO meta VALUES ('a', 'b')")
