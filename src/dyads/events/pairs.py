"""Candidate actor pairs in a sentence, for the learned classifier.

One definition serves training (tools/train_root_model.py) and coding, so the model sees at
run time exactly the kind of pairs it was trained on.

Reads: a sentence's character range and the document's actor mentions.
Writes: `Candidate`s — ordered (source, target) pairs of distinct actors that can stand in a
political dyad.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from dyads.model import Mention

MAX_MENTIONS = 8  # a sentence naming more actors than this is a list; its pairs are not read


@dataclass(frozen=True)
class Candidate:
    source: Mention
    target: Mention
    sentence_start: int
    sentence_end: int


def actor_key(m: Mention) -> str:
    """What the dyad is about: the country, or the organisation for bodies with none."""
    return m.actor.country or m.actor.actor_id


def can_act(m: Mention) -> bool:
    """Actors a dyad can name: a state or one of its agents, or an international body."""
    return bool(m.actor.country) or m.actor.sector == "IGO" or m.actor.kind == "organisation"


def candidates(mentions: Sequence[Mention], start: int, end: int) -> list[Candidate]:
    inside: list[Mention] = []
    for m in mentions:
        if start <= m.start and m.end <= end and can_act(m):
            if any(m.start < o.end and o.start < m.end for o in inside):
                continue  # one phrase, one actor: the first reading wins
            inside.append(m)
    if len(inside) > MAX_MENTIONS:
        return []
    out: list[Candidate] = []
    for a in inside:
        for b in inside:
            if a is not b and actor_key(a) != actor_key(b):  # identity: same object
                out.append(Candidate(a, b, start, end))
    return out
