"""Server-rendered HTML pages: each renders the dict its `dyads.web.data` function returns (the
same dict the `/api/v1` endpoint serves). Templates autoescape everything, article text included.
Handlers are plain functions (run in Starlette's thread pool), as in `dyads.web.api`."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import jinja2
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route
from starlette.templating import Jinja2Templates

from dyads.analysis.exports.subset import DOWNLOADS
from dyads.store.event_query import SORTS, EventFilter
from dyads.web import data, params
from dyads.web.context import by_key, ctx, read_form_uploads

_ENV = jinja2.Environment(loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"), autoescape=True)
TEMPLATES = Jinja2Templates(env=_ENV)


def _query(base: dict[str, Any], **changes: Any) -> str:
    """A query string from ``base`` with ``changes`` (None removes a key)."""
    merged = {**base, **changes}
    return urlencode({k: v for k, v in merged.items() if v not in (None, "")})


def url_segment(value: Any) -> str:
    """One URL path segment: every character outside the unreserved set percent-encoded, ``/``,
    ``?``, ``#``, ``%`` and spaces included (the routes take ids through the ``path`` converter)."""
    return quote(str(value), safe="")


_ENV.filters["seg"] = url_segment


def _root_names() -> dict[str, str]:
    """CAMEO root code -> its name in sentence case ("04" -> "Consult"), from the bundled code table."""
    from dyads.events.lexicon import data_dir, read_codes

    return {c.code: c.name.capitalize() for c in read_codes(data_dir() / "cameo" / "codes.csv").values() if len(c.code) == 2}


_ENV.globals.update(query=_query, downloads=tuple(DOWNLOADS), sorts=tuple(SORTS), quads=data.QUADS, roots=_root_names())

FAVICON = (b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#234"/>'
           b'<circle cx="5" cy="8" r="2.5" fill="#fc6"/><circle cx="11" cy="8" r="2.5" fill="#6cf"/>'
           b'<path d="M7 8h2" stroke="#fff" stroke-width="1.5"/></svg>')


def favicon(request: Request) -> Response:
    """Two actors and the tie between them; served at /favicon.ico (browsers ask for it) and linked from every page."""
    return Response(FAVICON, media_type="image/svg+xml", headers={"Cache-Control": "max-age=86400"})


def render(request: Request, name: str, status: int = 200, **context: Any) -> Response:
    return TEMPLATES.TemplateResponse(request, name, context, status_code=status)


def not_found(request: Request, what: str, key: str) -> Response:
    return render(request, "error.html", 404, title="Not found", message=f"No {what} {key!r} in this store.")


def home(request: Request) -> Response:
    """The brief when the store had documents ingested in the last week, else the overview."""
    with ctx(request).gate.read() as store:
        recent = data.has_recent_documents(store)
    return brief(request) if recent else overview(request)


def overview(request: Request) -> Response:
    with ctx(request).gate.read() as store:
        d = data.overview(store, params.floor(request.query_params, ctx(request).settings.view_min_confidence))
        return render(request, "overview.html", d=d, db=Path(ctx(request).gate.db).name)


def brief(request: Request) -> Response:
    c = ctx(request)
    with c.gate.read() as store:
        d = data.brief_view(store, params.text(request.query_params, "since") or "24h", c.settings.watchlist)
    return render(request, "brief.html", d=d)


def events(request: Request) -> Response:
    f, sort, page, per_page = params.events_query(request.query_params)
    with ctx(request).gate.read() as store:
        d = data.events_page(store, f, sort, page, per_page)
        langs = data.languages(store, f.lang)
    return render(request, "events.html", d=d, languages=langs)


def event(request: Request) -> Response:
    key, d = by_key(request, "event_id", data.event_detail)
    return render(request, "event.html", d=d) if d else not_found(request, "event", key)


def document(request: Request) -> Response:
    key, d = by_key(request, "doc_id", data.document_view)
    return render(request, "document.html", d=d) if d else not_found(request, "document", key)


def actors(request: Request) -> Response:
    q = request.query_params
    with ctx(request).gate.read() as store:
        d = data.actors_list(store, params.text(q, "q"), params.integer(q, "page", 1, 1, 10**6))
    return render(request, "actors.html", d=d, q=params.text(q, "q") or "")


