"""Read views over the store: the queries the CLI, the API and exports share."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from dyads.store.duck import Store

if TYPE_CHECKING:
    from dyads.store.actor_match import ActorMatch


def actor_keys(actor: str) -> list[str]:
    """What an ``--actor`` argument may stand for: itself, and the ISO3 code of a country named so
    in the gazetteer ("cuba", "Cuba", "the United States" -> CUB, USA)."""
    from dyads.actors.gazetteer import default_gazetteer

    keys = [actor.strip()]
    for entry in default_gazetteer().lookup(actor.strip(), case_sensitive=False):
        if entry.actor.kind == "country" and entry.capacity == "name" and entry.actor.country:
            keys.append(entry.actor.country)
    return list(dict.fromkeys(keys))


def events(store: Store, actor: "str | ActorMatch | None" = None, since: str | None = None, until: str | None = None,
           doc_id: str | None = None, min_confidence: float | None = None,
           place: PlaceFilter | None = None, lang: str | None = None) -> list[dict[str, Any]]:
    """Contract records, filtered. ``actor`` goes through the one matcher (`dyads.store.actor_match`);
    ``place`` is (location country, near, within km), see `dyads.store.place_query`; ``lang`` the
    document's language (ISO 639-1, or ``und``). The story of each event comes from a join, not
    from loading every story link."""
    return [_story(json.loads(rec), sid) for rec, sid in _event_rows(store, actor, since, until, doc_id, min_confidence, place, lang)]


def event_lines(store: Store, actor: "str | ActorMatch | None" = None, since: str | None = None, until: str | None = None,
                doc_id: str | None = None, min_confidence: float | None = None, place: PlaceFilter | None = None,
                lang: str | None = None) -> list[str]:
    """`events` as JSON lines without decoding them: the stored record is the contract object as
    dyads serialised it (``json.dumps``), so appending ``story_id`` to its text gives the same
    line as encoding the decoded record with its story (10-30x faster on large results)."""
    return [rec if sid is None else f"{rec[:-1]}, \"story_id\": {json.dumps(sid)}}}"
            for rec, sid in _event_rows(store, actor, since, until, doc_id, min_confidence, place, lang)]


PlaceFilter = tuple[str | None, str | None, Any]  # location country, near (place or lat,lon), within km


def iter_event_lines(store: Store, actor: "str | ActorMatch | None" = None, since: str | None = None,
                     until: str | None = None, doc_id: str | None = None, batch: int = 1000,
                     min_confidence: float | None = None, place: PlaceFilter | None = None,
                     lang: str | None = None) -> Iterator[str]:
    """`event_lines` streamed: rows are fetched ``batch`` at a time from a cursor of their own, so
    `dyads events --format jsonl | head` prints at once and holds at most one batch in memory."""
    sql, params = _event_sql(store, actor, since, until, doc_id, min_confidence, place, lang)
    cur = store.con.cursor()
    try:
        cur.execute(sql, params)
        while rows := cur.fetchmany(batch):
            for rec, sid in rows:
                yield rec if sid is None else f"{rec[:-1]}, \"story_id\": {json.dumps(sid)}}}"
    finally:
        cur.close()


def _event_rows(store: Store, actor: "str | ActorMatch | None", since: str | None, until: str | None,
                doc_id: str | None, min_confidence: float | None = None,
                place: PlaceFilter | None = None, lang: str | None = None) -> list[tuple[Any, ...]]:
    """(record text, story id) of the filtered events, in export order."""
    sql, params = _event_sql(store, actor, since, until, doc_id, min_confidence, place, lang)
    return store.query(sql, params)[1]


def _event_sql(store: Store, actor: "str | ActorMatch | None", since: str | None, until: str | None,
               doc_id: str | None, min_confidence: float | None = None,
               place: PlaceFilter | None = None, lang: str | None = None) -> tuple[str, list[Any]]:
    """The export-order query of (record text, story id) for the filter, and its parameters."""
    from dyads.store.actor_match import resolve
    from dyads.store.analysis_tables import has_analysis

    where: list[str] = []
    params: list[Any] = []
    if actor:  # the one matcher: ids, countries, names with or without accents, code prefixes, partial names
        match = resolve(store, actor) if isinstance(actor, str) else actor
        s_sql, s_ps = match.sql("source")
        t_sql, t_ps = match.sql("target")
        where.append(f"({s_sql} OR {t_sql})")
        params += s_ps + t_ps
    if since:
        where.append("e.date >= ?")
        params.append(since)
    if until:
        where.append("e.date <= ? || '~'")  # "~" sorts after digits: until 2026-01 includes 2026-01-31
        params.append(until)
    if doc_id:
        where.append("e.doc_id = ?")
        params.append(doc_id)
    if min_confidence is not None:  # the verifier's calibrated probability that the event is right
        where.append("e.confidence >= ?")
        params.append(min_confidence)
    if place:
        from dyads.store.place_query import place_conditions

        conditions, values = place_conditions(*place)
        where += conditions
        params += values
    if lang:
        from dyads.store.event_query import lang_condition

        lang_sql, lang_ps = lang_condition(lang)
        where.append(lang_sql)
        params += lang_ps
    joined = has_analysis(store)
    sql = ("SELECT e.record, " + ("se.story_id FROM events e LEFT JOIN story_events se USING (event_id)" if joined
                                  else "NULL FROM events e")) + (" WHERE " + " AND ".join(where) if where else "")
    sql += " ORDER BY e.date NULLS LAST, e.doc_id, e.evidence_start, e.trigger_start, e.event_id"
    return sql, params


def _story(rec: dict[str, Any], story_id: str | None) -> dict[str, Any]:
    if story_id is not None:
        rec["story_id"] = story_id
    return rec


def event(store: Store, event_id: str) -> dict[str, Any] | None:
    from dyads.store.analysis_tables import has_analysis

    _, rows = store.query("SELECT record FROM events WHERE event_id = ?", [event_id])
    if not rows:
        return None
    sid = store.query("SELECT story_id FROM story_events WHERE event_id = ?", [event_id])[1] if has_analysis(store) else []
    return _story(json.loads(rows[0][0]), sid[0][0] if sid else None)


def documents(store: Store) -> list[dict[str, Any]]:
    return store.dicts("SELECT doc_id, title, date, url, outlet, lang, text FROM documents ORDER BY doc_id")


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


def stats(store: Store, min_confidence: float = 0.0) -> dict[str, Any]:
    """Counts of everything stored; ``top_dyads`` counts only events at least ``min_confidence``
    likely to be right (the summary views' floor, setting ``view_min_confidence``)."""
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
            "SELECT source_code, coalesce(target_code, '-'), count(*) n FROM events WHERE coalesce(confidence, 1) >= ? "
            "GROUP BY 1, 2 ORDER BY n DESC, 1, 2 LIMIT 15", [min_confidence])[1]]
    return out


def relations(store: Store, limit: int = 25, min_confidence: float = 0.0) -> list[dict[str, Any]]:
    """Directed country-level dyads with cooperation/conflict counts and Goldstein sums. Only events
    whose source and target both have a country count: organisations (eu, unsc) and actors known
    only by sector (GOV, OPP) are not countries and stay out of the country columns."""
    return store.dicts("""
        SELECT source_country AS source, target_country AS target,
               count(*) AS events, sum(CASE WHEN quad_class <= 2 THEN 1 ELSE 0 END) AS cooperation,
               sum(CASE WHEN quad_class >= 3 THEN 1 ELSE 0 END) AS conflict, round(sum(goldstein), 1) AS goldstein
        FROM events WHERE source_country IS NOT NULL AND target_country IS NOT NULL AND source_country <> target_country
              AND coalesce(confidence, 1) >= ?
        GROUP BY 1, 2 ORDER BY events DESC, 1, 2 LIMIT ?""", [min_confidence, limit])
