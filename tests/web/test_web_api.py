"""/api/v1 through Starlette's ASGI test client: JSON first, the same dicts the pages render."""

from __future__ import annotations

import io
import json
from typing import Any

import polars as pl

from dyads.analysis.exports import gdelt
from dyads.store import Store, views


def test_overview_counts_and_quad_by_week(client: Any, web_db: str) -> None:
    ov = client.get("/api/v1/overview").json()
    with Store.open(web_db, read_only=True) as store:
        st = views.stats(store)
    assert ov["counts"]["events"] == st["events"] and ov["counts"]["documents"] == st["documents"]
    assert ov["counts"]["contradictions"] >= 2 and ov["contradictions"]
    week = ov["quad_by_week"][0]
    assert week["period"].count("-W") == 1 and week["since"] <= week["until"]
    assert week["events"] == sum(week[f"q{q}"] for q in (1, 2, 3, 4))


def test_events_filter_page_and_contract(client: Any) -> None:
    r = client.get("/api/v1/events", params={"actor": "MEX", "quad_class": 4, "per_page": 3, "sort": "-date"})
    assert r.status_code == 200
    d = r.json()
    assert d["filter"] == {"actor": "MEX", "quad_class": "4"} and d["per_page"] == 3 and len(d["events"]) <= 3
    assert d["total"] >= len(d["events"]) > 0
    for e in d["events"]:
        assert e["quad_class"] == 4 and "MEX" in (e["source"]["country"], (e["target"] or {}).get("country"))
        assert {"event_id", "evidence", "cameo", "goldstein", "attribution", "modality"} <= set(e)
    dates = [e["date"] or "" for e in d["events"]]
    assert dates == sorted(dates, reverse=True)
    second = client.get("/api/v1/events", params={"actor": "MEX", "per_page": 3, "page": 2}).json()
    first = client.get("/api/v1/events", params={"actor": "MEX", "per_page": 3, "page": 1}).json()
    assert not {e["event_id"] for e in first["events"]} & {e["event_id"] for e in second["events"]}


def test_bad_parameters_are_400_with_a_message(client: Any) -> None:
    for params, needle in (({"quad_class": "9"}, "quad_class"), ({"sort": "evil"}, "unknown sort"),
                           ({"page": "x"}, "page"), ({"per_page": "100000"}, "per_page"), ({"dyad": "USA"}, "dyad")):
        r = client.get("/api/v1/events", params=params)
        assert r.status_code == 400 and needle in r.json()["error"], (params, r.text)
    assert client.get("/api/v1/timeline").status_code == 400
    assert client.get("/api/v1/timeline", params={"a": "USA", "by": "year"}).status_code == 400


def test_event_document_story_and_404(client: Any) -> None:
    e = client.get("/api/v1/events", params={"per_page": 1, "text": "paused"}).json()["events"][0]
    d = client.get(f"/api/v1/events/{e['event_id']}").json()
    assert d["event"] == e and "".join(s["text"] for s in d["segments"]) == e["evidence"]["text"]
    assert {s["role"] for s in d["segments"]} >= {"trigger", "source"}
    doc = client.get(f"/api/v1/documents/{e['doc_id']}").json()
    assert "".join(s["text"] for s in doc["segments"]) == doc["text"]
    assert any(s["trigger"] == e["event_id"] for s in doc["segments"])
    story = client.get(f"/api/v1/stories/{e['story_id']}").json()
    assert e["event_id"] in {x["event_id"] for x in story["events"]}
    for path in ("/api/v1/events/ev-nope", "/api/v1/documents/nope", "/api/v1/stories/st-nope", "/api/v1/ingest/nope"):
        r = client.get(path)
        assert r.status_code == 404 and "nope" in r.json()["error"]


def test_story_shows_syndicated_copies_and_contradictions(client: Any) -> None:
    cts = client.get("/api/v1/contradictions").json()["contradictions"]
    quantity = next(c for c in cts if c["kind"] == "quantity")
    assert len({s["outlet"] for s in quantity["sides"]}) >= 2 and len({s["value"] for s in quantity["sides"]}) >= 2
    pemex = next(c for c in cts if any(s["doc_id"] == "overlap/o09_wire_pemex_pauses_cuba_shipment" for s in c["sides"]))
    story = client.get(f"/api/v1/stories/{pemex['story_id']}").json()
    reports = {r["doc_id"]: r for r in story["reports"]}
    assert reports["overlap/o10_gulf_mexico_halts_cuba_oil"]["syndicated_copy"] is True
    assert reports["overlap/o10_gulf_mexico_halts_cuba_oil"]["canonical_doc_id"] == "overlap/o09_wire_pemex_pauses_cuba_shipment"
    assert reports["overlap/o09_wire_pemex_pauses_cuba_shipment"]["syndicated_copy"] is False
    dates = [r["date"] or "9999" for r in story["reports"]]
    assert dates == sorted(dates) and story["contradictions"]


