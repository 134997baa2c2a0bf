"""dyads: who did what to whom, when, by whose account — coded events from news text."""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"


def open(path: str = "dyads.duckdb") -> Any:  # noqa: A001 - mirrors the builtin deliberately
    """Open a store for analysis: returns a `dyads.frames.Frames` with events/actors/stories as DataFrames."""
    from dyads.frames import Frames

    return Frames.open(path)
