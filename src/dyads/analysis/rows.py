"""Typed rows read from the store: the inputs every analysis function works on.

Invariant: these are plain values (no connection attached); loading fetches results fully.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from dyads.store.duck import Store


@dataclass(frozen=True)
class QuantityRow:
    text: str
    value: float
    unit: str
    per: str | None


@dataclass(frozen=True)
class PlaceRow:
    """Where an event happened (`dyads.model.Location`, as stored): enough to tell two places apart."""

    name: str
    country: str | None
    lat: float
    lon: float
    precision: str  # point | admin1 | country | sea


def place_row(name: Any, country: Any, lat: Any, lon: Any, precision: Any) -> PlaceRow | None:
    """A `PlaceRow` from stored values, None for an unplaced event."""
    if lat is None or lon is None:
        return None
    return PlaceRow(str(name or ""), country or None, float(lat), float(lon), str(precision or ""))


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
    place: PlaceRow | None = None  # where it happened, when the text says (stories and contradictions read it)


@dataclass(frozen=True)
class DocRow:
    doc_id: str
    date: str | None
    outlet: str | None
    title: str | None
    url: str | None
    text: str
    lang: str | None = None  # ISO 639-1; None: undetermined (coded as English)


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
        place=_record_place(rec.get("location")),
    )


def _record_place(loc: dict[str, Any] | None) -> PlaceRow | None:
    if not loc:
        return None
    return place_row(loc.get("name"), loc.get("country"), loc.get("lat"), loc.get("lon"), loc.get("precision"))


_FETCH_ROWS = 10_000


def load_events(store: Store) -> list[EventRow]:
    """All events, ordered by (date, event_id) so downstream clustering is deterministic."""
    # fetched in parts: all records of a 5 MB text at once held ~120 MB of JSON next to the rows
    cur = store.con.execute("SELECT record FROM events ORDER BY date NULLS LAST, event_id")
    out: list[EventRow] = []
    while rows := cur.fetchmany(_FETCH_ROWS):
        out += [event_from_record(json.loads(r[0])) for r in rows]
    return out


def load_documents(store: Store) -> list[DocRow]:
    """All kept documents (discarded non-political ones are left out)."""
    _, rows = store.query(
        "SELECT doc_id, date, outlet, title, url, text, lang FROM documents WHERE discarded IS NULL ORDER BY doc_id")
    return [DocRow(*r) for r in rows]


_FLAT = """SELECT e.event_id, e.doc_id, e.date, e.date_precision, coalesce(e.source_country, e.source_actor_id),
    coalesce(e.target_country, e.target_actor_id), e.source_code, e.target_code, e.cameo, e.root, e.goldstein,
    e.quad_class, e.modality, e.trigger_text, e.attribution_kind, e.source_actor_id, e.target_actor_id,
    e.plover_event, e.plover_mode, e.location_name, e.location_country, e.location_lat, e.location_lon,
    e.location_precision FROM events e"""


def load_event_rows(store: Store, where: str = "", params: Sequence[Any] = ()) -> list[EventRow]:
    """Light `EventRow`s from the flat columns, without parsing the stored records: enough for
    timelines, profiles and networks (``evidence`` is empty, ``speaker`` None, no quantities), not
    for stories or contradictions. ``where`` is a ``WHERE`` over ``events e`` with ``params``
    (`dyads.store.event_query.where_clause`). Order: (date, event_id), as `load_events`."""
    # Arrow, column by column, then positional construction: about 4x faster than fetchall + keywords
    table = store.con.sql(f"{_FLAT}{where} ORDER BY e.date NULLS LAST, e.event_id", params=list(params) or None).to_arrow_table()
    rows = zip(*(c.to_pylist() for c in table.columns))
    # positional order of EventRow's fields: event_id .. attribution_kind, quantities, source_actor_id .. place
    return [EventRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6] or "", r[7], r[8], r[9], float(r[10]), int(r[11]), r[12],
                     "", r[13] or "", None, r[14] or "author", (), r[15], r[16], r[17], r[18], place_row(*r[19:24]))
            for r in rows]


# What story matching reads of an event (`grouping.signature`, `similarity.same_happening`,
# the sweep's keys), from the flat columns and the stored sentence the evidence spans: no record
# is read (at 20,000 articles the record column is most of the store, and reading records spread
# over it filled DuckDB's buffer pool with ~200 MiB). A span's text is its document's text between
# its offsets, so a sentence with the evidence's offsets has the evidence's text; when none
# matches, ``evidence`` is None here and `evidence_texts` reads it from the records.
# ``source``/``target`` as in `event_from_record` (country, else actor id); the place from the
# location columns (the same values as the record's ``location``).
MATCH_COLUMNS = """e.event_id, e.doc_id, e.date, e.root, coalesce(nullif(e.source_country, ''), e.source_actor_id),
    coalesce(nullif(e.target_country, ''), e.target_actor_id), ms.text, e.location_name, e.location_country,
    e.location_lat, e.location_lon, e.location_precision"""
MATCH_JOIN = """LEFT JOIN sentences ms ON ms.doc_id = e.doc_id AND ms.idx = e.sentence_index
    AND ms.start_char = e.evidence_start AND ms.end_char = e.evidence_end"""


def match_row(r: Sequence[Any]) -> EventRow:
    """An `EventRow` from the `MATCH_COLUMNS` of one event: only what matching reads is set (the
    rest empty), enough to sweep stories, not to summarise them (`event_from_record` for that).
    ``evidence`` is None when no stored sentence matched (see `evidence_texts`)."""
    return EventRow(r[0], r[1], r[2], None, r[4], r[5], "", None, "", r[3], 0.0, 0, "", r[6], "", None, "",
                    place=place_row(*r[7:12]))


def evidence_texts(store: Store, rows: Sequence[EventRow]) -> dict[str, EventRow]:
    """Match rows whose evidence no stored sentence gave, completed from their records: by event id."""
    missing = sorted({e.event_id for e in rows if e.evidence is None})
    if not missing:
        return {}
    _, got = store.query("SELECT event_id, record->>'$.evidence.text' FROM events WHERE event_id IN (SELECT unnest(?))",
                         [missing])
    text = dict(got)
    return {e.event_id: replace(e, evidence=text[e.event_id] or "") for e in rows if e.evidence is None}
