"""Event dates in English: explicit ("29 January", "Jan. 3", "March 11, 2025") and relative ("on Thursday",
"yesterday", "last week", "last May", "earlier this month") expressions, read by `dateparser` (through
`dyads.ingest.dateread`) against the article's date. Returns (iso, precision) or None when nothing can be said.

What is here is a thin pass around the library: an expression is read only when it holds a date word (a
month with a day or a cue, a weekday, a day word, a year, a period with "last"/"this", "ago"), trimmed to
the date ("late Tuesday", "Monday's", "January 29 and 30"), else read by its parts ("March 4 last year");
three readings are set as news reads them, where dateparser's "past" preference reads otherwise: a weekday
that is the article's own day is that day, a date without a year up to a week after the article is this
year's, "last May" is the May before this month.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from dyads.ingest.dateread import Reading, read

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")
MONTH_WORDS = frozenset(MONTHS) | {"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
                                   "dec"}
DAY_WORDS = frozenset({"yesterday", "today", "tonight", "tomorrow"})
PERIODS = frozenset({"week", "weeks", "month", "months", "year", "years"})
# "next week" is not read: in "agreed that the talks will continue next week" it is the talks' date, not
# the agreement's, and the clause's date is looked for down to the verb's grandchildren
PERIOD_CUES = frozenset({"last", "this"})
# the article's own day, in words dateparser does not read
SAME_DAY_RE = re.compile(r"\b(?:earlier|later) (?:in the day|today)\b|\bthis (?:morning|afternoon|evening)\b")
LEAD_RE = re.compile(r"^(?:(?:on|in|since|by|during|the year|late|early|earlier|later|mid|this past)\b[\s-]*)+")
# the first of a range or a list: "January 29 and 30", "Jan. 29-30", "Monday or Tuesday"
TAIL_RE = re.compile(r"(?<=\w)\.?\s*(?:-|\u2013|\band\b|\bor\b|\bto\b|\bthrough\b|\buntil\b).*$")
ISO_RE = re.compile(r"\d{4}-\d{2}")
CUED_MONTH_RE = re.compile(r"\b(?:last|in|this|since) (?:" + "|".join(MONTHS) + r")\b")
LENGTH_RE = re.compile(r"\b(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|few|several|many)\s+"
                       r"(?:days?|weeks?|months?|years?)\b")
YEAR_RE = re.compile(r"\b(?:19|20)\d{2}\b")
REFUSED_RE = re.compile(r"\d0s\b|/|\b(?:19|20)\d{2}\s*-\s*\d{2}\b(?!-)")  # "the 1990s", "2025/26", "2024-25"


def _d(iso: str | None) -> date | None:
    if not iso or len(iso) < 10:
        return None
    try:
        return date.fromisoformat(iso[:10])
    except ValueError:
        return None


def _phrase(expr: str) -> tuple[str, bool] | None:
    """The date part of a DATE entity's text, lower-cased, and whether a month name in it is cued ("in May",
    "last May": a bare "May" may be last May or next May, and is not read); None when it is refused."""
    low = " ".join(expr.lower().replace("\u2019", "'").split())
    if REFUSED_RE.search(low) or len(low) > 64:
        return None
    if SAME_DAY_RE.search(low):
        return "today", False
    cued = CUED_MONTH_RE.search(low) is not None
    low = LEAD_RE.sub("", low.removesuffix("'s")).replace("coming ", "next ")
    if not ISO_RE.search(low):  # "2026-01-29" keeps its hyphens
        low = TAIL_RE.sub("", low)
    return low, cued


def _dated(phrase: str, cued: bool) -> bool:
    """Whether ``phrase`` holds a date word: a weekday, a day word, a year, a period with a cue ("last week",
    "three days ago": without "ago", "two years" is a length of time), a month with a day or a cue."""
    words = set(re.findall(r"[a-z]+", phrase))
    if words & (set(WEEKDAYS) | DAY_WORDS) or YEAR_RE.search(phrase) or ISO_RE.search(phrase):
        return True
    if "ago" in words:
        return True
    if LENGTH_RE.search(phrase):  # dateparser reads "two days" as two days ago
        return False
    if words & PERIODS and words & PERIOD_CUES:
        return True
    return bool(words & MONTH_WORDS) and (cued or re.search(r"\b\d{1,2}(?:st|nd|rd|th)?\b", phrase) is not None)


def _parts(phrase: str) -> list[str]:
    """``phrase``, then its shorter beginnings, then its shorter ends: "March 4 last year" is read as
    "March 4", "the beginning of this month" as "this month"."""
    words = phrase.split()
    heads = [" ".join(words[:k]).rstrip(",") for k in range(len(words) - 1, 0, -1)]
    tails = [" ".join(words[k:]) for k in range(1, len(words))]
    return [phrase, *heads, *tails]


def _news_reading(phrase: str, anchor: date | None) -> Reading | None:
    """dateparser's reading of ``phrase`` against ``anchor``, set as news reads it (module docstring)."""
    words = set(re.findall(r"[a-z]+", phrase))
    last_month = re.fullmatch(r"last (" + "|".join(MONTHS) + r")", phrase)
    if last_month and anchor is not None:  # the named month before this one: base at the end of last month
        return read(last_month[1], "en", anchor.replace(day=1) - timedelta(days=1))
    if words & set(WEEKDAYS) and phrase.startswith("this "):
        phrase = phrase.removeprefix("this ")  # "this Thursday" in news is the latest one, not the next
    found = read(phrase, "en", anchor)
    if found is None or anchor is None or found.period != "day":
        return found
    if words & set(WEEKDAYS) and not words & {"last", "next"} and (anchor - found.day).days == 7:
        return Reading(anchor, "day")  # "on Thursday" in a Thursday article: that day
    if words & MONTH_WORDS and not YEAR_RE.search(phrase) and found.day < anchor:
        try:
            this_year = found.day.replace(year=anchor.year)
        except ValueError:  # 29 February
            return found
        if anchor < this_year <= anchor + timedelta(days=7):
            return Reading(this_year, "day")  # "Feb 2" in a 30 January article is in four days
    return found


def resolve(expr: str, doc_date: str | None) -> tuple[str, str] | None:
    """(ISO date, precision) of a DATE entity's text ``expr`` in an article dated ``doc_date``, or None."""
    cleaned = _phrase(expr)
    if cleaned is None:
        return None
    anchor = _d(doc_date)
    for part in _parts(cleaned[0]):
        if not _dated(part, cleaned[1]) or (anchor is None and not YEAR_RE.search(part)):
            continue  # no date word; or relative, or without a year, and no article date to reckon from
        found = _news_reading(part, anchor)
        if found is not None:
            return found.iso()
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
