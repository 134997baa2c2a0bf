"""Polite HTTP fetching for `dyads watch`.

Every request: obeys the host's robots.txt (fetched once per `Fetcher`; a missing robots.txt
allows everything, an unreachable one refuses the host for this poll), waits ``host_delay``
seconds after the previous request to the same host, gives up after ``timeout`` seconds (per
network operation and for the whole body), follows at most ``MAX_REDIRECTS`` redirects, and reads
at most ``max_bytes`` of body (refusing a larger declared or actual size). Conditional GET: the
caller passes the ETag and Last-Modified it stored; an unchanged resource comes back as 304 with
no body. Failures raise `FetchError` with the URL and one line saying what went wrong, and whether
it is worth retrying on the next poll.

Destinations: only http and https, checked at every redirect hop before anything else (robots.txt
included). Unless ``allow_private``, every connection goes through `GuardedBackend`, which
resolves the host itself, refuses it when any address it resolves to is loopback, private,
link-local, multicast, reserved or otherwise not globally routable, and connects to the address it
checked (so a second DNS answer cannot swap in another). Credentials in a URL (``user:pass@``)
never appear in a message (`public_url`).
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit
from urllib.robotparser import RobotFileParser

import httpcore
import httpx

MAX_REDIRECTS = 5
SCHEMES = ("http", "https")


def public_url(url: str) -> str:
    """``url`` without credentials (``https://user:pass@host/x`` -> ``https://host/x``)."""
    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.rsplit("@", 1)[1]))


class FetchError(RuntimeError):
    """``refused``: the destination itself is not allowed (scheme, address), whatever robots.txt says."""

    def __init__(self, url: str, problem: str, transient: bool, refused: bool = False) -> None:
        url = public_url(url)
        self.url, self.problem, self.transient, self.refused = url, problem, transient, refused
        super().__init__(f"{url}: {problem}")


class BlockedAddress(OSError):
    """A host that resolves to an address the watcher must not reach."""


def blocked_reason(address: str) -> str | None:
    """Why ``address`` may not be fetched (loopback, private, ...), or None for a public address."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    for kind in ("loopback", "link_local", "multicast", "unspecified", "private", "reserved"):
        if getattr(ip, f"is_{kind}"):
            return kind.replace("_", "-")
    return None if ip.is_global else "not globally routable"


class GuardedBackend(httpcore.SyncBackend):
    """httpcore's socket backend, connecting only to hosts whose every address is public."""

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                    socket_options: Iterable[Any] | None = None) -> httpcore.NetworkStream:
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except socket.gaierror as exc:
            raise httpcore.ConnectError(f"cannot resolve {host}: {exc.strerror}") from None
        addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
        for address in addresses:
            reason = blocked_reason(address)
            if reason is not None:
                raise BlockedAddress(f"{host} resolves to {address}, a {reason} address")
        failure: httpcore.ConnectError | None = None
        for address in addresses:  # as socket.create_connection would, but only to checked addresses
            try:
                return super().connect_tcp(address, port, timeout, local_address, socket_options)
            except httpcore.ConnectError as exc:
                failure = exc
        raise failure or httpcore.ConnectError(f"{host}: no address")


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    status: int  # 200 or 304
    text: str = ""
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None


