"""Reading request parameters into checked values; every problem is a ValueError with a message
that names the parameter (the app turns it into a 400)."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar, cast

from dyads.analysis.timeline import Period
from dyads.ingest.dates import date_prefix
from dyads.store.event_query import MAX_PER_PAGE, EventFilter, probability

H = TypeVar("H", bound=Callable[..., Any])


def known_only(q: Mapping[str, Any], allowed: Iterable[str]) -> None:
    """Refuse a parameter the endpoint does not take (a misspelt filter must not be ignored silently)."""
    names = set(allowed)
    unknown = sorted(set(q.keys()) - names)
    if unknown:
        known = ", ".join(sorted(names)) or "none"
        raise ValueError(f"unknown parameter {unknown[0]!r}; this page takes: {known}")


def taking(allowed: Iterable[str]) -> Callable[[H], H]:
    """Decorate a handler ``fn(request)`` so that its request may carry only ``allowed`` query parameters."""
    names = tuple(allowed)

    def wrap(fn: H) -> H:
        @functools.wraps(fn)
        def checked(request: Any) -> Any:
            known_only(request.query_params, names)
            return fn(request)

        return cast(H, checked)

    return wrap


def day(q: Mapping[str, Any], name: str) -> str | None:
    """An optional date parameter (``YYYY[-MM[-DD]]``), checked as the CLI checks ``--since``."""
    raw = text(q, name)
    return date_prefix(raw, name) if raw else None


def integer(q: Mapping[str, Any], name: str, default: int, lo: int, hi: int) -> int:
    raw = q.get(name)
    if raw is None or str(raw).strip() == "":
        return default
    try:
        value = int(str(raw))
    except ValueError:
        raise ValueError(f"{name} must be a whole number, not {raw!r}") from None
    if not lo <= value <= hi:
        raise ValueError(f"{name} must be between {lo} and {hi}, not {value}")
    return value


def period(q: Mapping[str, Any], default: Period = "week") -> Period:
    by = str(q.get("by") or default)
    if by not in ("day", "week", "month"):
        raise ValueError(f"by must be day, week or month, not {by!r}")
    return cast(Period, by)


def flag(q: Mapping[str, Any], name: str) -> bool:
    return str(q.get(name) or "").lower() in {"1", "true", "yes", "on"}


def text(q: Mapping[str, Any], name: str) -> str | None:
    raw = q.get(name)
    return str(raw).strip() or None if raw is not None else None


def floor(q: Mapping[str, Any], default: float) -> float:
    """A summary view's ``min_confidence`` (0..1); ``default`` is the setting ``view_min_confidence``."""
    raw = text(q, "min_confidence")
    return default if raw is None else probability(raw, "min_confidence")


def paging(q: Mapping[str, Any], per_page: int = 50) -> tuple[int, int]:
    """(page, per_page) for the paged lists (actors, stories)."""
    return integer(q, "page", 1, 1, 10**6), integer(q, "per_page", per_page, 1, 500)


def events_query(q: Mapping[str, Any]) -> tuple[EventFilter, str, int, int]:
    """(filter, sort, page, per_page) from a query string; ``limit`` is another name for ``per_page``."""
    per_page = integer(q, "per_page", 50, 1, MAX_PER_PAGE)
    if q.get("limit") not in (None, ""):
        limit = integer(q, "limit", 50, 1, MAX_PER_PAGE)
        if q.get("per_page") not in (None, "") and limit != per_page:
            raise ValueError(f"limit ({limit}) and per_page ({per_page}) disagree; give one")
        per_page = limit
    return (EventFilter.from_mapping(q), str(q.get("sort") or "date"), integer(q, "page", 1, 1, 10**6), per_page)
