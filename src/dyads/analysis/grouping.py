"""Bounded matching of an event against the story groups open around it (issue 9: bounded cost).

`stories.cluster` and the incremental sweep (`incremental._sweep`) both ask, for each event in
key order: which open group holds the best-matching member? Asked naively that compares the
event with every member of every group of its roots: quadratic when thousands of events share
one dyad, root and day (one long report, or the same wire text reposted all day). Here:

- Members are compared through *representatives*: members that agree on everything
  `similarity.same_happening` and `similarity.evidence_similarity` read (root, date, source, target,
  evidence content words, place) give identical answers, so a group keeps one per such `signature`,
  and at most ``MAX_REPRESENTATIVES`` of them (the most recently seen).
- Groups are found through an index (`GroupIndex`) by the keys a match needs: the dyad up to
  role, the source (a missing target is a wildcard for the same source), and, for near-identical
  evidence (Jaccard >= ``SAME_TEXT``, any actors), the prefix words of the evidence in a fixed
  order (prefix filtering: two word sets that similar share a word among each one's first
  ``n - ceil(t * n) + 1``). Of the open groups found, at most ``MAX_CANDIDATES``, those whose
  first event comes last, are compared.

Invariants. Without the two caps biting, the answer is exactly the naive one (the index finds
a superset of the groups holding a matching member; candidates are compared in creation
order). The caps only bite in oversized buckets; then the answer depends only on each group's
ordered members and on which groups are open, so the full rebuild and the incremental sweep
still agree. Cost per event is at most ``MAX_CANDIDATES * MAX_REPRESENTATIVES`` comparisons,
plus reading at most ``MAX_CANDIDATES`` open groups per key (a closed group is dropped once).
"""

from __future__ import annotations

import math
from bisect import insort
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from dyads.analysis.rows import EventRow, PlaceRow
from dyads.analysis.similarity import (
    SAME_TEXT,
    Reach,
    content_words,
    lowest_day,
    matching_similarity,
    places_compatible,
    week_of,
)

MAX_REPRESENTATIVES = 32
MAX_CANDIDATES = 32
_PREFIX_THRESHOLD = SAME_TEXT - 1e-9  # a hair lower, so float rounding never shortens a prefix

Signature = tuple[str, str | None, frozenset[str], str, str | None, PlaceRow | None]
Key = tuple[str, ...]
SortKey = tuple[bool, str, str]


def signature(e: EventRow) -> Signature:
    """What matching reads of an event: equal signatures, equal answers against any event."""
    return (e.root, e.date, content_words(e.evidence), e.source, e.target, e.place)


def sort_key(e: EventRow) -> SortKey:
    """The sweep order: dated events by (date, event_id), undated ones last."""
    return (e.date is None, e.date or "", e.event_id)


def index_keys(e: EventRow) -> set[Key]:
    """Keys under which a group holding ``e`` is found (see `query_keys`)."""
    keys: set[Key] = {("src", e.source)}
    if e.target:
        keys.add(("pair", *sorted((e.source, e.target))))
    else:
        keys.add(("src-untargeted", e.source))
    keys |= {("word", w) for w in _prefix(e.evidence)}
    return keys


def query_keys(e: EventRow) -> set[Key]:
    """Keys of the groups that may hold a member matching ``e``: same dyad up to role (both
    targeted), same source (either untargeted), or a shared prefix word (near-identical text)."""
    keys: set[Key] = {("word", w) for w in _prefix(e.evidence)}
    if e.target:
        keys |= {("pair", *sorted((e.source, e.target))), ("src-untargeted", e.source)}
    else:
        keys.add(("src", e.source))
    return keys


def _prefix(evidence: str) -> list[str]:
    words = sorted(content_words(evidence))
    return words[:len(words) - math.ceil(_PREFIX_THRESHOLD * len(words)) + 1] if words else []


@dataclass
class MatchStats:
    """Counts pairwise comparisons (`same_happening` calls), for tests and benchmarks."""

    comparisons: int = 0