def _host(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


@dataclass
class Fetcher:
    user_agent: str
    timeout: float = 10.0
    host_delay: float = 1.0
    max_bytes: int = 2_000_000
    sleep: Callable[[float], None] = time.sleep
    allow_private: bool = False
    _last: dict[str, float] = field(default_factory=dict)
    _robots: dict[str, RobotFileParser | None] = field(default_factory=dict)
    _client: httpx.Client | None = None

    def __enter__(self) -> "Fetcher":
        transport = httpx.HTTPTransport()
        if not self.allow_private:  # every connection of the pool through the address check
            pool = getattr(transport, "_pool", None)
            if not isinstance(pool, httpcore.ConnectionPool) or not hasattr(pool, "_network_backend"):
                raise RuntimeError("this httpx/httpcore version cannot take the address check; use --allow-private "
                                   "only if every watched URL is trusted")
            pool._network_backend = GuardedBackend()
        # no proxy from the environment: the address check must see the real destination
        self._client = httpx.Client(headers={"User-Agent": self.user_agent}, timeout=self.timeout, follow_redirects=False,
                                    transport=transport, trust_env=False)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._client is not None:
            self._client.close()

    def _wait_turn(self, host: str) -> None:
        last = self._last.get(host)
        if last is not None:
            wait = last + self.host_delay - time.monotonic()
            if wait > 0:
                self.sleep(wait)
        self._last[host] = time.monotonic()

    def allowed(self, url: str) -> bool:
        """robots.txt says this user agent may fetch ``url`` (robots.txt read once per host)."""
        host = _host(url)
        if host not in self._robots:
            try:
                self._robots[host] = self._read_robots(host)
            except FetchError as err:  # a refused destination: say so, not that robots.txt failed
                raise FetchError(url, err.problem, transient=False, refused=True) from None
        robots = self._robots[host]
        if robots is None:
            raise FetchError(url, "robots.txt could not be read; host skipped until the next poll", transient=True)
        return robots.can_fetch(self.user_agent, url)

    def _read_robots(self, host: str) -> RobotFileParser | None:
        """The host's rules; None when robots.txt failed other than with a 4xx (then the host is skipped)."""
        rp = RobotFileParser()
        try:
            rp.parse(self._get(urljoin(host, "/robots.txt"), {}, robots=False).text.splitlines())
        except FetchError as err:
            if err.refused:
                raise
            if not err.problem.startswith("HTTP 4"):
                return None
            rp.parse([])  # no robots.txt: everything allowed
        return rp

    def get(self, url: str, etag: str | None = None, last_modified: str | None = None) -> Fetched:
        """A conditional GET of ``url``; raises `FetchError` (robots, status, timeout, size, redirects)."""
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        return self._get(url, headers)

    def _get(self, url: str, headers: dict[str, str], robots: bool = True) -> Fetched:
        """Redirects are followed here, one hop at a time, so each hop obeys robots.txt and the host delay."""
        start, target = time.monotonic(), url
        for _ in range(MAX_REDIRECTS + 1):
            scheme = urlsplit(target).scheme.lower()
            if scheme not in SCHEMES:
                where = "" if target == url else f" (redirected to {public_url(target)})"
                raise FetchError(url, f"scheme {scheme or '(none)'!r} not allowed, only http and https{where}",
                                 transient=False, refused=True)
            where = "" if target == url else f" (redirected to {public_url(target)})"
            try:
                permitted = not robots or self.allowed(target)
            except FetchError as err:
                if not err.refused or not where:
                    raise
                raise FetchError(url, err.problem + where, transient=False, refused=True) from None
            if not permitted:
                raise FetchError(url, f"disallowed by robots.txt{where}", transient=False)
            self._wait_turn(_host(target))
            got = self._request(url, target, headers, start)
            if isinstance(got, Fetched):
                return got
            target = got
        raise FetchError(url, f"more than {MAX_REDIRECTS} redirects (a redirect loop?)", transient=False)

    def _request(self, url: str, target: str, headers: dict[str, str], start: float) -> Fetched | str:
        """One HTTP request: the result, or the next URL of a redirect."""
        assert self._client is not None, "use Fetcher as a context manager"
        try:
            with self._client.stream("GET", target, headers=headers) as resp:
                if resp.is_redirect and "location" in resp.headers:
                    return urljoin(target, resp.headers["location"])
                if resp.status_code == 304:
                    return Fetched(target, 304, etag=resp.headers.get("etag") or headers.get("If-None-Match"),
                                   last_modified=resp.headers.get("last-modified") or headers.get("If-Modified-Since"))
                if resp.status_code != 200:
                    raise FetchError(url, f"HTTP {resp.status_code}", transient=resp.status_code >= 500 or resp.status_code == 429)
                declared = int(resp.headers.get("content-length") or 0)
                if declared > self.max_bytes:
                    raise FetchError(url, f"{declared} bytes, over the limit of {self.max_bytes} (setting watch_max_bytes)", False)
                body = bytearray()
                for chunk in resp.iter_bytes():
                    body += chunk
                    if len(body) > self.max_bytes:
                        raise FetchError(url, f"more than {self.max_bytes} bytes (setting watch_max_bytes)", False)
                    if time.monotonic() - start > self.timeout:
                        raise FetchError(url, f"body not received within {self.timeout:g}s (setting watch_timeout)", True)
                encoding = resp.charset_encoding or "utf-8"
                return Fetched(target, 200, body.decode(encoding, errors="replace"), resp.headers.get("content-type", ""),
                               resp.headers.get("etag"), resp.headers.get("last-modified"))
        except BlockedAddress as exc:
            where = "" if target == url else f" (redirected to {public_url(target)})"
            raise FetchError(url, f"refused: {exc}{where} (--allow-private, setting watch_allow_private)",
                             transient=False, refused=True) from None
        except httpx.TimeoutException:
            raise FetchError(url, f"no answer within {self.timeout:g}s (setting watch_timeout)", transient=True) from None
        except httpx.HTTPError as exc:
            raise FetchError(url, f"request failed: {exc.__class__.__name__}: {exc}", transient=True) from None
        except LookupError:  # an unknown charset in the Content-Type header
            raise FetchError(url, "unknown text encoding", transient=False) from None
