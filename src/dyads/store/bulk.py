"""Bulk inserts through Arrow: DuckDB's ``executemany`` costs milliseconds per row, an Arrow
scan microseconds. Rows are positional and must match the table's column order."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import duckdb

_VIEW = "_dyads_bulk_rows"


def insert_rows(con: duckdb.DuckDBPyConnection, table: str, rows: Sequence[Sequence[Any]], replace: bool = False) -> None:
    """Insert ``rows`` into ``table`` in one statement (``INSERT OR REPLACE`` when ``replace``)."""
    if not rows:
        return
    import pyarrow as pa  # here, not at module level: read commands never insert

    width = len(rows[0])
    arrow = pa.table({f"c{i}": [row[i] for row in rows] for i in range(width)})
    con.register(_VIEW, arrow)
    try:
        verb = "INSERT OR REPLACE INTO" if replace else "INSERT INTO"
        con.execute(f"{verb} {table} SELECT * FROM {_VIEW}")
    finally:
        con.unregister(_VIEW)
