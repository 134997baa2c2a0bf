"""Reading the derived analysis tables (schema migrations 2 and 3), and the staleness flag.

The tables are derived data, written by `dyads.analysis` (full rebuild or incremental update,
each in one transaction); they can always be rebuilt from documents and events with
`dyads analyse`. This module only reads them: the store never imports the analysis.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from dyads.store.actor_match import ActorMatch
from dyads.store.duck import STALE_KEY, Store

TABLES = ("stories", "story_events", "syndication", "contradictions", "doc_shingles", "shingle_counts",
          "syndication_edges")


def has_analysis(store: Store) -> bool:
    """True when the store has the analysis tables (schema ≥ 2)."""
    _, rows = store.query("SELECT count(*) FROM information_schema.tables WHERE table_name = 'story_events'")
    return bool(rows[0][0])


def analysis_stale(store: Store) -> bool:
    """True when the analysis tables may not match the events (a write not yet analysed, a bulk load,
    a schema upgrade): the next analysis must be a full rebuild, not an incremental update."""
    return store.analysis_stale()


def set_analysis_stale(store: Store, stale: bool) -> None:
    store.con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [STALE_KEY, "1" if stale else "0"])


def _require(store: Store) -> None:
    from dyads.store.errors import StoreError

    if not has_analysis(store):
        raise StoreError(f"{store.path}: no analysis tables; run `dyads ingest` (or `dyads analyse`) with this dyads first")


def stories(store: Store, actor: str | ActorMatch | None = None, limit: int | None = None, offset: int = 0,
            story_ids: Sequence[str] | None = None, min_confidence: float = 0.0) -> list[dict[str, Any]]:
    """Stored stories, most independently reported first; ``actor`` matches source or target;
    ``story_ids`` keeps only those stories; ``min_confidence`` keeps stories with at least one event
    that likely to be right (the summary views' floor); ``limit``/``offset`` page through the result."""
    _require(store)
    where, params = _story_where(actor, story_ids, min_confidence)
    sql = ("SELECT * FROM stories" + where +
           " ORDER BY independent_reports DESC, reports DESC, first_date NULLS LAST, story_id")
    if limit:
        sql += f" LIMIT {int(limit)} OFFSET {int(offset)}"
    rows = store.dicts(sql, params)
    for r in rows:
        r["outlets"] = json.loads(r["outlets"] or "[]")
        r["doc_ids"] = json.loads(r["doc_ids"] or "[]")
    return rows


def _story_where(actor: str | ActorMatch | None, story_ids: Sequence[str] | None,
                 min_confidence: float = 0.0) -> tuple[str, list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    if min_confidence > 0:  # a story stands on its likeliest report: one event at the floor keeps it listed
        where.append("story_id IN (SELECT se.story_id FROM story_events se JOIN events e ON e.event_id = se.event_id "
                     "WHERE coalesce(e.confidence, 1) >= ?)")
        params.append(min_confidence)
    if isinstance(actor, str) and actor:
        where.append("? IN (source, target)")
        params.append(actor)
    elif actor:  # a story's source and target are keys: a country code, else an actor id
        where.append("(source IN (SELECT unnest(?)) OR target IN (SELECT unnest(?)))")
        params += [list(actor.keys), list(actor.keys)]
    if story_ids is not None:
        where.append("story_id IN (SELECT unnest(?))")
        params.append(list(story_ids))
    return (" WHERE " + " AND ".join(where) if where else ""), params


def count_stories(store: Store, actor: str | ActorMatch | None = None, min_confidence: float = 0.0) -> int:
    _require(store)
    where, params = _story_where(actor, None, min_confidence)
    return int(store.query("SELECT count(*) FROM stories" + where, params)[1][0][0])


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


def _decoded(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    for r in rows:
        r["outlets"] = json.loads(r["outlets"] or "[]")
        r["doc_ids"] = json.loads(r["doc_ids"] or "[]")
    return rows


def story(store: Store, story_id: str) -> dict[str, Any] | None:
    """One stored story (None when unknown or the store has no analysis tables)."""
    if not has_analysis(store):
        return None
    rows = _decoded(store.dicts("SELECT * FROM stories WHERE story_id = ?", [story_id]))
    return rows[0] if rows else None


def latest_stories(store: Store, limit: int = 10, min_confidence: float = 0.0) -> list[dict[str, Any]]:
    """The most recently reported stories (by last date, then independent reports) with an event at
    ``min_confidence`` or above."""
    if not has_analysis(store):
        return []
    where, params = _story_where(None, None, min_confidence)
    return _decoded(store.dicts(f"""SELECT * FROM stories{where}
        ORDER BY last_date DESC NULLS LAST, independent_reports DESC, story_id LIMIT ?""", [*params, limit]))


def counts(store: Store) -> dict[str, int]:
    """Number of stories and contradictions (zeros without analysis tables)."""
    if not has_analysis(store):
        return {"stories": 0, "contradictions": 0}
    _, rows = store.query("SELECT (SELECT count(*) FROM stories), (SELECT count(*) FROM contradictions)")
    return {"stories": int(rows[0][0]), "contradictions": int(rows[0][1])}


def headlines(store: Store) -> dict[str, str]:
    """story_id -> headline for stories that have contradictions (what lists of them show)."""
    if not has_analysis(store):
        return {}
    _, rows = store.query("SELECT story_id, headline FROM stories WHERE story_id IN (SELECT story_id FROM contradictions)")
    return {r[0]: r[1] for r in rows}
