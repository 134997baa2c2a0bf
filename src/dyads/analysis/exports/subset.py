"""Exports of a filtered subset of events, in memory: what the explorer's download links serve.

The columns are exactly those of the whole-store exports (`tables.events_frame`, `gdelt.row`, the
JSONL export contract); only the rows are limited by an `EventFilter`.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass

from dyads.analysis.exports import gdelt, tables
from dyads.analysis.exports.common import load
from dyads.store.duck import Store
from dyads.store.event_query import EventFilter, where_clause

# format -> (media type, file extension)
DOWNLOADS: dict[str, tuple[str, str]] = {
    "csv": ("text/csv; charset=utf-8", "csv"),
    "jsonl": ("application/x-ndjson; charset=utf-8", "jsonl"),
    "parquet": ("application/vnd.apache.parquet", "parquet"),
    "gdelt": ("text/tab-separated-values; charset=utf-8", "tsv"),
}


@dataclass(frozen=True)
class Download:
    body: bytes
    media_type: str
    filename: str
    rows: int


def download(store: Store, f: EventFilter, fmt: str) -> Download:
    """The events matching ``f`` as ``fmt`` (a key of `DOWNLOADS`)."""
    if fmt not in DOWNLOADS:
        raise ValueError(f"unknown download format {fmt!r}; known: {', '.join(DOWNLOADS)}")
    media, ext = DOWNLOADS[fmt]
    where, params = where_clause(f, store)
    if fmt in ("csv", "parquet"):
        df = tables.events_frame(store, where, params)
        buf = io.BytesIO()
        if fmt == "csv":
            df.write_csv(buf)
        else:
            df.write_parquet(buf)
        return Download(buf.getvalue(), media, f"dyads-events.{ext}", int(df.height))
    events = load(store, where, params)
    if fmt == "jsonl":
        lines = [json.dumps(ev.record, ensure_ascii=False) for ev in events]
    else:
        lines = ["\t".join(gdelt.COLUMNS), *("\t".join(gdelt.row(ev)) for ev in events)]
    return Download(("\n".join(lines) + "\n" if lines else "").encode("utf-8"), media, f"dyads-events.{ext}", len(events))
