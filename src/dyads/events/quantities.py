"""Quantities in text, normalised: "700,000 barrels", "20,000 barrels a day", "$1.5 billion",
"50 percent", "30,000 tons", "12 people were killed"."""

from __future__ import annotations

import re

from dyads.model import Quantity

_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "mn": 1e6, "bn": 1e9, "m": 1e6, "bln": 1e9}
_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
          "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "fifty": 50,
          "hundred": 100, "dozens": 24, "hundreds": 200, "thousands": 2000}
_UNITS = {
    "barrel": "barrel", "bpd": "barrel", "ton": "ton", "tonne": "ton", "metric ton": "ton",
    "dollar": "USD", "usd": "USD", "euro": "EUR", "percent": "percent", "per cent": "percent", "%": "percent",
    "dose": "dose", "vaccine": "dose", "people": "person", "person": "person", "civilian": "person",
    "soldier": "person", "prisoner": "person", "drone": "drone", "missile": "missile", "troop": "person",
    "day": "day", "gallon": "gallon", "litre": "litre", "liter": "litre", "cubic meter": "cubic meter",
    "kilometre": "km", "kilometer": "km", "mile": "mile", "tanker": "tanker", "ship": "ship", "vessel": "ship",
}
NUM = r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|" + "|".join(_WORDS) + r")"
SCALE = r"(?:\s*(?P<scale>thousand|million|billion|trillion|mn|bn|bln|m)\b)?"
UNIT = r"(?P<unit>metric tons?|per cent|cubic meters?|" + "|".join(
    sorted((u + "s?" for u in _UNITS if " " not in u and u != "%"), key=len, reverse=True)) + r"|%)"
PER = r"(?:\s+(?:a|per|each|every)\s+(?P<per>day|week|month|year)|\s*/\s*(?P<per2>day))?"
QTY_RE = re.compile(
    r"(?P<cur>(?:US)?\$|€)?\s?" + NUM + SCALE + r"(?:\s+|\s*-\s*|(?=%))(?:(?:more|additional|of|tonnes? of|[a-z]+-?)\s+){0,2}?" + UNIT + PER,
    re.I,
)
MONEY_RE = re.compile(r"(?P<cur>(?:US)?\$|€)\s?" + NUM + SCALE, re.I)


def _value(num: str, scale: str | None) -> float:
    n = num.lower().replace(",", "")
    v = float(_WORDS[n]) if n in _WORDS else float(n)
    return v * _SCALE.get((scale or "").lower(), 1.0)


def find_quantities(text: str, offset: int = 0) -> list[Quantity]:
    out: list[Quantity] = []
    taken: list[tuple[int, int]] = []
    for m in QTY_RE.finditer(text):
        unit_raw = m["unit"].lower().rstrip("s") if m["unit"] != "%" else "%"
        unit = _UNITS.get(unit_raw, _UNITS.get(unit_raw + "s", unit_raw))
        per: str | None = "day" if unit_raw == "bpd" else (m["per"] or m["per2"] or None)
        if m["cur"]:
            unit = "EUR" if m["cur"] == "€" else "USD"
        value = _value(m["num"], m["scale"])
        start = m.start("cur") if m["cur"] else m.start("num")  # the optional space before is not part of it
        out.append(Quantity(text=text[start:m.end()], value=value, unit=unit, per=per.lower() if per else None,
                            start=offset + start, end=offset + m.end()))
        taken.append((start, m.end()))
    for m in MONEY_RE.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        out.append(Quantity(text=m.group(0).strip(), value=_value(m["num"], m["scale"]),
                            unit="EUR" if m["cur"] == "€" else "USD", start=offset + m.start(), end=offset + m.end()))
    return sorted(out, key=lambda q: q.start)
