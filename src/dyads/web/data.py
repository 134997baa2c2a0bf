"""What each explorer page shows, as JSON-ready dicts: the HTML pages render these and the
`/api/v1` endpoints return them unchanged (JSON first).

Everything here reads through `dyads.store.views`, `dyads.store.event_query`,
`dyads.store.analysis_tables` and `dyads.analysis`; no SQL over events is written here beyond
small lookups by key. Functions take an open (read-only) `Store`.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date
from typing import Any

from dyads.analysis.rows import EventRow, load_event_rows
from dyads.analysis.select import source_is, target_is
from dyads.analysis.timeline import Period, dyad_events, one_a_day, timeline
from dyads.store import Store, views
from dyads.store import analysis_tables as at
from dyads.store import event_query as eq
from dyads.store.actor_match import ActorMatch, resolve
from dyads.web.marks import document_segments, evidence_segments

QUADS = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}


def period_bounds(period: str) -> tuple[str, str]:
    """(since, until) date prefixes covering a timeline period: a day, ``2026-W06`` or a month."""
    if "-W" in period:
        year, week = period.split("-W")
        start = date.fromisocalendar(int(year), int(week), 1)
        end = date.fromisocalendar(int(year), int(week), 7)
        return start.isoformat(), end.isoformat()
    return period, period


def overview(store: Store, floor: float = 0.0) -> dict[str, Any]:
    """``floor``: the summary views' confidence floor (top dyads, latest stories; setting view_min_confidence)."""
    st = views.stats(store, floor)
    weeks = store.query("""
        SELECT strftime(try_cast(date AS DATE), '%G-W%V') AS week, quad_class, count(*)
        FROM events WHERE length(date) = 10 AND try_cast(date AS DATE) IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2""")[1]
    by_week: dict[str, dict[str, Any]] = {}
    for week, quad, n in weeks:
        row = by_week.setdefault(week, {"period": week, "events": 0, **{f"q{q}": 0 for q in QUADS}})
        row[f"q{quad}"] = n
        row["events"] += n
    for row in by_week.values():
        row["since"], row["until"] = period_bounds(row["period"])
    cts = contradictions(store)
    dated = sum(row["events"] for row in by_week.values())
    return {
        "left_out": st["events"] - dated,  # events the weekly chart cannot place (no day date): listed by undated=day
        "counts": {k: st[k] for k in ("documents", "events", "actors", "mentions")} | at.counts(store) | {
            "discarded_documents": st["discarded_documents"]},
        "events_by_quad_class": {QUADS[int(k)]: v for k, v in st["events_by_quad_class"].items() if k != "None"},
        "events_by_modality": st["events_by_modality"],
        "top_dyads": st["top_dyads"][:10],
        "latest_stories": at.latest_stories(store, 10, floor),
        "view_min_confidence": floor,
        "contradictions": cts[:10],
        "quad_by_week": list(by_week.values()),
    }


def brief_view(store: Store, since: str = "24h", watchlist: str = "") -> dict[str, Any]:
    """The morning brief (`dyads.analysis.brief`) as JSON; ``watchlist`` is the configured file (setting)."""
    from dyads.analysis.brief import brief, brief_json, read_watchlist

    watch = read_watchlist(watchlist) if watchlist else None
    return brief_json(brief(store, since, watch=watch))


def has_recent_documents(store: Store, days: int = 7) -> bool:
    """Whether anything was ingested in the last ``days`` days (the home page is then the brief)."""
    return bool(store.query("SELECT count(*) FROM documents WHERE ingested_at >= "
                            "CAST(current_timestamp AS TIMESTAMP) - to_days(?)", [days])[1][0][0])


LANGUAGE_NAMES = {"en": "English", "es": "Spanish", "fr": "French", "pt": "Portuguese", "de": "German", "it": "Italian",
                  "und": "not determined"}


def languages(store: Store, chosen: str | None = None) -> list[tuple[str, str]]:
    """(code, name) of the languages of the stored documents (``und`` for those not determined) and
    ``chosen`` (the current filter), for the events page's language choice."""
    codes = {r[0] or "und" for r in store.query("SELECT DISTINCT lang FROM documents")[1]}
    codes |= {chosen} if chosen else set()
    return [(c, LANGUAGE_NAMES.get(c, "")) for c in sorted(codes, key=lambda c: (c == "und", c))]


def events_page(store: Store, f: eq.EventFilter, sort: str = "date", page: int = 1, per_page: int = 50) -> dict[str, Any]:
    p = eq.page(store, f, sort, page, per_page)
    return {"filter": f.as_query(), "sort": p.sort, "page": p.page, "per_page": p.per_page, "total": p.total,
            "pages": p.pages, "events": list(p.records)}


def event_detail(store: Store, event_id: str) -> dict[str, Any] | None:
    rec = views.event(store, event_id)
    if rec is None:
        return None
    doc = store.dicts("SELECT doc_id, title, date, url, outlet, lang FROM documents WHERE doc_id = ?", [rec["doc_id"]])
    return {"event": rec, "document": doc[0] if doc else None, "segments": evidence_segments(rec),
            "quad_name": QUADS.get(int(rec["quad_class"]), "")}


