"""The incremental story sweep of one root class around its changed keys (`incremental`'s module
doc, steps 1-3): the stored stories near the changes cut into the sweep's state, the segments,
and the shortcut that lets most unchanged events keep their stored story without a match test.

Invariant: `sweep` gives the groups `stories.cluster` would give over the class's events now,
given that the stored stories are what it gave before the change.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date

from dyads.analysis import grouping
from dyads.analysis.grouping import GroupIndex, StoryGroup, best_group
from dyads.analysis.rows import EventRow
from dyads.analysis.similarity import lowest_day, may_match_later
from dyads.analysis.stories import story_id_for

Key = tuple[str, str]  # (date, event_id) of a dated event


class Group(StoryGroup):
    """A group of the sweep, and the stored story it is a prefix of (``stored``) while ``clean``."""

    def __init__(self, members: list[EventRow], stored: str | None, clean: bool = True) -> None:
        super().__init__(members)
        self.stored, self.clean = stored, clean


def key_of(e: EventRow) -> Key:
    return (e.date or "", e.event_id)


class StoredStories:
    """The stored stories near a class's changed keys (every story with a member that may still
    match at some changed key; W's own events left out). `at(k0)` cuts them into the sweep state
    for a segment starting at k0."""

    def __init__(self, members: dict[str, list[EventRow]]) -> None:
        self.stories = {sid: sorted(m, key=key_of) for sid, m in members.items()}

    def at(self, k0: Key) -> list[Group]:
        """Stored stories with an open member at k0, cut at k0, in creation order."""
        groups = []
        for sid, members in self.stories.items():
            cut = [m for m in members if key_of(m) < k0]
            if any(may_match_later(m.date or "", k0[0]) for m in cut):
                groups.append(Group(cut, sid))
        return sorted(groups, key=lambda g: key_of(g.members[0]))


class Dirty:
    """The groups of one segment that differ from the stored sweep ("dirty": not clean, or their
    stored story broken), so that most unchanged events skip `best_group` (the sweep's main cost).

    Why an unchanged event keeps its stored story when no dirty candidate (open group under its
    query keys) could take it (matches it within the span limit). A clean unbroken group equals
    its stored story cut at the event (same members, so the same representatives, reach, span,
    keys and first event). The stored sweep's candidates were these clean groups, plus stories
    whose group here is dirty: an unbroken one's earlier members all joined its group here, so
    that group is a candidate too (counted in ``cands``), and the broken ones (at most
    ``len(seg_broken)``). While both lists stay under `grouping.MAX_CANDIDATES` no cap bites; the
    stored choice was the first best match of the stored list, so it is also the first best
    match of the clean groups here (or none matched), and the dirty candidates here cannot take
    the event. Dirtiness is monotone: ``clean`` only turns False, ``broken`` only grows."""

    def __init__(self, broken: set[str]) -> None:
        self.broken = broken  # shared with the sweep, across segments
        self.seg_broken: set[str] = set()  # broken stories that may be open in this segment
        self.open: list[Group] = []  # dirty groups not yet found closed
        self.dirty: set[int] = set()
        self.by_stored: dict[str, Group] = {}

    def track(self, g: Group) -> None:
        """A group joins the segment (the stored stories cut at its start, or a new group)."""
        if g.stored is not None:
            self.by_stored.setdefault(g.stored, g)
            if g.stored in self.broken:
                self.seg_broken.add(g.stored)
        if not g.clean or g.stored in self.broken:
            self.mark(g)

    def mark(self, g: Group) -> None:
        if id(g) not in self.dirty:
            self.dirty.add(id(g))
            self.open.append(g)

    def grew(self, g: Group) -> None:
        if not g.clean:
            self.mark(g)

    def brk(self, sid: str) -> None:
        self.broken.add(sid)
        self.seg_broken.add(sid)
        g = self.by_stored.get(sid)
        if g is not None:
            self.mark(g)

    def converged(self, d: str, low: date | None) -> bool:
        """No dirty group is still open at date ``d`` (closed groups take no later event)."""
        self.open = [g for g in self.open if g.reach.open_at(d, low)]
        return not self.open

    def stored_choice(self, e: EventRow, sid: str | None, cands: list[StoryGroup]) -> tuple[bool, Group | None]:
        """(True, the stored sweep's choice: the group of the event's stored story, or None for a
        new group) when that choice provably stands; (False, None) when `best_group` must decide."""
        if sid is None or len(cands) + len(self.seg_broken) >= grouping.MAX_CANDIDATES:
            return False, None
        for c in cands:
            if id(c) in self.dirty and (sim := c.best_similarity(e)) is not None and c.span_ok(e) and c.place_ok(e, sim):
                return False, None
        g = self.by_stored.get(sid)
        if g is not None:
            return id(g) not in self.dirty and any(c is g for c in cands), g  # identity: same object
        return sid == story_id_for(e.event_id), None


FAST_PATH = True  # off: every event takes `best_group` (tests compare the two)


def sweep(new: list[Key], removed: list[tuple[Key, str]], stored: StoredStories,
          ahead: Callable[[Key], Iterator[tuple[EventRow, str | None]]]) -> tuple[set[str], list[list[EventRow]]]:
    """Re-sweep one dated class around its changed keys (`incremental`'s module doc, steps 1-3;
    ``ahead(k)``: the class's events from key k on, with their stored story), in segments:
    a segment starts at the first changed key not yet swept and ends at the first unchanged event
    where every open group is clean; the next segment starts at the next changed key.
    Returns (stored story ids to drop, groups to write)."""
    changed = sorted(set(new) | {k for k, _ in removed})
    gone = sorted(removed)
    broken: set[str] = set()  # stored stories that lost a member or lent one to another group
    out: list[Group] = []
    i = r = 0  # next changed key not yet passed; next removed event not yet passed
    while i < len(changed):
        groups = stored.at(changed[i])
        dirty = Dirty(broken)
        index = GroupIndex()
        for g in groups:
            index.register(g)
            dirty.track(g)
        converged = False
        for e, sid in ahead(changed[i]):
            k = key_of(e)
            while r < len(gone) and gone[r][0] < k:
                dirty.brk(gone[r][1])
                r += 1
            while i < len(changed) and changed[i] < k:
                i += 1
            d = e.date or ""
            if dirty.converged(d, lowest_day(d)) and (i == len(changed) or changed[i] != k):
                converged = True
                break
            cands = index.candidates(e)
            fast, found = dirty.stored_choice(e, sid, cands) if FAST_PATH else (False, None)
            if not fast:  # the same choice as `stories.cluster` makes
                picked = best_group(e, cands)
                assert picked is None or isinstance(picked, Group)  # the index holds this sweep's groups only
                found = picked
            if found is None:
                starts = sid is not None and sid == story_id_for(e.event_id)
                best = Group([e], sid if starts else None, clean=starts)
                groups.append(best)
                index.register(best)
                dirty.track(best)
            else:
                best = found
                best.add(e)
                best.clean = best.clean and sid is not None and sid == best.stored
                dirty.grew(best)
            if sid is not None and sid != best.stored:
                dirty.brk(sid)
        if not converged:  # the class ran out of events: every change is behind us
            broken |= {sid for _, sid in gone[r:]}
            i = len(changed)
        # groups still clean here are stored stories that stand (a later segment reloads any it touches)
        out += [g for g in groups if not g.clean or g.stored in broken]
    drop = set(broken) | {g.stored for g in out if g.stored}
    return drop, [g.members for g in out]
