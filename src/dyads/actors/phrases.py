"""Reading actor noun phrases: modifiers, office titles, sector nouns, and the state a phrase names.

A mixin of `Resolver` (it reads the gazetteer and the per-document entity list only)."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from dyads.actors.gazetteer import Entry, Gazetteer
from dyads.model import Actor

MODIFIER_DEPS = {"compound", "amod", "poss", "nmod", "nummod"}
Base = dict[int, tuple[Span, Entry]]  # token index -> (dictionary match, chosen entry)


class PhraseReading:
    g: Gazetteer
    _ents: list[Span]

    def _modifiers(self, head: Token) -> list[Token]:
        out: list[Token] = []
        stack = [head]
        while stack:
            t = stack.pop()
            for child in t.lefts:
                if child.dep_ in MODIFIER_DEPS or (child.dep_ == "det" and child.tag_ == "PRP$"):
                    out.append(child)
                    stack.append(child)
        return sorted(out, key=lambda t: t.i)

    def _title_of(self, tokens: list[Token]) -> tuple[str, str, str] | None:
        """Longest title phrase among consecutive tokens: (title, sector, role)."""
        words = [t.text.lower() for t in tokens]
        best: tuple[str, str, str] | None = None
        for a in range(len(words)):
            for b in (len(words),):  # the title ends the phrase: "executive order" is not an executive
                phrase = " ".join(words[a:b])
                hit = self.g.titles.get(phrase) or self.g.titles.get(phrase.rstrip("s"))
                if hit and (best is None or len(phrase) > len(best[0])):
                    best = (phrase, hit[0], hit[1])
        return best

    def _agent_sector(self, tokens: list[Token]) -> str | None:
        lemmas = [t.lemma_.lower() for t in tokens]
        texts = [t.lower_ for t in tokens]
        for a in range(len(tokens)):
            for words in (lemmas, texts):  # "forces" is listed as written, "soldier" as a lemma
                phrase = " ".join(words[a:])
                if phrase in self.g.agents:
                    return self.g.agents[phrase]
        return None

    def _country_in(self, tokens: list[Token], base: Base) -> Actor | None:
        for t in tokens:
            hit = base.get(t.i)
            if hit is None:
                continue
            actor = hit[1].actor
            if hit[1].capacity in ("name", "adjective", "metonym", "demonym", "place") and actor.country:
                return self.g.countries.get(actor.country, actor)
            if actor.country and actor.kind == "organisation":
                return self.g.countries.get(actor.country)
        return None

    @staticmethod
    def _pp_objects(head: Token, preps: set[str]) -> list[Token]:
        """The objects of ``head``'s prepositions among ``preps`` ("the government in Havana": Havana)."""
        return [obj for child in head.rights if child.dep_ == "prep" and child.lower_ in preps
                for obj in child.children if obj.dep_ == "pobj"]

    def _pp_country(self, head: Token, base: Base, preps: set[str]) -> Actor | None:
        for obj in self._pp_objects(head, preps):
            found = self._country_in([obj, *self._modifiers(obj)], base)
            if found:
                return found
        return None

    def _pp_countries(self, head: Token, base: Base, preps: set[str]) -> list[Actor]:
        """Every state named by the object of one of ``preps`` and its conjuncts ("from Nepal and Bhutan"),
        when there are two or more."""
        out: list[Actor] = []
        for obj in self._pp_objects(head, preps):
            for o in [obj, *obj.conjuncts]:
                found = self._country_in([o, *self._modifiers(o)], base)
                if found is not None and all(found.actor_id != x.actor_id for x in out):
                    out.append(found)
        return out if len(out) > 1 else []

    def _coordinated_countries(self, mods: list[Token], base: Base) -> list[Actor]:
        out: list[Actor] = []
        for t in mods:
            for c in t.conjuncts:
                found = self._country_in([c], base)
                if found is not None and c.i > t.i and all(found.actor_id != o.actor_id for o in out):
                    out.append(found)
        return out

    def _pp_coordinated(self, head: Token, base: Base, first: Actor) -> list[Actor]:
        """"the foreign ministers of Congo and Rwanda": the other states after "of X and"."""
        out: list[Actor] = []
        for child in head.rights:
            if child.dep_ == "prep" and child.lower_ == "of":
                for obj in child.children:
                    if obj.dep_ != "pobj":
                        continue
                    for c in [obj, *obj.conjuncts]:  # the parser may hang "and Rwanda" as a second object
                        found = self._country_in([c], base)
                        if found is not None and found.actor_id != first.actor_id and found not in out:
                            out.append(found)
        return out

    def _leader_named(self, tokens: list[Token], base: Base) -> Actor | None:
        """The state of a listed person whose name modifies a leader's body: an administration, government
        or cabinet named after its leader is that leader's state's, whatever other state is named nearby."""
        for t in tokens:
            hit = base.get(t.i)
            if hit is not None and hit[1].capacity == "person" and hit[1].actor.country:
                return self.g.countries.get(hit[1].actor.country)
        return None

    def _org_in(self, tokens: list[Token], base: Base) -> Actor | None:
        for t in tokens:
            hit = base.get(t.i)
            if hit and hit[1].capacity == "organisation":
                return hit[1].actor
        return None

    def _pp_org(self, head: Token, base: Base) -> Actor | None:
        """The organisation an "of" phrase names ("the head of the United Nations")."""
        for child in head.rights:
            if child.dep_ == "prep" and child.lower_ == "of":
                for obj in (c for c in child.children if c.dep_ == "pobj"):
                    found = self._org_in([obj, *self._modifiers(obj)], base)
                    if found is not None:
                        return found
        return None

    def _has_title_apposition(self, head: Token) -> bool:
        for c in head.children:
            if c.dep_ == "appos" and c.pos_ == "NOUN":
                if self._title_of([*self._modifiers(c), c]) is not None:
                    return True
        return False

    def _appositive_person(self, doc: Doc, head: Token) -> Span | None:
        for child in head.children:
            if child.dep_ == "appos" and child.ent_type_ == "PERSON":
                return next((e for e in self._ents if e.start <= child.i < e.end), None)
        return None
