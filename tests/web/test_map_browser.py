"""The /map page in headless Chromium (skipped without it, like `test_browser.py`): the vendored
Leaflet draws the land outline and the clustered places offline, and a place's popup links to its
events. The screenshot goes where the other browser tests put theirs (``$DYADS_SCREENSHOTS``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def test_map_draws_offline_and_a_place_leads_to_its_events(page: Any, shots: Path) -> None:
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(page.base + "/map")
    page.wait_for_function("document.getElementById('map').dataset.ready !== undefined")
    page.wait_for_selector("path.leaflet-interactive, .marker-cluster")
    page.wait_for_function("document.querySelectorAll('#map svg path').length > 1")  # land and places drawn
    assert int(page.get_attribute("#map", "data-ready") or "0") > 0
    assert all(u.startswith(page.base) for u in requests), [u for u in requests if not u.startswith(page.base)]
    page.screenshot(path=str(shots / "map.png"), full_page=True)
    # the events of the busiest place, as its popup links them
    page.goto(page.base + "/api/v1/places")
    top = page.evaluate("() => JSON.parse(document.body.innerText).places[0]")
    page.goto(f'{page.base}/events?near={top["lat"]},{top["lon"]}&within=1')
    assert page.locator("h1").first.inner_text().startswith(f'Events {top["events"]} match')


def test_the_map_filters_by_confidence_from_its_form(page: Any) -> None:
    page.goto(page.base + "/map")
    page.wait_for_function("document.getElementById('map').dataset.ready !== undefined")
    every = int(page.get_attribute("#map", "data-ready") or "0")
    page.fill("input[name=min_confidence]", "1")
    page.click("#apply")
    page.wait_for_url("**/map?*min_confidence=1*")
    page.wait_for_function("document.getElementById('map').dataset.ready !== undefined")
    assert int(page.get_attribute("#map", "data-ready") or "0") <= every
    assert float(page.input_value("input[name=min_confidence]")) == 1
    page.goto(page.base + "/api/v1/places?min_confidence=1")
    assert page.evaluate("() => JSON.parse(document.body.innerText).filter.min_confidence") == "1.0"