def test_timeline_dyad_actor_network(client: Any) -> None:
    tl = client.get("/api/v1/timeline", params={"a": "USA", "b": "CUB", "by": "month"}).json()
    assert tl["actors"] == ["USA", "CUB"] and tl["points"] and tl["filter"] == {"dyad": "USA,CUB"}
    dy = client.get("/api/v1/dyads/USA/CUB", params={"by": "month"}).json()
    assert [p["events"] for p in dy["timeline"]["points"]] == [p["events"] for p in tl["points"]]
    assert sum(v["events"] for v in dy["directions"].values()) == sum(p["events"] for p in tl["points"]) + tl["skipped"]
    for key, one_way in dy["directions"].items():
        assert key == f"{one_way['source']}->{one_way['target']}"
        assert sum(p["events"] for p in one_way["timeline"]["points"]) + one_way["timeline"]["skipped"] == one_way["events"]
        assert one_way["timeline"]["filter"] == {"source": one_way["source"], "target": one_way["target"]}
    deduped = client.get("/api/v1/dyads/USA/CUB", params={"by": "month", "dedupe": "1"}).json()
    assert sum(p["events"] for p in deduped["timeline"]["points"]) <= sum(p["events"] for p in tl["points"])
    actor = client.get("/api/v1/actors/claudia-sheinbaum").json()
    assert actor["records"][0]["name"] == "Claudia Sheinbaum" and actor["records"][0]["roles"]
    assert actor["resolved_by"] and actor["profile"]["events"] > 0
    net = client.get("/api/v1/network", params={"quad_class": 4}).json()
    assert net["edges"] and all(e["conflict"] == e["events"] for e in net["edges"])
    assert {e["source"] for e in net["edges"]} <= {n["actor"] for n in net["nodes"]}


def test_actors_and_stories_are_paged(client: Any) -> None:
    a = client.get("/api/v1/actors", params={"q": "sheinbaum"}).json()
    assert a["total"] >= 1 and a["actors"][0]["actor_id"] == "claudia-sheinbaum"
    s1 = client.get("/api/v1/stories", params={"per_page": 5}).json()
    s2 = client.get("/api/v1/stories", params={"per_page": 5, "page": 2}).json()
    assert len(s1["stories"]) == 5 and s1["total"] == s2["total"] > 5
    assert not {s["story_id"] for s in s1["stories"]} & {s["story_id"] for s in s2["stories"]}


def test_downloads_of_the_current_filter(client: Any) -> None:
    params = {"actor": "MEX"}
    total = client.get("/api/v1/events", params=params).json()["total"]
    csv = client.get("/api/v1/events/export", params={**params, "format": "csv"})
    assert csv.status_code == 200 and "attachment" in csv.headers["content-disposition"]
    assert pl.read_csv(io.BytesIO(csv.content)).height == total
    pq = pl.read_parquet(io.BytesIO(client.get("/api/v1/events/export", params={**params, "format": "parquet"}).content))
    assert pq.height == total and "evidence_text" in pq.columns
    lines = client.get("/api/v1/events/export", params={**params, "format": "jsonl"}).text.splitlines()
    assert len(lines) == total and all("event_id" in json.loads(x) for x in lines)
    tsv = client.get("/api/v1/events/export", params={**params, "format": "gdelt"}).text.splitlines()
    assert tsv[0].split("\t") == list(gdelt.COLUMNS) and len(tsv) == total + 1
    assert all(len(row.split("\t")) == 61 for row in tsv)
    assert client.get("/api/v1/events/export", params={"format": "xlsx"}).status_code == 400


def test_openapi_describes_every_endpoint(client: Any) -> None:
    doc = client.get("/api/v1/openapi.json").json()
    assert doc["openapi"].startswith("3.")
    paths = doc["paths"]
    for p in ("/api/v1/events", "/api/v1/actors", "/api/v1/stories", "/api/v1/contradictions", "/api/v1/timeline",
              "/api/v1/network", "/api/v1/ingest"):
        assert p in paths
    names = {x["name"] for x in paths["/api/v1/events"]["get"]["parameters"]}
    assert {"actor", "dyad", "root", "quad_class", "plover", "modality", "speaker", "outlet", "since", "until", "text",
            "sort", "page", "per_page"} <= names
    assert not any("sql" in p.lower() for p in paths)


def test_summary_views_count_events_at_the_confidence_floor(client: Any) -> None:
    """Network, stories and top dyads default to the setting view_min_confidence (0.5); the analyst may
    lower it to 0 (every stored event) or raise it; a bad value is a 400 naming the parameter."""
    default, every = (client.get("/api/v1/network", params=p).json() for p in ({}, {"min_confidence": "0"}))
    assert default["filter"]["min_confidence"] == "0.5" and "min_confidence" not in every["filter"]  # 0: no floor
    assert sum(e["events"] for e in default["edges"]) < sum(e["events"] for e in every["edges"])
    stories = client.get("/api/v1/stories").json()
    all_stories = client.get("/api/v1/stories", params={"min_confidence": 0}).json()
    assert stories["min_confidence"] == 0.5 and stories["total"] < all_stories["total"]
    ov = client.get("/api/v1/overview", params={"min_confidence": 0.9}).json()
    assert ov["view_min_confidence"] == 0.9
    bad = client.get("/api/v1/network", params={"min_confidence": "high"})
    assert bad.status_code == 400 and "min_confidence" in bad.text
