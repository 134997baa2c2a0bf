"""Filtered, sorted, paged event queries: the one place the explorer and `/api/v1/events` get events.

`EventFilter` holds what an analyst can filter on; `where_clause` turns it into SQL with bound
parameters (user text never becomes SQL); `page` returns one page of contract records with the
total count. Sort keys come from the fixed `SORTS` table, never from the request.

Every actor-valued field (actor, source, target, dyad, speaker) goes through the one matcher,
`dyads.store.actor_match.resolve` (ids, countries, names and aliases with or without accents, code
prefixes, partial names; ``own`` keeps a country's state organs only); an unknown actor is an
`ActorNotFound` with suggestions, never an empty result.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, fields
from typing import Any

from dyads.ingest.dates import date_prefix
from dyads.ingest.language import UNDETERMINED, lang_value
from dyads.store.actor_match import ActorMatch, resolve
from dyads.store.duck import Store

# sort name -> ORDER BY expression; every order ends on event_id so pages never overlap
SORTS: dict[str, str] = {
    "date": "e.date NULLS LAST, e.doc_id, e.evidence_start, e.trigger_start, e.event_id",
    "-date": "e.date DESC NULLS LAST, e.doc_id, e.evidence_start, e.trigger_start, e.event_id",
    "goldstein": "e.goldstein, e.date NULLS LAST, e.event_id",
    "-goldstein": "e.goldstein DESC, e.date NULLS LAST, e.event_id",
    "confidence": "e.confidence, e.date NULLS LAST, e.event_id",
    "-confidence": "e.confidence DESC, e.date NULLS LAST, e.event_id",
    "cameo": "e.cameo, e.date NULLS LAST, e.event_id",
    "-cameo": "e.cameo DESC, e.date NULLS LAST, e.event_id",
    "source": "e.source_code, e.date NULLS LAST, e.event_id",
    "-source": "e.source_code DESC, e.date NULLS LAST, e.event_id",
    "target": "e.target_code NULLS LAST, e.date NULLS LAST, e.event_id",
    "-target": "e.target_code DESC NULLS LAST, e.date NULLS LAST, e.event_id",
}
MAX_PER_PAGE = 500
# undated=…: what a chart at that precision leaves out (a weekly chart needs a day, a monthly one a month)
UNDATED = {"day": "(e.date IS NULL OR length(e.date) < 10)",
           "month": "(e.date IS NULL OR length(e.date) < 7)", "any": "e.date IS NULL"}


def probability(raw: str, name: str) -> float:
    """A probability parameter (``min_confidence``): a number from 0 to 1, or a ValueError naming ``name``."""
    try:
        value = float(raw)
    except ValueError:
        raise ValueError(f"{name} must be a number from 0 to 1, not {raw!r}") from None
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"{name} must be a number from 0 to 1, not {raw!r}")
    return value


@dataclass(frozen=True)
class EventFilter:
    """Every field is optional; set fields are combined with AND. Dates are ISO prefixes."""

    actor: str | None = None  # either side: id, country, code prefix or part of a name
    source: str | None = None  # the source side only: id, country or code prefix (as the analysis matches)
    target: str | None = None  # the target side only: likewise
    dyad: str | None = None  # "A,B": A and B in either direction: likewise
    root: str | None = None  # CAMEO root "04" (or "4") or a full code prefix "0431"
    quad_class: int | None = None
    plover: str | None = None  # PLOVER event type, e.g. CONSULT
    modality: str | None = None
    speaker: str | None = None  # attributed speaker: actor id or part of the name
    outlet: str | None = None
    since: str | None = None
    until: str | None = None
    text: str | None = None  # substring of the evidence sentence, any case
    doc_id: str | None = None
    story_id: str | None = None
    min_confidence: float | None = None  # the verifier's calibrated probability that the event is right
    own: bool = False  # a country in actor/source/target/dyad stands for its state organs only, not its people
    undated: str | None = None  # events a chart leaves out: "day" (no day date), "month" (no month), "any" (no date)
    country: str | None = None  # the location's ISO3 country
    near: str | None = None  # a place name or "lat,lon"; with `within` km (default 50)
    within: str | None = None
    lang: str | None = None  # the document's language: ISO 639-1 ("es"), or "und" for undetermined

    @classmethod
    def from_mapping(cls, values: Any) -> "EventFilter":
        """Build from a query-string mapping; blank values are unset; a bad number is a ValueError."""
        out: dict[str, Any] = {}
        for f in fields(cls):
            raw = values.get(f.name)
            if raw is None or str(raw).strip() == "":
                continue
            raw = str(raw).strip()
            if f.name == "undated":
                if raw.lower() not in UNDATED:
                    raise ValueError(f"undated must be one of {', '.join(UNDATED)}, not {raw!r}")
                out[f.name] = raw.lower()
            elif f.name == "own":
                if raw.lower() not in {"1", "true", "yes", "on", "0", "false", "no", "off"}:
                    raise ValueError(f"own must be true or false, not {raw!r}")
                out[f.name] = raw.lower() in {"1", "true", "yes", "on"}
            elif f.name == "lang":
                out[f.name] = lang_value(raw)
            elif f.name in ("since", "until"):
                out[f.name] = date_prefix(raw, f.name)
            elif f.name == "quad_class":
                if raw not in {"1", "2", "3", "4"}:
                    raise ValueError(f"quad_class must be 1, 2, 3 or 4, not {raw!r}")
                out[f.name] = int(raw)
            elif f.name == "min_confidence":
                out[f.name] = probability(raw, f.name)
            else:
                out[f.name] = raw
        return cls(**out)

    def as_query(self) -> dict[str, str]:
        """The set fields as query-string values (for links that keep the current filter)."""
        return {f.name: ("true" if getattr(self, f.name) is True else str(getattr(self, f.name))) for f in fields(self)
                if getattr(self, f.name) not in (None, "", False)}


def lang_condition(lang: str) -> tuple[str, list[Any]]:
    """SQL over ``events e`` keeping events of documents in ``lang`` (`lang_value`; ``und``: no language recorded)."""
    value = lang_value(lang)
    if value == UNDETERMINED:
        return "e.doc_id IN (SELECT doc_id FROM documents WHERE lang IS NULL)", []
    return "e.doc_id IN (SELECT doc_id FROM documents WHERE lang = ?)", [value]


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def where_clause(f: EventFilter, store: Store) -> tuple[str, list[Any]]:
    """``WHERE …`` (or "") over ``events e`` and its bound parameters; actors are resolved in ``store``
    (`ActorNotFound` for one it does not know)."""
    where: list[str] = []
    params: list[Any] = []

    def add(sql: str, *ps: Any) -> None:
        where.append(sql)
        params.extend(ps)

    def side(name: str, m: ActorMatch) -> None:
        sql, ps = m.sql(name)
        add(sql, *ps)

    if f.dyad:
        a, _, b = f.dyad.partition(",")
        a, b = a.strip(), b.strip()
        if not a or not b:
            raise ValueError(f"dyad must be two actors separated by a comma, not {f.dyad!r}")
        ma, mb = resolve(store, a, f.own), resolve(store, b, f.own)
        sa, pa = ma.sql("source")
        tb, pb = mb.sql("target")
        sb, pb2 = mb.sql("source")
        ta, pa2 = ma.sql("target")
        add(f"(({sa} AND {tb}) OR ({sb} AND {ta}))", *pa, *pb, *pb2, *pa2)
    if f.actor:
        m = resolve(store, f.actor, f.own)
        s_sql, s_ps = m.sql("source")
        t_sql, t_ps = m.sql("target")
        add(f"({s_sql} OR {t_sql})", *s_ps, *t_ps)
    if f.source:
        side("source", resolve(store, f.source, f.own))
    if f.target:
        side("target", resolve(store, f.target, f.own))
    if f.root:
        code = f.root.zfill(2) if len(f.root) == 1 else f.root
        add("starts_with(e.cameo, ?)", code)
    if f.quad_class is not None:
        add("e.quad_class = ?", f.quad_class)
    if f.plover:
        add("upper(e.plover_event) = ?", f.plover.upper())
    if f.modality:
        add("e.modality = ?", f.modality.lower())
    if f.speaker:
        side("speaker", resolve(store, f.speaker))
    if f.outlet:
        add("e.doc_id IN (SELECT doc_id FROM documents WHERE outlet ILIKE ?)", f"%{_like(f.outlet)}%")
    if f.lang:
        lang_sql, lang_ps = lang_condition(f.lang)
        add(lang_sql, *lang_ps)
    if f.since:
        add("e.date >= ?", f.since)
    if f.until:
        add("e.date <= ? || '~'", f.until)  # "~" sorts after digits: until 2026-01 includes 2026-01-31
    if f.text:  # the evidence is the stored sentence (doc_id, sentence_index): a plain column scans 10x faster than JSON
        add("EXISTS (SELECT 1 FROM sentences s WHERE s.doc_id = e.doc_id AND s.idx = e.sentence_index AND s.text ILIKE ?)",
            f"%{_like(f.text)}%")
    if f.undated:
        add(UNDATED[f.undated])
    if f.doc_id:
        add("e.doc_id = ?", f.doc_id)
    if f.story_id:
        add("e.event_id IN (SELECT event_id FROM story_events WHERE story_id = ?)", f.story_id)
    if f.min_confidence is not None:
        add("e.confidence >= ?", f.min_confidence)
    if f.country or f.near or f.within:
        from dyads.store.place_query import place_conditions

        conditions, values = place_conditions(f.country, f.near, f.within)
        where += conditions
        params += values
    return (" WHERE " + " AND ".join(where) if where else ""), params


@dataclass(frozen=True)
class EventPage:
    total: int
    page: int  # 1-based
    per_page: int
    sort: str
    records: tuple[dict[str, Any], ...]  # export-contract records (with story_id when known)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def page(store: Store, f: EventFilter, sort: str = "date", page_no: int = 1, per_page: int = 50) -> EventPage:
    """One page of events matching ``f``; ``sort`` is a key of `SORTS` (``-`` for descending)."""
    from dyads.store.analysis_tables import has_analysis

    if sort not in SORTS:
        raise ValueError(f"unknown sort {sort!r}; known: {', '.join(SORTS)}")
    if page_no < 1 or not 1 <= per_page <= MAX_PER_PAGE:
        raise ValueError(f"page must be ≥ 1 and per_page 1..{MAX_PER_PAGE}")
    where, params = where_clause(f, store)
    if f.story_id and not has_analysis(store):
        return EventPage(0, page_no, per_page, sort, ())
    total = store.query(f"SELECT count(*) FROM events e{where}", params)[1][0][0]
    # the page's ids first (sorting narrow rows is cheap), then their records and stories by key
    _, id_rows = store.query(f"SELECT e.event_id FROM events e{where} ORDER BY {SORTS[sort]} LIMIT ? OFFSET ?",
                             [*params, per_page, (page_no - 1) * per_page])
    ids = [r[0] for r in id_rows]
    story = "(SELECT story_id FROM story_events se WHERE se.event_id = e.event_id)" if has_analysis(store) else "NULL"
    _, rows = store.query(f"SELECT e.event_id, e.record, {story} FROM events e WHERE e.event_id IN (SELECT unnest(?))", [ids])
    by_id = {r[0]: r for r in rows}
    records = []
    for event_id in ids:
        _, rec_json, story_id = by_id[event_id]
        rec = json.loads(rec_json)
        if story_id:
            rec["story_id"] = story_id
        records.append(rec)
    return EventPage(int(total), page_no, per_page, sort, tuple(records))


def records(store: Store, f: EventFilter) -> list[dict[str, Any]]:
    """Every record matching ``f`` in date order (for downloads and dyad views)."""
    where, params = where_clause(f, store)
    _, rows = store.query(f"SELECT e.record FROM events e{where} ORDER BY {SORTS['date']}", params)
    return [json.loads(r[0]) for r in rows]
