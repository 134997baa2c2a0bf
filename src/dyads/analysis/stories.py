"""Stories: events from different documents that report the same happening, grouped once.

Two events *match* (`same_happening`) when all of:
- their CAMEO roots are compatible (`similarity.roots_compatible`: equal, or both violence);
- their dates are within ``DATE_WINDOW_DAYS`` (±3), or one is undated and the evidence
  sentences share at least ``UNDATED_EVIDENCE`` (0.25) of their content words;
- and either the evidence sentences are near-identical (Jaccard ≥ ``SAME_TEXT``, 0.6: the same
  sentence in a syndicated copy, whatever actors the coder resolved), or the actors agree up
  to role (`similarity.actors_match`); a missing target is accepted only when the sources are
  the same and the evidence shares at least ``WILDCARD_EVIDENCE`` (0.1) of its content words.

Clustering is greedy and deterministic: events are visited in (date, event_id) order (undated
last) and each joins the open story holding its best-matching member, provided the story then
spans at most ``MAX_SPAN_DAYS``; otherwise it starts a new story. The `story_id` is a hash of
the story's first event id, so the same input always gives the same ids.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from dyads.analysis.rows import DocRow, EventRow
from dyads.analysis.similarity import (
    DATE_WINDOW_DAYS,
    Reach,
    actors_match,
    dates_compatible,
    evidence_similarity,
    lowest_day,
    parse_date,
    roots_compatible,
)

SAME_TEXT = 0.6
UNDATED_EVIDENCE = 0.25
WILDCARD_EVIDENCE = 0.1
MAX_SPAN_DAYS = 7


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


def same_happening(a: EventRow, b: EventRow) -> bool:
    return happening_similarity(a, b) is not None


def happening_similarity(a: EventRow, b: EventRow) -> float | None:
    """`evidence_similarity` of two events that match (`same_happening`), None when they do not:
    clustering needs both, and the similarity is the costly part (computed once here)."""
    if not roots_compatible(a.root, b.root):
        return None
    dated = dates_compatible(a.date, b.date)
    if dated is False:
        return None
    sim = evidence_similarity(a, b)
    if dated is None and sim < UNDATED_EVIDENCE:
        return None
    if sim >= SAME_TEXT:
        return sim
    if not actors_match(a, b):
        return None
    return sim if a.target and b.target or sim >= WILDCARD_EVIDENCE else None


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
    days = [d for d in (parse_date(m.date) for m in [*members, e]) if d]
    return not days or (max(days) - min(days)).days <= MAX_SPAN_DAYS


def cluster(events: Sequence[EventRow]) -> list[list[EventRow]]:
    """Group events into happenings (see module docstring). Input order does not matter.

    A dated event is compared only with groups that can still match it: groups whose every
    member is too old (`similarity.may_match_later`) are dropped from their root's open list for
    good, so the cost follows the stories near each date, not the whole history. Undated
    events come last and are compared with every group of their roots."""
    ordered = sorted(events, key=lambda e: (e.date is None, e.date or "", e.event_id))
    groups: list[list[EventRow]] = []
    reach: list[Reach] = []
    by_root: dict[str, list[int]] = defaultdict(list)
    open_by_root: dict[str, list[int]] = defaultdict(list)
    for e in ordered:
        roots = {e.root, *_compatible_roots(e.root)}
        if e.date is None:
            cand = sorted(i for r in roots for i in by_root[r])
        else:
            day, low = e.date, lowest_day(e.date)
            for r in roots:
                open_by_root[r] = [i for i in open_by_root[r] if reach[i].open_at(day, low)]
            cand = sorted(i for r in roots for i in open_by_root[r])
        best, best_sim = -1, -1.0
        for i in cand:
            members = groups[i]
            sims = [x for m in members if (x := happening_similarity(e, m)) is not None]
            if sims and max(sims) > best_sim and span_ok(members, e):
                best, best_sim = i, max(sims)
        if best < 0:
            best = len(groups)
            groups.append([e])
            reach.append(Reach())
            by_root[e.root].append(best)
            open_by_root[e.root].append(best)
        else:
            groups[best].append(e)
        reach[best].add(e.date)
    return groups


def _compatible_roots(root: str) -> set[str]:
    return {r for r in (f"{i:02d}" for i in range(1, 21)) if r != root and roots_compatible(root, r)}


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


__all__ = ["DATE_WINDOW_DAYS", "Story", "build_stories", "cluster", "happening_similarity", "same_happening", "story_id_for"]
