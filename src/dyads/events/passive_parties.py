"""Passives that name their parties though not their doer.

"An agreement was signed between India and Sri Lanka" (both sides, each to the other), "rockets were
fired from Lebanon" (a projectile's origin is who fired it), "the envoy was summoned to the Foreign
Ministry" (an envoy is summoned by the state it serves in). Each is a fact of how such acts are
reported, read from the passive's own phrases; a passive naming none of them has no source.

Reads: the passive verb and a token -> actor lookup. Writes: (source mentions, how they were found).
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from dyads.events.pairs import actor_key
from dyads.events.syntax import children, preps_of, with_conjuncts
from dyads.model import Mention

# verbs of sending a projectile: in the passive, "from X" names where it was fired from, so who fired it
PROJECTILE_VERBS = {"fire", "launch", "shoot", "lob"}
SUMMON_VERBS = {"summon", "call", "convoke"}  # "the ambassador was summoned/called in": by the host state


def parties_of_passive(verb: Token, actor_of: Callable[[Token], Mention | None]) -> tuple[list[Mention], str]:
    """A passive names no doer, but its phrase may name the parties: "an agreement was signed between
    India and Sri Lanka" (both sides, each to the other), "rockets were fired from Lebanon" (a
    projectile's origin is who fired it)."""
    holders = [verb, *children(verb, "nsubjpass")]
    for h in holders:
        for prep, o in preps_of(h):
            if prep != "between":
                continue
            found = [m for oc in with_conjuncts(o) if (m := actor_of(oc)) is not None and m.how != "agent"]
            if len({actor_key(m) for m in found}) >= 2:
                return found, "between"
    envoys = [m for e in children(verb, "nsubjpass") if (m := actor_of(e)) is not None and m.actor.country]
    if verb.lemma_.lower() in SUMMON_VERBS and envoys:
        # an envoy is summoned by the state it serves in: the ministry it was called to, or its post
        own = envoys[0].actor.country
        called_to = [o for prep, o in preps_of(verb) if prep == "to"]  # "to the Foreign Ministry (in Islamabad)"
        posts = called_to + [x for o in called_to for prep, x in preps_of(o) if prep == "in"] + \
            [o for e in children(verb, "nsubjpass") for prep, o in preps_of(e) if prep == "in"]
        for o in posts:
            m = actor_of(o)
            if m is not None and m.actor.country and m.actor.country != own:
                return [m], "envoy-host"
    if verb.lemma_.lower() in PROJECTILE_VERBS:
        for prep, o in preps_of(verb):
            if prep == "from" and (m := actor_of(o)) is not None and m.actor.kind == "country":
                return [m], "passive-origin"
    return [], "passive-no-agent"
