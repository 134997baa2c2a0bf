from __future__ import annotations

from datetime import date

import pytest

from dyads.ingest.dates import parse_date, parse_dateline, year_from_weekday, year_hint


@pytest.mark.parametrize("text, expected", [
    ("2026-01-30", ("2026-01-30", "day")),
    ("2026-01", ("2026-01", "month")),
    ("January 30, 2026", ("2026-01-30", "day")),
    ("Feb. 2, 2026", ("2026-02-02", "day")),
    ("30 January 2026", ("2026-01-30", "day")),
    ("Sept 3rd 2025", ("2025-09-03", "day")),
    ("Tue, 10 Feb 2026 15:40:00 +0000", ("2026-02-10", "day")),
    ("2026-02-05T08:00:00Z", ("2026-02-05", "day")),
    ("2026-02-30", (None, None)),
    ("Feb 2", (None, None)),  # no year and no default: no date, never today's
    ("no date here", (None, None)),
])
def test_parse_date(text: str, expected: tuple[str | None, str | None]) -> None:
    assert parse_date(text) == expected


def test_parse_date_default_year() -> None:
    assert parse_date("Jan 20", default_year=2026) == ("2026-01-20", "day")


def test_year_hint_latest_plausible() -> None:
    assert year_hint("since 1998 and again in 2024, then 2026; 3000 troops") == 2026
    assert year_hint("no years") is None


def test_dateline_forms() -> None:
    assert parse_dateline("HAVANA, Jan 20 (Reuters) - Cuba said", "in 2026")[:3] == ("2026-01-20", "inferred", "Reuters")
    iso, _, outlet, n = parse_dateline("MEXICO CITY, Feb. 2 (Wire) \u2014 Mexico said", "2026")
    assert (iso, outlet) == ("2026-02-02", "Wire")
    assert "MEXICO CITY, Feb. 2 (Wire) \u2014 Mexico said"[n:] == "Mexico said"
    assert parse_dateline("BEIJING, Feb. 5 -- The friendship", "2026")[:3] == ("2026-02-05", "inferred", None)
    assert parse_dateline("BEIJING, Feb. 5, 2026 -- The friendship", "")[:3] == ("2026-02-05", "day", None)
    assert parse_dateline("Cuba said on Monday - nothing", "2026")[0] is None


def test_dateline_weekday_year() -> None:
    lead = "HAVANA, Feb. 7 (Caribbean Report) \u2014 The government on Saturday ordered cuts."
    assert parse_dateline(lead, lead, until_year=2026)[0] == "2026-02-07"
    assert parse_dateline(lead, lead, until_year=2030)[0] == "2026-02-07"  # latest match within the window
    assert parse_dateline(lead.replace("on Saturday", "yesterday"), lead.replace("on Saturday", ""), until_year=2026)[0] is None


def test_dateline_without_a_year_takes_the_ingest_date_year() -> None:
    lead = "HAVANA, Dec. 30 (Island Wire) — The ministry announced new rationing."
    assert parse_dateline(lead, lead, fallback=date(2026, 3, 1))[:2] == ("2025-12-30", "inferred")
    assert parse_dateline(lead, lead, fallback=date(2027, 1, 2))[:2] == ("2026-12-30", "inferred")
    assert parse_dateline(lead, lead)[0] is None  # no fallback given: no date, never a guess


def test_year_from_weekday() -> None:
    assert year_from_weekday(2, 7, "on Saturday", until_year=2026) == 2026
    assert year_from_weekday(2, 7, "on Friday", until_year=2026) == 2025
    assert year_from_weekday(2, 7, "no weekday", until_year=2026) is None
    assert year_from_weekday(2, 29, "on Thursday", until_year=2026) == 2024


@pytest.mark.parametrize("text, expected", [
    ("January 2026", ("2026-01", "month")),
    ("2026", ("2026", "year")),
    ("2026/01/30", ("2026-01-30", "day")),
    ("01/02/2026", (None, None)),  # 1 February or January 2: not guessed
    ("1700000000", (None, None)),  # no timestamps
    ("yesterday", (None, None)),  # relative words are no publication date
    ("Monday", (None, None)),
    ("x" * 100_000, (None, None)),
])
def test_parse_date_through_the_library(text: str, expected: tuple[str | None, str | None]) -> None:
    assert parse_date(text) == expected


def test_parse_date_in_the_document_language() -> None:
    assert parse_date("30 de enero de 2026", lang="es") == ("2026-01-30", "day")
    assert parse_date("30 de enero de 2026") == (None, None)  # read as English: no date
    # a feed's RFC 2822 date is English whatever the article's language
    assert parse_date("Tue, 10 Feb 2026 15:40:00 +0000", lang="es") == ("2026-02-10", "day")


def test_spanish_dateline() -> None:
    lead = "LA HABANA, 20 ene (EFE) - El Gobierno agradeció el envío de arroz."
    assert parse_dateline(lead, "en 2026", lang="es")[:3] == ("2026-01-20", "inferred", "EFE")
    assert parse_dateline(lead, "en 2026")[0] is None  # "ene" is no English month
