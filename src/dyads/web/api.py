"""`/api/v1`: JSON over the same `dyads.web.data` functions the pages render, plus event
downloads, the ingest endpoint (the only one that writes) and an OpenAPI description.

There is deliberately no SQL endpoint (SQL goes through `dyads sql` and its sandbox). Handlers
that read are plain functions: Starlette runs them in its thread pool, so a slow query, or a reader
waiting while an ingest writes, never blocks the event loop (ingest progress keeps answering).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import fields
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from dyads import __version__
from dyads.analysis.exports.subset import DOWNLOADS, download
from dyads.store.event_query import SORTS, EventFilter
from dyads.web import data, params
from dyads.web.context import by_key, ctx, read_form_uploads


class JSON(JSONResponse):
    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=False, default=str).encode("utf-8")


def _not_found(what: str, key: str) -> JSON:
    return JSON({"error": f"no {what} {key!r}"}, status_code=404)


def overview(request: Request) -> Response:
    with ctx(request).gate.read() as store:
        return JSON(data.overview(store, params.floor(request.query_params, ctx(request).settings.view_min_confidence)))


def brief(request: Request) -> Response:
    c = ctx(request)
    with c.gate.read() as store:
        return JSON(data.brief_view(store, params.text(request.query_params, "since") or "24h", c.settings.watchlist))


def events(request: Request) -> Response:
    f, sort, page, per_page = params.events_query(request.query_params)
    with ctx(request).gate.read() as store:
        return JSON(data.events_page(store, f, sort, page, per_page))


def events_export(request: Request) -> Response:
    fmt = request.query_params.get("format", "csv")
    f = EventFilter.from_mapping(request.query_params)
    with ctx(request).gate.read() as store:
        d = download(store, f, fmt)
    return Response(d.body, media_type=d.media_type, headers={
        "Content-Disposition": f'attachment; filename="{d.filename}"', "X-Rows": str(d.rows)})


def event(request: Request) -> Response:
    key, out = by_key(request, "event_id", data.event_detail)
    return JSON(out) if out else _not_found("event", key)


def document(request: Request) -> Response:
    key, out = by_key(request, "doc_id", data.document_view)
    return JSON(out) if out else _not_found("document", key)


def actors(request: Request) -> Response:
    q = request.query_params
    with ctx(request).gate.read() as store:
        return JSON(data.actors_list(store, params.text(q, "q"), *params.paging(q)))


def actor(request: Request) -> Response:
    with ctx(request).gate.read() as store:
        return JSON(data.actor_view(store, request.path_params["actor"], params.period(request.query_params, "month"),
                                    params.flag(request.query_params, "own")))


def stories(request: Request) -> Response:
    q = request.query_params
    with ctx(request).gate.read() as store:
        return JSON(data.stories_list(store, params.text(q, "actor"), *params.paging(q),
                                      min_confidence=params.floor(q, ctx(request).settings.view_min_confidence)))


def story(request: Request) -> Response:
    key, out = by_key(request, "story_id", data.story_view)
    return JSON(out) if out else _not_found("story", key)


def contradictions(request: Request) -> Response:
    with ctx(request).gate.read() as store:
        return JSON({"contradictions": data.contradictions(store)})


def timeline(request: Request) -> Response:
    q = request.query_params
    a = params.text(q, "a")
    if not a:
        raise ValueError("a (an actor id, country code or code prefix) is required")
    with ctx(request).gate.read() as store:
        return JSON(data.timeline_view(store, a, params.text(q, "b"), params.period(q), params.flag(q, "dedupe"),
                                       params.flag(q, "own")))


def dyad(request: Request) -> Response:
    q, p = request.query_params, request.path_params
    with ctx(request).gate.read() as store:
        return JSON(data.dyad_view(store, p["a"], p["b"], params.period(q), params.flag(q, "dedupe"),
                                   params.integer(q, "page", 1, 1, 10**6), params.flag(q, "own")))


def network(request: Request) -> Response:
    q = request.query_params
    quad = params.integer(q, "quad_class", 0, 0, 4) or None
    with ctx(request).gate.read() as store:
        return JSON(data.network_view(store, params.day(q, "since"), params.day(q, "until"), quad,
                                      params.integer(q, "limit", 60, 1, 1000),
                                      params.floor(q, ctx(request).settings.view_min_confidence)))


async def ingest_start(request: Request) -> Response:
    form = await read_form_uploads(request)
    job = ctx(request).jobs.start(form.files, form.text, form.refused, form.day)
    return JSON(job.as_json(), status_code=202, headers={"Location": f"/api/v1/ingest/{job.job_id}"})


def ingest_status(request: Request) -> Response:
    job = ctx(request).jobs.get(request.path_params["job_id"])
    return JSON(job.as_json()) if job else _not_found("ingest job", request.path_params["job_id"])


def openapi(request: Request) -> Response:
    return JSON(openapi_document())


# path, handler, method, summary, query parameters
Endpoint = tuple[str, Callable[[Request], Any], str, str, tuple[str, ...]]
_FILTERS = tuple(f.name for f in fields(EventFilter))
ENDPOINTS: tuple[Endpoint, ...] = (
    ("/overview", overview, "GET", "Counts, latest stories, top dyads, contradictions, QuadClass by week",
     ("min_confidence",)),
    ("/brief", brief, "GET", "The morning brief: new stories, dyads off their baseline, first material conflicts, "
     "new actors, new contradictions, the watchlist (setting watchlist); every item links to its evidence", ("since",)),
    ("/events", events, "GET", "Events (export contract records), filtered, sorted and paged",
     (*_FILTERS, "sort", "page", "per_page", "limit")),
    ("/events/export", events_export, "GET", "The filtered events as csv, jsonl, parquet or gdelt (TSV)", (*_FILTERS, "format")),
    ("/events/{event_id:path}", event, "GET", "One event with its evidence segments and document", ()),
    ("/documents/{doc_id:path}", document, "GET", "A document's text with every event's span", ()),
    ("/actors", actors, "GET", "Canonical actors with mentions and how they were resolved", ("q", "page", "per_page")),
    ("/actors/{actor:path}", actor, "GET", "An actor's records, resolution evidence, partners and timeline", ("by", "own")),
    ("/stories", stories, "GET", "Stories with an event at the confidence floor, most independently reported first",
     ("actor", "page", "per_page", "min_confidence")),
    ("/stories/{story_id:path}", story, "GET", "A story's reports by outlet, syndicated copies, events, contradictions", ()),
    ("/contradictions", contradictions, "GET", "Conflicting reports, each side with who said it", ()),
    ("/timeline", timeline, "GET", "Counts by QuadClass and Goldstein per period for an actor (a) or dyad (a, b)",
     ("a", "b", "by", "dedupe", "own")),
    ("/dyads/{a}/{b}", dyad, "GET", "A dyad in both directions over time, with its events", ("by", "dedupe", "page", "own")),
    ("/network", network, "GET", "The relations network with centrality for a period and QuadClass",
     ("since", "until", "quad_class", "limit", "min_confidence")),
    ("/ingest", ingest_start, "POST", "Upload files (multipart field files) or text (field text) to ingest", ()),
    ("/ingest/{job_id}", ingest_status, "GET", "Progress and result of an ingest job", ()),
)

_DESCRIBE = {"sort": f"one of {', '.join(SORTS)}", "format": f"one of {', '.join(DOWNLOADS)}",
             "by": "day, week or month", "dedupe": "1: one event per day, source, target and CAMEO code",
             "dyad": "two actors separated by a comma: A,B (either direction)",
             "actor": "actor id, country (code or name, any case), name or alias (accents optional), actor-code "
                      "prefix or part of a name; unknown: 404 with suggestions",
             "since": "the window: 1h, 24h, 7d, 2w (by ingest time)", "limit": "events per page (same as per_page), 1..500", "undated": "day, month or any: the events a chart at "
             "that precision leaves out", "own": "true: a country stands for its state organs only (not its people)",
             "min_confidence": "0..1: events at least this likely to be right (summary views default to the setting "
                               "view_min_confidence, 0.5; 0: every stored event)",
             "lang": "the document's language: ISO 639-1 code (en, es), or und for not determined"}


def openapi_document() -> dict[str, Any]:
    paths: dict[str, Any] = {}
    for path, _, method, summary, query in ENDPOINTS:
        path = path.replace(":path}", "}")  # Starlette's converter, not part of the public path
        ps = [{"name": n, "in": "path", "required": True, "schema": {"type": "string"}}
              for n in path.replace("}", "{").split("{")[1::2]]
        ps += [{"name": n, "in": "query", "required": False, "description": _DESCRIBE.get(n, n),
                "schema": {"type": "integer" if n in ("page", "per_page", "quad_class", "limit") else "string"}} for n in query]
        op: dict[str, Any] = {"summary": summary, "parameters": ps, "responses": {
            "200": {"description": "JSON"}, "400": {"description": "bad parameter"}, "404": {"description": "not found"}}}
        if method == "POST":
            op["requestBody"] = {"content": {"multipart/form-data": {"schema": {"type": "object", "properties": {
                "files": {"type": "array", "items": {"type": "string", "format": "binary"}}, "text": {"type": "string"}}}}}}
            op["responses"]["202"] = {"description": "job started"}
            op["responses"]["413"] = {"description": "upload too large"}
        paths["/api/v1" + path] = {method.lower(): op}
    return {"openapi": "3.1.0", "info": {"title": "dyads", "version": __version__,
            "description": "Events coded from news (CAMEO/PLOVER) with evidence: read-only except /ingest."},
            "paths": paths}


def routes() -> list[Route]:
    out = [Route("/api/v1" + path, params.taking(query)(fn) if method == "GET" else fn, methods=[method])
           for path, fn, method, _, query in ENDPOINTS]
    out.append(Route("/api/v1/openapi.json", openapi, methods=["GET"]))
    return out
