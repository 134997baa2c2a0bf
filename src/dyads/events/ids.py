"""Stable event ids: a hash of the parts that make an event the same event across runs."""

from __future__ import annotations

import hashlib

from dyads.model import Event


def event_id(doc_id: str, *parts: object) -> str:
    h = hashlib.sha1("\x1f".join([doc_id, *map(str, parts)]).encode("utf-8")).hexdigest()
    return f"ev-{h[:16]}"


def id_of(ev: Event) -> str:
    """The stable id of an event from its parts (the same formula the coder uses when it builds one)."""
    t = ev.target
    return event_id(ev.doc_id, ev.evidence.trigger.start, ev.source.start, ev.source.actor.actor_id,
                    t.start if t else -1, t.actor.actor_id if t else "", ev.code.code)
