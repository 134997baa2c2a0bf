"""Read views over the store: the queries the CLI, the API and exports share."""

from __future__ import annotations

import json
from typing import Any

from dyads.store.duck import Store


def actor_keys(actor: str) -> list[str]:
    """What an ``--actor`` argument may stand for: itself, and the ISO3 code of a country named so
    in the gazetteer ("cuba", "Cuba", "the United States" -> CUB, USA)."""
    from dyads.actors.gazetteer import default_gazetteer

    keys = [actor.strip()]
    for entry in default_gazetteer().lookup(actor.strip(), case_sensitive=False):
        if entry.actor.kind == "country" and entry.capacity == "name" and entry.actor.country:
            keys.append(entry.actor.country)
    return list(dict.fromkeys(keys))


def events(store: Store, actor: str | None = None, since: str | None = None, until: str | None = None,
           doc_id: str | None = None) -> list[dict[str, Any]]:
    """Contract records, filtered. ``actor`` matches an actor id, a country code or name, or an actor
    code prefix."""
    where, params = [], []
    if actor:
        alternatives = []
        for key in actor_keys(actor):
            alternatives.append("(? IN (source_actor_id, target_actor_id, source_country, target_country)"
                                " OR starts_with(source_code, ?) OR starts_with(target_code, ?))")
            params += [key, key.upper(), key.upper()]
        where.append("(" + " OR ".join(alternatives) + ")")
    if since:
        where.append("date >= ?")
        params.append(since)
    if until:
        where.append("date <= ? || '~'")  # "~" sorts after digits: until 2026-01 includes 2026-01-31
        params.append(until)
    if doc_id:
        where.append("doc_id = ?")
        params.append(doc_id)
    sql = "SELECT record FROM events" + (" WHERE " + " AND ".join(where) if where else "")
    sql += " ORDER BY date NULLS LAST, doc_id, evidence_start, trigger_start, event_id"
    _, rows = store.query(sql, params)
    return _with_story([json.loads(r[0]) for r in rows], store)


def _with_story(records: list[dict[str, Any]], store: Store) -> list[dict[str, Any]]:
    """Add ``story_id`` (export contract) from the analysis tables, when the store has them."""
    from dyads.store.analysis_tables import story_of

    stories = story_of(store)
    for rec in records:
        if rec["event_id"] in stories:
            rec["story_id"] = stories[rec["event_id"]]
    return records


def event(store: Store, event_id: str) -> dict[str, Any] | None:
    _, rows = store.query("SELECT record FROM events WHERE event_id = ?", [event_id])
    return _with_story([json.loads(rows[0][0])], store)[0] if rows else None


def documents(store: Store) -> list[dict[str, Any]]:
    return store.dicts("SELECT doc_id, title, date, url, outlet, text FROM documents ORDER BY doc_id")


def document_text(store: Store, doc_id: str) -> str | None:
    _, rows = store.query("SELECT text FROM documents WHERE doc_id = ?", [doc_id])
    return rows[0][0] if rows else None


def actors(store: Store) -> list[dict[str, Any]]:
    rows = store.dicts("""
        SELECT a.actor_id, a.name, a.aliases, a.country, a.sector, a.code, a.kind, a.roles, a.how, a.evidence,
               count(m.actor_id) AS mentions,
               list(DISTINCT m.how) FILTER (WHERE m.how IS NOT NULL) AS resolved_by
        FROM actors a LEFT JOIN mentions m ON m.actor_id = a.actor_id
        GROUP BY ALL ORDER BY mentions DESC, a.actor_id""")
    for r in rows:
        r["aliases"] = json.loads(r["aliases"] or "[]")
        r["roles"] = json.loads(r["roles"] or "[]")
    return rows


def stats(store: Store) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for table in ("documents", "sentences", "mentions", "actors", "events", "quantities", "framing"):
        out[table] = store.query(f"SELECT count(*) FROM {table}")[1][0][0]
    out["discarded_documents"] = store.query("SELECT count(*) FROM documents WHERE discarded IS NOT NULL")[1][0][0]
    out["events_by_root"] = dict(store.query("SELECT root, count(*) FROM events GROUP BY root ORDER BY root")[1])
    out["events_by_quad_class"] = {str(k): v for k, v in store.query(
        "SELECT quad_class, count(*) FROM events GROUP BY 1 ORDER BY 1")[1]}
    out["events_by_modality"] = dict(store.query("SELECT modality, count(*) FROM events GROUP BY 1 ORDER BY 2 DESC")[1])
    out["top_dyads"] = [
        {"source": s, "target": t, "events": n} for s, t, n in store.query(
            "SELECT source_code, coalesce(target_code, '-'), count(*) n FROM events GROUP BY 1, 2 ORDER BY n DESC, 1, 2 LIMIT 15")[1]]
    return out


def relations(store: Store, limit: int = 25) -> list[dict[str, Any]]:
    """Directed country-level dyads with cooperation/conflict counts and Goldstein sums. Only events
    whose source and target both have a country count: organisations (eu, unsc) and actors known
    only by sector (GOV, OPP) are not countries and stay out of the country columns."""
    return store.dicts("""
        SELECT source_country AS source, target_country AS target,
               count(*) AS events, sum(CASE WHEN quad_class <= 2 THEN 1 ELSE 0 END) AS cooperation,
               sum(CASE WHEN quad_class >= 3 THEN 1 ELSE 0 END) AS conflict, round(sum(goldstein), 1) AS goldstein
        FROM events WHERE source_country IS NOT NULL AND target_country IS NOT NULL AND source_country <> target_country
        GROUP BY 1, 2 ORDER BY events DESC, 1, 2 LIMIT ?""", [limit])
