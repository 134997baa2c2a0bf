"""The date a Spanish clause gives ("el martes", "el 30 de enero de 2026", "ayer"), reckoned from
the article's date with `dateparser` (a maintained date library) rather than hand-written patterns.

Only phrases attached to the predicate are read (its oblique and modifier phrases holding a month
name, a weekday or a relative day word); the result has day precision, or none.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from spacy.tokens import Token

MONTHS = {"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "setiembre",
          "octubre", "noviembre", "diciembre"}
WEEKDAYS = {"lunes", "martes", "miércoles", "miercoles", "jueves", "viernes", "sábado", "sabado", "domingo"}
RELATIVE = {"ayer", "anteayer", "hoy"}


def clause_date(verb: Token, doc_date: str | None) -> tuple[str | None, str | None]:
    """(ISO day, "day") of the date phrase the predicate carries, else (None, None)."""
    for c in verb.children:
        if c.dep_ not in ("obl", "nmod", "advmod", "obl:tmod"):
            continue
        words = [t for t in c.subtree]
        lows = {t.lower_ for t in words}
        if not lows & (MONTHS | WEEKDAYS | RELATIVE):
            continue
        phrase = verb.doc[words[0].i:words[-1].i + 1].text
        day = parse_day(phrase, doc_date)
        if day is not None:
            return day, "day"
    return None, None


@lru_cache(maxsize=4096)
def parse_day(phrase: str, doc_date: str | None) -> str | None:
    """``phrase`` as an ISO day, reckoned from ``doc_date`` (a weekday is the last one on or
    before it: news tells what happened); None when it names no single day."""
    import dateparser  # imported on first use: loading its language data takes a moment

    base = dt.datetime.fromisoformat(doc_date) if doc_date else None
    words = set(phrase.lower().split())
    if not (words & (WEEKDAYS | RELATIVE) or any(w.isdigit() and len(w) <= 2 for w in words)):
        return None  # "en enero", "este año": not one day
    settings: dict[str, object] = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if base is not None:
        settings["RELATIVE_BASE"] = base
    text = phrase.lower().removeprefix("el ").removeprefix("este ").strip()
    found = dateparser.parse(text, languages=["es"], settings=settings)  # type: ignore[arg-type]
    return found.date().isoformat() if found is not None else None
