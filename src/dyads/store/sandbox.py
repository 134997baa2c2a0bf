"""The SQL sandbox: the one path by which a user's SQL reaches the store.

`dyads sql`, `dyads.open(...).sql()` and any HTTP layer call `run_query` (or `Store.read_only_sql`,
which delegates here). The engine enforces the rules, not a keyword filter:

1. DuckDB's own parser (`extract_statements`) must find exactly one statement, of type SELECT
   (which covers WITH, FROM-first, DESCRIBE, SHOW and SUMMARIZE). Anything else is refused
   before execution.
2. The statement runs on a connection opened read-only with external access off (no files, no
   URLs, no ATTACH, no COPY), extension auto-install and auto-load off, a memory cap, and the
   configuration locked, so the query cannot switch any of that back on.
3. A time limit (the query is interrupted) and a row limit (the result is cut, and says so).

Reads of the store's own tables, views and functions (``replace(...)`` included) work as usual.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from dyads.store.errors import StoreError, first_line
from dyads.store.locks import waiting_for_lock

# Options of every sandboxed connection. ``lock_configuration`` must stay last-applied in
# spirit: once the connection exists nothing (not even a SET inside the query) may change them.
SANDBOX_CONFIG: dict[str, str | bool | int] = {
    "enable_external_access": False,
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
    "allow_community_extensions": False,
    "memory_limit": "1GB",
    "lock_configuration": True,
}

ALLOWED = "one read-only query (SELECT, WITH, FROM, DESCRIBE, SHOW, SUMMARIZE)"


class QueryRefused(StoreError):
    """The SQL is not a single read statement, or it failed; the message is one line."""


@dataclass(frozen=True)
class QueryLimits:
    max_rows: int = 10_000
    timeout_seconds: float = 10.0


DEFAULT_LIMITS = QueryLimits()  # the settings' defaults; front ends pass the configured values


@dataclass(frozen=True)
class QueryResult:
    columns: list[str]
    rows: list[tuple[Any, ...]]
    truncated: bool = False  # more rows existed than `QueryLimits.max_rows`


def check_statement(sql: str) -> str:
    """The single SELECT statement in ``sql`` (as DuckDB parsed it); raises `QueryRefused` otherwise."""
    if not sql.strip():
        raise QueryRefused(f"empty query; expected {ALLOWED}")
    try:
        statements = duckdb.extract_statements(sql)
    except duckdb.Error as exc:
        raise QueryRefused(f"SQL error: {first_line(exc)}") from None
    if len(statements) != 1:
        raise QueryRefused(f"{len(statements)} statements given; only {ALLOWED} is allowed")
    kind = statements[0].type
    if kind != duckdb.StatementType.SELECT:
        raise QueryRefused(f"{kind.name} statements are refused; only {ALLOWED} is allowed")
    return str(statements[0].query)


def connect(path: str | Path, wait_seconds: float = 0.0) -> duckdb.DuckDBPyConnection:
    """A sandboxed, read-only connection to the store at ``path`` (waiting up to ``wait_seconds``
    while another process writes it)."""
    p = str(path)
    if p != ":memory:" and not Path(p).exists():
        raise QueryRefused(f"{p}: no such store; run `dyads ingest PATH --db {p}` first")
    try:
        return waiting_for_lock(p, wait_seconds, lambda: duckdb.connect(p, read_only=True, config=dict(SANDBOX_CONFIG)))
    except duckdb.ConnectionException as exc:
        if "different configuration" in str(exc):
            raise QueryRefused(
                f"{p}: the store is open for writing in this process; close it before reading") from None
        raise QueryRefused(f"{p}: cannot open store: {first_line(exc)}") from None
    except duckdb.Error as exc:
        raise QueryRefused(f"{p}: cannot open store: {first_line(exc)}") from None


def execute(con: duckdb.DuckDBPyConnection, sql: str, limits: QueryLimits = DEFAULT_LIMITS) -> QueryResult:
    """Run ``sql`` on a sandboxed connection (from `connect`) within ``limits``."""
    statement = check_statement(sql)
    cur = con.cursor()  # its own cursor, so the interrupt stops only this query
    timer = threading.Timer(limits.timeout_seconds, cur.interrupt)
    timer.start()
    try:
        cur.execute(statement)
        cols = [d[0] for d in cur.description or []]
        rows = cur.fetchmany(limits.max_rows + 1)
    except duckdb.InterruptException:
        raise QueryRefused(f"query stopped after {limits.timeout_seconds:g}s (setting sql_timeout_seconds)") from None
    except duckdb.Error as exc:
        raise QueryRefused(f"SQL error: {first_line(exc)}") from None
    finally:
        timer.cancel()
        cur.close()
    return QueryResult(cols, rows[:limits.max_rows], truncated=len(rows) > limits.max_rows)


def run_query(path: str | Path, sql: str, limits: QueryLimits = DEFAULT_LIMITS, wait_seconds: float = 0.0) -> QueryResult:
    """Open the store at ``path`` sandboxed, run one read query, close. The CLI and API entry point."""
    statement = check_statement(sql)  # refuse before touching the file
    con = connect(path, wait_seconds)
    try:
        return execute(con, statement, limits)
    finally:
        con.close()
