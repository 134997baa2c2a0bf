"""Per-actor profile: what it does to whom, what is done to it, and its top stories."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from dyads.analysis.rows import EventRow
from dyads.analysis.select import ActorQuery, source_is, target_is
from dyads.analysis.stories import Story


@dataclass(frozen=True)
class Relation:
    counterpart: str  # "-" when the event has no target
    root: str
    events: int
    stories: int
    goldstein_sum: float


@dataclass(frozen=True)
class ActorProfile:
    actor: str
    events: int
    does: tuple[Relation, ...]  # the actor as source
    done_to: tuple[Relation, ...]  # the actor as target
    top_stories: tuple[Story, ...]


def _relations(events: Sequence[EventRow], other: str, story_of: Mapping[str, str]) -> tuple[Relation, ...]:
    groups: dict[tuple[str, str], list[EventRow]] = defaultdict(list)
    for e in events:
        cp = (e.target or "-") if other == "target" else e.source
        groups[(cp, e.root)].append(e)
    rels = [Relation(cp, root, len(es), len({story_of.get(e.event_id, e.event_id) for e in es}),
                     round(sum(e.goldstein for e in es), 2)) for (cp, root), es in groups.items()]
    return tuple(sorted(rels, key=lambda r: (-r.stories, -r.events, r.counterpart, r.root)))


def profile(events: Sequence[EventRow], stories: Sequence[Story], actor: ActorQuery, top: int = 10) -> ActorProfile:
    """``actor`` is a country code, an actor id or an actor-code prefix (see `select.side_matches`)."""
    story_of = {e: s.story_id for s in stories for e in s.event_ids}
    as_source = [e for e in events if source_is(e, actor)]
    as_target = [e for e in events if target_is(e, actor)]
    ids = {e.event_id for e in as_source} | {e.event_id for e in as_target}
    mine = [s for s in stories if ids.intersection(s.event_ids)]
    mine.sort(key=lambda s: (-s.independent_reports, -s.reports, s.first_date or "~", s.story_id))
    return ActorProfile(str(actor), len(ids), _relations(as_source, "target", story_of), _relations(as_target, "source", story_of),
                        tuple(mine[:top]))
