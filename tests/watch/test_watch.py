"""`dyads watch` against a local HTTP server (127.0.0.1 only) serving fixture feeds and pages:
a good feed with ETag, articles, a slow page, a 500, a redirect loop, a huge page, a page
disallowed by robots.txt, and a plain article URL with Last-Modified."""

from __future__ import annotations

import io
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import redirect_stdout
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from dyads.cli.main import main
from dyads.settings import Settings
from dyads.store import Store
from dyads.watch.fetch import Fetcher, FetchError
from dyads.watch.poll import doc_id_for, parse_interval, poll_once, watch

ARTICLE = """<html><head><title>{title}</title></head><body><nav>Home | World</nav><article><h1>{title}</h1>
<p>{body}</p><p>Officials said talks would continue next week in the capital, according to a statement.</p>
</article><footer>Copyright Test Wire</footer></body></html>"""
PAGES = {
    "/a1.html": ("Russia condemns strikes", "Russia condemned the missile strikes on Kyiv on Monday, the foreign ministry said."),
    "/a2.html": ("China aids Cuba", "China promised continued aid to Cuba on Wednesday, the Chinese embassy said."),
    "/plain.html": ("Mexico sends oil", "Mexico sent a shipment of oil to Cuba on Tuesday, the government said in Mexico City."),
}
LAST_MODIFIED = "Mon, 02 Mar 2026 10:00:00 GMT"
ETAG = '"feed-v1"'


def _feed(base: str) -> str:
    # the China item's link is relative: it resolves against the feed's URL
    items = "".join(
        f"<item><title>{t}</title><link>{'' if t == 'China' else base}{p}</link><guid>{base}{p}</guid>"
        "<pubDate>Mon, 02 Mar 2026 08:00:00 GMT</pubDate></item>"
        for t, p in [("Russia", "/a1.html"), ("China", "/a2.html"), ("Slow", "/slow.html"), ("Loop", "/loop"),
                     ("Huge", "/huge.html"), ("Secret", "/private/secret.html"), ("Gone", "/gone.html")])
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Test Wire</title>{items}</channel></rss>'


class Handler(BaseHTTPRequestHandler):
    hits: Counter[str] = Counter()
    times: list[float] = []
    not_modified: Counter[str] = Counter()

    def log_message(self, *args: Any) -> None:  # keep the test output clean
        pass

    def _send(self, status: int, body: bytes = b"", kind: str = "text/html; charset=utf-8", **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        for k, v in headers.items():
            self.send_header(k.replace("_", "-"), v)
        self.end_headers()
        if body:
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):  # the client gave up (size limit): expected
                pass

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        path = self.path
        Handler.hits[path] += 1
        Handler.times.append(time.monotonic())
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        if path == "/robots.txt":
            self._send(200, b"User-agent: *\nDisallow: /private/\n", "text/plain")
        elif path == "/feed.xml":
            if self.headers.get("If-None-Match") == ETAG:
                Handler.not_modified[path] += 1
                self._send(304, ETag=ETAG)
            else:
                self._send(200, _feed(base).encode(), "application/rss+xml", ETag=ETAG)
        elif path == "/broken-feed.xml":
            self._send(500, b"oops")
        elif path in PAGES:
            if path == "/plain.html" and self.headers.get("If-Modified-Since") == LAST_MODIFIED:
                Handler.not_modified[path] += 1
                self._send(304, Last_Modified=LAST_MODIFIED)
                return
            title, body = PAGES[path]
            self._send(200, ARTICLE.format(title=title, body=body).encode(), Last_Modified=LAST_MODIFIED)
        elif path == "/slow.html":
            time.sleep(2.5)
            self._send(200, ARTICLE.format(title="Slow", body="Too late.").encode())
        elif path in ("/loop", "/loop2"):
            self._send(302, Location="/loop2" if path == "/loop" else "/loop")
        elif path == "/huge.html":
            self._send(200, b"<html><body><p>" + b"war " * 100_000 + b"</p></body></html>")
        else:
            self._send(404, b"not found")


@pytest.fixture
def server() -> Iterator[str]:
    Handler.hits, Handler.times, Handler.not_modified = Counter(), [], Counter()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _settings(tmp_path: Path, **kw: Any) -> Settings:
    base = dict(db=str(tmp_path / "w.duckdb"), progress=False, watch_timeout=1.0, watch_host_delay=0.05,
                watch_max_bytes=100_000, watch_allow_private=True)  # the fixture server is on 127.0.0.1
    return Settings(**{**base, **kw})  # type: ignore[arg-type]