def actor(request: Request) -> Response:
    with ctx(request).gate.read() as store:
        d = data.actor_view(store, request.path_params["actor"], params.period(request.query_params, "month"),
                            params.flag(request.query_params, "own"))
    return render(request, "actor.html", d=d)


def dyad_form(request: Request) -> Response:
    q = request.query_params
    a, b = params.text(q, "a"), params.text(q, "b")
    if a and b:
        return RedirectResponse(f"/dyad/{url_segment(a)}/{url_segment(b)}", status_code=303)
    raise ValueError("a dyad needs two actors: a and b")


def dyad(request: Request) -> Response:
    q, p = request.query_params, request.path_params
    with ctx(request).gate.read() as store:
        d = data.dyad_view(store, p["a"], p["b"], params.period(q), params.flag(q, "dedupe"), params.integer(q, "page", 1, 1, 10**6),
                           params.flag(q, "own"))
    return render(request, "dyad.html", d=d)


def stories(request: Request) -> Response:
    q = request.query_params
    with ctx(request).gate.read() as store:
        d = data.stories_list(store, params.text(q, "actor"), params.integer(q, "page", 1, 1, 10**6),
                              min_confidence=params.floor(q, ctx(request).settings.view_min_confidence))
        c = data.contradictions(store)
    return render(request, "stories.html", d=d, contradictions=c)


def story(request: Request) -> Response:
    key, d = by_key(request, "story_id", data.story_view)
    return render(request, "story.html", d=d) if d else not_found(request, "story", key)


def network(request: Request) -> Response:
    q = request.query_params
    quad = params.integer(q, "quad_class", 0, 0, 4) or None
    with ctx(request).gate.read() as store:
        d = data.network_view(store, params.day(q, "since"), params.day(q, "until"), quad, params.integer(q, "limit", 60, 1, 1000),
                              params.floor(q, ctx(request).settings.view_min_confidence))
    return render(request, "network.html", d=d)


def ingest_form(request: Request) -> Response:
    s = ctx(request).settings
    return render(request, "ingest.html", job=None, max_files=s.upload_max_files, max_bytes=s.max_file_bytes)


async def ingest_start(request: Request) -> Response:
    form = await read_form_uploads(request)
    job = ctx(request).jobs.start(form.files, form.text, form.refused, form.day)
    return RedirectResponse(f"/ingest/{job.job_id}", status_code=303)


def ingest_job(request: Request) -> Response:
    c = ctx(request)
    job = c.jobs.get(request.path_params["job_id"])
    if job is None:
        return not_found(request, "ingest job", request.path_params["job_id"])
    events: dict[str, Any] | None = None
    if job.state == "done" and job.doc_ids:
        from dyads.store.event_query import EventFilter

        with c.gate.read() as store:
            pages = [data.events_page(store, EventFilter(doc_id=d), "date", 1, 100) for d in job.doc_ids[:20]]
        events = {"events": [e for p in pages for e in p["events"]], "total": sum(p["total"] for p in pages)}
    return render(request, "ingest.html", job=job.as_json(), new=events, max_files=c.settings.upload_max_files,
                  max_bytes=c.settings.max_file_bytes)


_FILTERS = tuple(f.name for f in fields(EventFilter))


def routes() -> list[Route]:
    t = params.taking  # each page refuses query parameters it does not take (400, not silence)
    return [
        Route("/", t(("since", "min_confidence"))(home)), Route("/overview", t(("min_confidence",))(overview)), Route("/brief", t(("since",))(brief)),
        Route("/events", t((*_FILTERS, "sort", "page", "per_page", "limit"))(events)),
        Route("/event/{event_id:path}", t(())(event)), Route("/document/{doc_id:path}", t(())(document)),
        Route("/actors", t(("q", "page"))(actors)), Route("/actor/{actor:path}", t(("by", "own"))(actor)),
        Route("/dyad", t(("a", "b"))(dyad_form)), Route("/dyad/{a}/{b}", t(("by", "dedupe", "page", "own"))(dyad)),
        Route("/stories", t(("actor", "page", "min_confidence"))(stories)), Route("/story/{story_id:path}", t(())(story)),
        Route("/network", t(("since", "until", "quad_class", "limit", "min_confidence"))(network)),
        Route("/ingest", t(())(ingest_form), methods=["GET"]), Route("/ingest", ingest_start, methods=["POST"]),
        Route("/ingest/{job_id}", t(())(ingest_job)), Route("/favicon.ico", favicon),
    ]
