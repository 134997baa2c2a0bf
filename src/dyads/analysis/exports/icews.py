"""ICEWS-style coded event TSV (the 20 columns of the ICEWS Coded Event Data, with a header).

dyads fills ids, dates, actors, sectors, countries, CAMEO code and intensity (Goldstein), the
story id and the publisher, and the geography of located events (City for a point, Province for
a province or region, Country by name, Latitude/Longitude); unlocated events leave them empty.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from dyads.analysis.exports.common import ExportEvent, clean, load, text_out
from dyads.store.duck import Store

COLUMNS: tuple[str, ...] = (
    "Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text", "CAMEO Code",
    "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID", "Sentence Number", "Publisher",
    "City", "District", "Province", "Country", "Latitude", "Longitude",
)


def _side(obj: dict[str, Any] | None) -> list[Any]:
    if not obj:
        return [None, None, None]
    return [obj.get("name") or obj.get("text"), obj.get("sector"), obj.get("country")]


def _where(loc: dict[str, Any] | None) -> list[Any]:
    """City, District, Province, Country, Latitude, Longitude."""
    if not loc:
        return [None] * 6
    from dyads.places.gazetteer import country_info

    info = country_info().get(loc.get("country") or "")
    city = loc["name"] if loc["precision"] == "point" else None
    province = loc["name"] if loc["precision"] == "admin1" else None
    country = info.name if info else (loc["name"] if loc["precision"] == "sea" else None)
    return [city, None, province, country, loc.get("lat"), loc.get("lon")]


def row(ev: ExportEvent) -> list[str]:
    r = ev.record
    src, tgt = _side(r.get("source")), _side(r.get("target"))
    cells: list[Any] = [r["event_id"], r.get("date"), *src, r.get("cameo_name"), r["cameo"], r["goldstein"], *tgt,
                        r.get("story_id"), ev.sentence_index + 1, ev.outlet, *_where(r.get("location"))]
    return [clean(c) for c in cells]


def write(store: Store, out: Path | None, header: bool = True) -> int:
    events = load(store)
    with text_out(out) as fh:
        fh.write("\t".join(COLUMNS) + "\n")  # ICEWS files always carry their header
        for ev in events:
            fh.write("\t".join(row(ev)) + "\n")
    return len(events)
