"""PLOVER-style JSON: one object per event per line (JSON Lines), PLOVER event/mode plus provenance."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from dyads.analysis.exports.common import ExportEvent, load, text_out
from dyads.store.duck import Store


def _actor(obj: dict[str, Any] | None) -> dict[str, Any] | None:
    if not obj:
        return None
    return {"name": obj.get("name"), "text": obj.get("text"), "country": obj.get("country"),
            "sector": obj.get("sector"), "code": obj.get("code"), "actor_id": obj.get("actor_id")}


def record(ev: ExportEvent) -> dict[str, Any]:
    r = ev.record
    plover = r.get("plover") or {}
    speaker = (r.get("attribution") or {}).get("speaker") or {}
    return {
        "id": r["event_id"], "date": r.get("date"), "event": plover.get("event_type"), "mode": plover.get("mode"),
        "context": [], "actor1": _actor(r.get("source")), "actor2": _actor(r.get("target")),
        "modality": r["modality"], "said_by": speaker.get("name") or speaker.get("text"),
        "cameo": r["cameo"], "goldstein": r["goldstein"], "quad_class": r["quad_class"],
        "story_id": r.get("story_id"), "text": r["evidence"]["text"], "trigger": r["evidence"]["trigger"]["text"],
        "source": {"doc_id": r["doc_id"], "url": ev.url, "publisher": ev.outlet, "publication_date": ev.doc_date,
                   "language": ev.lang},
        "quantities": r.get("quantities") or [],
        "location": _location(r.get("location")),
    }


def _location(loc: dict[str, Any] | None) -> dict[str, Any] | None:
    """Where the event happened: PLOVER's geolocation fields from the contract's location."""
    if not loc:
        return None
    return {"name": loc.get("name"), "country": loc.get("country"), "admin1": loc.get("admin1"), "lat": loc.get("lat"),
            "lon": loc.get("lon"), "precision": loc.get("precision"), "geonames_id": loc.get("geonames_id"),
            "text": loc.get("text")}


def write(store: Store, out: Path | None, header: bool = False) -> int:
    events = load(store)
    with text_out(out) as fh:
        for ev in events:
            fh.write(json.dumps(record(ev), ensure_ascii=False) + "\n")
    return len(events)
