"""The request guards of `dyads serve`, as ASGI middleware around the app.

In order: the Host check (Starlette's TrustedHostMiddleware over `allowed_hosts`, never ``*``),
then `Guard` (optional token, same-origin writes, security headers), then `BodyLimit` (a request
body longer than the largest allowed upload is refused while it streams, chunked or not).

Invariants: a browser on another site can neither read the API (Host check defeats DNS rebinding)
nor make the analyst's browser write into the store (same-origin POSTs only); no request body is
ever buffered or spooled beyond ``body_limit(settings)`` bytes.
"""

from __future__ import annotations

import ipaddress
import secrets
from http.cookies import SimpleCookie
from urllib.parse import parse_qsl, urlencode, urlsplit

from starlette.responses import JSONResponse, PlainTextResponse, RedirectResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from dyads.settings import Settings

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")
TOKEN_COOKIE = "dyads_token"
_CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
_UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


class BodyTooLarge(ValueError):
    """A request body over the limit (raised from `receive` while it streams; answered with 413)."""


def host_list(text: str) -> list[str]:
    """The names of the ``allow_hosts`` setting (comma- or space-separated), lower-cased."""
    return [h.strip().lower() for h in text.replace(",", " ").split() if h.strip()]


def is_loopback(host: str) -> bool:
    if host in ("localhost", "[::1]"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def allowed_hosts(host: str, extra: list[str] | tuple[str, ...] = ()) -> list[str]:
    """Host headers accepted: the loopback names, the bound address when it is a specific one, and
    the names given with ``--allow-host``. Never ``*``: a wildcard bind accepts only named hosts."""
    names = [*LOOPBACK_NAMES]
    if host not in ("0.0.0.0", "::", "") and host not in names:
        names.append(f"[{host}]" if ":" in host and not host.startswith("[") else host)
    for name in extra:
        if name == "*" or not name:
            raise ValueError("--allow-host: name each host clients will use; '*' is not accepted")
        if name not in names:
            names.append(name)
    return names


def check_bind(settings: Settings) -> list[str]:
    """The accepted Host names for ``settings.host``; binding beyond loopback without an explicit
    ``allow_hosts`` list is refused with a one-line reason."""
    extra = host_list(settings.allow_hosts)
    if not is_loopback(settings.host) and not extra:
        raise ValueError(f"--host {settings.host}: binding beyond this machine needs the Host names clients "
                         "will use, e.g. --allow-host myserver.lan (repeatable; setting allow_hosts)")
    return allowed_hosts(settings.host, extra)


def body_limit(settings: Settings) -> int:
    """The largest request body accepted: a full upload (every file at its limit), the pasted text
    (same limit as a file) and room for the multipart framing."""
    return (settings.upload_max_files + 1) * settings.max_file_bytes + 64_000


def _headers(scope: Scope) -> dict[str, str]:
    return {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}


def cross_site_reason(method: str, headers: dict[str, str]) -> str | None:
    """Why a write request does not come from this app's own pages, or None when it may pass.

    Browsers send Origin on every POST (and Sec-Fetch-Site on every request); one that is not this
    server's is refused. Without either, a Referer from another site is refused too. A client that
    sends none of them is not a browser page (curl, a script) and cannot be driven by another site."""
    if method not in _UNSAFE_METHODS:
        return None
    host = headers.get("host", "").lower()
    origin = headers.get("origin")
    fetch_site = headers.get("sec-fetch-site", "").lower()
    if fetch_site and fetch_site not in ("same-origin", "none"):
        return f"Sec-Fetch-Site {fetch_site}"
    if origin is not None:
        return None if urlsplit(origin).netloc.lower() == host and origin != "null" else f"Origin {origin}"
    referer = headers.get("referer")
    if referer and urlsplit(referer).netloc.lower() != host:
        return "Referer from another site"
    return None


class Guard:
    """Token (when the ``token`` setting is set), same-origin writes, and security headers on every
    response."""

    def __init__(self, app: ASGIApp, token: str = "") -> None:
        self.app = app
        self.token = token

    def _authorised(self, headers: dict[str, str]) -> bool:
        auth = headers.get("authorization", "")
        if auth.lower().startswith("bearer ") and secrets.compare_digest(auth[7:].strip().encode(), self.token.encode()):
            return True
        cookie = SimpleCookie()
        try:
            cookie.load(headers.get("cookie", ""))
        except Exception:  # a malformed Cookie header carries no token
            return False
        given = cookie.get(TOKEN_COOKIE)
        return given is not None and secrets.compare_digest(given.value.encode(), self.token.encode())

    def _token_visit(self, scope: Scope) -> Response | None:
        """``GET …?token=T`` with the right token: set the cookie and redirect to the URL without it."""
        query = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
        given = [v for k, v in query if k == "token"]
        if scope["method"] != "GET" or not given or not secrets.compare_digest(given[0].encode(), self.token.encode()):
            return None
        rest = urlencode([(k, v) for k, v in query if k != "token"])
        path = (scope.get("raw_path") or scope["path"].encode("utf-8")).decode("latin-1")  # still percent-encoded
        response = RedirectResponse(path + (f"?{rest}" if rest else ""), status_code=303)
        response.set_cookie(TOKEN_COOKIE, self.token, httponly=True, samesite="strict", path="/")
        return response

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = _headers(scope)
        if self.token and not self._authorised(headers):
            visit = self._token_visit(scope)
            if visit is None:
                text = "a token is needed: send Authorization: Bearer TOKEN or open this server once with ?token=TOKEN"
                visit = (JSONResponse({"error": text}, status_code=401) if scope["path"].startswith("/api/")
                         else PlainTextResponse(text, status_code=401))
            await visit(scope, receive, send)
            return
        reason = cross_site_reason(scope["method"], headers)
        if reason is not None:
            await PlainTextResponse(f"cross-origin {scope['method']} refused ({reason})", status_code=403)(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                extra = [(b"content-security-policy", _CSP.encode()), (b"x-content-type-options", b"nosniff"),
                         (b"referrer-policy", b"same-origin"), (b"x-frame-options", b"DENY")]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodyLimit:
    """Refuse a request body over ``limit`` bytes: at once when Content-Length says so, else while
    it streams (chunked bodies have no Content-Length), by counting what `receive` hands the app."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _headers(scope).get("content-length", "")
        if declared.strip().isdigit() and int(declared) > self.limit:
            await _too_large(scope, self.limit)(scope, receive, send)
            return
        seen = 0

        async def counting_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise BodyTooLarge(f"request body larger than {self.limit:,} bytes "
                                       "(upload_max_files × max_file_bytes); refused while it was sent")
            return message

        await self.app(scope, counting_receive, send)


def _too_large(scope: Scope, limit: int) -> Response:
    text = f"request body larger than {limit:,} bytes (upload_max_files × max_file_bytes)"
    if scope["path"].startswith("/api/"):
        return JSONResponse({"error": text}, status_code=413)
    return PlainTextResponse(text, status_code=413)
