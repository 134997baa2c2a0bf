"""The SQL sandbox: the one path by which a user's SQL reaches the store.

`dyads sql`, `dyads.open(...).sql()` and any HTTP layer call `run_query` (or `Store.sql_query`,
which delegates here). The engine and the operating system enforce the rules, not a keyword filter:

1. The query is at most `QueryLimits.max_query_chars` long (checked before anything parses it).
   DuckDB's own parser (`extract_statements`) must find exactly one statement, of type SELECT
   (which covers WITH, FROM-first, DESCRIBE, SHOW and SUMMARIZE), that names none of the
   functions and views that reveal local paths or run SQL built from strings (`HIDDEN`).
2. It runs in a child process (`dyads.store.sandbox_process`) whose address space is capped
   (``RLIMIT_AS``: the engine's own size plus `QueryLimits.max_memory_mb`) and which is killed at
   the deadline: list and string functions that allocate outside DuckDB's buffer manager, and
   results whose conversion cannot be interrupted, cannot take the machine or the caller down.
   The caller gets one line, "stopped: memory …" or "stopped: time …".
3. There the statement runs on a connection opened read-only with external access off (no files,
   no URLs, no ATTACH, no COPY), extension auto-install and auto-load off, DuckDB's memory limit
   at half the cap, its temporary files in a private directory capped at the same size and removed
   afterwards, and the configuration locked, so the query cannot switch any of that back on.
4. A row limit: the result is cut, and says so.

Reads of the store's own tables, views and functions (``replace(...)`` included) work as usual.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from dyads.settings import Settings
from dyads.store.errors import StoreError, first_line
from dyads.store.locks import waiting_for_lock

# Options of every sandboxed connection (also the store's own read-only connections). ``lock_configuration``
# must stay last-applied in spirit: once the connection exists nothing (not even a SET inside the query)
# may change them.
SANDBOX_CONFIG: dict[str, str | bool | int] = {
    "enable_external_access": False,
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
    "allow_community_extensions": False,
    "memory_limit": "1GB",
    "lock_configuration": True,
}

# Queries up to this length are parsed in the caller's process (cheap refusals); longer ones only in
# the capped child process.
PARSE_HERE_CHARS = 10_000

ALLOWED = "one read-only query (SELECT, WITH, FROM, DESCRIBE, SHOW, SUMMARIZE)"

# Names a user's query may not contain (anywhere, case-insensitively, quoted or not): settings and
# catalog functions and views whose values or errors show local paths (the store's path, the home,
# extension, secret and temporary directories), and the functions that run SQL built from a string
# at run time, which would get around this list (`query('SELECT * FROM duckdb_' || 'settings()')`).
HIDDEN = ("duckdb_settings", "current_setting", "pg_settings", "duckdb_databases", "pragma_database_list",
          "duckdb_extensions", "duckdb_extension_repositories", "duckdb_secrets", "which_secret",
          "duckdb_temporary_files", "duckdb_external_file_cache", "duckdb_logs", "duckdb_log_contexts",
          "query", "query_table", "json_execute_serialized_sql", "json_deserialize_sql")
# "query" is also an everyday word (a column, a string): it and "query_table" count only as calls
_CALLED_ONLY = ("query", "query_table")
_HIDDEN = re.compile(r"(?<![a-z0-9_])(" + "|".join(n for n in HIDDEN if n not in _CALLED_ONLY) + r")(?![a-z0-9_])"
                     r"|(?<![a-z0-9_])\"?(" + "|".join(_CALLED_ONLY) + r")\"?\s*\(")


class QueryRefused(StoreError):
    """The SQL is not a single read statement, or it failed or was stopped; the message is one line."""


@dataclass(frozen=True)
class QueryLimits:
    max_rows: int = 10_000
    timeout_seconds: float = 10.0
    max_memory_mb: int = 2048  # what the query may add to the engine's own address space (and its temp files)
    max_query_chars: int = 100_000


DEFAULT_LIMITS = QueryLimits()  # the settings' defaults; front ends pass the configured values (`limits_of`)


def limits_of(settings: Settings) -> QueryLimits:
    """The limits the settings ``sql_max_rows``, ``sql_timeout_seconds``, ``sql_max_memory_mb`` and
    ``sql_max_query_chars`` give."""
    return QueryLimits(settings.sql_max_rows, settings.sql_timeout_seconds, settings.sql_max_memory_mb,
                       settings.sql_max_query_chars)


@dataclass(frozen=True)
class QueryResult:
    columns: list[str]
    rows: list[tuple[Any, ...]]
    truncated: bool = False  # more rows existed than `QueryLimits.max_rows`


def check_statement(sql: str, max_chars: int = DEFAULT_LIMITS.max_query_chars) -> str:
    """The single SELECT statement in ``sql`` (as DuckDB parsed it); raises `QueryRefused` otherwise."""
    if len(sql) > max_chars:
        raise QueryRefused(f"query of {len(sql):,} characters refused; at most {max_chars:,} (setting sql_max_query_chars)")
    if not sql.strip():
        raise QueryRefused(f"empty query; expected {ALLOWED}")
    try:
        statements = duckdb.extract_statements(sql)
    except duckdb.OutOfMemoryException:
        raise MemoryError from None  # under the child's cap: answered as "stopped: memory"
    except duckdb.Error as exc:
        raise QueryRefused(f"SQL error: {first_line(exc)}") from None
    if len(statements) != 1:
        raise QueryRefused(f"{len(statements)} statements given; only {ALLOWED} is allowed")
    kind = statements[0].type
    if kind != duckdb.StatementType.SELECT:
        raise QueryRefused(f"{kind.name} statements are refused; only {ALLOWED} is allowed")
    hidden = _HIDDEN.search(_without_comments(sql).lower())
    if hidden:
        name = hidden.group(1) or hidden.group(2)
        raise QueryRefused(f"{name} is not available in the sandbox (it reveals local paths or runs SQL from text)")
    return str(statements[0].query)


def _without_comments(sql: str) -> str:
    """``sql`` with each comment replaced by a space (DuckDB's tokenizer finds them), so a comment
    between a name and its parenthesis hides nothing."""
    tokens = duckdb.tokenize(sql)
    out, last = [], 0
    for k, (start, kind) in enumerate(tokens):
        if kind == duckdb.token_type.comment:
            end = tokens[k + 1][0] if k + 1 < len(tokens) else len(sql)
            out += [sql[last:start], " "]
            last = end
    return "".join(out) + sql[last:]


def connect(path: str | Path, wait_seconds: float = 0.0,
            extra: dict[str, str | bool | int] | None = None) -> duckdb.DuckDBPyConnection:
    """A sandboxed, read-only connection to the store at ``path`` (waiting up to ``wait_seconds``
    while another process writes it); ``extra`` options go before the configuration is locked."""
    p = str(path)
    if p != ":memory:" and not Path(p).exists():
        raise QueryRefused(f"{p}: no such store; run `dyads ingest PATH --db {p}` first")
    config: dict[str, str | bool | int | float | list[str]] = {**SANDBOX_CONFIG, **(extra or {})}
    config["lock_configuration"] = config.pop("lock_configuration")  # applied last
    try:
        return waiting_for_lock(p, wait_seconds, lambda: duckdb.connect(p, read_only=True, config=config))
    except duckdb.ConnectionException as exc:
        if "different configuration" in str(exc):
            raise QueryRefused(
                f"{p}: the store is open for writing in this process; close it before reading") from None
        raise QueryRefused(f"{p}: cannot open store: {first_line(exc)}") from None
    except duckdb.Error as exc:
        raise QueryRefused(f"{p}: cannot open store: {first_line(exc)}") from None


def execute(con: duckdb.DuckDBPyConnection, sql: str, limits: QueryLimits = DEFAULT_LIMITS) -> QueryResult:
    """Run ``sql`` on a sandboxed connection (from `connect`), in this process, cutting the result at
    ``limits.max_rows``. Users' SQL reaches it only inside the child process of `run_query`, where
    the memory cap and the deadline hold."""
    statement = check_statement(sql, limits.max_query_chars)
    cur = con.cursor()
    try:
        cur.execute(statement)
        cols = [d[0] for d in cur.description or []]
        rows = cur.fetchmany(limits.max_rows + 1)
    except duckdb.OutOfMemoryException:
        raise QueryRefused(f"stopped: memory: the query needed more than {limits.max_memory_mb} MB "
                           "(setting sql_max_memory_mb)") from None
    except duckdb.Error as exc:
        raise QueryRefused(f"SQL error: {first_line(exc)}") from None
    finally:
        cur.close()
    return QueryResult(cols, rows[:limits.max_rows], truncated=len(rows) > limits.max_rows)


def run_query(path: str | Path, sql: str, limits: QueryLimits = DEFAULT_LIMITS, wait_seconds: float = 0.0) -> QueryResult:
    """Run one read query on the store at ``path`` in a capped child process (`dyads.store.sandbox_process`).
    The CLI and API entry point; refusals that need no engine come before any process starts."""
    from dyads.store.sandbox_process import run_in_child

    if len(sql) > limits.max_query_chars:
        check_statement(sql, limits.max_query_chars)  # refused by its length, unparsed
    # a short query is parsed here, so a refusal costs no process; a long one only in the child, under
    # its caps (DuckDB's parser took ~450 MB for 100,000 characters of nested parentheses)
    statement = check_statement(sql, limits.max_query_chars) if len(sql) <= PARSE_HERE_CHARS else sql
    p = str(path)
    if p != ":memory:" and not Path(p).exists():
        raise QueryRefused(f"{p}: no such store; run `dyads ingest PATH --db {p}` first")
    return run_in_child(p, statement, limits, wait_seconds)
