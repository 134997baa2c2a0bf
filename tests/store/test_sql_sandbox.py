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
        assert "query process ended" not in message, message  # refused for its content, not by a broken child
    assert _counts(store_copy) == before
    assert _counts(other) == other_before
    assert sorted(os.listdir(tmp_path)) == files_before  # no file written


def test_escape_corpus_is_refused_through_frames(store_copy: str, tmp_path: Path) -> None:
    before = _counts(store_copy)
    with Frames.open(store_copy, QueryLimits(max_rows=100, timeout_seconds=1.0)) as f:
        for attempt in ESCAPES:
            with pytest.raises(StoreError) as info:
                f.sql(attempt.replace("{tmp}", str(tmp_path)))
            assert "query process ended" not in str(info.value), str(info.value)
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
    with pytest.raises(QueryRefused, match="stopped: time: the query ran longer than 0.5 s"):
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


# -- issue 21: SQL that cannot hurt the machine ------------------------------------------------------------

SMALL = QueryLimits(max_rows=100, timeout_seconds=2.0, max_memory_mb=256)
HUNGRY = [
    "SELECT len(range(2000000000))",
    "SELECT range(1000000000)",
    "SELECT repeat('x', 3000000000)",
    "SELECT list(i) FROM range(300000000) t(i)",  # grows step by step past the cap
    "SELECT string_agg(repeat('y', 1000), ',') FROM range(2000000)",
]


def _peak_rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@pytest.mark.parametrize("sql", HUNGRY)
def test_a_hungry_query_is_stopped_and_the_caller_stays_small(sample_db: str, sql: str) -> None:
    import time

    before = _peak_rss_mb()
    t0 = time.monotonic()
    with pytest.raises(QueryRefused, match=r"^stopped: (memory|time): ") as info:
        run_query(sample_db, sql, SMALL)
    assert time.monotonic() - t0 < 60, "a generous bound: the limit is 2 s"
    assert "\n" not in str(info.value)
    assert _peak_rss_mb() - before < 300, "the query's memory was the child's, not this process's"
    assert run_query(sample_db, "SELECT count(*) FROM documents", SMALL).rows == [(25,)], "the caller is healthy"


def test_memory_and_time_are_named(sample_db: str) -> None:
    with pytest.raises(QueryRefused, match=r"^stopped: memory: the query needed more than 256 MB \(setting sql_max_memory_mb\)$"):
        run_query(sample_db, "SELECT list(i) FROM range(300000000) t(i)", SMALL)
    with pytest.raises(QueryRefused, match=r"^stopped: time: the query ran longer than 2 s \(setting sql_timeout_seconds\)$"):
        run_query(sample_db, "SELECT count(*) FROM range(100000000000) a, range(1000) b", SMALL)


def test_frames_sql_is_stopped_the_same_way(sample_db: str) -> None:
    with Frames.open(sample_db, SMALL) as f:
        with pytest.raises(StoreError, match="^stopped: memory"):
            f.sql("SELECT repeat('x', 3000000000)")
        assert f.sql("SELECT count(*) AS n FROM documents")["n"][0] == 25


def test_a_long_query_is_refused_before_parsing(sample_db: str) -> None:
    long_sql = "SELECT 1" + " " * 100_000
    with pytest.raises(QueryRefused, match=r"query of 100,008 characters refused; at most 100,000 \(setting sql_max_query_chars\)"):
        run_query(sample_db, long_sql)
    with pytest.raises(QueryRefused, match="at most 50"):
        check_statement("SELECT " + "1 + " * 20 + "1", max_chars=50)


HIDDEN_ATTEMPTS = [
    "SELECT * FROM duckdb_settings()",
    "SELECT value FROM DuckDB_Settings() WHERE name = 'temp_directory'",
    "SELECT current_setting('secret_directory')",
    "SELECT current_setting('temp_directory')",
    "SELECT \"current_setting\"('home_directory')",
    "SELECT * FROM pg_catalog.pg_settings",
    "SELECT * FROM duckdb_databases()",
    "SELECT * FROM duckdb_databases",
    "SELECT * FROM pragma_database_list",
    "SELECT * FROM duckdb_extensions()",
    "SELECT * FROM duckdb_secrets()",
    "SELECT * FROM duckdb_temporary_files()",
    "SELECT * FROM query('SELECT * FROM duckdb_' || 'settings()')",
    "SELECT * FROM query /* a comment */ ('SELECT 1')",
    "SELECT * FROM query_table('duckdb_databases')",
    "SELECT json_execute_serialized_sql(json_serialize_sql('SELECT 1'))",
    "SUMMARIZE SELECT * FROM duckdb_settings()",
]


@pytest.mark.parametrize("sql", HIDDEN_ATTEMPTS)
def test_path_revealing_functions_are_not_reachable(sample_db: str, sql: str) -> None:
    with pytest.raises(QueryRefused, match="is not available in the sandbox"):
        run_query(sample_db, sql)


