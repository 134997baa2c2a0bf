"""Publication-date parsing for ingest: ISO dates, datelines, feed dates, read by `dateparser` through
`dyads.ingest.dateread` in the document's language.

Returns (iso_date, precision) or (None, None); never guesses today's date.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from dyads.ingest.dateread import read

AMBIGUOUS_RE = re.compile(r"\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b")  # 01/02/2026: January 2 or 1 February?
YEAR_RE = re.compile(r"(?<!\d)\d{4}(?!\d)")
LEAP_BASE = date(2024, 12, 31)  # a dateline's day and month are read in a leap year: "Feb 29" is a day
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


def _valid(y: int, m: int, d: int | None) -> bool:
    try:
        date(y, m, d or 1)
    except ValueError:
        return False
    return True


def parse_date(text: str, default_year: int | None = None, lang: str = "en") -> tuple[str | None, str | None]:
    """One publication date from a date field or header ("2026-01-30", "January 30, 2026", "Tue, 10 Feb 2026
    15:40:00 +0000", "2026-01"), read by dateparser in the document's language, then in English: a feed's
    RFC 2822 date is English whatever the article's language. Without a year it takes ``default_year``,
    else it is no date; relative words ("yesterday", "Monday") are never a publication date, and neither
    is an all-number day/month whose order is ambiguous ("01/02/2026")."""
    found = _parse_date(text, default_year, lang)
    return found if found[0] is not None or lang == "en" else _parse_date(text, default_year, "en")


def _parse_date(text: str, default_year: int | None, lang: str) -> tuple[str | None, str | None]:
    text = text.strip()
    if AMBIGUOUS_RE.match(text):
        return None, None
    # a year is four digits: dateparser would read "Jan 20" as January 2020
    found = read(text, lang, require_year=True, absolute_only=True) if YEAR_RE.search(text) else None
    if found is None and default_year is not None:  # the year from the caller: the latest day of that year
        found = read(text, lang, date(default_year, 12, 31), absolute_only=True)
        if found is not None and found.day.year != default_year:
            found = None  # "Feb 29" in a common year
    return found.iso() if found is not None else (None, None)


def _month_day(when: str, lang: str) -> tuple[int, int] | None:
    """The month and day a dateline gives without its year ("Jan 20", "20 ene"): read against a leap year,
    so "Feb 29" is one."""
    found = read(when, lang, LEAP_BASE, absolute_only=True)
    return (found.day.month, found.day.day) if found is not None and found.period == "day" else None


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
                   fallback: date | None = None, lang: str = "en") -> tuple[str | None, str | None, str | None, int]:
    """(date, precision, outlet, length of the dateline) for a wire-style first paragraph
    ("HAVANA, Jan 20 (Reuters) -", "LA HABANA, 20 ene (EFE) -"), its date read in the language ``lang``.

    A dateline without a year takes it from the text (the latest year it mentions), else (English) from the
    weekday the lead paragraph gives for the dateline's day (see `year_from_weekday`), else, when given,
    from ``fallback`` (the ingest date: `year_near`); a year found so is flagged with the precision
    ``inferred``."""
    m = DATELINE_RE.match(paragraph)
    if not m:
        return None, None, None, 0
    iso, precision = _parse_date(m["when"], None, lang)  # visible text: its own language only
    if iso is None and (md := _month_day(m["when"], lang)) is not None:
        mo, d = md
        hint = year_hint(body)
        y = hint if hint is None or _valid(hint, mo, d) else None
        if hint is None and lang == "en":
            y = year_from_weekday(mo, d, paragraph[m.end():], until_year)
        if y is None and hint is None and fallback is not None:
            y = year_near(mo, d, fallback)
        if y is not None:
            iso, precision = f"{y:04d}-{mo:02d}-{d:02d}", "inferred"
    if iso is None:
        return None, None, None, 0
    return iso, precision, (m["outlet"] or None), m.end()
