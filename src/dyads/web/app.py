"""The `dyads serve` application: pages, `/api/v1`, vendored static files, and the guards that
keep a local explorer local (host check, same-origin writes, no caching of errors as HTML for API).

`create_app(settings)` builds it (tests drive it through Starlette's TestClient); `serve` runs it
with uvicorn on ``settings.host``:``settings.port`` (127.0.0.1 unless told otherwise).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from dyads.settings import Settings
from dyads.store import StoreError
from dyads.web import api, mapview, pages
from dyads.web.context import AppContext, TooLarge
from dyads.web.gate import StoreGate
from dyads.web.jobs import Jobs

STATIC = Path(__file__).parent / "static"
_CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


class Guard:
    """Security headers on every response; POSTs only from this app's own pages (a page on another
    site cannot make the browser ingest into the analyst's store)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        origin = headers.get("origin")
        if scope["method"] == "POST" and origin and urlsplit(origin).netloc != headers.get("host"):
            await Response("cross-origin POST refused", status_code=403)(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                extra = [(b"content-security-policy", _CSP.encode()), (b"x-content-type-options", b"nosniff"),
                         (b"referrer-policy", b"same-origin"), (b"x-frame-options", b"DENY")]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _error(request: Request, status: int, message: str) -> Response:
    if _wants_json(request):
        return api.JSON({"error": message}, status_code=status)
    return pages.render(request, "error.html", status, title={400: "Bad request", 413: "Too large"}.get(status, "Error"),
                        message=message)


async def _bad_request(request: Request, exc: Exception) -> Response:
    return _error(request, 413 if isinstance(exc, TooLarge) else 400, str(exc))


async def _store_error(request: Request, exc: Exception) -> Response:
    return _error(request, 503, str(exc))


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    return _error(request, exc.status_code, str(exc.detail))


def allowed_hosts(host: str) -> list[str]:
    """Host headers accepted: the loopback names, plus the bound address when it is another one."""
    local = ["127.0.0.1", "localhost", "[::1]"]
    if host in ("0.0.0.0", "::"):
        return ["*"]
    return local if host in local else [*local, host]


def create_app(settings: Settings) -> Starlette:
    gate = StoreGate(settings.db)
    gate.ensure_exists()
    app = Starlette(
        routes=[*api.routes(), *pages.routes(), *mapview.routes(), Mount("/static", StaticFiles(directory=STATIC), name="static")],
        middleware=[Middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts(settings.host)), Middleware(Guard)],
        exception_handlers={ValueError: _bad_request, StoreError: _store_error, HTTPException: _http_error},
    )
    app.state.dyads = AppContext(settings, gate, Jobs(settings, gate))
    return app


def serve(settings: Settings) -> None:
    import uvicorn

    print(f"dyads explorer on http://{settings.host}:{settings.port}/  (store {settings.db}; Ctrl-C stops)", flush=True)
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port, log_level="warning")
