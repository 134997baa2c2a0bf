"""Inputs are checked everywhere (the CLI's one-line messages, 400 on the web, never silence) and
dates an analyst can trust: undated events are counted and listed, a date can be given at ingest."""

from __future__ import annotations

import html
import io
import json
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any
from urllib.parse import quote

from web_support import make_client, wait_for_job

from dyads.cli.main import main
from dyads.store import Store

UNDATED_TEXT = "Peru recalled its ambassador from Bolivia after a dispute over river water, the ministry said.\n"


def test_malformed_dates_give_the_cli_message_on_the_web(client: Any, web_db: str) -> None:
    err = io.StringIO()
    with redirect_stderr(err):
        assert main(["events", "--since", "2026-13-45", "--db", web_db]) == 2
    cli = err.getvalue().strip().removeprefix("error: ")
    for path in ("/api/v1/events", "/events", "/api/v1/network", "/network", "/api/v1/events/export"):
        r = client.get(path, params={"since": "2026-13-45"})
        assert r.status_code == 400, path
        assert cli.replace("--since", "since") in (r.json()["error"] if path.startswith("/api") else html.unescape(r.text))
    assert client.get("/api/v1/events", params={"until": "yesterday"}).status_code == 400


def test_unknown_parameters_are_refused_and_limit_is_per_page(client: Any) -> None:
    r = client.get("/api/v1/events", params={"q": "oil"})
    assert r.status_code == 400 and "unknown parameter 'q'" in r.json()["error"] and "text" in r.json()["error"]
    assert client.get("/events", params={"q": "oil"}).status_code == 400
    assert client.get("/actor/CUB", params={"bogus": "1"}).status_code == 400
    total = client.get("/api/v1/events").json()["total"]
    assert total > 60
    got = client.get("/api/v1/events", params={"limit": 60}).json()
    assert got["per_page"] == 60 and len(got["events"]) == 60
    assert client.get("/api/v1/events", params={"limit": 60, "per_page": 20}).status_code == 400
    assert client.get("/api/v1/events", params={"own": "maybe"}).status_code == 400


def test_charts_count_and_link_the_undated_events(client: Any) -> None:
    overview = client.get("/api/v1/overview").json()
    undated = client.get("/api/v1/events", params={"undated": "day", "per_page": 500}).json()
    assert overview["left_out"] == undated["total"] > 0
    assert all(e["date"] is None or len(e["date"]) < 10 for e in undated["events"])
    assert "/events?undated=day" in client.get("/overview").text
    actor = client.get("/api/v1/actors/CUB").json()
    skipped = actor["timeline"]["skipped"]
    month = client.get("/api/v1/events", params={"actor": "CUB", "undated": "month"}).json()["total"]
    assert skipped == month
    if skipped:
        assert "undated=month" in client.get("/actor/CUB").text


def test_a_date_given_at_ingest_dates_the_undated(writable_db: str, tmp_path: Path) -> None:
    article = tmp_path / "river.txt"
    article.write_text(UNDATED_TEXT, encoding="utf-8")
    assert main(["ingest", str(article), "--db", writable_db]) == 0
    doc_id = f"{tmp_path.name}/river"  # a file given by itself: its folder and name
    with Store.open(writable_db, read_only=True) as store:
        assert store.query("SELECT date FROM documents WHERE doc_id = ?", [doc_id])[1] == [(None,)]
    assert main(["ingest", str(article), "--db", writable_db, "--date", "2026-03-05"]) == 0  # re-dated, not "unchanged"
    out = io.StringIO()
    with redirect_stdout(out):
        assert main(["events", "--doc", doc_id, "--format", "jsonl", "--db", writable_db]) == 0
    dates = {json.loads(line)["date"] for line in out.getvalue().splitlines()}
    assert dates == {"2026-03-05"}
    err = io.StringIO()
    with redirect_stderr(err):
        assert main(["ingest", str(article), "--db", writable_db, "--date", "5 March"]) == 2
    assert "--date '5 March': expected a date YYYY-MM-DD" in err.getvalue()


def test_upload_with_a_date_and_an_unchanged_upload(writable_db: str) -> None:
    c = make_client(writable_db)
    files = [("files", ("creek.txt", UNDATED_TEXT.encode(), "text/plain"))]
    r = c.post("/api/v1/ingest", files=files, data={"date": "2026-03-06"})
    job = wait_for_job(c, r.json()["job_id"])
    # an upload's id is its name with a digest of its content (same-named files from two sites stay two)
    assert job["state"] == "done" and len(job["doc_ids"]) == 1 and job["doc_ids"][0].startswith("upload/creek.")
    doc_id = job["doc_ids"][0]
    assert c.get(f"/api/v1/documents/{quote(doc_id, safe='')}").json()["document"]["date"] == "2026-03-06"
    again = wait_for_job(c, c.post("/api/v1/ingest", files=files, data={"date": "2026-03-06"}).json()["job_id"])
    assert again["doc_ids"] == [] and again["unchanged_ids"] == [doc_id]
    page = c.get(f"/ingest/{again['job_id']}")
    assert "unchanged: 0 new events" in page.text and f'href="/document/{quote(doc_id, safe="")}"' in page.text
    assert c.post("/api/v1/ingest", files=files, data={"date": "March 6"}).status_code == 400
