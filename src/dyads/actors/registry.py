"""Actors learned from text, kept across documents of one run (and seeded from the store).

Lookup is by normalised name, so "Kolokoltsev" finds "Vladimir Kolokoltsev" once learned.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from dyads.actors.gazetteer import Entry
from dyads.actors.names import name_key
from dyads.model import Actor


@dataclass
class Registry:
    by_key: dict[str, Actor] = field(default_factory=dict)
    evidence: dict[str, str] = field(default_factory=dict)  # actor_id -> sentence it was learned from
    first_words: set[str] = field(default_factory=set)  # first word of every learned key (prunes lookups)

    def learn(self, actor: Actor, name: str, evidence: str) -> None:
        parts = name.split()
        keys = {name_key(name)}
        if len(parts) > 1:
            keys |= {name_key(parts[-1]), name_key(" ".join(parts[1:]))}
        for key in keys:
            self.by_key.setdefault(key, actor)
            if key:
                self.first_words.add(key.split()[0])
        self.evidence.setdefault(actor.actor_id, evidence)

    def get(self, key: str) -> Actor | None:
        return self.by_key.get(key)

    def lookup(self, text: str) -> list[Entry]:
        actor = self.by_key.get(name_key(text))
        return [Entry(actor, "person")] if actor else []

    def actors(self) -> list[Actor]:
        unique = {a.actor_id: a for a in self.by_key.values()}
        return sorted(unique.values(), key=lambda a: a.actor_id)
