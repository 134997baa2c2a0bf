"""`dyads.open(path)`: a read-only store as DataFrames for notebooks and scripts.

    with dyads.open("dyads.duckdb") as f:
        f.events()            # polars DataFrame, one row per event (flat columns + story_id)
        f.stories(to_pandas=True)
        f.sql("SELECT root, count(*) FROM events GROUP BY root")

The store is opened read-only inside the query sandbox (`dyads.store.sandbox`): `sql` runs
exactly one SELECT with no file or network access, within a row and a time limit. It is opened for
each call and closed after it, so a handle left open in a notebook never blocks `dyads ingest` or
`dyads watch` (DuckDB locks a store per process); each call waits up to ``wait_seconds`` while
another process writes.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

import polars as pl

from dyads.analysis.exports.tables import actors_frame, events_frame, stories_frame
from dyads.store.duck import Store
from dyads.store.sandbox import DEFAULT_LIMITS, QueryLimits


class Frames:
    def __init__(self, path: str | Path, limits: QueryLimits = DEFAULT_LIMITS, wait_seconds: float = 0.0) -> None:
        self.path = str(path)
        self.limits = limits
        self.wait_seconds = wait_seconds

    @classmethod
    def open(cls, path: str | Path, limits: QueryLimits = DEFAULT_LIMITS, wait_seconds: float = 0.0) -> "Frames":
        """Check the store can be read now (a clear error if not), then hold nothing open."""
        cls._read(str(path), wait_seconds, lambda store: None)
        return cls(path, limits, wait_seconds)

    @staticmethod
    def _read(path: str, wait_seconds: float, fn: Any) -> Any:
        with Store.open(path, read_only=True, wait_seconds=wait_seconds) as store:
            return fn(store)

    @staticmethod
    def _out(df: Any, to_pandas: bool) -> Any:
        return df.to_pandas() if to_pandas else df

    def events(self, to_pandas: bool = False) -> Any:
        return self._out(self._read(self.path, self.wait_seconds, events_frame), to_pandas)

    def actors(self, to_pandas: bool = False) -> Any:
        return self._out(self._read(self.path, self.wait_seconds, actors_frame), to_pandas)

    def stories(self, to_pandas: bool = False) -> Any:
        return self._out(self._read(self.path, self.wait_seconds, stories_frame), to_pandas)

    def sql(self, query: str, to_pandas: bool = False) -> Any:
        result = self._read(self.path, self.wait_seconds, lambda store: store.sql_query(query, self.limits))
        if result.truncated:
            warnings.warn(f"query result cut at {self.limits.max_rows} rows (setting sql_max_rows)", stacklevel=2)
        cols, rows = result.columns, result.rows
        df = pl.DataFrame([list(r) for r in rows], schema=cols, orient="row") if rows \
            else pl.DataFrame({c: [] for c in cols})
        return self._out(df, to_pandas)

    def close(self) -> None:
        """Nothing is held open between calls."""

    def __enter__(self) -> "Frames":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