class StoryGroup:
    """A growing group of events: its ordered members, its representatives, the calendar week of
    its dated members (`similarity.week_of`) and its `Reach` (for closing)."""

    def __init__(self, members: Iterable[EventRow] = ()) -> None:
        self.members: list[EventRow] = []
        self.first: SortKey = (True, "", "")  # `sort_key` of the first member
        self.reps: OrderedDict[Signature, EventRow] = OrderedDict()
        self.keys: set[Key] = set()
        self.reach = Reach()
        self.week: date | None = None
        self.places: set[PlaceRow] = set()  # the distinct places of its located members
        self.indexes: list[GroupIndex] = []
        for m in members:
            self.add(m)

    def add(self, e: EventRow) -> None:
        if not self.members:
            self.first = sort_key(e)
        self.members.append(e)
        self.reach.add(e.date)
        if self.week is None:
            self.week = week_of(e.date)
        if e.place is not None:
            self.places.add(e.place)
        sig = signature(e)
        if sig in self.reps:
            self.reps.move_to_end(sig)
            return
        self.reps[sig] = e
        if len(self.reps) > MAX_REPRESENTATIVES:
            self.reps.popitem(last=False)
        new = index_keys(e) - self.keys
        self.keys |= new
        for index in self.indexes:
            index.register(self, new)

    def span_ok(self, e: EventRow) -> bool:
        """Would the group's dated members stay within one calendar week with ``e`` added
        (`stories.span_ok`)? Every member added through `best_group` was, so the first one's week is
        the group's."""
        week = week_of(e.date)
        return week is None or self.week is None or week == self.week

    def place_ok(self, e: EventRow, sim: float) -> bool:
        """May ``e``, matching a member with evidence similarity ``sim``, join as to place
        (`stories.place_ok`)? Its place agrees with every located member's, or it joins by a
        near-identical sentence (the same report with another place: a contradiction)."""
        return e.place is None or sim >= SAME_TEXT or all(places_compatible(e.place, p) for p in self.places)

    def best_similarity(self, e: EventRow, stats: MatchStats | None = None) -> float | None:
        """The best evidence similarity of a representative that reports the same happening as
        ``e`` (None when none does)."""
        best: float | None = None
        for m in self.reps.values():
            if stats is not None:
                stats.comparisons += 1
            sim = matching_similarity(e, m)
            if sim is not None and (best is None or sim > best):
                best = sim
        return best


class GroupIndex:
    """Groups by `index_keys`, each key's groups kept in creation (first event) order. With
    ``prune``, every event asked about is dated and comes in key order, so a group found closed
    (`Reach.open_at` is monotone) is dropped from the key for good; without it (undated events)
    every group stays a candidate."""

    def __init__(self, prune: bool = True) -> None:
        self.by_key: dict[Key, list[StoryGroup]] = {}
        self.prune = prune

    def register(self, group: StoryGroup, keys: Iterable[Key] | None = None) -> None:
        if keys is None:  # a new group: all its keys, and its later ones as it grows
            group.indexes.append(self)
            keys = group.keys
        for k in keys:
            groups = self.by_key.setdefault(k, [])
            if not groups or groups[-1].first <= group.first:
                groups.append(group)
            else:  # a key the group gained late: its place among the key's groups
                insort(groups, group, key=_first)

    def candidates(self, e: EventRow) -> list[StoryGroup]:
        """Open groups that may hold a member matching ``e``: of those, the ``MAX_CANDIDATES``
        with the latest first event, in creation order. Each key's list is read from its end, so
        the work is bounded by the candidates kept and the closed groups dropped on the way."""
        found: dict[int, StoryGroup] = {}
        for k in query_keys(e):
            for g in self._latest_open(k, e):
                found.setdefault(id(g), g)
        return sorted(found.values(), key=_first)[-MAX_CANDIDATES:]

    def _latest_open(self, key: Key, e: EventRow) -> list[StoryGroup]:
        groups = self.by_key.get(key)
        if not groups:
            return []
        if not self.prune:
            return groups[-MAX_CANDIDATES:]
        d = e.date or ""
        low = lowest_day(d)
        out: list[StoryGroup] = []
        i = len(groups) - 1
        while i >= 0 and len(out) < MAX_CANDIDATES:
            if groups[i].reach.open_at(d, low):
                out.append(groups[i])
            else:
                del groups[i]  # closed for this and every later event; only the scanned tail moves
            i -= 1
        return out


def _first(g: StoryGroup) -> SortKey:
    return g.first


def best_group(e: EventRow, candidates: Iterable[StoryGroup], stats: MatchStats | None = None) -> StoryGroup | None:
    """The first candidate (in the given order) with the best-matching member that may take
    ``e`` without exceeding the span limit or contradicting its places; None when no candidate matches."""
    best, best_sim = None, -1.0
    for g in candidates:
        sim = g.best_similarity(e, stats)
        if sim is not None and sim > best_sim and g.span_ok(e) and g.place_ok(e, sim):
            best, best_sim = g, sim
    return best
