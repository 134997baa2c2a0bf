"""Reading request parameters into checked values; every problem is a ValueError with a message
that names the parameter (the app turns it into a 400)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, cast

from dyads.analysis.timeline import Period
from dyads.store.event_query import MAX_PER_PAGE, EventFilter


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


def paging(q: Mapping[str, Any], per_page: int = 50) -> tuple[int, int]:
    """(page, per_page) for the paged lists (actors, stories)."""
    return integer(q, "page", 1, 1, 10**6), integer(q, "per_page", per_page, 1, 500)


def events_query(q: Mapping[str, Any]) -> tuple[EventFilter, str, int, int]:
    """(filter, sort, page, per_page) from a query string."""
    return (EventFilter.from_mapping(q), str(q.get("sort") or "date"), integer(q, "page", 1, 1, 10**6),
            integer(q, "per_page", 50, 1, MAX_PER_PAGE))
