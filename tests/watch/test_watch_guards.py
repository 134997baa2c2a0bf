"""Issue 21: `dyads watch` fetches only what it should. A hostile feed (served on 127.0.0.2, which
these tests treat as a public address) links to pages that redirect to 127.0.0.1, to a cloud
metadata address, to ``file:`` and through credentials; only public pages are stored, no credential
reaches an id, URL, file name or log line, items per feed are capped, and a poll that dies keeps
the batches it stored."""

from __future__ import annotations

import json
import threading
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

import dyads.watch.fetch as fetch_mod
import dyads.watch.poll as poll_mod
from dyads.settings import Settings
from dyads.store import Store, StoreError
from dyads.watch.fetch import Fetcher, FetchError, blocked_reason, public_url
from dyads.watch.poll import poll_once
from dyads.watch.state import WatchState

PAGE = ("<html><head><title>{t}</title></head><body><article><h1>{t}</h1><p>{t} on Monday, the foreign ministry "
        "said in a statement.</p><p>Officials said talks would continue.</p></article></body></html>")
TITLES = {"/p1.html": "Chile condemned Peru", "/p2.html": "Peru praised Bolivia", "/p3.html": "Bolivia criticised Chile"}


class Secret(BaseHTTPRequestHandler):
    """The internal service on 127.0.0.1 a hostile feed tries to reach."""

    hits: Counter[str] = Counter()

    def log_message(self, *args: Any) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802
        Secret.hits[self.path] += 1
        body = PAGE.format(t="Internal secret report").encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class Hostile(BaseHTTPRequestHandler):
    secret = ""
    items: list[str] = []

    def log_message(self, *args: Any) -> None:
        pass

    def _send(self, status: int, body: bytes = b"", kind: str = "text/html", **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        for k, v in headers.items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802
        if self.path == "/robots.txt":
            self._send(404)
        elif self.path == "/feed.xml":
            items = "".join(f"<item><title>{i}</title><link>{link}</link></item>" for i, link in enumerate(Hostile.items))
            self._send(200, f'<?xml version="1.0"?><rss version="2.0"><channel><title>Hostile</title>{items}'
                            "</channel></rss>".encode(), "application/rss+xml")
        elif self.path == "/to-secret":
            self._send(302, Location=f"{Hostile.secret}/secret")
        elif self.path in TITLES:
            self._send(200, PAGE.format(t=TITLES[self.path]).encode())
        else:
            self._send(404)


def _serve(host: str, handler: type[BaseHTTPRequestHandler]) -> tuple[ThreadingHTTPServer, str]:
    httpd = ThreadingHTTPServer((host, 0), handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://{host}:{httpd.server_address[1]}"


@pytest.fixture
def hostile(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, str]]:
    """(feed server base URL on 127.0.0.2, secret server base URL on 127.0.0.1)."""
    real = fetch_mod.blocked_reason
    monkeypatch.setattr(fetch_mod, "blocked_reason", lambda a: None if a == "127.0.0.2" else real(a))
    Secret.hits = Counter()
    secret, secret_url = _serve("127.0.0.1", Secret)
    feed, feed_url = _serve("127.0.0.2", Hostile)
    Hostile.secret = secret_url
    Hostile.items = [f"{feed_url}/p1.html"]
    yield feed_url, secret_url
    for httpd in (secret, feed):
        httpd.shutdown()
        httpd.server_close()


def _settings(tmp_path: Path, **kw: Any) -> Settings:
    return Settings(db=str(tmp_path / "w.duckdb"), progress=False, watch_timeout=2.0, watch_host_delay=0.0).with_overrides(**kw)


def _docs(db: str) -> list[tuple[str, str]]:
    with Store.open(db, read_only=True) as store:
        return [(r[0], r[1]) for r in store.query("SELECT doc_id, url FROM documents ORDER BY doc_id")[1]]


@pytest.mark.parametrize("address", ["127.0.0.1", "10.1.2.3", "172.16.0.9", "192.168.1.1", "169.254.169.254", "100.64.0.1",
                                     "0.0.0.0", "224.0.0.251", "240.0.0.1", "::1", "fe80::1", "fc00::5", "::ffff:127.0.0.1",
                                     "ff02::1"])
def test_internal_addresses_are_blocked(address: str) -> None:
    assert blocked_reason(address) is not None


@pytest.mark.parametrize("address", ["93.184.215.14", "8.8.8.8", "2606:4700:4700::1111"])
def test_public_addresses_pass(address: str) -> None:
    assert blocked_reason(address) is None


def test_public_url_strips_credentials() -> None:
    assert public_url("https://ann:pw@news.example:8443/a?b=1") == "https://news.example:8443/a?b=1"
    assert public_url("https://news.example/a@b") == "https://news.example/a@b"


def test_loopback_and_metadata_are_refused_without_a_connection(tmp_path: Path) -> None:
    with Fetcher("dyads-test", timeout=2.0, host_delay=0.0) as fetcher:
        for url in ("http://localhost:1/x", "http://127.0.0.1:1/x", "http://169.254.169.254/latest/meta-data/"):
            with pytest.raises(FetchError, match="refused: .* address .*--allow-private") as err:
                fetcher.get(url)
            assert not err.value.transient and "robots" not in str(err.value)
        with pytest.raises(FetchError, match="scheme 'file' not allowed") as err:
            fetcher.get("file:///etc/passwd")
        assert "robots" not in str(err.value)


def test_a_feed_item_redirecting_to_loopback_stores_nothing(hostile: tuple[str, str], tmp_path: Path, pipeline: Any) -> None:
    feed, secret = hostile
    Hostile.items = [f"{feed}/to-secret", "http://169.254.169.254/latest/meta-data/", "file:///etc/passwd",
                     f"{secret}/secret", f"{feed}/p1.html"]
    lines: list[str] = []
    report = poll_once([f"{feed}/feed.xml"], _settings(tmp_path), lines.append)
    assert Secret.hits == Counter()  # the internal service was never reached
    assert _docs(str(tmp_path / "w.duckdb")) == [(poll_mod.doc_id_for(f"{feed}/p1.html"), f"{feed}/p1.html")]
    assert report.failed == 4 and report.ingest.written == 1
    log = "\n".join(lines)
    assert f"{feed}/to-secret: refused: 127.0.0.1 resolves to 127.0.0.1, a loopback address" in log
    assert f"(redirected to {secret}/secret)" in log
    assert "169.254.169.254 resolves to 169.254.169.254, a link-local address" in log
    assert "scheme 'file' not allowed, only http and https" in log and "robots" not in log
    # refusals are final: the next poll does not fetch them again
    state = WatchState.load(tmp_path / "w.duckdb.watch.json")
    assert f"{feed}/to-secret" in state.seen and any(link.startswith("file:") for link in state.seen)


def test_allow_private_fetches_internal_pages(hostile: tuple[str, str], tmp_path: Path, pipeline: Any) -> None:
    feed, secret = hostile
    Hostile.items = [f"{feed}/to-secret"]
    poll_once([f"{feed}/feed.xml"], _settings(tmp_path, watch_allow_private=True), lambda line: None)
    assert Secret.hits["/secret"] == 1 and len(_docs(str(tmp_path / "w.duckdb"))) == 1


def test_credentials_never_reach_ids_urls_files_or_logs(hostile: tuple[str, str], tmp_path: Path, pipeline: Any) -> None:
    feed, _ = hostile
    with_creds = feed.replace("http://", "http://ann:hunter2@")
    Hostile.items = [f"{with_creds}/p1.html", f"{with_creds}/missing.html"]
    lines: list[str] = []
    poll_once([f"{feed}/feed.xml"], _settings(tmp_path), lines.append)
    (doc_id, url), = _docs(str(tmp_path / "w.duckdb"))
    assert "hunter2" not in doc_id and "ann" not in doc_id and url == f"{feed}/p1.html"
    assert not any("hunter2" in p.name for p in (tmp_path / "w.duckdb.watch").iterdir())
    assert lines and not any("hunter2" in line for line in lines)
    assert "hunter2" not in (tmp_path / "w.duckdb.watch.json").read_text()


def test_items_per_feed_are_capped(hostile: tuple[str, str], tmp_path: Path, pipeline: Any) -> None:
    feed, _ = hostile
    Hostile.items = [f"{feed}/p1.html", f"{feed}/p2.html", f"{feed}/p3.html"]
    settings = _settings(tmp_path, watch_max_items=2)
    first = poll_once([f"{feed}/feed.xml"], settings, lambda line: None)
    assert first.articles == 2 and len(_docs(settings.db)) == 2
    second = poll_once([f"{feed}/feed.xml"], settings, lambda line: None)
    assert second.articles == 1 and len(_docs(settings.db)) == 3


def test_a_poll_cut_short_keeps_the_batches_it_stored(hostile: tuple[str, str], tmp_path: Path, pipeline: Any,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    feed, _ = hostile
    Hostile.items = [f"{feed}/p1.html", f"{feed}/p2.html", f"{feed}/p3.html"]
    settings = _settings(tmp_path)
    real_ingest = poll_mod.ingest
    calls: list[int] = []

    def ingest_then_fail(files: list[Path], *args: Any, **kwargs: Any) -> Any:
        calls.append(len(files))
        if len(calls) == 2:
            raise StoreError("disk full")
        return real_ingest(files, *args, **kwargs)

    monkeypatch.setattr(poll_mod, "BATCH", 1)
    monkeypatch.setattr(poll_mod, "ingest", ingest_then_fail)
    with pytest.raises(StoreError):
        poll_once([f"{feed}/feed.xml"], settings, lambda line: None)
    assert calls == [1, 1] and [u for _, u in _docs(settings.db)] == [f"{feed}/p1.html"]
    seen = json.loads((tmp_path / "w.duckdb.watch.json").read_text())["seen"]
    assert list(seen) == [f"{feed}/p1.html"]  # saved with its batch; p2 and p3 are fetched again next time
    monkeypatch.setattr(poll_mod, "ingest", real_ingest)
    again = poll_once([f"{feed}/feed.xml"], settings, lambda line: None)
    assert again.articles == 2 and len(_docs(settings.db)) == 3


def test_the_cli_refuses_loopback_unless_allowed(hostile: tuple[str, str], tmp_path: Path, pipeline: Any,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    from dyads.cli.main import main

    _, secret = hostile
    db = str(tmp_path / "cli.duckdb")
    assert main(["watch", f"{secret}/secret", "--once", "--db", db]) == 0
    assert "refused: 127.0.0.1 resolves to 127.0.0.1, a loopback address" in capsys.readouterr().err
    assert Secret.hits == Counter() and (not Path(db).exists() or not _docs(db))
    assert main(["watch", f"{secret}/secret", "--once", "--allow-private", "--db", db]) == 0
    assert Secret.hits["/secret"] == 1 and len(_docs(db)) == 1
