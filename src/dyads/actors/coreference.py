"""In-document coreference: pronouns, definite descriptions ("the minister", "the island",
"the administration"), plural references ("the two sides") and possessive pronouns.

A mixin of `Resolver`. ``recent`` is the list of earlier non-coreferent mentions, in text order;
every resolver here looks back over a bounded window of it, and prefers grammatical subjects."""

from __future__ import annotations

from typing import Protocol

from spacy.tokens import Span, Token

from dyads.actors.gazetteer import Gazetteer
from dyads.model import Actor, Mention

PERSON_PRONOUNS = {"he", "she", "him", "her", "his"}
GROUP_PRONOUNS = {"they", "them", "their"}
THING_PRONOUNS = {"it", "its"}
PLURAL_NOUNS = {"side", "country", "nation", "government", "man", "woman", "leader", "minister", "president",
                "official", "state", "capital", "neighbour", "neighbor", "party"}
PAIR_NOUNS = {"side", "party", "minister", "leader", "president"}  # "the ministers discussed": the two in view
NEUTRAL_PAIR_NOUNS = {"side", "party"}  # the two in view, whether named as people or as states
FOCUS_SECTORS = {"GOV", "MIL", "COP", "LEG", "JUD"}  # "the government", "the army": the country in focus


class MakeMention(Protocol):
    def __call__(self, tokens: list[Token], actor: Actor, how: str, evidence: str = "") -> Mention: ...


