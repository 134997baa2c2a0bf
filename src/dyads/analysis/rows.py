"""Typed rows read from the store: the inputs every analysis function works on.

Invariant: these are plain values (no connection attached); loading fetches results fully.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from dyads.store.duck import Store


@dataclass(frozen=True)
class QuantityRow:
    text: str
    value: float
    unit: str
    per: str | None


@dataclass(frozen=True)
class EventRow:
    """One stored event, flattened for analysis. ``source``/``target`` are the country when known, else the actor id."""

    event_id: str
    doc_id: str
    date: str | None
    date_precision: str | None
    source: str
    target: str | None
    source_code: str
    target_code: str | None
    cameo: str
    root: str
    goldstein: float
    quad_class: int
    modality: str
    evidence: str
    trigger: str
    speaker: str | None
    attribution_kind: str
    quantities: tuple[QuantityRow, ...] = ()
    source_actor_id: str = ""
    target_actor_id: str | None = None
    plover_event: str | None = None
    plover_mode: str | None = None


@dataclass(frozen=True)
class DocRow:
    doc_id: str
    date: str | None
    outlet: str | None
    title: str | None
    url: str | None
    text: str


def _speaker(rec: dict[str, Any]) -> str | None:
    sp = (rec.get("attribution") or {}).get("speaker")
    if not sp:
        return None
    return str(sp.get("name") or sp.get("text") or sp.get("actor_id"))


def event_from_record(rec: dict[str, Any]) -> EventRow:
    """Build an `EventRow` from an export-contract record (the stored ``record`` JSON)."""
    s, t = rec["source"], rec.get("target")
    return EventRow(
        event_id=rec["event_id"], doc_id=rec["doc_id"], date=rec.get("date"), date_precision=rec.get("date_precision"),
        source=s.get("country") or s["actor_id"], target=(t.get("country") or t["actor_id"]) if t else None,
        source_code=s.get("code") or "", target_code=t.get("code") if t else None,
        cameo=rec["cameo"], root=rec["root"], goldstein=float(rec["goldstein"]), quad_class=int(rec["quad_class"]),
        modality=rec["modality"], evidence=rec["evidence"]["text"], trigger=rec["evidence"]["trigger"]["text"],
        speaker=_speaker(rec), attribution_kind=(rec.get("attribution") or {}).get("kind") or "author",
        quantities=tuple(QuantityRow(q["text"], float(q["value"]), q["unit"], q.get("per")) for q in rec.get("quantities") or []),
        source_actor_id=s["actor_id"], target_actor_id=t["actor_id"] if t else None,
        plover_event=(rec.get("plover") or {}).get("event_type"), plover_mode=(rec.get("plover") or {}).get("mode"),
    )


def load_events(store: Store) -> list[EventRow]:
    """All events, ordered by (date, event_id) so downstream clustering is deterministic."""
    _, rows = store.query("SELECT record FROM events ORDER BY date NULLS LAST, event_id")
    return [event_from_record(json.loads(r[0])) for r in rows]


def load_documents(store: Store) -> list[DocRow]:
    """All kept documents (discarded non-political ones are left out)."""
    _, rows = store.query(
        "SELECT doc_id, date, outlet, title, url, text FROM documents WHERE discarded IS NULL ORDER BY doc_id")
    return [DocRow(*r) for r in rows]
