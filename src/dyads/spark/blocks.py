"""Story clustering split into independent blocks, so each block can run on its own executor.

`dyads.analysis.stories.cluster` only ever compares an event with stories whose events have a
compatible CAMEO root (`similarity.roots_compatible`: equal roots, or two kinds of violence). The
roots therefore fall into classes closed under compatibility (each root alone; 18/19/20 together),
and clustering each class separately, in the same (date, event_id) order, gives exactly the groups
of clustering everything at once. Blocking by dyad as well would not: two events with the same
evidence text match whatever actors the coder resolved.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from dyads.analysis.rows import DocRow, EventRow
from dyads.analysis.similarity import roots_compatible
from dyads.analysis.stories import Story, summarise

ROOTS = tuple(f"{i:02d}" for i in range(1, 21))


def _root_classes() -> dict[str, str]:
    """root -> the smallest root of its compatibility class (transitive closure by union-find)."""
    parent = {r: r for r in ROOTS}

    def find(r: str) -> str:
        while parent[r] != r:
            r = parent[r]
        return r

    for a in ROOTS:
        for b in ROOTS:
            if a < b and roots_compatible(a, b):
                ra, rb = find(a), find(b)
                parent[max(ra, rb)] = min(ra, rb)
    return {r: find(r) for r in ROOTS}


ROOT_CLASS = _root_classes()


def block_key(event: EventRow) -> str:
    """The clustering block of an event: its root's class (an unknown root is its own block)."""
    return ROOT_CLASS.get(event.root, event.root)


def stories_from_groups(groups: Iterable[Sequence[EventRow]], docs: Sequence[DocRow], canonical: Mapping[str, str]) -> list[Story]:
    """Stories from clustered groups, in the order `stories.build_stories` gives."""
    by_id = {d.doc_id: d for d in docs}
    stories = [summarise(g, by_id, canonical) for g in groups]
    return sorted(stories, key=lambda s: (-s.independent_reports, -s.reports, s.first_date or "~", s.story_id))