def test_two_polls_ingest_new_articles_and_skip_failures(server: str, tmp_path: Path, pipeline: Any) -> None:
    settings = _settings(tmp_path)
    lines: list[str] = []
    urls = [f"{server}/feed.xml", f"{server}/broken-feed.xml", f"{server}/plain.html"]
    first = poll_once(urls, settings, lines.append)
    assert first.articles == 3 and first.ingest.written == 3 and first.ingest.events >= 3
    failures = "\n".join(lines)
    assert f"{server}/broken-feed.xml: HTTP 500" in failures
    assert f"{server}/slow.html: no answer within 1s" in failures
    assert f"{server}/loop: more than 5 redirects" in failures
    assert f"{server}/huge.html: " in failures and "over the limit of 100000" in failures
    assert f"{server}/private/secret.html: disallowed by robots.txt" in failures
    assert f"{server}/gone.html: HTTP 404" in failures
    assert first.failed == 6 and len(lines) == 6  # one line per failure
    assert Handler.hits["/private/secret.html"] == 0 and Handler.hits["/robots.txt"] == 1
    with Store.open(settings.db, read_only=True) as store:
        docs = store.query("SELECT doc_id, outlet, url, date FROM documents ORDER BY 1")[1]
    assert [d[0] for d in docs] == [doc_id_for(f"{server}{p}") for p in ("/a1.html", "/a2.html", "/plain.html")]
    assert docs[0][1:] == ("Test Wire", f"{server}/a1.html", "2026-03-02")

    # second poll: the feed kept no validator (the slow article may succeed later), so it is fetched
    # again but only the unsettled article is retried; the plain page answers 304
    lines.clear()
    second = poll_once(urls, settings, lines.append)
    assert Handler.not_modified["/plain.html"] == 1 and second.unchanged == 1
    assert Handler.hits["/a1.html"] == 1 and Handler.hits["/huge.html"] == 1 and Handler.hits["/slow.html"] == 2
    assert second.articles == 0 and second.ingest.written == 0
    assert sorted(line.split(": ", 2)[1].rsplit("/", 1)[-1] for line in lines) == ["broken-feed.xml", "slow.html"]


def test_feed_answers_304_once_every_item_is_settled(server: str, tmp_path: Path, pipeline: Any) -> None:
    settings = _settings(tmp_path, watch_timeout=5.0)  # the slow page now arrives in time
    lines: list[str] = []
    first = poll_once([f"{server}/feed.xml"], settings, lines.append)
    assert first.articles == 3 and first.ingest.written == 3  # a1, a2 and the slow page
    second = poll_once([f"{server}/feed.xml"], settings, lines.append)
    assert Handler.not_modified["/feed.xml"] == 1 and second.unchanged == 1 and second.articles == 0
    assert Handler.hits["/feed.xml"] == 2


def test_per_host_delay_is_kept(server: str, tmp_path: Path) -> None:
    with Fetcher("dyads-test", timeout=2.0, host_delay=0.2, max_bytes=100_000, allow_private=True) as fetcher:
        for path in ("/a1.html", "/a2.html", "/plain.html"):
            assert fetcher.get(server + path).status == 200
        with pytest.raises(FetchError, match="disallowed by robots.txt"):
            fetcher.get(server + "/private/x")
    gaps = [b - a for a, b in zip(Handler.times, Handler.times[1:])]
    assert len(Handler.times) == 4 and min(gaps) >= 0.15  # robots.txt, then three pages (0.2 s apart, less jitter)


def test_watch_loop_is_bounded_and_cli_runs_once(server: str, tmp_path: Path, pipeline: Any) -> None:
    settings = _settings(tmp_path)
    slept: list[float] = []
    out: list[str] = []
    reports = watch([f"{server}/plain.html"], settings, every=600, polls=3, log=out.append, out=out.append, sleep=slept.append)
    assert len(reports) == 3 and slept == [600, 600]
    assert [r.ingest.written for r in reports] == [1, 0, 0] and [r.unchanged for r in reports] == [0, 1, 1]
    buf = io.StringIO()
    with redirect_stdout(buf):
        assert main(["watch", f"{server}/a2.html", "--once", "--allow-private", "--db", str(tmp_path / "cli.duckdb")]) == 0
    assert "poll 1: 1 URLs polled" in buf.getvalue() and "1 documents written" in buf.getvalue()
    with pytest.raises(ValueError, match="too short"):
        watch([f"{server}/plain.html"], settings, every=0)
    with pytest.raises(ValueError, match="not an http"):
        watch(["file:///etc/passwd"], settings, every=1, once=True)


def test_parse_interval() -> None:
    assert [parse_interval(t) for t in ("90", "30s", "10m", "1.5h")] == [90, 30, 600, 5400]
    with pytest.raises(ValueError, match="watch_every"):
        parse_interval("ten minutes")
