"""Reading the derived analysis tables (schema migrations 2 and 3), and the staleness flag.

The tables are derived data, written by `dyads.analysis` (full rebuild or incremental update,
each in one transaction); they can always be rebuilt from documents and events with
`dyads analyse`. This module only reads them: the store never imports the analysis.
"""

from __future__ import annotations

import json
from typing import Any

from dyads.store.duck import Store

TABLES = ("stories", "story_events", "syndication", "contradictions", "doc_shingles", "shingle_counts",
          "syndication_edges")


def has_analysis(store: Store) -> bool:
    """True when the store has the analysis tables (schema ≥ 2)."""
    _, rows = store.query("SELECT count(*) FROM information_schema.tables WHERE table_name = 'story_events'")
    return bool(rows[0][0])


def analysis_stale(store: Store) -> bool:
    """True when the analysis tables may not match the events (bulk load, or a schema upgrade):
    the next analysis must be a full rebuild, not an incremental update."""
    _, rows = store.query("SELECT value FROM meta WHERE key = 'analysis_stale'")
    return bool(rows) and rows[0][0] == "1"


def set_analysis_stale(store: Store, stale: bool) -> None:
    store.con.execute("INSERT OR REPLACE INTO meta VALUES ('analysis_stale', ?)", ["1" if stale else "0"])


def _require(store: Store) -> None:
    from dyads.store.duck import StoreError

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
