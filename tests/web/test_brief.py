"""The morning brief: the library (`dyads.analysis.brief`), `dyads brief`, `/brief` and `/api/v1/brief`.

The store's clock is set by hand: the sample documents are spread over the weeks before the
window, the six overlap articles (one happening, several outlets) arrive in the last hour."""

from __future__ import annotations

import io
import json
from contextlib import redirect_stderr, redirect_stdout
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from web_support import OVERLAP_IDS, make_client

from dyads.analysis.brief import MIN_COUNT, Watchlist, brief, brief_json, judge, parse_window, read_watchlist
from dyads.analysis.brief_text import to_markdown
from dyads.cli.main import main
from dyads.store import Store

SECTIONS = ("stories", "alerts", "first_conflicts", "new_actors", "contradictions", "watchlist")


@pytest.fixture
def morning_db(writable_db: str) -> str:
    """The overlap articles ingested in the last hour; everything else one to six weeks earlier."""
    with Store.open(writable_db) as store:
        now = store.query("SELECT CAST(current_timestamp AS TIMESTAMP)")[1][0][0]
        ids = [r[0] for r in store.query("SELECT doc_id FROM documents ORDER BY doc_id")[1]]
        for n, doc_id in enumerate(ids):
            when = now - timedelta(minutes=30) if doc_id in OVERLAP_IDS else now - timedelta(days=8 + (n % 5) * 7)
            store.con.execute("UPDATE documents SET ingested_at = ? WHERE doc_id = ?", [when, doc_id])
    return writable_db


def test_alert_test_ignores_noise_and_flags_real_changes() -> None:
    assert judge([1.0] * 3, [1.0] * 2, 1.0) == []  # few events: never an alert
    assert judge([1.0] * MIN_COUNT, [1.0] * 40, 4.0) == []  # within the Poisson band of its baseline
    kinds = [k for _, k, _ in judge([-5.0] * 12, [3.0, 3.5, 2.5, 3.0, 3.0, 3.2], 2.0)]
    assert kinds == ["more events", "Goldstein shift"]
    assert [k for _, k, _ in judge([], [1.0] * 80, 10.0)] == ["fewer events"]
    assert judge([2.0] * 6, [3.0, 3.5, 2.5, 3.0, 3.0, 3.2] * 5, 6.0) == []  # a one-point shift is below the floor


def test_brief_lists_what_arrived_with_links_to_evidence(morning_db: str) -> None:
    with Store.open(morning_db, read_only=True) as store:
        b = brief(store, "1h", watch=Watchlist(("Mexico", "Atlantis"), (("USA", "cuba"),)))
    assert b.documents == len(OVERLAP_IDS) and b.events > 0
    assert b.stories and all(s.new_reports > 0 for s in b.stories)
    reports = [s.independent_reports for s in b.stories]
    assert reports == sorted(reports, reverse=True)  # ranked by independent reports
    d = brief_json(b)
    for section in SECTIONS:
        for item in d[section]:
            if not item.get("error"):
                assert item["links"] and all(link["href"].startswith("/") for link in item["links"]), (section, item)
    with Store.open(morning_db, read_only=True) as store:
        older = {r[0] for r in store.query("""SELECT DISTINCT m.actor_id FROM mentions m WHERE m.doc_id NOT IN
                                              (SELECT unnest(?))""", [list(OVERLAP_IDS)])[1]}
    assert not {a.actor_id for a in b.new_actors} & older  # new actors were never mentioned before
    watch = {w.query: w for w in b.watchlist}
    assert watch["Mexico"].events > 0 and watch["Mexico"].error is None
    assert "unknown actor 'Atlantis'" in (watch["Atlantis"].error or "")
    assert watch["USA,cuba"].links[0][1] == "/dyad/USA/cuba"
    assert not b.notes  # five baseline weeks with ingests: the baseline test ran
    assert all(a.kind in ("more events", "fewer events", "Goldstein shift") and a.reason for a in b.alerts)
    with Store.open(morning_db) as store:  # a store without history says why it cannot alert
        store.con.execute("UPDATE documents SET ingested_at = CAST(current_timestamp AS TIMESTAMP) - INTERVAL 1 MINUTE")
        young = brief(store, "1h")
    assert not young.alerts and "no baseline alerts yet" in young.notes[0]
    md = to_markdown(d, "http://127.0.0.1:8000")
    assert "## New stories" in md and f"http://127.0.0.1:8000/story/{b.stories[0].story_id}" in md


def test_quiet_window_and_bad_inputs(morning_db: str, tmp_path: Path) -> None:
    with Store.open(morning_db, read_only=True) as store:
        later = brief(store, "1h", now=datetime.now() + timedelta(days=400))
    assert later.documents == 0 and not later.stories and not later.new_actors
    for bad in ("", "24", "1y", "0h", "soon"):
        with pytest.raises(ValueError, match="since"):
            parse_window(bad)
    text = tmp_path / "watch.txt"
    text.write_text("# what I follow\ncuba\nUSA, CHN\n", encoding="utf-8")
    assert read_watchlist(text) == Watchlist(("cuba",), (("USA", "CHN"),))
    yml = tmp_path / "watch.yaml"
    yml.write_text("actors: [cuba, Xi]\ndyads: ['USA,CHN', [CUB, MEX]]\n", encoding="utf-8")
    assert read_watchlist(yml) == Watchlist(("cuba", "Xi"), (("USA", "CHN"), ("CUB", "MEX")))
    yml.write_text("dyads: [cuba]\n", encoding="utf-8")
    with pytest.raises(ValueError, match="watch.yaml: dyads: expected a dyad"):
        read_watchlist(yml)


def test_cli_api_and_page_show_the_same_brief(morning_db: str, tmp_path: Path) -> None:
    out = io.StringIO()
    with redirect_stdout(out):
        assert main(["brief", "--since", "1h", "--format", "json", "--db", morning_db]) == 0
    cli = json.loads(out.getvalue())
    client = make_client(morning_db)
    api = client.get("/api/v1/brief", params={"since": "1h"}).json()
    assert [s["story_id"] for s in api["stories"]] == [s["story_id"] for s in cli["stories"]] != []
    page = client.get("/brief", params={"since": "1h"})
    assert page.status_code == 200 and f'/story/{cli["stories"][0]["story_id"]}' in page.text
    home = client.get("/")  # recent data: the home page is the brief
    assert home.status_code == 200 and "<h1>Brief" in home.text
    assert "<h1>Overview" in client.get("/overview").text
    out = io.StringIO()
    with redirect_stdout(out):
        assert main(["brief", "--since", "1h", "--db", morning_db, "--base-url", "http://analyst.local:9000"]) == 0
    assert out.getvalue().startswith("# Brief") and "http://analyst.local:9000/story/" in out.getvalue()
    html = io.StringIO()
    with redirect_stdout(html):
        assert main(["brief", "--since", "1h", "--format", "html", "--db", morning_db]) == 0
    assert "<h2>New stories</h2>" in html.getvalue() and 'href="http://127.0.0.1:8000/story/' in html.getvalue()
    err = io.StringIO()
    with redirect_stderr(err):
        assert main(["brief", "--since", "yesterday", "--db", morning_db]) == 2
    assert err.getvalue().count("\n") == 1 and "since 'yesterday'" in err.getvalue()
    assert client.get("/api/v1/brief", params={"since": "yesterday"}).status_code == 400


