"""The /map page and /api/v1/places over a store of our own located reports (the browser test is
`test_map_in_chromium`, skipped without Debian's chromium like the other browser tests)."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

import pytest

from dyads.settings import Settings

STATIC = Path(__file__).resolve().parents[2] / "src" / "dyads" / "web" / "static"


@pytest.fixture(scope="module")
def client(placed_db: Path) -> Any:
    from dyads.web.app import create_app

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient

        return TestClient(create_app(Settings(db=str(placed_db), progress=False)), base_url="http://127.0.0.1")


def test_places_api_groups_located_events_by_place(client: Any) -> None:
    d = client.get("/api/v1/places").json()
    assert d["located"] < d["events"]  # the sanction is not placed
    havana = next(p for p in d["places"] if p["name"] == "Havana")
    assert havana["country"] == "CUB" and havana["precision"] == "point" and havana["events"] >= 1
    assert sum(havana["quad_classes"].values()) == havana["events"] and havana["quad_class"] in (1, 2, 3, 4)
    only = client.get("/api/v1/places", params={"country": "PER"}).json()
    assert [p["name"] for p in only["places"]] == ["Lima"] and only["filter"] == {"country": "PER"}


def test_map_page_is_served_with_its_vendored_files(client: Any) -> None:
    r = client.get("/map")
    assert r.status_code == 200 and 'id="map"' in r.text and "/static/leaflet.js" in r.text and "Havana" in r.text
    for name in ("leaflet.js", "leaflet.css", "leaflet.markercluster.js", "topojson-client.min.js", "land-110m.json",
                 "map.js"):
        assert client.get(f"/static/{name}").status_code == 200, name
        assert (STATIC / name).stat().st_size > 0
    assert '<a href="/map">Map</a>' in client.get("/").text


def test_a_bad_place_filter_is_a_400(client: Any) -> None:
    r = client.get("/api/v1/places", params={"near": "Havana", "within": "lots"})
    assert r.status_code == 400 and "within" in r.json()["error"]


def test_events_of_a_place_follow_the_map_link(client: Any) -> None:
    d = client.get("/api/v1/places").json()
    havana = next(p for p in d["places"] if p["name"] == "Havana")
    events = client.get("/api/v1/events", params={"near": f'{havana["lat"]},{havana["lon"]}', "within": "1"}).json()
    assert events["total"] == havana["events"]
    assert all(e["location"]["name"] == "Havana" for e in events["events"])


def test_the_map_takes_the_confidence_filter(client: Any) -> None:
    everything = client.get("/api/v1/places").json()
    events = client.get("/api/v1/events", params={"limit": 500}).json()["events"]
    floor = sorted(e["confidence"] for e in events if e["location"])[-1]  # only the most confident located event(s)
    d = client.get("/api/v1/places", params={"min_confidence": str(floor)}).json()
    assert d["filter"] == {"min_confidence": str(floor)}
    assert d["events"] == sum(1 for e in events if e["confidence"] >= floor)
    assert 0 < d["located"] <= everything["located"]
    assert client.get("/api/v1/places", params={"min_confidence": "1.1"}).status_code == 400
    page = client.get("/map", params={"min_confidence": str(floor)}).text
    assert 'name="min_confidence"' in page and f'value="{floor}"' in page


def test_actor_and_dyad_pages_say_where_their_events_happened(client: Any) -> None:
    d = client.get("/api/v1/actors/CUB").json()["places"]
    havana = next(p for p in d["places"] if p["name"] == "Havana")
    assert havana["country"] == "CUB" and havana["events"] >= 1 and d["filter"] == {"actor": "CUB"}
    page = client.get("/actor/CUB").text
    assert "Where it happened" in page and "Havana" in page and 'href="/map?actor=CUB"' in page
    assert f"near={havana['lat']}%2C{havana['lon']}" in page
    dyad = client.get("/dyad/RUS/CUB").text
    assert "Where it happened" in dyad and "Havana" in dyad and "/map?dyad=RUS%2CCUB" in dyad
    lima = client.get("/api/v1/dyads/PER/CHL").json()["places"]
    assert [p["name"] for p in lima["places"]] == ["Lima"]
