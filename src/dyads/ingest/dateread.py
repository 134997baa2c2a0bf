"""One door to `dateparser` (a maintained date library) for every date dyads reads: publication dates and
wire datelines at ingest, the dates event clauses give in English and Spanish.

The cost is bounded: expressions over `MAX_CHARS` characters are not read, only the document's language is
tried (no language detection), the timestamp and compact-number parsers are off (``1700000000`` is not a
date), and results are cached. Nothing here touches the network.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

Period = Literal["day", "week", "month", "year"]
MAX_CHARS = 64  # longest expression handed to dateparser: a date phrase is short, a paragraph is not one
# "relative-time": "yesterday", "last week", "three days ago"; "absolute-time": "30 January 2026", ISO dates
RELATIVE_AND_ABSOLUTE = ("relative-time", "absolute-time")
ABSOLUTE = ("absolute-time",)


@dataclass(frozen=True)
class Reading:
    """A date as dateparser read it: the day it chose and the period the expression named (a month name
    gives the month, "last week" the week, "2019" the year)."""

    day: dt.date
    period: Period

    def iso(self) -> tuple[str, Literal["day", "month", "year"]]:
        """(ISO text, date precision) as dyads stores dates: a week is told by its month."""
        text = self.day.isoformat()
        if self.period == "day":
            return text, "day"
        if self.period == "year":
            return text[:4], "year"
        return text[:7], "month"


def read(text: str, lang: str, base: dt.date | None = None, *, require_year: bool = False,
         absolute_only: bool = False) -> Reading | None:
    """``text`` read as a date in language ``lang``, a relative one reckoned back from ``base`` (dateparser's
    ``PREFER_DATES_FROM`` past: news tells what happened). ``require_year``: None unless the text gives its
    year; ``absolute_only``: no relative expressions ("yesterday" is no publication date). None when
    dateparser finds no date or the text is longer than `MAX_CHARS`."""
    text = " ".join(text.split())
    if not text or len(text) > MAX_CHARS:
        return None
    return _read(text, lang, base, require_year, absolute_only)


@lru_cache(maxsize=8192)
def _read(text: str, lang: str, base: dt.date | None, require_year: bool, absolute_only: bool) -> Reading | None:
    from dateparser.date import DateDataParser  # imported on first use: its language data loads then

    settings: dict[str, object] = {
        "PREFER_DATES_FROM": "past",
        "RETURN_AS_TIMEZONE_AWARE": False,
        "PARSERS": list(ABSOLUTE if absolute_only else RELATIVE_AND_ABSOLUTE),
    }
    if base is not None:
        settings["RELATIVE_BASE"] = dt.datetime(base.year, base.month, base.day)
    if require_year:
        settings["REQUIRE_PARTS"] = ["year"]
    found = DateDataParser(languages=[lang], settings=settings).get_date_data(text)
    if found.date_obj is None:
        return None
    period = found.period if found.period in ("day", "week", "month", "year") else "day"
    return Reading(found.date_obj.date(), period)  # type: ignore[arg-type]
