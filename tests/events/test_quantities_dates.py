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