def document_view(store: Store, doc_id: str) -> dict[str, Any] | None:
    docs = store.dicts("SELECT doc_id, title, date, url, outlet, lang, discarded FROM documents WHERE doc_id = ?", [doc_id])
    if not docs:
        return None
    text = views.document_text(store, doc_id) or ""
    records = views.events(store, doc_id=doc_id)
    canon = [r for r in (at.syndication(store) if at.has_analysis(store) else []) if r["doc_id"] == doc_id]
    return {"document": docs[0], "text": text, "events": records, "segments": document_segments(text, records),
            "syndication": canon[0] if canon else None}


def _rows(store: Store, f: eq.EventFilter) -> list[EventRow]:
    """Light event rows matching ``f`` (the SQL narrows; analysis functions apply exact matching)."""
    where, params = eq.where_clause(f, store)
    return load_event_rows(store, where, params)


def _match_json(m: ActorMatch) -> dict[str, Any]:
    return {"query": m.query, "label": m.label, "how": m.how, "countries": list(m.countries),
            "actor_ids": list(m.actor_ids), "code_prefixes": list(m.code_prefixes), "own": m.own}


def actor_view(store: Store, actor: str, by: Period = "month", own: bool = False) -> dict[str, Any]:
    """An actor's profile; ``actor`` as any front end takes it (`dyads.store.actor_match`; unknown:
    `ActorNotFound` with suggestions, answered 404)."""
    from dyads.analysis.build import load_stories
    from dyads.analysis.profile import profile

    match = resolve(store, actor, own)
    rows = actor_rows(store, match)
    mentions = store.dicts("""
        SELECT m.how, count(*) AS mentions, min(s.text) AS example
        FROM mentions m LEFT JOIN sentences s ON s.doc_id = m.doc_id AND s.idx = m.sentence_index
        WHERE m.actor_id = ? GROUP BY m.how ORDER BY mentions DESC""", [rows[0]["actor_id"] if rows else actor])
    first = store.dicts("""
        SELECT m.doc_id, m.text, m.how, s.text AS sentence
        FROM mentions m LEFT JOIN sentences s ON s.doc_id = m.doc_id AND s.idx = m.sentence_index
        WHERE m.actor_id = ? ORDER BY m.doc_id, m.start_char LIMIT 3""", [rows[0]["actor_id"] if rows else actor])
    events = _rows(store, eq.EventFilter(actor=actor, own=own))
    stories = load_stories(store, _story_ids(store, [e.event_id for e in events])) if at.has_analysis(store) else []
    prof = profile(events, stories, match)
    tl = timeline(events, match, None, by=by)
    return {"actor": actor, "match": _match_json(match), "records": rows, "resolved_by": mentions,
            "first_mentions": first, "profile": asdict(prof), "timeline": _timeline_json(asdict(tl), actor, None),
            "places": places_of(store, eq.EventFilter(actor=actor, own=own))}


PLACES_SHOWN = 10


def places_of(store: Store, f: eq.EventFilter) -> dict[str, Any]:
    """Where the events ``f`` selects happened: the busiest ``PLACES_SHOWN`` places with their
    counts (as `/api/v1/places` gives them), how many events are located, and the filter, for links
    to the map and to the events of each place."""
    from dyads.store.place_query import located_places

    return {**located_places(store, f, PLACES_SHOWN), "filter": f.as_query()}


def _story_ids(store: Store, event_ids: list[str]) -> list[str]:
    """The stories holding any of ``event_ids`` (a profile needs no others)."""
    _, rows = store.query("SELECT DISTINCT story_id FROM story_events WHERE event_id IN (SELECT unnest(?))", [event_ids])
    return [r[0] for r in rows]


def actor_rows(store: Store, match: ActorMatch) -> list[dict[str, Any]]:
    """The canonical actor rows a match names: its single actors and its countries' own rows."""
    rows = store.dicts("SELECT * FROM actors WHERE actor_id IN (SELECT unnest(?)) OR (kind = 'country' AND country IN "
                       "(SELECT unnest(?))) ORDER BY kind <> 'country', actor_id LIMIT 20",
                       [list(match.actor_ids), list(match.countries)])
    for r in rows:
        r["aliases"] = json.loads(r["aliases"] or "[]")
        r["roles"] = json.loads(r["roles"] or "[]")
    return rows


def _timeline_json(tl: dict[str, Any], a: str, b: str | None) -> dict[str, Any]:
    for p in tl["points"]:
        p["since"], p["until"] = period_bounds(p["period"])
    tl["filter"] = {"dyad": f"{a},{b}"} if b else {"actor": a}
    return tl


def timeline_view(store: Store, a: str, b: str | None = None, by: Period = "week", dedupe: bool = False,
                  own: bool = False) -> dict[str, Any]:
    """`analysis.timeline` over the events SQL narrowed to the actor or dyad (same answer, less to read)."""
    ma, mb = resolve(store, a, own), resolve(store, b, own) if b else None
    events = _rows(store, eq.EventFilter(dyad=f"{a},{b}", own=own) if b else eq.EventFilter(actor=a, own=own))
    return _timeline_json(asdict(timeline(events, ma, mb, by=by, dedupe=dedupe)), a, b)


