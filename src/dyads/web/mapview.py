"""The map page (`/map`) and its data (`/api/v1/places`): located events grouped by place, filtered
like the events page. Drawn offline in the browser with the vendored Leaflet, its marker-cluster
plugin and the Natural Earth land outline (`static/land-110m.json`); no tile server."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from dyads.store.event_query import EventFilter
from dyads.store.place_query import located_places
from dyads.web import pages
from dyads.web.api import JSON
from dyads.web.context import ctx


def _places(request: Request) -> tuple[EventFilter, dict[str, object]]:
    f = EventFilter.from_mapping(request.query_params)
    with ctx(request).gate.read() as store:
        d = located_places(store, f)
    return f, {**d, "filter": f.as_query()}


def map_page(request: Request) -> Response:
    _, d = _places(request)
    return pages.render(request, "map.html", d=d)


def places_api(request: Request) -> Response:
    return JSON(_places(request)[1])


def routes() -> list[Route]:
    return [Route("/map", map_page), Route("/api/v1/places", places_api)]
