"""Issue 21: a server safe on a network. Host names are never a wildcard, writes come only from
this app's pages, an optional token, bodies bounded while they stream, stalled and surplus
connections closed, no server paths in messages, upload folders cleaned, ids that route."""

from __future__ import annotations

import json
import select
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from web_support import make_client, wait_for_job

from dyads.cli.main import main
from dyads.settings import Settings
from dyads.web.app import create_app
from dyads.web.guards import check_bind
from dyads.web.jobs import Jobs, uploads_parent


def test_wildcard_bind_checks_hosts_and_needs_allow_host(web_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    c = make_client(web_db, host="0.0.0.0")
    assert c.get("/api/v1/overview", headers={"host": "evil.example"}).status_code == 400
    assert c.get("/api/v1/overview", headers={"host": "127.0.0.1:8000"}).status_code == 200
    with pytest.raises(ValueError, match="--allow-host"):
        check_bind(Settings(host="0.0.0.0"))
    with pytest.raises(ValueError, match="--allow-host"):
        check_bind(Settings(host="10.1.2.3"))
    assert check_bind(Settings(host="0.0.0.0", allow_hosts="dyads.lan, 10.1.2.3"))[-2:] == ["dyads.lan", "10.1.2.3"]
    with pytest.raises(ValueError, match="not accepted"):
        check_bind(Settings(host="0.0.0.0", allow_hosts="*"))
    assert main(["serve", "--host", "0.0.0.0", "--db", web_db]) == 2
    assert "--allow-host" in capsys.readouterr().err
    named = make_client(web_db, host="0.0.0.0", allow_hosts="dyads.lan")
    assert named.get("/api/v1/overview", headers={"host": "dyads.lan:8000"}).status_code == 200
    assert named.get("/api/v1/overview", headers={"host": "evil.example"}).status_code == 400


@pytest.mark.parametrize("headers", [
    {"referer": "http://evil.example/page"},  # no Origin: the Referer decides
    {"sec-fetch-site": "cross-site"},
    {"sec-fetch-site": "same-site", "origin": "http://127.0.0.1"},
    {"origin": "null"},
    {"origin": "http://evil.example"},
])
def test_cross_site_posts_are_refused(client: Any, headers: dict[str, str]) -> None:
    r = client.post("/api/v1/ingest", data={"text": " "}, headers=headers)
    assert r.status_code == 403 and "cross-origin POST refused" in r.text


@pytest.mark.parametrize("headers", [
    {"origin": "http://127.0.0.1", "sec-fetch-site": "same-origin"},
    {"referer": "http://127.0.0.1/ingest"},
    {},  # not a browser page (curl, a script): nothing another site could forge
])
def test_same_origin_posts_pass_the_guard(client: Any, headers: dict[str, str]) -> None:
    r = client.post("/api/v1/ingest", data={"text": " "}, headers=headers)
    assert r.status_code == 400 and "nothing to ingest" in r.json()["error"]  # reached the handler


def test_token_guards_every_request(web_db: str) -> None:
    c = make_client(web_db, token="s3cret-token")
    assert c.get("/api/v1/overview").status_code == 401
    assert c.get("/static/app.js").status_code == 401
    assert c.get("/api/v1/overview", headers={"authorization": "Bearer wrong"}).status_code == 401
    assert c.get("/api/v1/overview", headers={"authorization": "Bearer s3cret-token"}).status_code == 200
    assert c.get("/events?token=wrong", follow_redirects=False).status_code == 401
    visit = c.get("/events?page=1&token=s3cret-token", follow_redirects=False)
    assert visit.status_code == 303 and visit.headers["location"] == "/events?page=1"
    cookie = visit.headers["set-cookie"]
    assert "httponly" in cookie.lower() and "samesite=strict" in cookie.lower()
    assert c.get("/events").status_code == 200  # the client kept the cookie
    fresh = make_client(web_db, token="s3cret-token")
    odd = fresh.get("/document/a%2Fb%3Fc?token=s3cret-token", follow_redirects=False)
    assert odd.headers["location"] == "/document/a%2Fb%3Fc"  # the path stays encoded


def test_pasted_text_may_be_as_long_as_a_file(writable_db: str) -> None:
    c = make_client(writable_db, max_file_bytes=3_000_000, max_document_seconds=2.0)
    text = "Cuba praised Mexico on Monday.\n\n" + "Talks went on. " * 100_000  # 1.5 MB: over Starlette's 1 MB default
    r = c.post("/api/v1/ingest", data={"text": text})
    assert r.status_code == 202, r.text
    job = r.json()["job_id"]
    deadline = time.monotonic() + 60
    while c.get(f"/api/v1/ingest/{job}").json()["state"] not in ("done", "failed") and time.monotonic() < deadline:
        time.sleep(0.2)  # the job ends here, not while the interpreter exits (its thread writes to DuckDB)
    assert c.get(f"/api/v1/ingest/{job}").json()["state"] in ("done", "failed")
    small = make_client(writable_db, max_file_bytes=1000)
    r = small.post("/api/v1/ingest", files=[("files", ("a.txt", b"Cuba praised Mexico.", "text/plain"))],
                   data={"text": "x" * 2000})
    assert r.status_code == 413 and "max_file_bytes" in r.json()["error"]


def test_same_named_uploads_stay_two_documents_and_warnings_are_shown(writable_db: str) -> None:
    c = make_client(writable_db)
    first = b"<html><body><article><p>Chile praised Peru on Monday, the ministry said.</p></article></body></html>"
    second = b"<html><body><article><p>Peru condemned Bolivia on Tuesday, officials said.</p></article></body></html>"
    docs = []
    for body in (first, second):
        r = c.post("/api/v1/ingest", files=[("files", ("index.html", body, "text/html"))])
        job = wait_for_job(c, r.json()["job_id"])
        assert job["state"] == "done" and not job["errors"] and not job["warnings"], job
        docs += job["doc_ids"]
    assert len(docs) == 2 and docs[0] != docs[1] and all(d.startswith("upload/index.") for d in docs)
    again = wait_for_job(c, c.post("/api/v1/ingest", files=[("files", ("index.html", first, "text/html"))]).json()["job_id"])
    assert again["doc_ids"] == []  # the same file again: unchanged
    record = json.dumps({"id": "dated", "date": "someday soon", "text": "Chile praised Peru."}).encode()
    r = c.post("/ingest", files=[("files", ("w.jsonl", record, "application/json"))], follow_redirects=False)
    job_id = r.headers["location"].rsplit("/", 1)[-1]
    job = wait_for_job(c, job_id)
    assert any("'someday soon' not understood" in w and w.startswith("w.jsonl") for w in job["warnings"])
    page = c.get(f"/ingest/{job_id}").text
    assert "warning: w.jsonl" in page and "not understood" in page


def test_ids_with_slashes_and_query_characters_route(writable_db: str) -> None:
    c = make_client(writable_db)
    odd = "feeds/a.example/q?a=1#frag x"
    record = json.dumps({"id": odd, "date": "2026-03-02", "text": "Cuba condemned the United States on Monday."}).encode()
    job = wait_for_job(c, c.post("/api/v1/ingest", files=[("files", ("odd.jsonl", record, "application/json"))]).json()["job_id"])
    assert job["doc_ids"] == [odd]
    seg = quote(odd, safe="")
    assert c.get(f"/api/v1/documents/{seg}").json()["document"]["doc_id"] == odd
    page = c.get(f"/document/{seg}")
    assert page.status_code == 200 and f'href="/events?doc_id={quote(odd, safe="").replace("%20", "+")}' in page.text
    event = c.get("/api/v1/events", params={"doc_id": odd}).json()["events"][0]
    event_page = c.get(f"/event/{quote(event['event_id'], safe='')}").text
    assert f'href="/document/{seg}#ev-' in event_page
    assert f'href="/document/{seg}"' in c.get(f"/ingest/{job['job_id']}").text
    assert c.get("/api/v1/openapi.json").json()["paths"].get("/api/v1/documents/{doc_id}")


def test_upload_folders_are_removed_on_shutdown_and_stale_ones_at_start(web_db: str) -> None:
    from starlette.testclient import TestClient

    stale = uploads_parent() / "999999999-deadbeef"  # no such process
    (stale / "job-x").mkdir(parents=True, exist_ok=True)
    app = create_app(Settings(db=web_db, progress=False))
    jobs: Jobs = app.state.dyads.jobs
    assert not stale.exists() and jobs.root.is_dir()
    with TestClient(app, base_url="http://127.0.0.1") as c:
        assert c.get("/ingest").status_code == 200
    assert not jobs.root.exists()


# -- against uvicorn itself: what the ASGI test client cannot show --------------------------------

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def small_server(writable_db: str) -> Iterator[int]:
    """`dyads serve`'s uvicorn configuration with small limits: 2 connections, 2 s for headers,
    bodies up to (1 + 1) × 10,000 + 64,000 bytes."""
    import uvicorn

    from dyads.web.serving import uvicorn_config

    port = _free_port()
    settings = Settings(db=writable_db, progress=False, port=port, upload_max_files=1, max_file_bytes=10_000,
                        serve_max_connections=2, serve_header_timeout=2.0)
    server = uvicorn.Server(uvicorn_config(create_app(settings), "127.0.0.1", port, 2, 2.0))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started
    yield port
    server.should_exit = True
    thread.join(timeout=10)


def _response(sock: socket.socket) -> bytes:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            break
        data += chunk
    return data


def test_a_chunked_upload_is_refused_while_it_streams(small_server: int) -> None:
    sent = 0
    with socket.create_connection(("127.0.0.1", small_server), timeout=10) as sock:
        sock.sendall(b"POST /api/v1/ingest HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n"
                     b"Content-Type: multipart/form-data; boundary=xyz\r\n\r\n")
        head = b'--xyz\r\nContent-Disposition: form-data; name="files"; filename="big.txt"\r\n\r\n'
        sock.sendall(b"%x\r\n%s\r\n" % (len(head), head))
        chunk = b"war " * 4096
        reply = b""
        while sent < 100_000_000:  # a server without the limit would take all of it
            try:
                sock.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            except (BrokenPipeError, ConnectionResetError):
                break
            sent += len(chunk)
            if select.select([sock], [], [], 0)[0]:
                reply = _response(sock)
                break
        if not reply:
            reply = _response(sock)
    assert reply.startswith(b"HTTP/1.1 413"), reply[:200]
    # refused at 84,000 bytes: what was sent beyond that sat in the sockets' buffers (a few MB at most)
    assert sent < 20_000_000


def test_a_declared_body_over_the_limit_is_refused_before_it_is_read(small_server: int) -> None:
    with socket.create_connection(("127.0.0.1", small_server), timeout=10) as sock:
        sock.sendall(b"POST /api/v1/ingest HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 3000000000\r\n"
                     b"Content-Type: multipart/form-data; boundary=xyz\r\n\r\n")
        assert _response(sock).startswith(b"HTTP/1.1 413")


def test_stalled_headers_are_cut_off_and_connections_are_limited(small_server: int) -> None:
    stalled = socket.create_connection(("127.0.0.1", small_server), timeout=15)
    stalled.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # headers never finished
    idle = socket.create_connection(("127.0.0.1", small_server), timeout=15)
    time.sleep(0.2)  # let the server accept both before the third arrives
    try:
        with socket.create_connection(("127.0.0.1", small_server), timeout=10) as third:
            third.sendall(b"GET /api/v1/overview HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            assert _response(third).startswith(b"HTTP/1.1 503")  # over serve_max_connections
        assert stalled.recv(1024) == b""  # the server closed the stalled connection
        assert idle.recv(1024) == b""
    finally:
        stalled.close()
        idle.close()
    with socket.create_connection(("127.0.0.1", small_server), timeout=10) as again:
        again.sendall(b"GET /api/v1/overview HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        assert _response(again).startswith(b"HTTP/1.1 200")


def test_upload_errors_name_files_not_server_paths(writable_db: str, tmp_path: Path) -> None:
    c = make_client(writable_db)
    r = c.post("/api/v1/ingest", files=[("files", ("notes.txt", b"\xff\xfe bad bytes", "text/plain"))])
    job = wait_for_job(c, r.json()["job_id"])
    assert job["errors"] and all(e.startswith("notes.txt: ") for e in job["errors"]), job["errors"]
    assert not any(str(uploads_parent()) in e or "/tmp" in e for e in job["errors"])


def test_store_errors_name_the_store_file_not_its_path(web_db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from dyads.store import StoreError
    from dyads.web.gate import StoreGate

    def busy(self: StoreGate) -> Any:
        raise StoreError(f"{self.db}: busy with an ingest; try again shortly")

    monkeypatch.setattr(StoreGate, "read", busy)
    r = make_client(web_db).get("/api/v1/overview")
    assert r.status_code == 503 and r.json()["error"] == f"{Path(web_db).name}: busy with an ingest; try again shortly"


def test_serving_beyond_loopback_says_which_hosts_it_accepts(web_db: str, monkeypatch: pytest.MonkeyPatch,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    import uvicorn

    ran: list[Any] = []
    monkeypatch.setattr(uvicorn.Server, "run", lambda self, sockets=None: ran.append(self.config))
    assert main(["serve", "--host", "0.0.0.0", "--allow-host", "dyads.lan", "--allow-host", "10.0.0.5", "--db", web_db]) == 0
    out = capsys.readouterr().out
    assert "Host names accepted: 127.0.0.1, localhost, [::1], dyads.lan, 10.0.0.5" in out and "no token" in out
    config = ran[0]
    assert config.limit_concurrency == 100 and config.h11_max_incomplete_event_size == 16 * 1024
    assert config.http.header_timeout == 10.0
