"""DuckDB store. One `write` call is one transaction: a batch lands whole or not at all.

Invariants: a document's rows (sentences, mentions, events, quantities, framing) are replaced
together when its content hash changes; an unchanged document is skipped; nothing is orphaned.
Read queries never hold an open result (DuckDB 2.x results stream and own the connection).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any, TypeVar

import duckdb

from dyads.actors.registry import merge_actor
from dyads.contract import event_record
from dyads.faults import crash_point
from dyads.model import Actor, Analysis, Event, Role
from dyads.store.bulk import insert_rows
from dyads.store.errors import StoreError as StoreError  # re-exported: callers import it from here
from dyads.store.errors import first_line
from dyads.store.locks import waiting_for_lock
from dyads.store.sandbox import DEFAULT_LIMITS, QueryLimits, QueryRefused, QueryResult, connect, run_query
from dyads.store.schema import DOC_TABLES, LATEST, MIGRATIONS


def _event_row(e: Event, lang: str | None = None) -> list[Any]:
    """The flat columns of the events table, in schema order, plus the contract record (with its
    document's language ``lang``)."""
    rec = event_record(e, lang=lang)
    s, t = e.source.actor, e.target.actor if e.target else None
    sp = e.attribution.speaker.actor.actor_id if e.attribution.speaker else None
    return [
        e.event_id, e.doc_id, e.sentence_index, e.date, e.date_precision, s.actor_id, s.country, s.sector,
        rec["source"]["code"], t.actor_id if t else None, t.country if t else None, t.sector if t else None,
        rec["target"]["code"] if t else None, e.code.code, e.code.root, e.code.goldstein, e.code.quad_class,
        e.code.plover_event, e.code.plover_mode, e.modality, e.attribution.kind, sp,
        e.evidence.sentence.start, e.evidence.sentence.end, e.evidence.trigger.start, e.evidence.trigger.end,
        e.evidence.trigger.text, e.rule, e.confidence, bool(e.framing), json.dumps(rec, ensure_ascii=False),
        *_location_columns(e)]


def _location_columns(e: Event) -> list[Any]:
    loc = e.location
    if loc is None:
        return [None] * 5
    return [loc.name, loc.country, loc.lat, loc.lon, loc.precision]


def analysis_rows(analyses: Sequence[Analysis]) -> tuple[dict[str, list[list[Any]]], dict[str, Actor]]:
    """Positional rows (table column order) for ``documents`` and every per-document table, and the
    actors the mentions refer to. Shared by `Store.write` and the Spark engine's Parquet writer."""
    tables: dict[str, list[list[Any]]] = {t: [] for t in ("documents", *DOC_TABLES)}
    actors: dict[str, Actor] = {}
    for a in analyses:  # rows are gathered first, then each table gets one bulk insert
        d = a.document
        tables["documents"].append([d.doc_id, d.content_hash, d.title, d.date, d.date_precision, d.url, d.outlet,
                                    d.path, d.text, a.discarded, None, d.lang])
        tables["sentences"] += [[s.doc_id, s.index, s.start, s.end, s.text] for s in a.sentences]
        tables["mentions"] += [[m.doc_id, m.sentence_index, m.start, m.end, m.text, m.actor.actor_id, m.actor.country,
                                m.actor.sector, m.how, m.evidence] for m in a.mentions]
        actors.update((m.actor.actor_id, m.actor) for m in a.mentions)
        tables["framing"] += [[f.doc_id, f.sentence_index, f.span.start, f.span.end, f.span.text, f.category]
                              for f in a.framing]
        for e in a.events:
            tables["events"].append(_event_row(e, d.lang))
            tables["quantities"] += [[e.event_id, e.doc_id, q.text, q.value, q.unit, q.per] for q in e.quantities]
    return tables, actors


def actor_row(a: Actor, evidence: str | None) -> list[Any]:
    """An ``actors`` table row (column order of the schema)."""
    return [a.actor_id, a.name, a.kind, a.country, a.sector, a.code, json.dumps(list(a.aliases), ensure_ascii=False),
            json.dumps([asdict(r) for r in a.roles], ensure_ascii=False), a.how, evidence]


STALE_KEY = "analysis_stale"
T = TypeVar("T")


class Store:
    def __init__(self, con: duckdb.DuckDBPyConnection, path: str, sandboxed: bool = False) -> None:
        self.con = con
        self.path = path
        self.sandboxed = sandboxed  # opened through `dyads.store.sandbox.connect`: read-only, no external access

    @classmethod
    def open(cls, path: str | Path, read_only: bool = False, wait_seconds: float = 0.0) -> "Store":
        """A writable store (migrated to the latest schema), or with ``read_only`` a store opened
        through the query sandbox (`dyads.store.sandbox.connect`): no writes, no file or network
        access, configuration locked. Every reader in a process shares that one configuration,
        so views, exports and users' SQL can run side by side. While another process writes the
        file, waits up to ``wait_seconds`` for it, then says so (`dyads.store.locks`)."""
        p = str(path)
        if read_only:
            return cls(connect(p, wait_seconds), p, sandboxed=True)
        try:
            con = waiting_for_lock(p, wait_seconds, lambda: duckdb.connect(p))
        except duckdb.Error as exc:
            raise StoreError(f"{p}: cannot open store: {first_line(exc)}") from None
        store = cls(con, p)
        store.migrate()
        return store

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- schema -----------------------------------------------------------------------------
    def schema_version(self) -> int:
        self.con.execute("CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
        row = self.con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchall()
        return int(row[0][0]) if row else 0

    def migrate(self) -> None:
        current = self.schema_version()
        for version, ddl in MIGRATIONS:
            if version <= current:
                continue
            self.con.execute("BEGIN TRANSACTION")
            try:
                for stmt in filter(str.strip, ddl.split(";")):
                    self.con.execute(stmt)
                self.con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(version)])
                self.con.execute("COMMIT")
            except duckdb.Error:
                self.con.execute("ROLLBACK")
                raise
        if self.schema_version() > LATEST:
            raise StoreError(f"{self.path}: schema version {self.schema_version()} is newer than this dyads ({LATEST})")

    # -- writing ----------------------------------------------------------------------------
    def known_sources(self, doc_ids: Iterable[str]) -> dict[str, tuple[str, str | None]]:
        """doc_id -> (content hash, source: the URL, else the file path) of the stored documents."""
        ids = list(doc_ids)
        if not ids:
            return {}
        rows = self.con.execute("SELECT doc_id, content_hash, coalesce(url, path) FROM documents "
                                "WHERE doc_id IN (SELECT unnest(?))", [ids]).fetchall()
        return {r[0]: (r[1], r[2]) for r in rows}

    def known_hashes(self, doc_ids: Iterable[str]) -> dict[str, str]:
        ids = list(doc_ids)
        if not ids:
            return {}
        rows = self.con.execute(
            "SELECT doc_id, content_hash FROM documents WHERE doc_id IN (SELECT unnest(?))", [ids]).fetchall()
        return {r[0]: r[1] for r in rows}

    def write(self, analyses: Sequence[Analysis], learned: Iterable[Actor] = (), evidence: dict[str, str] | None = None) -> int:
        """Replace the given documents' rows in one transaction. Returns events written."""
        evidence = evidence or {}
        tables, mentioned = analysis_rows(analyses)
        learned = list(learned)
        ids = [a.document.doc_id for a in analyses]
        self.con.execute("BEGIN TRANSACTION")
        try:
            for table in (*DOC_TABLES, "documents"):
                self.con.execute(f"DELETE FROM {table} WHERE doc_id IN (SELECT unnest(?))", [ids])
            for table, rows in tables.items():
                insert_rows(self.con, table, rows)
            self.con.execute("UPDATE documents SET ingested_at = current_timestamp WHERE ingested_at IS NULL")
            self.upsert_actors(mentioned, learned, evidence)
            # the derived tables no longer match: marked in the same transaction, cleared by `rebuild`
            self.con.execute(f"INSERT OR REPLACE INTO meta VALUES ('{STALE_KEY}', '1')")
            crash_point("in-write")
            self.con.execute("COMMIT")
        except BaseException as exc:
            self._rollback(exc)
            raise
        return len(tables["events"])

    def _rollback(self, cause: BaseException) -> None:
        """Roll back after ``cause``; if the rollback fails too (a full disk), report the cause, not that."""
        try:
            self.con.execute("ROLLBACK")
        except duckdb.Error:
            raise StoreError(f"{self.path}: write failed: {first_line(cause)}") from cause

    def analysis_stale(self) -> bool:
        """True when documents changed after the analysis tables were last rebuilt (a crash between)."""
        rows = self.con.execute(f"SELECT value FROM meta WHERE key = '{STALE_KEY}'").fetchall()
        return bool(rows and rows[0][0] == "1")

    def upsert_actors(self, mentioned: dict[str, Actor], learned: list[Actor], evidence: dict[str, str]) -> None:
        """Write the actors of a batch. A stored learned person is never replaced by a bare mention of
        them (a later run naming them by surname knows less); people learned in this run are merged
        into their stored row (`merge_actor`: country filled, aliases and roles added, the first
        evidence kept). Other actors (dictionary, user) are rewritten, so a new gazetteer takes effect."""
        fresh = {a.actor_id: a for a in learned}
        ids = sorted(set(mentioned) | set(fresh))
        stored = {a.actor_id: (a, ev) for a, ev in self._people(ids)}
        rows = []
        for actor_id in ids:
            old, old_evidence = stored.get(actor_id, (None, None))
            new = fresh.get(actor_id)
            if old is not None and new is None:
                continue
            actor = merge_actor(old, new) if old is not None and new is not None else (new or mentioned[actor_id])
            rows.append(actor_row(actor, old_evidence or evidence.get(actor_id)))
        if rows:
            insert_rows(self.con, "actors", replace=True, rows=rows)

    def capped(self, limits: str | Sequence[str], work: Callable[[], T]) -> T:
        """Run ``work`` (one transaction of its own) with DuckDB's memory held to the first of
        ``limits`` and one thread, then lift both. Why: DuckDB keeps every block a query reads
        cached up to its memory limit (80 % of RAM by default), so reads spread over a large store
        (the incremental analysis) grow the process by the size of the columns they touch; capped,
        old blocks are evicted. The update's queries are many small lookups: a second thread bought
        no wall time there but cost CPU and buffers of its own (docs/benchmarks.md).
        If ``work`` needs more than a limit (DuckDB's out-of-memory error; its transaction rolled
        back), it is run again under the next one, and at last uncapped, as it is when DuckDB
        cannot shrink to a limit: the cap saves memory, never costs a result."""
        ladder = [limits] if isinstance(limits, str) else list(limits)
        try:
            for limit in ladder:
                try:
                    self.con.execute(f"SET memory_limit = '{limit}'")
                except duckdb.OutOfMemoryException:  # DuckDB holds more than this right now
                    continue
                self.con.execute("SET threads = 1")
                try:
                    return work()
                except duckdb.OutOfMemoryException:
                    continue
            self.con.execute("RESET memory_limit")
            self.con.execute("RESET threads")
            return work()
        finally:
            self.con.execute("RESET memory_limit")
            self.con.execute("RESET threads")

    # -- reading ----------------------------------------------------------------------------
    def query(self, sql: str, params: Sequence[Any] = ()) -> tuple[list[str], list[tuple[Any, ...]]]:
        cur = self.con.execute(sql, list(params))
        rows = cur.fetchall()
        cols = [d[0] for d in cur.description or []]
        return cols, rows

    def dicts(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        cols, rows = self.query(sql, params)
        return [dict(zip(cols, r)) for r in rows]

    def sql_query(self, sql: str, limits: QueryLimits = DEFAULT_LIMITS) -> QueryResult:
        """A user's query through the sandbox (`dyads.store.sandbox`): exactly one SELECT, read-only,
        no external access, in a child process with a memory cap and a deadline, row limit. The
        child opens the file read-only, which DuckDB refuses while this process writes it."""
        if not self.sandboxed:
            raise QueryRefused(f"{self.path}: the store is open for writing in this process; close it before reading")
        return run_query(self.path, sql, limits)

    def read_only_sql(self, sql: str, limits: QueryLimits = DEFAULT_LIMITS) -> tuple[list[str], list[tuple[Any, ...]]]:
        """`sql_query` as (columns, rows); rows beyond ``limits.max_rows`` are dropped."""
        result = self.sql_query(sql, limits)
        return result.columns, result.rows

    def learned_actors(self) -> list[Actor]:
        """People learned from text in earlier runs, with their aliases and roles."""
        return [a for a, _ in self._people(None)]

    def _people(self, ids: Sequence[str] | None) -> list[tuple[Actor, str | None]]:
        """Stored learned people (all, or those of ``ids``) and the evidence each was learned from."""
        where = "" if ids is None else " AND actor_id IN (SELECT unnest(?))"
        rows = self.dicts(f"SELECT * FROM actors WHERE how NOT IN ('dictionary') AND kind = 'person'{where}",
                          [] if ids is None else [list(ids)])
        return [(Actor(actor_id=r["actor_id"], name=r["name"], kind=r["kind"], country=r["country"],
                       sector=r["sector"], code=r["code"] or "", aliases=tuple(json.loads(r["aliases"] or "[]")),
                       roles=tuple(Role(**x) for x in json.loads(r["roles"] or "[]")), how=r["how"]), r["evidence"])
                for r in rows]
