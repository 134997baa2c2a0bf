"""Event dates: explicit ("29 January", "Jan. 3", "March 11, 2025") and relative ("on Thursday",
"yesterday", "last week", "last May", "earlier this month") expressions resolved against the
article's date. Returns (iso, precision) or None when nothing can be said."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from dyads.ingest.dates import DMY_RE, MDY_RE, month_number

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTH_NAMES = ["january", "february", "march", "april", "may", "june", "july", "august",
               "september", "october", "november", "december"]


def _d(iso: str | None) -> date | None:
    if not iso or len(iso) < 10:
        return None
    try:
        return date.fromisoformat(iso[:10])
    except ValueError:
        return None


def resolve(expr: str, doc_date: str | None) -> tuple[str, str] | None:
    text = expr.strip()
    low = text.lower()
    anchor = _d(doc_date)
    for rx in (MDY_RE, DMY_RE):
        m = rx.search(text)
        if m:
            mon, day = month_number(m["mon"]), int(m["d"])
            year = int(m["y"]) if m["y"] else (anchor.year if anchor else None)
            if year is None:
                return None
            try:
                found = date(year, mon, day)
            except ValueError:
                return None
            if not m["y"] and anchor and found > anchor + timedelta(days=7):
                found = date(year - 1, mon, day)  # "Dec 30" in a January article is last year
            return found.isoformat(), "day"
    named = re.search(r"\b(" + "|".join(MONTH_NAMES) + r"|" + "|".join(n[:3] for n in MONTH_NAMES) + r"|sept)\.?,?\s+((?:19|20)\d{2})\b", low)
    if named:  # "March 2019", "in Sept 2021": that month
        return f"{named[2]}-{month_number(named[1]):02d}", "month"
    bare = re.fullmatch(r"(?:in |since |by |during |the year )?((?:19|20)\d{2})", low)
    if bare:  # "2019", "in 2019": that year
        return bare[1], "year"
    if anchor is None:
        return None
    if re.search(r"\byesterday\b", low):
        return (anchor - timedelta(days=1)).isoformat(), "day"
    if re.search(r"\b(today|tonight|earlier in the day|this morning|this afternoon)\b", low):
        return anchor.isoformat(), "day"
    if re.search(r"\btomorrow\b", low):
        return (anchor + timedelta(days=1)).isoformat(), "day"
    for k, name in enumerate(WEEKDAYS):
        if re.search(rf"\b{name}\b", low):
            delta = (anchor.weekday() - k) % 7
            if re.search(r"\b(next|coming)\b", low):
                return (anchor + timedelta(days=(k - anchor.weekday()) % 7 or 7)).isoformat(), "day"
            if re.search(r"\blast\b", low) and delta == 0:
                delta = 7
            return (anchor - timedelta(days=delta)).isoformat(), "day"
    if re.search(r"\blast week\b", low):
        return (anchor - timedelta(days=7)).isoformat()[:7], "month"
    if re.search(r"\b(this week|this month|earlier this month)\b", low):
        return anchor.isoformat()[:7], "month"
    if re.search(r"\blast month\b", low):
        prev = anchor.replace(day=1) - timedelta(days=1)
        return prev.isoformat()[:7], "month"
    for k, name in enumerate(MONTH_NAMES):
        if re.search(rf"\b(last|in|this|since) {name}\b", low):
            year = anchor.year if (k + 1) < anchor.month or (k + 1 == anchor.month and "last" not in low) else anchor.year - 1
            return f"{year:04d}-{k + 1:02d}", "month"
    if re.search(r"\blast year\b", low):
        return str(anchor.year - 1), "year"
    return None


def ended_before(period: str, doc_date: str | None, days: int) -> bool:
    """Whether the period ``period`` names (YYYY, YYYY-MM or YYYY-MM-DD) ended over ``days`` days before
    the article's date: "in March" is history only when March ended over a month before the article."""
    news = _d(doc_date)
    if news is None:
        return False
    try:
        if len(period) >= 10:
            end = date.fromisoformat(period[:10])
        elif len(period) == 7:
            year, month = int(period[:4]), int(period[5:7])
            end = date(year, month, calendar.monthrange(year, month)[1])
        else:
            end = date(int(period[:4]), 12, 31)
    except ValueError:
        return False
    return (news - end).days > days
