"""Exports in the formats analysts' tools read. `FORMATS` maps a format name to its writer.

Every writer takes an open `Store` and a binary or text destination path (``None`` = stdout
for text formats) and returns the number of rows (or nodes) written. Columns are documented in
``docs/exports.md``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from dyads.store.duck import Store

Writer = Callable[["Store", "Path | None", bool], int]

# format -> (module under dyads.analysis.exports, writer function). Modules are imported when
# a format is used: polars and networkx cost a quarter of a second each to import.
FORMATS: dict[str, tuple[str, str]] = {
    "gdelt": ("gdelt", "write"),
    "icews": ("icews", "write"),
    "plover": ("plover", "write"),
    "events-csv": ("tables", "events_csv"),
    "events-parquet": ("tables", "events_parquet"),
    "actors-csv": ("tables", "actors_csv"),
    "actors-parquet": ("tables", "actors_parquet"),
    "stories-csv": ("tables", "stories_csv"),
    "stories-parquet": ("tables", "stories_parquet"),
    "gexf": ("graph", "write_gexf"),
    "graphml": ("graph", "write_graphml"),
}
BINARY = frozenset({"events-parquet", "actors-parquet", "stories-parquet"})


def writer(fmt: str) -> Writer:
    module, name = FORMATS[fmt]
    return cast(Writer, getattr(importlib.import_module(f"dyads.analysis.exports.{module}"), name))


def export(store: "Store", fmt: str, out: Path | None = None, header: bool = False) -> int:
    """Write ``fmt`` to ``out`` (stdout when None and the format is text). Returns rows written."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; known: {', '.join(FORMATS)}")
    if out is None and fmt in BINARY:
        raise ValueError(f"{fmt} is binary: give --out PATH")
    return writer(fmt)(store, out, header)
