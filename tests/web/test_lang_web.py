"""The document language in the explorer: the events table's lang column and language filter, the
API's lang parameter, the document page (a browser test and the API through the test client)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any


def test_api_events_take_lang(client: Any) -> None:
    everything = client.get("/api/v1/events").json()
    assert everything["total"] > 0 and all(e["lang"] == "en" for e in everything["events"])
    assert client.get("/api/v1/events", params={"lang": "en"}).json()["total"] == everything["total"]
    es = client.get("/api/v1/events", params={"lang": "ES"}).json()
    assert es["total"] == 0 and es["filter"] == {"lang": "es"}
    assert client.get("/api/v1/events", params={"lang": "und"}).json()["total"] == 0
    r = client.get("/api/v1/events", params={"lang": "english"})
    assert r.status_code == 400 and r.json()["error"] == "lang must be a two-letter ISO 639-1 code such as en or es, or und, not 'english'"
    gdelt = client.get("/api/v1/events/export", params={"lang": "en", "format": "gdelt"})
    assert gdelt.status_code == 200 and all(len(line.split("\t")) == 61 for line in gdelt.text.splitlines())
    spec = client.get("/api/v1/openapi.json").json()
    names = {p["name"]: p for p in spec["paths"]["/api/v1/events"]["get"]["parameters"]}
    assert "ISO 639-1" in names["lang"]["description"]


def test_events_page_lang_column_and_filter(page: Any, shots: Path) -> None:
    page.goto(page.base + "/events")
    page.wait_for_load_state("load")
    headers = page.locator("table.events thead th").all_inner_texts()
    assert "lang" in [h.strip() for h in headers]
    cells = page.locator("table.events tbody td.lang").all_inner_texts()
    assert cells and {c.strip() for c in cells} == {"en"}
    options = page.locator("select[name=lang] option").all_inner_texts()
    assert [o.strip() for o in options] == ["any", "en English"]
    page.select_option("select[name=lang]", "en")
    with page.expect_navigation():
        page.locator("#apply").click()
    assert re.search(r"[?&]lang=en(&|$)", page.url)
    assert page.locator("table.events tbody td.lang").count() == len(cells) or page.locator(".pager").count() == 1
    page.screenshot(path=str(shots / "events-lang.png"), full_page=True)
    # a cell's language links to the events of that language; the document page names it
    page.locator("table.events tbody td.lang a").first.click()
    page.wait_for_url(re.compile(r"/events\?lang=en$"))
    page.locator("table.events tbody a.evlink").first.click()
    page.wait_for_url(re.compile(r"/event/"))
    page.locator("a[href^='/document/']").first.click()
    page.wait_for_url(re.compile(r"/document/"))
    assert page.locator("p.small .lang").inner_text().strip() == "en"
    page.goto(page.base + "/events?lang=es")
    assert page.locator("table.events tbody").inner_text().strip() == "No events."
    assert page.locator("select[name=lang] option:checked").inner_text().strip() == "es Spanish"
