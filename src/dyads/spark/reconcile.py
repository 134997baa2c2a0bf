"""Learned actors from many partitions made one: merged by normalised name.

Each partition learns people (from titles and appositions) in its own `Registry`. A learned
actor's id is ``learned:`` + the slug of its normalised name (`dyads.actors.names.name_key`), so
two partitions that learned "Díaz-Canel" and "Diaz Canel" produce the same id. Merging keeps the
first partition's actor (the one the single-process ingest, reading in the same order, would have
kept) and fills what it lacks from later ones (`dyads.actors.registry.merge_actor`, the merge the
single-process registry makes document by document). Dictionary actors are identical everywhere; the first copy is kept.
"""

from __future__ import annotations

from collections.abc import Iterable

from dyads.actors.registry import merge_actor
from dyads.model import Actor


def reconcile(partitions: Iterable[tuple[Iterable[Actor], dict[str, str]]]) -> tuple[list[Actor], dict[str, str]]:
    """Partitions' (actors, evidence) in input order → one actor per id, and the first evidence for each."""
    merged: dict[str, Actor] = {}
    evidence: dict[str, str] = {}
    for actors, ev in partitions:
        for actor in actors:
            prior = merged.get(actor.actor_id)
            merged[actor.actor_id] = actor if prior is None else (
                merge_actor(prior, actor) if actor.how not in ("dictionary", "user") else prior)
        for actor_id, sentence in ev.items():
            evidence.setdefault(actor_id, sentence)
    return sorted(merged.values(), key=lambda a: a.actor_id), evidence