def test_errors_and_results_show_no_local_paths(sample_db: str) -> None:
    home, db_dir = str(Path.home()), str(Path(sample_db).parent)
    for sql in ("SELECT * FROM read_text('x')", "SELECT * FROM glob('*')", "SELECT 1 FROM no_such_table"):
        with pytest.raises(QueryRefused) as info:
            run_query(sample_db, sql)
        assert home not in str(info.value) and db_dir not in str(info.value), str(info.value)
    assert run_query(sample_db, "SELECT 1 AS query").rows == [(1,)], "'query' as a name still works"


def test_temporary_files_are_private_capped_and_removed(sample_db: str, tmp_path: Path) -> None:
    from dyads.store.sandbox_process import temp_root

    root = temp_root()
    root.mkdir(mode=0o700, exist_ok=True)
    stale = root / "999999999-left-by-a-killed-caller"  # no such process
    (stale / "duckdb").mkdir(parents=True)
    (stale / "duckdb" / "spill.tmp").write_bytes(b"x" * 1000)
    (tmp_path / "db").mkdir()
    store = tmp_path / "db" / "store.duckdb"
    store.write_bytes(Path(sample_db).read_bytes())
    # a DISTINCT larger than DuckDB's memory limit (half the cap) spills to the private directory until
    # that is full too (measured: ~256 MB of temporary files there, then the stop)
    with pytest.raises(QueryRefused, match="^stopped: memory"):
        run_query(str(store), "SELECT count(*) FROM (SELECT DISTINCT i FROM range(80000000) t(i))",
                  QueryLimits(timeout_seconds=60, max_memory_mb=256))
    assert not stale.exists(), "stale directories are cleaned at start"
    assert not [p for p in root.iterdir() if p.name.startswith(f"{os.getpid()}-")], "this query's directory is removed"
    assert sorted(p.name for p in (tmp_path / "db").iterdir()) == ["store.duckdb"], "nothing beside the store"


def test_a_normal_result_is_identical_to_duckdb_s(sample_db: str) -> None:
    import duckdb

    sql = "SELECT * FROM events ORDER BY event_id"
    con = duckdb.connect(sample_db, read_only=True, config={"enable_external_access": False})
    try:
        cur = con.execute(sql)
        expected = ([d[0] for d in cur.description or []], cur.fetchall())
    finally:
        con.close()
    result = run_query(sample_db, sql)
    assert (result.columns, result.rows) == expected
    assert not result.truncated


NESTED = ("SELECT [DATE '2026-01-02', NULL] AS dates, {'d': 1.25::DECIMAL(6,2), 'u': '00000000-0000-0000-0000-000000000001'::UUID,"
          " 't': TIMESTAMP '2026-01-02 03:04:05', 'i': INTERVAL 3 DAY} AS s, [[{'b': '\\x00\\xff'::BLOB}]] AS deep,"
          " MAP {DATE '2026-01-01': TIME '10:00:00'} AS m, 123456789012345678901234567890::HUGEINT AS big,"
          " 'a'::ENUM ('a', 'b') AS e, [1.5, 2.5]::DECIMAL(3,1)[2] AS arr")


@pytest.mark.parametrize("fmt", ["table", "jsonl", "csv"])
def test_every_duckdb_type_prints(sample_db: str, fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    from dyads.cli.main import main

    assert main(["sql", "--db", sample_db, "--format", fmt, NESTED]) == 0
    out = capsys.readouterr().out
    assert "2026-01-02" in out and "1.25" in out and "123456789012345678901234567890" in out
    if fmt != "table":  # the table cuts long cells
        assert "00000000-0000-0000-0000-000000000001" in out and "10:00:00" in out


def test_printable_keeps_plain_values_as_they_are() -> None:
    import datetime as dt
    import decimal
    import json

    from dyads.cli.output import printable

    assert printable({"a": 1, "b": [True, None, "x", 2.5]}) == {"a": 1, "b": [True, None, "x", 2.5]}
    value = printable({dt.date(2026, 1, 1): [decimal.Decimal("1.50"), b"\x00", dt.timedelta(days=1)]})
    assert json.loads(json.dumps(value)) == {"2026-01-01": ["1.50", "b'\\x00'", "1 day, 0:00:00"]}


def test_a_long_pathological_query_is_parsed_in_the_child(sample_db: str) -> None:
    before = _peak_rss_mb()
    nested = "SELECT " + "(" * 49_990 + "1" + ")" * 49_990
    with pytest.raises(QueryRefused, match="expression depth|^stopped: memory"):
        run_query(sample_db, nested, SMALL)
    assert _peak_rss_mb() - before < 100, "the parse took the child's memory, not the caller's"
    with pytest.raises(QueryRefused, match="DELETE statements are refused"):
        run_query(sample_db, "DELETE FROM documents" + " " * 20_000)
