"""GDELT 2.0 event table (61 tab-separated columns; a header row when asked, as `dyads export gdelt` and the web download do).

Column names and order follow the GDELT 2.0 Event Codebook. dyads has no tone, so AvgTone is
empty; ActionGeo_* holds the event's location when the text says where it happened, Actor1Geo_* /
Actor2Geo_* an actor's own place when it is a city or region actor, and all are empty otherwise
(never guessed); see docs/exports.md for each column.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from dyads.analysis.exports.common import ExportEvent, clean, load, stable_int, text_out
from dyads.store.duck import Store

_ACTOR = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
          "Type1Code", "Type2Code", "Type3Code")
_GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{c}" for c in _ACTOR), *(f"Actor2{c}" for c in _ACTOR),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{c}" for c in _GEO), *(f"Actor2Geo_{c}" for c in _GEO), *(f"ActionGeo_{c}" for c in _GEO),
    "DATEADDED", "SOURCEURL",
)
assert len(COLUMNS) == 61


def _actor(obj: dict[str, Any] | None) -> list[Any]:
    if not obj:
        return [None] * len(_ACTOR)
    code = obj.get("code") or ""
    known = code[:3] if code.startswith("IGO") or code.startswith("NGO") else None
    return [code, (obj.get("name") or obj.get("text") or "").upper(), obj.get("country"), known, None, None, None,
            obj.get("sector"), None, None]


def _dates(value: str | None) -> list[Any]:
    if not value or len(value) < 4:
        return [None, None, None, None]
    if len(value) >= 10:
        d = date.fromisoformat(value[:10])
        frac = d.year + (d.timetuple().tm_yday / 365.0)
        return [d.strftime("%Y%m%d"), d.strftime("%Y%m"), d.year, f"{frac:.4f}"]
    if len(value) >= 7:
        return [None, value[:4] + value[5:7], value[:4], None]
    return [None, None, value[:4], None]


def _geo(loc: dict[str, Any] | None) -> list[Any]:
    """Type, FullName, CountryCode (FIPS 10-4), ADM1Code, ADM2Code, Lat, Long, FeatureID (GeoNames id)."""
    if not loc:
        return [None] * len(_GEO)
    from dyads.places.gazetteer import country_info

    info = country_info().get(loc.get("country") or "")
    fips = info.fips if info else None
    us = loc.get("country") == "USA"
    kind = {"country": 1, "admin1": 2 if us else 5, "point": 3 if us else 4, "sea": 4}[loc["precision"]]
    admin1 = loc.get("admin1") or ""
    adm1 = f'{fips}{admin1.split(".", 1)[1]}' if fips and "." in admin1 else fips
    full = loc["name"] if kind == 1 or not info else f'{loc["name"]}, {info.name}'
    return [kind, full, fips, adm1, None, loc.get("lat"), loc.get("lon"), loc.get("geonames_id")]


def row(ev: ExportEvent) -> list[str]:
    r = ev.record
    s = ev.story
    added = "".join(ch for ch in (ev.added or "")[:19] if ch.isdigit()) or None
    cells: list[Any] = [
        stable_int(r["event_id"]), *_dates(r.get("date")), *_actor(r.get("source")), *_actor(r.get("target")),
        1 if ev.sentence_index <= 1 else 0, r["cameo"], r["cameo"][:3], r["root"], r["quad_class"], r["goldstein"],
        s.reports if s else 1, s.outlets if s else 1, s.independent_reports if s else 1, None,
        *_geo((r.get("source") or {}).get("place")), *_geo((r.get("target") or {}).get("place")),
        *_geo(r.get("location")), added, ev.url or r["doc_id"],
    ]
    assert len(cells) == len(COLUMNS)
    return [clean(c) for c in cells]


def write(store: Store, out: Path | None, header: bool = False) -> int:
    events = load(store)
    with text_out(out) as fh:
        if header:
            fh.write("\t".join(COLUMNS) + "\n")
        for ev in events:
            fh.write("\t".join(row(ev)) + "\n")
    return len(events)
