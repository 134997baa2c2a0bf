from __future__ import annotations

import pytest

from dyads.events.quantities import find_quantities
from dyads.events.temporal import resolve


@pytest.mark.parametrize(("text", "value", "unit", "per"), [
    ("Mexico sent 700,000 barrels of oil", 700000.0, "barrel", None),
    ("about 20,000 barrels a day", 20000.0, "barrel", "day"),
    ("7,000 bpd", 7000.0, "barrel", "day"),
    ("China donated 30,000 tons of rice", 30000.0, "ton", None),
    ("tariffs of 50 percent", 50.0, "percent", None),
    ("a 25% tariff", 25.0, "percent", None),
    ("$1.5 billion in aid", 1.5e9, "USD", None),
    ("12 people were killed", 12.0, "person", None),
    ("Russia launched 150 drones overnight", 150.0, "drone", None),
])
def test_quantities_are_normalised(text, value, unit, per):
    q = find_quantities(text)[0]
    assert (q.value, q.unit, q.per) == (value, unit, per)
    assert text[q.start:q.end] == q.text


@pytest.mark.parametrize(("expr", "expected"), [
    ("on Thursday", ("2026-01-29", "day")),  # article dated Friday 2026-01-30
    ("yesterday", ("2026-01-29", "day")),
    ("29 January", ("2026-01-29", "day")),
    ("Jan. 3", ("2026-01-03", "day")),
    ("Dec 30", ("2025-12-30", "day")),  # a late-December date in a January article is last year
    ("last May", ("2025-05", "month")),
    ("this week", ("2026-01", "month")),
    ("March 11, 2025", ("2025-03-11", "day")),
])
def test_dates_resolve_against_the_article(expr, expected):
    assert resolve(expr, "2026-01-30") == expected


def test_relative_dates_need_an_article_date():
    assert resolve("on Thursday", None) is None
    assert resolve("March 11, 2025", None) == ("2025-03-11", "day")


@pytest.mark.parametrize(("expr", "expected"), [
    ("late Tuesday", ("2026-01-27", "day")),  # the modifier is trimmed before dateparser reads it
    ("Monday's", ("2026-01-26", "day")),
    ("January 29 and 30", ("2026-01-29", "day")),  # a range is dated by its first day
    ("Jan. 29-30", ("2026-01-29", "day")),
    ("this Thursday", ("2026-01-29", "day")),  # the latest Thursday, not next week's
    ("coming Thursday", ("2026-02-05", "day")),
    ("Feb 2", ("2026-02-02", "day")),  # without a year, up to a week after the article: this year
    ("March 4 last year", ("2025-03-04", "day")),  # the date part of a longer phrase
    ("between Tuesday and Thursday", ("2026-01-27", "day")),
    ("the beginning of this month", ("2026-01", "month")),
    ("earlier this month", ("2026-01", "month")),
    ("earlier in the day", ("2026-01-30", "day")),
    ("last January", ("2025-01", "month")),  # the January before this month's
    ("in May", ("2025-05", "month")),
    ("since 2019", ("2019", "year")),
    ("in Sept 2021", ("2021-09", "month")),
    ("three days ago", ("2026-01-27", "day")),
    ("roughly 20 months ago", ("2024-05", "month")),
    ("earlier this year", ("2026", "year")),
    ("2026-01-28", ("2026-01-28", "day")),
])
def test_dates_read_by_the_library_as_news_means_them(expr, expected):
    assert resolve(expr, "2026-01-30") == expected


@pytest.mark.parametrize("expr", [
    "May",  # last May or next May: not said
    "two years",  # a length of time; dateparser alone reads it as two years ago
    "the 1990s", "2024-25", "2025/26",  # decades and spans are no date
    "next week",  # in "agreed the talks will continue next week" it dates the talks, not the agreement
    "decades", "recent years",
])
def test_phrases_that_name_no_date_of_the_event(expr):
    assert resolve(expr, "2026-01-30") is None


def test_the_article_s_own_weekday_is_that_day():
    assert resolve("on Thursday", "2026-01-29") == ("2026-01-29", "day")  # a Thursday article
    assert resolve("last Thursday", "2026-01-29") == ("2026-01-22", "day")


def test_long_or_repetitive_text_is_not_handed_to_the_library():
    import time

    start = time.perf_counter()
    assert resolve("January " * 2000, "2026-01-30") is None
    assert resolve("1 " * 50000, "2026-01-30") is None
    assert time.perf_counter() - start < 0.5
