"""Event filters by place: the location's country, and distance from a named place or point.

Shared by `dyads events` (`dyads.store.views`) and `/api/v1/events` (`dyads.store.event_query`),
so that both mean the same thing. Only located events match a place filter; the distance is the
great-circle distance from the location's coordinates (a country-precision location counts by its
centre, so `--near` finds cities and regions, rarely whole countries).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

DEFAULT_WITHIN_KM = 50.0
_POINT_RE = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$")
_HAVERSINE = ("2 * 6371.0 * asin(sqrt(pow(sin(radians(e.location_lat - ?) / 2), 2) + cos(radians(?)) * "
              "cos(radians(e.location_lat)) * pow(sin(radians(e.location_lon - ?) / 2), 2)))")


def resolve_point(near: str) -> tuple[float, float, str]:
    """``near`` as "lat,lon" or a place name: its coordinates and the name it resolved to; a
    ValueError naming the parameter when it is neither."""
    m = _POINT_RE.match(near)
    if m:
        lat, lon = float(m.group(1)), float(m.group(2))
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise ValueError(f"near: {near!r} is not a latitude,longitude pair")
        return lat, lon, near.strip()
    from dyads.places.gazetteer import places
    from dyads.places.mentions import choose

    cands = places().candidates(near)
    if not cands:
        raise ValueError(f"near: unknown place {near!r} (give a place name or lat,lon)")
    best, _ = choose(cands, set(), Counter())
    return best.lat, best.lon, best.name


def within_km(value: Any) -> float:
    try:
        km = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"within: expected kilometres, not {value!r}") from None
    if not 0 < km <= 20_040:
        raise ValueError(f"within: {value!r} km is out of range (0 < km ≤ 20040)")
    return km


def place_conditions(country: str | None, near: str | None, within: Any) -> tuple[list[str], list[Any]]:
    """SQL conditions over ``events e`` (ANDed by the caller) and their parameters."""
    where: list[str] = []
    params: list[Any] = []
    if country:
        code = country.strip().upper()
        if not re.fullmatch(r"[A-Z]{3}", code):
            raise ValueError(f"country: expected an ISO 3166 alpha-3 code such as CUB, not {country!r}")
        where.append("e.location_country = ?")
        params.append(code)
    if near:
        lat, lon, _ = resolve_point(near)
        km = within_km(within) if within not in (None, "") else DEFAULT_WITHIN_KM
        where.append(f"e.location_lat IS NOT NULL AND {_HAVERSINE} <= ?")
        params += [lat, lat, lon, km]
    elif within not in (None, ""):
        raise ValueError("within: give --near PLACE as well")
    return where, params


MAX_PLACES = 5000


def located_places(store: Any, f: Any, limit: int = MAX_PLACES) -> dict[str, Any]:
    """Located events matching the `EventFilter` ``f``, grouped by place: name, country, point,
    precision, the events per QuadClass and the commonest QuadClass (for a map); and how many of
    the matching events are located at all."""
    from dyads.store.event_query import where_clause

    where, params = where_clause(f, store)
    located = (" AND " if where else " WHERE ") + "e.location_lat IS NOT NULL"
    total, placed = store.query(f"SELECT count(*), count(e.location_lat) FROM events e{where}", params)[1][0]
    _, rows = store.query(f"""
        SELECT e.location_name, e.location_country, e.location_lat, e.location_lon, e.location_precision, count(*),
               count(*) FILTER (WHERE e.quad_class = 1), count(*) FILTER (WHERE e.quad_class = 2),
               count(*) FILTER (WHERE e.quad_class = 3), count(*) FILTER (WHERE e.quad_class = 4)
        FROM events e{where}{located}
        GROUP BY 1, 2, 3, 4, 5 ORDER BY 6 DESC, 1 LIMIT ?""", [*params, limit])
    out = []
    for name, country, lat, lon, precision, n, *quads in rows:
        by_quad = {str(q): int(c) for q, c in zip((1, 2, 3, 4), quads, strict=True)}
        out.append({"name": name, "country": country, "lat": lat, "lon": lon, "precision": precision, "events": int(n),
                    "quad_classes": by_quad, "quad_class": int(max(by_quad, key=lambda q: (by_quad[q], q)))})
    return {"events": int(total), "located": int(placed), "places": out, "cut": len(out) == limit}
