"""`dyads.open(path)`: a read-only store as DataFrames for notebooks and scripts.

    with dyads.open("dyads.duckdb") as f:
        f.events()            # polars DataFrame, one row per event (flat columns + story_id)
        f.stories(to_pandas=True)
        f.sql("SELECT root, count(*) FROM events GROUP BY root")

The store is opened read-only inside the query sandbox (`dyads.store.sandbox`): `sql` runs
exactly one SELECT with no file or network access, within a row and a time limit.
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
    def __init__(self, store: Store, limits: QueryLimits = DEFAULT_LIMITS) -> None:
        self.store = store
        self.limits = limits

    @classmethod
    def open(cls, path: str | Path, limits: QueryLimits = DEFAULT_LIMITS, wait_seconds: float = 0.0) -> "Frames":
        return cls(Store.open(path, read_only=True, wait_seconds=wait_seconds), limits)

    @staticmethod
    def _out(df: Any, to_pandas: bool) -> Any:
        return df.to_pandas() if to_pandas else df

    def events(self, to_pandas: bool = False) -> Any:
        return self._out(events_frame(self.store), to_pandas)

    def actors(self, to_pandas: bool = False) -> Any:
        return self._out(actors_frame(self.store), to_pandas)

    def stories(self, to_pandas: bool = False) -> Any:
        return self._out(stories_frame(self.store), to_pandas)

    def sql(self, query: str, to_pandas: bool = False) -> Any:
        result = self.store.sql_query(query, self.limits)
        if result.truncated:
            warnings.warn(f"query result cut at {self.limits.max_rows} rows (setting sql_max_rows)", stacklevel=2)
        cols, rows = result.columns, result.rows
        df = pl.DataFrame([list(r) for r in rows], schema=cols, orient="row") if rows \
            else pl.DataFrame({c: [] for c in cols})
        return self._out(df, to_pandas)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> "Frames":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
