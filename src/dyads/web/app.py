"""The `dyads serve` application: pages, `/api/v1`, vendored static files, behind the request
guards of `dyads.web.guards` (Host check never ``*``, optional token, same-origin writes, bodies
bounded while they stream, security headers).

`create_app(settings)` builds it (tests drive it through Starlette's TestClient); `serve` runs it
with uvicorn on ``settings.host``:``settings.port`` (127.0.0.1 unless told otherwise; beyond it
only with ``allow_hosts``) with the connection limits of `dyads.web.serving`.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

from dyads.settings import Settings
from dyads.store import StoreError
from dyads.store.actor_match import ActorNotFound
from dyads.store.locks import StoreBusy
from dyads.web import api, mapview, pages
from dyads.web.context import AppContext
from dyads.web.gate import StoreGate
from dyads.web.guards import BodyLimit, BodyTooLarge, Guard, allowed_hosts, body_limit, check_bind, host_list, is_loopback
from dyads.web.jobs import Jobs

STATIC = Path(__file__).parent / "static"


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _error(request: Request, status: int, message: str) -> Response:
    if _wants_json(request):
        return api.JSON({"error": message}, status_code=status)
    return pages.render(request, "error.html", status, title={400: "Bad request", 413: "Too large"}.get(status, "Error"),
                        message=message)


async def _bad_request(request: Request, exc: Exception) -> Response:
    return _error(request, 413 if isinstance(exc, BodyTooLarge) else 400, str(exc))


async def _unknown_actor(request: Request, exc: Exception) -> Response:
    """404 naming the closest actors ("did you mean"), never an empty 200."""
    assert isinstance(exc, ActorNotFound)
    if _wants_json(request):
        return api.JSON({"error": str(exc), "suggestions": [{"actor_id": a, "name": n} for a, n in exc.suggestions]},
                        status_code=404)
    return pages.render(request, "error.html", 404, title="Unknown actor", message=str(exc), suggestions=exc.suggestions)


async def _store_error(request: Request, exc: Exception) -> Response:
    """The store's message with the store named by its file name (no server path reaches a client)."""
    db = request.app.state.dyads.settings.db
    name = Path(db).name
    response = _error(request, 503, str(exc).replace(str(Path(db).resolve()), name).replace(db, name))
    if isinstance(exc, StoreBusy):  # a writer holds the store for a moment: the client may retry soon
        response.headers["Retry-After"] = str(exc.retry_after_seconds)
    return response


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    return _error(request, exc.status_code, str(exc.detail))


def create_app(settings: Settings) -> Starlette:
    """The app with its guards, outermost first: Host check, token and same-origin writes, body limit."""
    hosts = allowed_hosts(settings.host, host_list(settings.allow_hosts))
    gate = StoreGate(settings.db, writer_wait_seconds=settings.lock_wait_seconds)
    gate.ensure_exists()
    jobs = Jobs(settings, gate)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        try:
            yield
        finally:  # a stopped server leaves no upload folder behind
            jobs.close()
            gate.close()

    app = Starlette(
        routes=[*api.routes(), *pages.routes(), *mapview.routes(), Mount("/static", StaticFiles(directory=STATIC), name="static")],
        middleware=[Middleware(TrustedHostMiddleware, allowed_hosts=hosts),
                    Middleware(Guard, token=settings.token), Middleware(BodyLimit, limit=body_limit(settings))],
        exception_handlers={ActorNotFound: _unknown_actor, ValueError: _bad_request, StoreError: _store_error,
                            HTTPException: _http_error},
        lifespan=lifespan,
    )
    app.state.dyads = AppContext(settings, gate, jobs)
    return app


def serve(settings: Settings) -> None:
    """Run the app under uvicorn; binding beyond loopback needs ``allow_hosts`` (said when it is used)."""
    import uvicorn

    from dyads.web.serving import uvicorn_config

    hosts = check_bind(settings)
    print(f"dyads explorer on http://{settings.host}:{settings.port}/  (store {settings.db}; Ctrl-C stops)", flush=True)
    if not is_loopback(settings.host):
        print(f"reachable beyond this machine; Host names accepted: {', '.join(hosts)}"
              + ("; token required" if settings.token else "; no token (setting token): anyone who can reach it can use it"),
              flush=True)
    config = uvicorn_config(create_app(settings), settings.host, settings.port, settings.serve_max_connections,
                            settings.serve_header_timeout)
    uvicorn.Server(config).run()