def dyad_view(store: Store, a: str, b: str, by: Period = "week", dedupe: bool = False, page: int = 1,
              own: bool = False) -> dict[str, Any]:
    ma, mb = resolve(store, a, own), resolve(store, b, own)
    events = dyad_events(_rows(store, eq.EventFilter(dyad=f"{a},{b}", own=own)), ma, mb)
    both = _timeline_json(asdict(timeline(events, ma, mb, by=by, dedupe=dedupe)), a, b)
    directions = {}
    for src, tgt, msrc, mtgt in ((a, b, ma, mb), (b, a, mb, ma)):
        one_way = [e for e in events if source_is(e, msrc) and target_is(e, mtgt)]
        tl = _timeline_json(asdict(timeline(one_way, msrc, mtgt, by=by, dedupe=dedupe)), a, b)
        tl["filter"] = {"source": src, "target": tgt}
        counted = one_a_day(one_way) if dedupe else one_way
        directions[f"{src}->{tgt}"] = {"source": src, "target": tgt, "events": len(counted),
                                       "goldstein_sum": round(sum(e.goldstein for e in counted), 2), "timeline": tl}
    return {"a": a, "b": b, "a_match": _match_json(ma), "b_match": _match_json(mb), "by": by, "dedupe": dedupe,
            "timeline": both, "directions": directions,
            "events": events_page(store, eq.EventFilter(dyad=f"{a},{b}", own=own), "date", page, 50),
            "places": places_of(store, eq.EventFilter(dyad=f"{a},{b}", own=own))}


def story_view(store: Store, story_id: str) -> dict[str, Any] | None:
    story = at.story(store, story_id)
    if story is None:
        return None
    canon = {r["doc_id"]: r["canonical_doc_id"] for r in at.syndication(store)}
    docs = store.dicts("SELECT doc_id, title, date, url, outlet, lang FROM documents WHERE doc_id IN (SELECT unnest(?))",
                       [story["doc_ids"]])
    for d in docs:
        c = canon.get(d["doc_id"], d["doc_id"])
        d["canonical_doc_id"] = c
        d["syndicated_copy"] = c != d["doc_id"]
    docs.sort(key=lambda d: (d["date"] or "9999", d["outlet"] or "", d["doc_id"]))
    return {"story": story, "reports": docs, "events": eq.records(store, eq.EventFilter(story_id=story_id)),
            "contradictions": [c for c in contradictions(store) if c["story_id"] == story_id]}


def stories_list(store: Store, actor: str | None = None, page: int = 1, per_page: int = 50,
                 min_confidence: float = 0.0) -> dict[str, Any]:
    """Stories with at least one event at ``min_confidence`` (the summary views' floor)."""
    if not at.has_analysis(store):
        return {"total": 0, "page": page, "per_page": per_page, "stories": [], "min_confidence": min_confidence}
    match = resolve(store, actor) if actor else None
    return {"total": at.count_stories(store, match, min_confidence), "page": page, "per_page": per_page,
            "min_confidence": min_confidence,
            "stories": at.stories(store, actor=match, limit=per_page, offset=(page - 1) * per_page,
                                  min_confidence=min_confidence)}


def contradictions(store: Store) -> list[dict[str, Any]]:
    if not at.has_analysis(store):
        return []
    heads = at.headlines(store)
    rows = at.contradictions(store)
    for r in rows:
        r["headline"] = heads.get(r["story_id"], "")
    return rows


def actors_list(store: Store, q: str | None = None, page: int = 1, per_page: int = 50) -> dict[str, Any]:
    rows = views.actors(store)
    if q:
        ql = q.lower()
        rows = [r for r in rows if ql in r["actor_id"].lower() or ql in (r["name"] or "").lower()
                or any(ql in a.lower() for a in r["aliases"])]
    start = (page - 1) * per_page
    return {"total": len(rows), "page": page, "per_page": per_page, "actors": rows[start:start + per_page]}


def network_view(store: Store, since: str | None = None, until: str | None = None, quad_class: int | None = None,
                 limit: int = 60, min_confidence: float | None = None) -> dict[str, Any]:
    """The relations network for a period and QuadClass over events at least ``min_confidence``
    likely to be right; the ``limit`` strongest edges."""
    from dyads.analysis.network import network_of
    from dyads.analysis.network_sql import edges_in_store

    f = eq.EventFilter(since=since, until=until, quad_class=quad_class, min_confidence=min_confidence)
    where, params = eq.where_clause(f, store)
    net = network_of(edges_in_store(store, where, params))  # counted in DuckDB: no event rows in Python
    edges = [asdict(e) for e in net.edges[:limit]]
    keep = {e["source"] for e in edges} | {e["target"] for e in edges}
    return {"filter": f.as_query(), "nodes": [asdict(n) for n in net.nodes if n.actor in keep], "edges": edges,
            "all_edges": len(net.edges)}
