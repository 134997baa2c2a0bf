"""People learned from text (titles, appositions), for resolving later mentions by name.

Lookup is by normalised name, so "Kolokoltsev" finds "Vladimir Kolokoltsev" once learned.

Invariant (order independence): a document's actors depend only on its own text and on what the
store knew when the run began, never on which documents of the same run came before it. So the
registry keeps three things apart:
- ``known``: people learned in earlier runs (seeded from the store), read by every document;
- the current document's layer: what this document taught, read by this document only;
- ``run``: every person learned in this run, merged by actor id (`merge_actor`), written to the store.
One process reading the documents in any order, and Spark partitions each with its own registry,
therefore give the same events, and the run's actors merge to the same rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from dyads.actors.gazetteer import Entry
from dyads.actors.names import name_key
from dyads.model import Actor


def merge_actor(first: Actor, later: Actor) -> Actor:
    """``first`` completed by ``later`` (same actor id): country, sector and code when ``first`` has
    none, and the union of aliases and roles (``first``'s order, then ``later``'s new ones)."""
    merged = first
    if not first.country and later.country:
        merged = replace(merged, country=later.country, sector=later.sector or first.sector, code=later.code or first.code)
    known_aliases = {name_key(a) for a in merged.aliases}
    aliases = merged.aliases + tuple(a for a in later.aliases if name_key(a) not in known_aliases)
    roles = merged.roles + tuple(r for r in later.roles if r not in merged.roles)
    return replace(merged, aliases=aliases, roles=roles)


def _keys(name: str) -> set[str]:
    """Keys a learned name is found by: the whole name, the surname, the name without its first word."""
    parts = name.split()
    keys = {name_key(name)}
    if len(parts) > 1:
        keys |= {name_key(parts[-1]), name_key(" ".join(parts[1:]))}
    return {k for k in keys if k}


@dataclass
class _Layer:
    by_key: dict[str, Actor] = field(default_factory=dict)
    first_words: set[str] = field(default_factory=set)  # first word of every key (prunes lookups)

    def add(self, actor: Actor, name: str) -> None:
        for key in _keys(name):
            self.by_key.setdefault(key, actor)
            self.first_words.add(key.split()[0])


@dataclass
class Registry:
    known: _Layer = field(default_factory=_Layer)
    document: _Layer = field(default_factory=_Layer)
    run: dict[str, Actor] = field(default_factory=dict)  # actor_id -> merged actor learned in this run
    evidence: dict[str, str] = field(default_factory=dict)  # actor_id -> sentence it was first learned from

    def seed(self, actor: Actor, name: str) -> None:
        """A person learned in an earlier run (visible to every document)."""
        self.known.add(actor, name)

    def begin_document(self) -> None:
        """Forget what the previous document taught (it stays in ``run``, for the store)."""
        self.document = _Layer()

    def learn(self, actor: Actor, name: str, evidence: str) -> None:
        """A person the current document taught."""
        self.document.add(actor, name)
        prior = self.run.get(actor.actor_id)
        self.run[actor.actor_id] = actor if prior is None else merge_actor(prior, actor)
        self.evidence.setdefault(actor.actor_id, evidence)

    def may_start(self, word: str) -> bool:
        """Could a learned name start with ``word``? (a cheap test before normalising a phrase)"""
        return word in self.document.first_words or word in self.known.first_words

    def get(self, key: str) -> Actor | None:
        return self.document.by_key.get(key) or self.known.by_key.get(key)

    def lookup(self, text: str) -> list[Entry]:
        actor = self.get(name_key(text))
        return [Entry(actor, "person")] if actor else []

    def actors(self) -> list[Actor]:
        """The people learned in this run (merged by id), for the store."""
        return sorted(self.run.values(), key=lambda a: a.actor_id)
