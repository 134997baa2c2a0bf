"""Locations through the store: columns, `dyads events --country/--near`, the exports and the API."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from dyads.analysis.exports.gdelt import COLUMNS as GDELT_COLUMNS
from dyads.analysis.exports.icews import COLUMNS as ICEWS_COLUMNS
from dyads.cli.main import main
from dyads.store import Store
from dyads.store import event_query as eq


def _rows(db: Path, sql: str) -> list[tuple[Any, ...]]:
    with Store.open(db, read_only=True) as s:
        return s.query(sql)[1]


def test_store_columns_hold_the_location_and_match_the_record(placed_db: Path) -> None:
    rows = _rows(placed_db, "SELECT doc_id, location_name, location_country, location_lat, location_lon, location_precision, "
                            "record FROM events")
    by_doc: dict[str, list[tuple[Any, ...]]] = {}
    for r in rows:
        by_doc.setdefault(r[0], []).append(r)
    assert any(r[1] == "Havana" and r[2] == "CUB" and r[5] == "point" for r in by_doc["havana"])
    assert all(r[1] is None for r in by_doc["sanction"])  # the sanctioned state is not where it happened
    for r in rows:
        loc = json.loads(r[6])["location"]
        assert (loc or {}).get("name") == r[1] and (loc or {}).get("lat") == r[3]


def _cli_events(db: Path, capsys: pytest.CaptureFixture[str], *args: str) -> list[dict[str, Any]]:
    assert main(["events", "--db", str(db), "--format", "jsonl", *args]) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.strip()]


def test_events_by_country_and_distance(placed_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cuba = _cli_events(placed_db, capsys, "--country", "cub")
    assert cuba and {e["location"]["country"] for e in cuba} == {"CUB"}
    near = _cli_events(placed_db, capsys, "--near", "Havana", "--within", "25")
    assert {e["event_id"] for e in near} == {e["event_id"] for e in cuba if e["location"]["name"] == "Havana"}
    assert _cli_events(placed_db, capsys, "--near", "23.1,-82.4") == near  # a point works as well as a name
    far = _cli_events(placed_db, capsys, "--near", "Lima", "--within", "100")
    assert far and all(e["location"]["name"] == "Lima" for e in far)


@pytest.mark.parametrize(("args", "message"), [
    (["--near", "Nowhereville Xyz"], "near: unknown place 'Nowhereville Xyz'"),
    (["--near", "Havana", "--within", "far"], "within: expected kilometres"),
    (["--within", "10"], "within: give --near PLACE as well"),
    (["--country", "Cuba!"], "country: expected an ISO 3166 alpha-3 code"),
])
def test_bad_place_filters_are_one_line_errors(placed_db: Path, capsys: pytest.CaptureFixture[str], args: list[str],
                                               message: str) -> None:
    assert main(["events", "--db", str(placed_db), *args]) != 0
    err = capsys.readouterr().err.strip()
    assert message in err and len(err.splitlines()) == 1


def test_gdelt_action_geo_is_filled_for_located_events_and_empty_otherwise(placed_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "g.tsv"
    assert main(["export", "gdelt", "--db", str(placed_db), "--out", str(out)]) == 0
    rows = [dict(zip(GDELT_COLUMNS, line.split("\t"), strict=True)) for line in out.read_text(encoding="utf-8").splitlines()]
    placed = [r for r in rows if r["ActionGeo_Type"]]
    assert placed and len(placed) < len(rows)
    havana = next(r for r in placed if r["ActionGeo_FullName"].startswith("Havana"))
    assert havana["ActionGeo_Type"] == "4" and havana["ActionGeo_CountryCode"] == "CU"
    assert havana["ActionGeo_ADM1Code"].startswith("CU") and abs(float(havana["ActionGeo_Lat"]) - 23.1) < 0.1
    assert havana["ActionGeo_FeatureID"].isdigit()
    sea = next(r for r in placed if r["ActionGeo_FullName"].startswith("Strait of Hormuz"))
    assert sea["ActionGeo_CountryCode"] == "" and sea["ActionGeo_FeatureID"] == ""
    for r in rows:
        if not r["ActionGeo_Type"]:
            assert not any(r[f"ActionGeo_{c}"] for c in ("FullName", "CountryCode", "Lat", "Long"))


def test_icews_and_plover_carry_the_place(placed_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "i.tsv"
    assert main(["export", "icews", "--db", str(placed_db), "--out", str(out)]) == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8")), delimiter="\t"))
    assert list(rows[0]) == list(ICEWS_COLUMNS)
    assert any(r["City"] == "Havana" and r["Country"] == "Cuba" and r["Latitude"] for r in rows)
    out = tmp_path / "p.jsonl"
    assert main(["export", "plover", "--db", str(placed_db), "--out", str(out)]) == 0
    plover = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert any((p["location"] or {}).get("name") == "Havana" for p in plover)
    assert any(p["location"] is None for p in plover)


def test_api_filter_by_place(placed_db: Path) -> None:
    with Store.open(placed_db, read_only=True) as store:
        cuba = eq.records(store, eq.EventFilter(country="CUB"))
        near = eq.records(store, eq.EventFilter(near="Havana", within="30"))
        with pytest.raises(ValueError, match="within"):
            eq.where_clause(eq.EventFilter(near="Havana", within="-3"), store)
    assert cuba and {r["event_id"] for r in near} <= {r["event_id"] for r in cuba}


def test_events_parquet_has_the_location_columns(placed_db: Path, tmp_path: Path) -> None:
    import polars as pl

    out = tmp_path / "events.parquet"
    assert main(["export", "events-parquet", "--db", str(placed_db), "--out", str(out)]) == 0
    df = pl.read_parquet(out)
    assert {"location_name", "location_country", "location_lat", "location_lon", "location_precision"} <= set(df.columns)
    assert "Havana" in df["location_name"].to_list() and df["location_name"].null_count() > 0
