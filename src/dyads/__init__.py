"""dyads: who did what to whom, when, by whose account — coded events from news text."""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"


def open(path: str = "dyads.duckdb") -> Any:  # noqa: A001 - mirrors the builtin deliberately
    """Open a store for analysis: returns a `dyads.frames.Frames` with events/actors/stories as DataFrames
    and a sandboxed ``.sql()`` (limits from the settings ``sql_max_rows`` and ``sql_timeout_seconds``)."""
    from dyads import settings
    from dyads.frames import Frames
    from dyads.store.sandbox import limits_of

    s = settings.load()
    return Frames.open(path, limits_of(s), s.lock_wait_seconds)
