"""Contradictions inside a story: reports of one happening that cannot all be true.

Kinds (each side names the document, outlet, evidence sentence and who said it):
- ``quantity``: quantities with the same unit and ``per`` whose values differ by more than
  ``QUANTITY_TOLERANCE`` (25%) of the larger (20,000 vs 7,000 barrels a day);
- ``modality``: one report asserts the action and another negates it ("cancelled" vs "not
  cancelled"); reports that only threaten, intend or speculate take no side, nor does a
  document that itself both asserts and negates within the story (it is distinguishing
  objects, "promised rice, not oil", not contradicting itself);
- ``date``: reports give different *explicit* day dates. A date is explicit when it differs from
  its document's publication date (the coder resolved a date expression); a date equal to the
  publication date may be the default and takes no side.
- ``place``: reports place the happening where both cannot be (`similarity.places_compatible`:
  two countries, or two points over 50 km apart); a country and a city in it, or an unplaced
  report, take no side against each other. Stories admit such reports only through near-identical
  sentences (or a report matching both), so this lists one text told with two places.

Reports from syndicated copies of one text are the same source: only the canonical copy's
side is kept. The speaker of a side is the attributed speaker when the coder found one, else
the outlet (the author's voice).
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from dyads.analysis.rows import DocRow, EventRow, PlaceRow
from dyads.analysis.similarity import places_compatible
from dyads.analysis.stories import Story, outlet_of

QUANTITY_TOLERANCE = 0.25
_POSITIVE = "asserted"
_NEGATIVE = "negated"


@dataclass(frozen=True)
class Side:
    event_id: str
    doc_id: str
    outlet: str
    value: str  # the claim of this side: "20,000 barrels a day", "asserted", "2026-02-06"
    evidence: str
    speaker: str


@dataclass(frozen=True)
class Contradiction:
    contradiction_id: str
    story_id: str
    kind: str  # quantity | modality | date | place
    about: str
    sides: tuple[Side, ...]


def _side(e: EventRow, value: str, docs: Mapping[str, DocRow]) -> Side:
    outlet = outlet_of(docs.get(e.doc_id), e.doc_id)
    return Side(e.event_id, e.doc_id, outlet, value, e.evidence, e.speaker or outlet)


def _make(story: Story, kind: str, about: str, sides: list[Side]) -> Contradiction:
    sides = sorted(sides, key=lambda s: (s.value, s.doc_id, s.event_id))
    key = "|".join([story.story_id, kind, about, *(s.event_id for s in sides)])
    return Contradiction("ct-" + hashlib.sha1(key.encode()).hexdigest()[:16], story.story_id, kind, about, tuple(sides))


def _one_per_doc(sides: list[Side]) -> list[Side]:
    seen: dict[tuple[str, str], Side] = {}
    for s in sides:
        seen.setdefault((s.doc_id, s.value), s)
    return list(seen.values())


def quantity_conflicts(story: Story, members: Sequence[EventRow], docs: Mapping[str, DocRow]) -> list[Contradiction]:
    by_unit: dict[tuple[str, str | None], list[tuple[float, Side]]] = defaultdict(list)
    for e in members:
        for q in e.quantities:
            by_unit[(q.unit, q.per)].append((q.value, _side(e, q.text, docs)))
    out = []
    for (unit, per), vals in sorted(by_unit.items(), key=lambda kv: (kv[0][0], kv[0][1] or "")):
        lo, hi = min(v for v, _ in vals), max(v for v, _ in vals)
        if hi > 0 and (hi - lo) / hi > QUANTITY_TOLERANCE and len({s.doc_id for _, s in vals}) > 1:
            about = f"{unit}" + (f" per {per}" if per else "")
            out.append(_make(story, "quantity", about, _one_per_doc([s for _, s in vals])))
    return out


def modality_conflicts(story: Story, members: Sequence[EventRow], docs: Mapping[str, DocRow]) -> list[Contradiction]:
    pos = [_side(e, _POSITIVE, docs) for e in members if e.modality == _POSITIVE]
    neg = [_side(e, _NEGATIVE, docs) for e in members if e.modality == _NEGATIVE]
    both = {s.doc_id for s in pos} & {s.doc_id for s in neg}  # such a document distinguishes objects itself
    pos, neg = [s for s in pos if s.doc_id not in both], [s for s in neg if s.doc_id not in both]
    if not pos or not neg:
        return []
    return [_make(story, "modality", f"whether {story.cameo} happened", _one_per_doc(pos + neg))]


def date_conflicts(story: Story, members: Sequence[EventRow], docs: Mapping[str, DocRow]) -> list[Contradiction]:
    sides = []
    for e in members:
        doc = docs.get(e.doc_id)
        if e.date and len(e.date) == 10 and doc is not None and doc.date and e.date != doc.date:
            sides.append(_side(e, e.date, docs))
    if len({s.value for s in sides}) < 2 or len({s.doc_id for s in sides}) < 2:
        return []
    return [_make(story, "date", "date of the event", _one_per_doc(sides))]


def place_conflicts(story: Story, members: Sequence[EventRow], docs: Mapping[str, DocRow]) -> list[Contradiction]:
    located = [(e.place, _side(e, _place_text(e.place), docs)) for e in members if e.place is not None]
    clash = {i for i, (p, s) in enumerate(located) for q, t in located
             if s.doc_id != t.doc_id and not places_compatible(p, q)}
    if not clash:
        return []
    return [_make(story, "place", "where it happened", _one_per_doc([located[i][1] for i in sorted(clash)]))]


def _place_text(p: PlaceRow) -> str:
    return f"{p.name} ({p.country})" if p.country else p.name


def find(stories: Sequence[Story], events: Sequence[EventRow], docs: Sequence[DocRow],
         canonical: Mapping[str, str]) -> list[Contradiction]:
    """All contradictions, story by story, skipping syndicated copies (canonical copy kept)."""
    by_event = {e.event_id: e for e in events}
    by_doc = {d.doc_id: d for d in docs}
    out: list[Contradiction] = []
    for story in stories:
        if story.reports < 2:
            continue
        members = [by_event[i] for i in story.event_ids if i in by_event and canonical.get(by_event[i].doc_id, by_event[i].doc_id) == by_event[i].doc_id]
        for check in (quantity_conflicts, modality_conflicts, date_conflicts, place_conflicts):
            out += check(story, members, by_doc)
    return out
