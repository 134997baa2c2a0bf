"""The date a Spanish clause gives ("el martes", "el 30 de enero de 2026", "ayer"), reckoned from
the article's date with `dateparser` (a maintained date library, through `dyads.ingest.dateread`, as
English dates are) rather than hand-written patterns.

Only phrases attached to the predicate are read (its oblique and modifier phrases holding a month
name, a weekday or a relative day word); the result has day precision, or none.
"""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Token

from dyads.ingest.dateread import read

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


def parse_day(phrase: str, doc_date: str | None) -> str | None:
    """``phrase`` as an ISO day, reckoned from ``doc_date`` (a weekday is the last one on or
    before it: news tells what happened); None when it names no single day."""
    base = dt.date.fromisoformat(doc_date[:10]) if doc_date else None
    words = set(phrase.lower().split())
    if not (words & (WEEKDAYS | RELATIVE) or any(w.isdigit() and len(w) <= 2 for w in words)):
        return None  # "en enero", "este año": not one day
    found = read(phrase.lower().removeprefix("el ").removeprefix("este ").strip(), "es", base)
    return found.day.isoformat() if found is not None else None
