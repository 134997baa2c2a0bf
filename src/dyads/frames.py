"""`dyads.open(path)`: a read-only store as DataFrames for notebooks and scripts.

    with dyads.open("dyads.duckdb") as f:
        f.events()            # polars DataFrame, one row per event (flat columns + story_id)
        f.stories(to_pandas=True)
        f.sql("SELECT root, count(*) FROM events GROUP BY root")

The store is opened read-only; `sql` refuses anything but a single read query
(`Store.read_only_sql`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polars as pl

from dyads.analysis.exports.tables import actors_frame, events_frame, stories_frame
from dyads.store.duck import Store


class Frames:
    def __init__(self, store: Store) -> None:
        self.store = store

    @classmethod
    def open(cls, path: str | Path) -> "Frames":
        return cls(Store.open(path, read_only=True))

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
        cols, rows = self.store.read_only_sql(query)
        df = pl.DataFrame([list(r) for r in rows], schema=cols, orient="row") if rows \
            else pl.DataFrame({c: [] for c in cols})
        return self._out(df, to_pandas)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> "Frames":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
