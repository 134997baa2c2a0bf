"""Writing and reading the derived analysis tables (schema migration 2).

`replace_analysis` swaps all four tables in one transaction: readers see the old analysis or
the new one, never a mix. The tables are derived data: they can always be rebuilt from
documents and events with `dyads.analysis.build.rebuild`.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from dyads.faults import crash_point
from dyads.store.bulk import insert_rows
from dyads.store.duck import STALE_KEY, Store

if TYPE_CHECKING:
    from dyads.analysis.build import AnalysisResult

TABLES = ("stories", "story_events", "syndication", "contradictions")


def has_analysis(store: Store) -> bool:
    """True when the store has the analysis tables (schema ≥ 2)."""
    _, rows = store.query("SELECT count(*) FROM information_schema.tables WHERE table_name = 'story_events'")
    return bool(rows[0][0])


def replace_analysis(store: Store, result: "AnalysisResult") -> None:
    con = store.con
    con.execute("BEGIN TRANSACTION")
    try:
        for table in TABLES:
            con.execute(f"DELETE FROM {table}")
        if result.stories:
            insert_rows(con, "stories", [[s.story_id, s.root, s.cameo, s.source, s.target, s.first_date, s.last_date, s.events, s.reports,
                  len(s.doc_ids), s.independent_reports, json.dumps(list(s.outlets), ensure_ascii=False), len(s.outlets),
                  json.dumps(list(s.doc_ids)), s.quad_class, s.goldstein, s.headline] for s in result.stories])
            insert_rows(con, "story_events", [[s.story_id, e] for s in result.stories for e in s.event_ids])
        if result.syndication:
            insert_rows(con, "syndication", [[x.doc_id, x.canonical_doc_id, x.similarity] for x in result.syndication])
        if result.contradictions:
            insert_rows(con, "contradictions", [[c.contradiction_id, c.story_id, c.kind, c.about,
                              json.dumps([asdict(s) for s in c.sides], ensure_ascii=False)] for c in result.contradictions])
        con.execute(f"DELETE FROM meta WHERE key = '{STALE_KEY}'")  # the analysis matches the documents again
        crash_point("in-rebuild")
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def _require(store: Store) -> None:
    from dyads.store.errors import StoreError

    if not has_analysis(store):
        raise StoreError(f"{store.path}: no analysis tables; run `dyads ingest` (or `dyads analyse`) with this dyads first")


def stories(store: Store, actor: str | None = None, limit: int | None = None) -> list[dict[str, Any]]:
    """Stored stories, most independently reported first; ``actor`` matches source or target."""
    _require(store)
    where, params = "", []
    if actor:
        where = " WHERE ? IN (source, target)"
        params.append(actor)
    sql = ("SELECT * FROM stories" + where +
           " ORDER BY independent_reports DESC, reports DESC, first_date NULLS LAST, story_id")
    if limit:
        sql += f" LIMIT {int(limit)}"
    rows = store.dicts(sql, params)
    for r in rows:
        r["outlets"] = json.loads(r["outlets"] or "[]")
        r["doc_ids"] = json.loads(r["doc_ids"] or "[]")
    return rows


def contradictions(store: Store) -> list[dict[str, Any]]:
    _require(store)
    rows = store.dicts("SELECT * FROM contradictions ORDER BY story_id, kind, contradiction_id")
    for r in rows:
        r["sides"] = json.loads(r["sides"] or "[]")
    return rows


def syndication(store: Store) -> list[dict[str, Any]]:
    _require(store)
    return store.dicts("SELECT * FROM syndication ORDER BY canonical_doc_id, doc_id")


def story_of(store: Store) -> dict[str, str]:
    """event_id -> story_id (empty when the store predates the analysis tables)."""
    if not has_analysis(store):
        return {}
    _, rows = store.query("SELECT event_id, story_id FROM story_events")
    return {r[0]: r[1] for r in rows}
