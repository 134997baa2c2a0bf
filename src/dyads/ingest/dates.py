"""Publication-date parsing for ingest: ISO dates, datelines, feed dates.

Returns (iso_date, precision) or (None, None); never guesses today's date.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
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
# the day is one or two digits not followed by another ("March 2019" is a month, not March 20)
MDY_RE = re.compile(_MONTH_RE + r"\s+(?P<d>\d{1,2})(?!\d)(?:st|nd|rd|th)?(?:,?\s+(?P<y>\d{4}))?")
DMY_RE = re.compile(r"(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH_RE + r"(?:,?\s+(?P<y>\d{4}))?")
# "HAVANA, Jan 20 (Reuters) -" / "MEXICO CITY, Feb. 2 (Wire) —"
DATELINE_RE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Z .'\-]{1,40}(?:,\s*[A-Z][A-Za-z .]{1,30})?),\s*(?P<when>[^()\n]{3,30}?)"
    r"\s*(?:\((?P<outlet>[^)\n]{1,40})\))?\s*[-\u2013\u2014]+\s*"
)


_PARTIAL = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def date_prefix(value: str, name: str) -> str:
    """A query date: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (a valid calendar date), else one line
    naming the parameter. The CLI's ``--since``/``--until`` and the web's ``since``/``until`` share it."""
    m = _PARTIAL.fullmatch(value.strip())
    try:
        if m is None:
            raise ValueError
        date(int(m[1]), int(m[2] or 1), int(m[3] or 1))
    except ValueError:
        raise ValueError(f"{name} {value!r}: expected a date as YYYY-MM-DD (or YYYY-MM, YYYY)") from None
    return value.strip()


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
            year = int(m["y"]) if m["y"] else default_year
            mo, day = month_number(m["mon"]), int(m["d"])
            if year and _valid(year, mo, day):
                return f"{year:04d}-{mo:02d}-{day:02d}", "day"
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


WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
WEEKDAY_RE = re.compile(r"\b(?:on|this|late|early)\s+(" + "|".join(WEEKDAYS) + r")\b", re.I)
WEEKDAY_WINDOW = 6  # years searched back from `until_year`; a date recurs on a weekday at most twice in 7 years


def year_from_weekday(month: int, day: int, lead: str, until_year: int | None = None) -> int | None:
    """A wire lead without a year ("HAVANA, Feb. 7 (...) — ... on Saturday"): the latest year, no later
    than ``until_year`` (default: this year; news is not from the future) and at most WEEKDAY_WINDOW
    years back, in which that day falls on the weekday the lead names. None when nothing matches."""
    m = WEEKDAY_RE.search(lead)
    if not m:
        return None
    wanted = WEEKDAYS.index(m.group(1).lower())
    last = until_year or date.today().year
    for y in range(last, last - WEEKDAY_WINDOW - 1, -1):
        if _valid(y, month, day) and date(y, month, day).weekday() == wanted:
            return y
    return None


def year_near(month: int, day: int, anchor: date) -> int | None:
    """The year of a day-month closest before ``anchor`` (up to a week after it: a dateline is not
    from the future), e.g. "Dec 30" ingested on 2 January is last year's."""
    for y in (anchor.year, anchor.year - 1):
        if _valid(y, month, day) and date(y, month, day) <= anchor + timedelta(days=7):
            return y
    return None


def parse_dateline(paragraph: str, body: str, until_year: int | None = None,
                   fallback: date | None = None) -> tuple[str | None, str | None, str | None, int]:
    """(date, precision, outlet, length of the dateline) for a wire-style first paragraph.

    A dateline without a year takes it from the text (the latest year it mentions), else from the
    weekday the lead paragraph gives for the dateline's day (see `year_from_weekday`), else, when
    given, from ``fallback`` (the ingest date: `year_near`); a year found so is flagged with the
    precision ``inferred``."""
    m = DATELINE_RE.match(paragraph)
    if not m:
        return None, None, None, 0
    md = MDY_RE.search(m["when"]) or DMY_RE.search(m["when"])
    iso, precision = parse_date(m["when"], default_year=year_hint(body))
    if iso is not None and md is not None and not md["y"] and precision == "day":
        precision = "inferred"
    if iso is None and md and not md["y"] and year_hint(body) is None:
        mo, d = month_number(md["mon"]), int(md["d"])
        y = year_from_weekday(mo, d, paragraph[m.end():], until_year)
        if y is None and fallback is not None:
            y = year_near(mo, d, fallback)
        if y is not None:
            iso, precision = f"{y:04d}-{mo:02d}-{d:02d}", "inferred"
    if iso is None:
        return None, None, None, 0
    return iso, precision, (m["outlet"] or None), m.end()