class Coreference:
    g: Gazetteer
    _subject_starts: set[int]

    def _sent(self, tok: Token) -> Span:
        raise NotImplementedError

    def _sent_index_of(self, tok: Token) -> int:
        raise NotImplementedError  # the resolver's (the numbering of Mention.sentence_index)

    def _possessor_country(self, mods: list[Token], recent: list[Mention], mk: MakeMention) -> Actor | None:
        for t in mods:
            if t.tag_ == "PRP$" and t.lower_ in ("his", "her", "its", "their"):
                ref = self._coref(t, recent, mk)
                if ref is not None and ref.actor.country:
                    return self.g.countries.get(ref.actor.country)
        return None

    def _plural_reference(self, head: Token, recent: list[Mention]) -> list[Mention]:
        """"the two sides", "both countries", "the two men": the last two distinct actors of that kind."""
        lemma = head.lemma_.lower()
        counted = any(c.lower_ in ("two", "both") for c in head.children)
        # "the parties agreed", "the sides met": plural and definite reads as the two in view
        definite = head.tag_ == "NNS" and lemma in PAIR_NOUNS and any(c.lower_ == "the" for c in head.children)
        if not (counted or definite) or lemma not in PLURAL_NOUNS:
            return []
        # "the two leaders" are people, "both countries" states; "both sides", "the parties" either
        want_person: bool | None = None if lemma in NEUTRAL_PAIR_NOUNS else lemma in ("man", "woman", "leader", "minister", "president", "official")
        # the two in view are the last two that acted: subjects first, then any mention
        window = recent[-20:]
        for pool in ([m for m in window if m.start in self._subject_starts], window):
            found = self._last_two(pool, want_person)
            if found:
                return found
        return []

    @staticmethod
    def _last_two(pool: list[Mention], want_person: bool | None) -> list[Mention]:
        out: list[Mention] = []
        for m in reversed(pool):
            personal = m.actor.kind == "person" or (m.how == "country+agent" and m.actor.sector in FOCUS_SECTORS)
            if want_person is not None and personal != want_person and not (not want_person and m.actor.kind == "country"):
                continue
            key = m.actor.country or m.actor.actor_id
            if all((x.actor.country or x.actor.actor_id) != key for x in out):
                out.append(m)
            if len(out) == 2:
                return out[::-1]
        return []

    def _the_country(self, head: Token, recent: list[Mention]) -> Actor | None:
        """"the country" / "the nation": the one state named in this sentence or the one before (no guess
        when two are)."""
        here = self._sent_index_of(head)
        states = {m.actor.country for m in recent[-12:] if m.actor.kind == "country" and m.actor.country
                  and m.how not in ("coreference",) and here - 1 <= m.sentence_index <= here}
        return self.g.countries.get(states.pop()) if len(states) == 1 else None

    def _recent_country(self, head: Token, recent: list[Mention]) -> Actor | None:
        """The first place named earlier in the same sentence ("In Havana, the government ...", "Kenya has
        agreed to lift a ban on imports from Tanzania, the trade ministry said")."""
        sent_start = self._sent(head).start_char
        for m in recent[-8:]:
            if m.actor.country and m.how in ("alias", "metonym") and m.actor.kind in ("country", "group"):
                if m.start >= sent_start:
                    return self.g.countries.get(m.actor.country)
        return None

    def _leader_country(self, head: Token, recent: list[Mention]) -> Actor | None:
        """"the administration" after "President Trump signed ...": the last-named leader's state."""
        for m in reversed(recent[-40:]):
            if m.actor.kind == "person" and m.actor.sector == "GOV" and m.actor.country:
                return self.g.countries.get(m.actor.country)
        return None

    def _island(self, head: Token, recent: list[Mention]) -> Actor | None:
        """"the island" when an island state was named recently."""
        for m in reversed(recent[-15:]):
            if m.actor.country in self.g.islands:
                return self.g.countries.get(m.actor.country)
        return None

    def _definite(self, title: tuple[str, str, str], country: Actor | None, recent: list[Mention]) -> Mention | None:
        role = title[2]
        for m in reversed(recent[-30:]):
            a = m.actor
            if a.kind != "person" or (country and a.country != country.country):
                continue
            titles = {r.title for r in a.roles}
            if role in titles or title[0] in titles or (role.endswith("minister") and any("minister" in t for t in titles)):
                return m
        return None

    def _coref(self, pron: Token, recent: list[Mention], mk: MakeMention) -> Mention | None:
        low = pron.lower_
        if pron.tag_ == "PRP$" and pron.head.dep_ == "conj" and recent \
                and recent[-1].text.split()[-1] == pron.head.head.text:
            # "Israel and its supporters": the possessive in a conjunct is the conjunct before it
            return mk([pron], recent[-1].actor, "coreference", recent[-1].text)
        if low in PERSON_PRONOUNS:
            # people, and officials named by their office ("the Saudi foreign minister ... he")
            people = [m for m in recent[-12:] if m.actor.kind == "person" or m.how == "organisation+agent"
                      or (m.how == "country+agent" and m.text.lower().split()[-1] in self.g.titles)]
            subjects = [m for m in people if m.start in self._subject_starts]
            # news style: a sentence-initial "He" continues the previous subject
            pool = subjects if subjects and pron.dep_ in ("nsubj", "nsubjpass") else people
            if pool:
                m = pool[-1]
                return mk([pron], m.actor, "coreference", m.text)
        if low == "it" and pron.head.lemma_ == "be" and any(c.dep_ in ("acomp", "ccomp", "xcomp") for c in pron.head.children):
            return None  # "it was too early to discuss": extraposition, not a reference
        if low in THING_PRONOUNS and (pron.dep_ in ("nsubj", "nsubjpass") or low == "its" or pron.tag_ == "PRP$"):
            pool = [m for m in recent[-8:] if m.actor.kind in ("country", "organisation", "group")]
            subjects = [m for m in pool if m.start in self._subject_starts]
            if subjects or pool:
                m = (subjects or pool)[-1]
                return mk([pron], m.actor, "coreference", m.text)
        if low in GROUP_PRONOUNS:
            for m in reversed(recent[-6:]):
                if m.actor.kind in ("group", "country", "organisation"):
                    return mk([pron], m.actor, "coreference", m.text)
        return None
