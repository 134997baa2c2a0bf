"""Exports in the formats analysts' tools read. `FORMATS` maps a format name to its writer.

Every writer takes an open `Store` and a binary or text destination path (``None`` = stdout
for text formats) and returns the number of rows (or nodes) written. Columns are documented in
``docs/exports.md``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from dyads.analysis.exports import gdelt, graph, icews, plover, tables
from dyads.store.duck import Store

Writer = Callable[[Store, "Path | None", bool], int]

FORMATS: dict[str, Writer] = {
    "gdelt": gdelt.write,
    "icews": icews.write,
    "plover": plover.write,
    "events-csv": tables.events_csv,
    "events-parquet": tables.events_parquet,
    "actors-csv": tables.actors_csv,
    "actors-parquet": tables.actors_parquet,
    "stories-csv": tables.stories_csv,
    "stories-parquet": tables.stories_parquet,
    "gexf": graph.write_gexf,
    "graphml": graph.write_graphml,
}
BINARY = frozenset({"events-parquet", "actors-parquet", "stories-parquet"})


def export(store: Store, fmt: str, out: Path | None = None, header: bool = False) -> int:
    """Write ``fmt`` to ``out`` (stdout when None and the format is text). Returns rows written."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; known: {', '.join(FORMATS)}")
    if out is None and fmt in BINARY:
        raise ValueError(f"{fmt} is binary: give --out PATH")
    return FORMATS[fmt](store, out, header)
