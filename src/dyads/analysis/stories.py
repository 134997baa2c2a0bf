"""Stories: events from different documents that report the same happening, grouped once.

Two events *match* (`same_happening`) when all of:
- their CAMEO roots are compatible (`similarity.roots_compatible`: equal, or both violence);
- their dates are within ``DATE_WINDOW_DAYS`` (±3), or one is undated and the evidence
  sentences share at least ``UNDATED_EVIDENCE`` (0.25) of their content words;
- and either the evidence sentences are near-identical (Jaccard ≥ ``SAME_TEXT``, 0.6: the same
  sentence in a syndicated copy, whatever actors the coder resolved), or the actors agree up
  to role (`similarity.actors_match`); a missing target is accepted only when the sources are
  the same and the evidence shares at least ``WILDCARD_EVIDENCE`` (0.1) of its content words.
  Places count in the second case only: two located reports match only when their places are
  compatible (`similarity.places_compatible`: not two countries, not two points over
  ``SAME_PLACE_KM``, 50 km, apart), so reports of strikes on two cities are two stories; a
  near-identical sentence that gives another place stays in the story and the conflict is listed
  (`contradictions`, kind ``place``). Joining a story also needs the event's place to agree with
  every located member's (`place_ok`), unless it joins by a near-identical sentence: a report of
  Odesa does not join a Kharkiv story through an Odesa copy of the Kharkiv text.

Clustering is greedy and deterministic: events are visited in (date, event_id) order (undated
last) and each joins the open story holding its best-matching member, provided the story's dated
events then still fall in one calendar week, Monday to Sunday (`similarity.week_of`); otherwise
it starts a new story. The week is fixed by the calendar, not counted from a story's first event,
so a late report can change the stories of its own week only. The `story_id` is a hash of
the story's first event id, so the same input always gives the same ids. The cost per event is
bounded (`dyads.analysis.grouping`): a story is compared through at most 32 distinct members,
and at most 32 open stories that share a key with the event are compared; below those bounds
the result is exactly that of comparing every member of every open story.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from dyads.analysis.grouping import GroupIndex, MatchStats, StoryGroup, best_group, sort_key
from dyads.analysis.rows import DocRow, EventRow
from dyads.analysis.similarity import (
    DATE_WINDOW_DAYS,
    SAME_TEXT,
    UNDATED_EVIDENCE,
    WILDCARD_EVIDENCE,
    places_compatible,
    roots_compatible,
    same_happening,
    week_of,
)


@dataclass(frozen=True)
class Story:
    """One happening and its reports. ``reports`` counts documents; ``independent_reports``
    counts them after collapsing syndicated copies (a wire story on three sites counts once)."""

    story_id: str
    root: str
    cameo: str
    source: str
    target: str | None
    first_date: str | None
    last_date: str | None
    event_ids: tuple[str, ...]
    doc_ids: tuple[str, ...]
    outlets: tuple[str, ...]
    reports: int
    independent_reports: int
    quad_class: int
    goldstein: float
    headline: str

    @property
    def events(self) -> int:
        return len(self.event_ids)


def story_id_for(first_event_id: str) -> str:
    return "st-" + hashlib.sha1(first_event_id.encode("utf-8")).hexdigest()[:16]


def outlet_of(doc: DocRow | None, doc_id: str) -> str:
    """The outlet name; else the URL host; else the document id (each unknown source is distinct)."""
    if doc is not None and doc.outlet:
        return doc.outlet
    if doc is not None and doc.url and "//" in doc.url:
        return doc.url.split("//", 1)[1].split("/", 1)[0]
    return doc_id


def span_ok(members: list[EventRow], e: EventRow) -> bool:
    """Would the day-dated events of ``members`` with ``e`` fall in one calendar week? (the
    reference for `grouping.StoryGroup.span_ok`, which keeps the week instead of rescanning members)"""
    return len({w for w in (week_of(m.date) for m in [*members, e]) if w}) <= 1


def place_ok(members: list[EventRow], e: EventRow, sim: float) -> bool:
    """May ``e``, whose best match among ``members`` has evidence similarity ``sim``, join them as
    to place? Its place is compatible with every located member's, or it joins by a near-identical
    sentence (the reference for `grouping.StoryGroup.place_ok`, which keeps the distinct places)."""
    return e.place is None or sim >= SAME_TEXT or all(m.place is None or places_compatible(e.place, m.place)
                                                      for m in members)


def cluster(events: Sequence[EventRow], stats: MatchStats | None = None) -> list[list[EventRow]]:
    """Group events into happenings (see module docstring). Input order does not matter.

    Each event is compared only with the groups `grouping.GroupIndex` finds for it: groups of its
    root class sharing a key a match needs, and for a dated event only those still open
    (`similarity.Reach`), so the cost follows the stories near each date, not the whole
    history; within them at most ``grouping.MAX_CANDIDATES`` groups and
    ``grouping.MAX_REPRESENTATIVES`` members each. Undated events come last and may join any
    group of their roots. ``stats`` counts the comparisons made."""
    groups: list[StoryGroup] = []
    open_index: dict[tuple[str, ...], GroupIndex] = defaultdict(GroupIndex)
    all_index: dict[tuple[str, ...], GroupIndex] = defaultdict(lambda: GroupIndex(prune=False))
    for e in sorted(events, key=sort_key):
        cls = root_class(e.root)
        index = open_index[cls] if e.date is not None else all_index[cls]
        best = best_group(e, index.candidates(e), stats)
        if best is None:
            best = StoryGroup([e])
            groups.append(best)
            open_index[cls].register(best)
            all_index[cls].register(best)
        else:
            best.add(e)
    return [g.members for g in groups]


def _compatible_roots(root: str) -> set[str]:
    return {r for r in (f"{i:02d}" for i in range(1, 21)) if r != root and roots_compatible(root, r)}


def root_class(root: str) -> tuple[str, ...]:
    """The roots whose events may share a story with ``root`` (itself included), sorted."""
    return tuple(sorted({root, *_compatible_roots(root)}))


def summarise(members: Sequence[EventRow], docs: Mapping[str, DocRow], canonical: Mapping[str, str]) -> Story:
    """Describe one group of events as a `Story` (the first member fixes the id)."""
    first = members[0]
    pairs: list[tuple[str, str | None]] = [(m.source, m.target) for m in members if m.target]
    dyads = Counter(pairs or [(m.source, m.target) for m in members])
    (source, target), _ = max(dyads.items(), key=lambda kv: (kv[1], str(kv[0])))
    cameo = max(Counter(m.cameo for m in members).items(), key=lambda kv: (kv[1], kv[0]))[0]
    doc_ids = tuple(sorted({m.doc_id for m in members}))
    dates = sorted(m.date for m in members if m.date)
    outlets = tuple(sorted({outlet_of(docs.get(d), d) for d in doc_ids}))
    return Story(
        story_id=story_id_for(first.event_id), root=cameo[:2], cameo=cameo, source=source, target=target,
        first_date=dates[0] if dates else None, last_date=dates[-1] if dates else None,
        event_ids=tuple(m.event_id for m in members), doc_ids=doc_ids, outlets=outlets, reports=len(doc_ids),
        independent_reports=len({canonical.get(d, d) for d in doc_ids}),
        quad_class=max(Counter(m.quad_class for m in members).items(), key=lambda kv: (kv[1], -kv[0]))[0],
        goldstein=round(sum(m.goldstein for m in members) / len(members), 2), headline=first.evidence,
    )


def build_stories(events: Sequence[EventRow], docs: Sequence[DocRow], canonical: Mapping[str, str]) -> list[Story]:
    """All stories, most reported first (ties by first date, then id)."""
    by_id = {d.doc_id: d for d in docs}
    stories = [summarise(g, by_id, canonical) for g in cluster(events)]
    return sorted(stories, key=lambda s: (-s.independent_reports, -s.reports, s.first_date or "~", s.story_id))


__all__ = ["DATE_WINDOW_DAYS", "SAME_TEXT", "UNDATED_EVIDENCE", "WILDCARD_EVIDENCE", "Story",
           "build_stories", "cluster", "place_ok", "root_class", "same_happening", "span_ok", "story_id_for"]
