"""Matching a user's actor argument against events: an `ActorMatch` from the one matcher
(`dyads.store.actor_match.resolve`, what every front end passes), or for library callers a plain
country code, actor id or actor-code prefix."""

from __future__ import annotations

from dyads.analysis.rows import EventRow
from dyads.store.actor_match import ActorMatch

ActorQuery = str | ActorMatch


def side_matches(query: ActorQuery, key: str | None, actor_id: str | None, code: str | None) -> bool:
    """``USA`` matches the country USA, code USAGOV; ``pemex`` matches the actor id pemex."""
    if isinstance(query, ActorMatch):
        return query.matches(key, actor_id, code)
    if not query:
        return False
    q = query.upper()
    return (key is not None and key.upper() == q) or (actor_id is not None and actor_id.lower() == query.lower()) \
        or (code is not None and code.upper().startswith(q))


def source_is(e: EventRow, query: ActorQuery) -> bool:
    return side_matches(query, e.source, e.source_actor_id, e.source_code)


def target_is(e: EventRow, query: ActorQuery) -> bool:
    return e.target is not None and side_matches(query, e.target, e.target_actor_id, e.target_code)


def involves(e: EventRow, query: ActorQuery) -> bool:
    return source_is(e, query) or target_is(e, query)
