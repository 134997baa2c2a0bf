"""The event export contract (one JSON object per event). Field names are part of the API."""

from __future__ import annotations

from typing import Any

from dyads.model import Actor, Event, Location, Mention, Span


def actor_object(m: Mention | None) -> dict[str, Any] | None:
    if m is None:
        return None
    a: Actor = m.actor
    return {
        "text": m.text, "actor_id": a.actor_id, "name": a.name, "country": a.country,
        "sector": a.sector, "code": a.code or (a.country or ""), "how": m.how,
        "start": m.start, "end": m.end,
    }


def _span(s: Span | None) -> dict[str, Any] | None:
    return None if s is None else {"text": s.text, "start": s.start, "end": s.end}


def location_object(loc: Location | None) -> dict[str, Any] | None:
    """Where: the gazetteer entry, how it was read and chosen, and the name as written."""
    if loc is None:
        return None
    return {
        "name": loc.name, "geonames_id": loc.geonames_id, "country": loc.country, "admin1": loc.admin1,
        "lat": loc.lat, "lon": loc.lon, "precision": loc.precision, "how": loc.how, "resolved": loc.resolved,
        "text": loc.span.text, "span": _span(loc.span),
    }


def event_record(e: Event, story_id: str | None = None, lang: str | None = None) -> dict[str, Any]:
    """The contract record of ``e``; ``lang`` is its document's language (ISO 639-1, null when
    undetermined), a document field like ``doc_id``: last, so records stored before it (schema 5)
    gained it by appending."""
    rec: dict[str, Any] = {
        "event_id": e.event_id,
        "doc_id": e.doc_id,
        "date": e.date,
        "date_precision": e.date_precision,
        "background": e.background,
        "source": actor_object(e.source),
        "target": actor_object(e.target),
        "cameo": e.code.code,
        "root": e.code.root,
        "cameo_name": e.code.name,
        "goldstein": e.code.goldstein,
        "quad_class": e.code.quad_class,
        "plover": {"event_type": e.code.plover_event, "mode": e.code.plover_mode},
        "modality": e.modality,
        "attribution": {
            "kind": e.attribution.kind,
            "speaker": actor_object(e.attribution.speaker),
            "cue": e.attribution.cue,
        },
        "evidence": {
            "text": e.evidence.sentence.text, "start": e.evidence.sentence.start, "end": e.evidence.sentence.end,
            "trigger": {"text": e.evidence.trigger.text, "start": e.evidence.trigger.start, "end": e.evidence.trigger.end},
            "source_phrase": _span(e.evidence.source_phrase),
            "target_phrase": _span(e.evidence.target_phrase),
        },
        "quantities": [{"text": q.text, "value": q.value, "unit": q.unit, "per": q.per} for q in e.quantities],
        "framing": [{"text": f.text, "start": f.start, "end": f.end} for f in e.framing],
        "rule": e.rule,
        "confidence": e.confidence,
        "location": location_object(e.location),
        "lang": lang,
    }
    if e.source_place is not None and rec["source"] is not None:
        rec["source"]["place"] = location_object(e.source_place)
    if e.target_place is not None and rec["target"] is not None:
        rec["target"]["place"] = location_object(e.target_place)
    if story_id is not None:
        rec["story_id"] = story_id
    return rec
