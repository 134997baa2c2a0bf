"""HTML pages over the same data, escaping of article text, ingest through the web, and the
guards of a local explorer (host check, same-origin writes, upload limits, no paths from clients)."""

from __future__ import annotations

from typing import Any

import pytest
from web_support import make_client, wait_for_job

from dyads.web.jobs import safe_name

PAGES = ("/", "/events", "/events?actor=MEX&quad_class=4&sort=-goldstein", "/actors", "/actor/MEX", "/actor/claudia-sheinbaum",
         "/dyad/USA/CUB", "/dyad/USA/CUB?by=month&dedupe=1", "/stories", "/network", "/network?quad_class=1", "/ingest")


@pytest.mark.parametrize("path", PAGES)
def test_every_page_renders(client: Any, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 200, r.text[:500]
    assert r.headers["content-type"].startswith("text/html")
    assert "default-src 'self'" in r.headers["content-security-policy"]
    assert "<h1>" in r.text


def test_events_page_shows_the_api_page(client: Any) -> None:
    api = client.get("/api/v1/events", params={"actor": "MEX", "per_page": 50}).json()
    html = client.get("/events", params={"actor": "MEX"}).text
    assert f"{api['total']} match" in html
    for e in api["events"]:
        assert f'href="/event/{e["event_id"]}"' in html
    assert "/api/v1/events/export?actor=MEX&amp;format=gdelt" in html


def test_event_and_story_pages(client: Any) -> None:
    e = client.get("/api/v1/events", params={"per_page": 1, "text": "paused"}).json()["events"][0]
    html = client.get(f"/event/{e['event_id']}").text
    assert '<mark class="trigger"' in html and f'href="/document/{e["doc_id"]}' in html and f'href="/story/{e["story_id"]}"' in html
    ct = client.get("/api/v1/contradictions").json()["contradictions"][0]
    story = client.get(f"/story/{ct['story_id']}").text
    for side in ct["sides"]:
        assert f'href="/event/{side["event_id"]}"' in story


def test_errors_are_pages_not_tracebacks(client: Any) -> None:
    r = client.get("/events?quad_class=7")
    assert r.status_code == 400 and "quad_class must be" in r.text and "Traceback" not in r.text
    assert client.get("/event/nope").status_code == 404
    assert client.get("/static/../pyproject.toml").status_code == 404
    assert client.get("/static/chart.umd.min.js").status_code == 200


def test_untrusted_host_and_cross_origin_post_are_refused(client: Any) -> None:
    assert client.get("/", headers={"host": "evil.example"}).status_code == 400
    r = client.post("/api/v1/ingest", data={"text": "x"}, headers={"origin": "http://evil.example"})
    assert r.status_code == 403


def test_safe_name_keeps_uploads_inside_their_folder() -> None:
    assert safe_name("../../etc/passwd") == "passwd"
    assert safe_name("..\\..\\win.ini") == "win.ini"
    assert safe_name(".bashrc") == "bashrc"
    assert safe_name("a b<c>.txt") == "a_b_c_.txt"
    assert safe_name("") == "upload.txt"


def test_ingest_text_with_script_renders_escaped(writable_db: str) -> None:
    c = make_client(writable_db)
    text = ("Xss test\n\ndate 2026-03-02\n\nCuba condemned the United States on Monday. "
            "<script>alert('owned')</script> officials said.")
    r = c.post("/api/v1/ingest", data={"text": text})
    assert r.status_code == 202
    job = wait_for_job(c, r.json()["job_id"])
    assert job["state"] == "done" and not job["errors"] and len(job["doc_ids"]) == 1
    doc_id = job["doc_ids"][0]
    html = c.get(f"/document/{doc_id}").text
    assert "<script>alert" not in html and "&lt;script&gt;alert(" in html
    events = c.get("/api/v1/events", params={"doc_id": doc_id}).json()
    assert events["total"] >= 1
    page = c.get(f"/ingest/{job['job_id']}").text
    assert f'href="/event/{events["events"][0]["event_id"]}"' in page


def test_upload_errors_are_per_file_like_the_cli(writable_db: str) -> None:
    c = make_client(writable_db, max_file_bytes=2000)
    files = [("files", ("good.txt", b"Mexico praised Chile.\n", "text/plain")),
             ("files", ("../big.txt", b"x" * 5000, "text/plain")),
             ("files", ("bad.json", b"{not json", "application/json"))]
    r = c.post("/api/v1/ingest", files=files)
    assert r.status_code == 202
    job = wait_for_job(c, r.json()["job_id"])
    assert job["state"] == "done" and sorted(job["files"]) == ["bad.json", "big.txt", "good.txt"]
    assert len(job["errors"]) == 2
    assert any(e.startswith("big.txt: file is 5000 bytes") and "2000" in e for e in job["errors"])
    assert any(e.startswith("bad.json") for e in job["errors"])
    assert not any("/" in e for e in job["errors"])  # no server path in a message
    assert job["doc_ids"] == ["upload/good.5b912d4f"]  # the name and its content's hash: uploads never collide


def test_upload_limits(writable_db: str) -> None:
    c = make_client(writable_db, upload_max_files=2)
    files = [("files", (f"f{i}.txt", b"Mexico praised Chile.", "text/plain")) for i in range(3)]
    r = c.post("/api/v1/ingest", files=files)
    assert r.status_code == 400 and "at most 2" in r.json()["error"]
    assert c.post("/api/v1/ingest", data={"text": "  "}).status_code == 400
    small = make_client(writable_db, upload_max_files=1, max_file_bytes=10)
    r = small.post("/api/v1/ingest", files=[("files", ("f.txt", b"x" * 2_000_000, "text/plain"))])
    assert r.status_code == 413
