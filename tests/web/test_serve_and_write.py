"""`dyads serve`, `dyads ingest` and `dyads watch` on one store at the same time.

The server runs under a real uvicorn on 127.0.0.1 and is asked for pages all the while; the ingest
and the watcher are separate processes (DuckDB locks a store per process, so only processes show
whether the server leaves the file free between requests). A local HTTP server serves the feed.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import redirect_stdout
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from dyads.cli.main import main
from dyads.settings import Settings
from dyads.store import Store
from dyads.web.gate import StoreGate

ARTICLE = ("<html><head><title>Norway sends aid</title></head><body><article><h1>Norway sends aid</h1>"
           "<p>Norway sent humanitarian aid to Sudan on Thursday, the Norwegian foreign ministry said.</p>"
           "</article></body></html>")


class FeedHandler(BaseHTTPRequestHandler):
    def log_message(self, *args: Any) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        if self.path == "/feed.xml":
            body, kind = (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Local Wire</title><item>'
                          f"<title>Norway sends aid</title><link>{base}/aid.html</link><guid>{base}/aid.html</guid>"
                          "<pubDate>Thu, 05 Mar 2026 08:00:00 GMT</pubDate></item></channel></rss>"), "application/rss+xml"
        elif self.path == "/aid.html":
            body, kind = ARTICLE, "text/html; charset=utf-8"
        elif self.path == "/robots.txt":
            body, kind = "User-agent: *\nAllow: /\n", "text/plain"
        else:
            self.send_response(404)
            self.end_headers()
            return
        data = body.encode()
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


@pytest.fixture
def feed() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), FeedHandler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/feed.xml"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def served(writable_db: str) -> Iterator[tuple[str, str]]:
    import socket

    import uvicorn

    from dyads.web.app import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    server = uvicorn.Server(uvicorn.Config(create_app(Settings(db=writable_db, progress=False, port=port)),
                                           host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", writable_db
    server.should_exit = True
    thread.join(timeout=10)


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as r:  # noqa: S310 (127.0.0.1 only)
            return int(r.status), r.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8")


def _dyads(*args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    return subprocess.Popen([sys.executable, "-m", "dyads.cli.main", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env)


def test_ingest_and_watch_write_while_the_server_answers(served: tuple[str, str], feed: str, tmp_path: Path) -> None:
    base, db = served
    with Store.open(db) as store:  # what was there before arrived two days ago: the brief shows only the new
        store.con.execute("UPDATE documents SET ingested_at = ingested_at - INTERVAL 2 DAY")
    article = tmp_path / "morning.txt"
    article.write_text("Chile recalls envoy\ndate 2026-03-05\n\nChile recalled its ambassador to Peru on Thursday "
                       "after a border dispute, the Chilean foreign ministry said.\n", encoding="utf-8")
    statuses: list[int] = []
    stop = threading.Event()

    def keep_reading() -> None:  # an analyst clicking around the whole time
        while not stop.is_set():
            statuses.append(_get(f"{base}/api/v1/overview")[0])
            statuses.append(_get(f"{base}/events?actor=USA")[0])

    reader = threading.Thread(target=keep_reading, daemon=True)
    reader.start()
    try:
        ingest = _dyads("ingest", str(article), "--db", db)
        watch = _dyads("watch", feed, "--once", "--db", db, "--allow-private")  # the test feed is on 127.0.0.1
        ingest_out, ingest_err = ingest.communicate(timeout=300)
        watch_out, watch_err = watch.communicate(timeout=300)
    finally:
        stop.set()
        reader.join(timeout=60)
    assert ingest.returncode == 0, ingest_err
    assert "1 written" in ingest_out + ingest_err
    assert watch.returncode == 0, watch_err
    assert "1 documents written" in watch_out
    assert statuses and set(statuses) <= {200, 503}, statuses  # busy for a moment at most, never an error
    assert statuses.count(200) > 0
    status, page = _get(f"{base}/events?doc_id={tmp_path.name}/morning")  # a file by itself: folder/name
    assert status == 200 and "Chile" in page and "0 events" not in page
    status, page = _get(f"{base}/api/v1/events?actor=NOR")
    assert status == 200 and '"total": 0' not in page and "Sudan" in page
    out = io.StringIO()  # the morning brief lists what the ingest and the watcher brought
    with redirect_stdout(out):
        assert main(["brief", "--since", "1h", "--format", "json", "--db", db]) == 0
    brief = json.loads(out.getvalue())
    assert brief["documents"] >= 2
    assert any("Norway" in s["headline"] or "Sudan" in s["headline"] for s in brief["stories"]), brief["stories"]
    status, home = _get(f"{base}/")
    assert status == 200 and "<h1>Brief" in home and "/story/" in home


def test_a_notebook_handle_does_not_block_ingest(writable_db: str, tmp_path: Path) -> None:
    import dyads

    frames = dyads.open(writable_db)
    before = len(frames.events())
    article = tmp_path / "note.txt"
    article.write_text("date 2026-03-06\n\nPeru expelled two Chilean diplomats on Friday, the government said.\n",
                       encoding="utf-8")
    proc = _dyads("ingest", str(article), "--db", writable_db)
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    assert len(frames.events()) > before  # the open handle sees the new events on its next call
    frames.close()


def test_readers_waiting_for_a_writer_are_bounded(writable_db: str) -> None:
    from dyads.store.locks import StoreBusy

    gate = StoreGate(writable_db, wait_seconds=0.2, max_waiting=0)
    with gate.writing():  # a web ingest is writing a batch
        started = time.monotonic()
        with pytest.raises(StoreBusy, match="try again"):  # nobody may wait: answered at once
            with gate.read():
                pass
        assert time.monotonic() - started < 5
    gate = StoreGate(writable_db, wait_seconds=0.2, max_waiting=1)
    with gate.writing():
        with pytest.raises(StoreBusy):  # waited its 0.2 s, then told
            with gate.read():
                pass
    with gate.read() as store:  # free again
        assert store.query("SELECT count(*) FROM events")[1][0][0] > 0


def test_watch_exits_non_zero_when_the_store_stays_locked(feed: str, writable_db: str) -> None:
    held = Store.open(writable_db, read_only=True)  # another "process" reading: same-process conflict
    try:
        code = main(["watch", feed, "--once", "--db", writable_db, "--allow-private"])
    finally:
        held.close()
    assert code == 1
