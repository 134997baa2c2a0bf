"""Publication-date parsing for ingest: ISO dates, datelines, feed dates.

Returns (iso_date, precision) or (None, None); never guesses today's date.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH_RE = (
    r"(?P<mon>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
ISO_RE = re.compile(r"(?P<y>\d{4})-(?P<m>\d{2})(?:-(?P<d>\d{2}))?")
MDY_RE = re.compile(_MONTH_RE + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?P<y>\d{4}))?")
DMY_RE = re.compile(r"(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH_RE + r"(?:,?\s+(?P<y>\d{4}))?")
# "HAVANA, Jan 20 (Reuters) -" / "MEXICO CITY, Feb. 2 (Wire) —"
DATELINE_RE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Z .'\-]{1,40}(?:,\s*[A-Z][A-Za-z .]{1,30})?),\s*(?P<when>[^()\n]{3,30}?)"
    r"\s*(?:\((?P<outlet>[^)\n]{1,40})\))?\s*[-\u2013\u2014]+\s*"
)


def month_number(name: str) -> int:
    return MONTHS[name.lower()[:4].rstrip(".") if name.lower().startswith("sept") else name.lower()[:3]]


def _valid(y: int, m: int, d: int | None) -> bool:
    try:
        date(y, m, d or 1)
    except ValueError:
        return False
    return True


def parse_date(text: str, default_year: int | None = None) -> tuple[str | None, str | None]:
    """Parse one date expression. Without a year and no default year, returns no date."""
    text = text.strip()
    m = ISO_RE.match(text)
    if m:
        y, mo = int(m["y"]), int(m["m"])
        d = int(m["d"]) if m["d"] else None
        if _valid(y, mo, d):
            return (f"{y:04d}-{mo:02d}-{d:02d}", "day") if d else (f"{y:04d}-{mo:02d}", "month")
    for rx in (MDY_RE, DMY_RE):
        m = rx.search(text)
        if m:
            y = int(m["y"]) if m["y"] else default_year
            mo, d = month_number(m["mon"]), int(m["d"])
            if y and _valid(y, mo, d):
                return f"{y:04d}-{mo:02d}-{d:02d}", "day"
    try:
        dt = parsedate_to_datetime(text)
        return dt.date().isoformat(), "day"
    except (TypeError, ValueError, IndexError):
        pass
    try:
        dt = datetime.fromisoformat(text.replace("Z", "+00:00"))
        return dt.date().isoformat(), "day"
    except ValueError:
        return None, None


def year_hint(text: str) -> int | None:
    """The most recent plausible year mentioned in a text, for datelines without a year."""
    years = [int(y) for y in re.findall(r"\b(19[5-9]\d|20\d\d)\b", text)]
    return max(years) if years else None


def parse_dateline(paragraph: str, body: str) -> tuple[str | None, str | None, str | None, int]:
    """(date, precision, outlet, length of the dateline) for a wire-style first paragraph."""
    m = DATELINE_RE.match(paragraph)
    if not m:
        return None, None, None, 0
    iso, precision = parse_date(m["when"], default_year=year_hint(body))
    if iso is None:
        return None, None, None, 0
    return iso, precision, (m["outlet"] or None), m.end()
