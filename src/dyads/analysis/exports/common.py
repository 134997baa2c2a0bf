"""Shared inputs for exports: contract records joined with stories and documents."""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from dyads.store.duck import Store


@dataclass(frozen=True)
class StoryCounts:
    story_id: str
    reports: int
    outlets: int
    independent_reports: int


@dataclass(frozen=True)
class ExportEvent:
    """One event as exports see it: the contract record plus its story and document."""

    record: dict[str, Any]
    sentence_index: int
    story: StoryCounts | None
    url: str | None
    outlet: str | None
    doc_date: str | None
    added: str | None  # ingestion time, ISO
    lang: str | None = None  # the document's language, ISO 639-1 (None: not determined)


def stable_int(event_id: str) -> int:
    """A positive 60-bit integer derived from the event id (same id, same integer, every run)."""
    return int(hashlib.sha1(event_id.encode("utf-8")).hexdigest()[:15], 16)


def load(store: Store, where: str = "", params: Sequence[Any] = ()) -> list[ExportEvent]:
    """Every event (or those matching ``where``, a ``WHERE`` over ``events e`` with ``params``)."""
    from dyads.store.analysis_tables import has_analysis

    story_join = ("LEFT JOIN story_events se ON se.event_id = e.event_id LEFT JOIN stories s ON s.story_id = se.story_id"
                  if has_analysis(store) else "")
    story_cols = "s.story_id, s.reports, s.n_outlets, s.independent_reports" if story_join else "NULL, NULL, NULL, NULL"
    _, rows = store.query(f"""
        SELECT e.record, e.sentence_index, {story_cols}, d.url, d.outlet, d.date, CAST(d.ingested_at AS VARCHAR), d.lang
        FROM events e JOIN documents d ON d.doc_id = e.doc_id {story_join}{where}
        ORDER BY e.date NULLS LAST, e.doc_id, e.evidence_start, e.trigger_start, e.event_id""", list(params))
    out = []
    for rec, idx, sid, reports, outlets, indep, url, outlet, ddate, added, lang in rows:
        record = json.loads(rec)
        story = StoryCounts(sid, reports, outlets, indep) if sid else None
        if sid:
            record["story_id"] = sid
        out.append(ExportEvent(record, int(idx or 0), story, url, outlet, ddate, added, lang))
    return out


@contextmanager
def text_out(path: Path | None) -> Iterator[TextIO]:
    if path is None:
        yield sys.stdout
        return
    with path.open("w", encoding="utf-8", newline="") as fh:
        yield fh


def clean(value: Any) -> str:
    """A TSV cell: None -> empty; tabs and newlines become spaces so every row keeps its columns."""
    if value is None:
        return ""
    return str(value).replace("\t", " ").replace("\r", " ").replace("\n", " ")
