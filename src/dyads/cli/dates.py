"""Date (and probability and language) arguments of the command line: ISO dates only, refused with one clear line
otherwise (a date that is not understood must not silently match nothing or leak into the output)."""

from __future__ import annotations

import argparse
from datetime import date


def date_argument(value: str | None, flag: str) -> str | None:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (a valid calendar date), else ValueError naming ``flag``."""
    from dyads.ingest.dates import date_prefix

    return None if value is None else date_prefix(value, flag)


def day_argument(value: str | None, flag: str) -> str | None:
    """A full ``YYYY-MM-DD`` date, else ValueError naming ``flag``."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value.strip()).isoformat() if len(value.strip()) == 10 else _bad(value, flag)
    except ValueError:
        return _bad(value, flag)


def _bad(value: str, flag: str) -> str:
    raise ValueError(f"{flag} {value!r}: expected a date as YYYY-MM-DD")


def probability_argument(text: str) -> float:
    """A ``--min-confidence`` value: a number from 0 to 1 (argparse makes the error a one-line usage error)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number from 0 to 1, not {text!r}") from None
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"expected a number from 0 to 1, not {text!r}")
    return value


def language_code_argument(text: str) -> str:
    """An ``--lang`` value for reading text: an ISO 639-1 code (``es``, ``es-MX`` -> ``es``)."""
    from dyads.ingest.language import language_argument

    try:
        return language_argument(text, "")
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a two-letter ISO 639-1 code such as en or es, not {text!r}") from None


def language_filter_argument(text: str) -> str:
    """An ``--lang`` filter: an ISO 639-1 code, or ``und`` for documents whose language was not determined."""
    from dyads.ingest.language import lang_value

    try:
        return lang_value(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a two-letter ISO 639-1 code such as en or es, or und, not {text!r}") from None
