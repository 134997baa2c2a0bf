from __future__ import annotations

import datetime as dt

from dyads.ingest.dateread import MAX_CHARS, Reading, read

BASE = dt.date(2026, 1, 30)  # a Friday


def test_relative_dates_are_reckoned_back_from_the_base() -> None:
    assert read("yesterday", "en", BASE) == Reading(dt.date(2026, 1, 29), "day")
    assert read("Thursday", "en", BASE) == Reading(dt.date(2026, 1, 29), "day")
    assert read("ayer", "es", BASE) == Reading(dt.date(2026, 1, 29), "day")


def test_the_period_gives_the_precision() -> None:
    week = read("last week", "en", BASE)
    assert week is not None and week.period == "week" and week.iso() == ("2026-01", "month")
    month = read("March 2019", "en", BASE)
    assert month is not None and month.iso() == ("2019-03", "month")
    year = read("2019", "en", BASE)
    assert year is not None and year.iso() == ("2019", "year")


def test_only_the_language_given_is_tried() -> None:
    assert read("martes", "es", BASE) == Reading(dt.date(2026, 1, 27), "day")  # the Spanish coder drops "el"
    assert read("martes", "en", BASE) is None


def test_options_and_bounds() -> None:
    assert read("Feb 2", "en", require_year=True) is None
    assert read("yesterday", "en", BASE, absolute_only=True) is None
    assert read("1700000000", "en", BASE) is None  # the timestamp parser is off
    assert read("March 3, 2025 " + "x" * MAX_CHARS, "en", BASE) is None
