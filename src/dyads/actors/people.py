"""People learned from the text: a name with a title ("Vice Commerce Minister Wang Shouwen") or an
apposition ("Ana Torres, Chile's deputy foreign minister") becomes a person actor with a country,
or with the organisation the title is held in ("NATO spokesperson X"), remembered in the registry
so that later mentions by surname resolve.

A mixin of `dyads.actors.resolver.Resolver` (it reads the gazetteer, the registry and the phrase
readers of `PhraseReading`)."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from dyads.actors.gazetteer import Entry
from dyads.actors.names import name_key, slug
from dyads.actors.phrases import PhraseReading
from dyads.actors.registry import Registry
from dyads.model import Actor, Role

# Courtesy titles between an office and a name ("President Mr Alvaro Uribe", "Prime Minister Dr Abiy
# Ahmed"): neither part of the office nor of the name
HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "madam", "madame", "mme", "m", "h e", "he"}
US_PARTY_TAG = re.compile(r"^\s*\(\s*[RDI]\s*[-.\u2013]\s*[A-Z][A-Za-z.]{1,12}\s*\)")  # "(D-NY)", "(R.FL)"


class PeopleLearning(PhraseReading):
    registry: Registry

    def _sent(self, tok: Token) -> Span:
        raise NotImplementedError  # the resolver's

    def _learn_person(
        self, name: Span, title: tuple[str, str, str], country: Actor | None, how: str, evidence: str,
        org: Actor | None = None,
    ) -> Actor:
        """A person learned from a title; ``org``: the organisation the title is held in (no country)."""
        key = name_key(name.text)
        known = self.registry.get(key)
        sector, role_title = title[1], title[2]
        if known is not None:
            if known.country or not (country or org):
                return known
        code = org.code if org is not None and country is None else f"{country.code if country else ''}{sector}"
        actor = Actor(
            actor_id=f"learned:{slug(name.text)}", name=name.text, kind="person",
            country=country.country if country else (org.country if org else None),
            sector=(org.sector or "IGO") if org is not None and country is None else sector,
            code=code, aliases=(name.text,),
            roles=(Role(title=role_title, sector=sector),), how=how,
        )
        self.registry.learn(actor, name.text, evidence)
        return actor

    def _from_title_or_apposition(
        self, doc: Doc, head: Token, name: Span, mods: list[Token], base: dict[int, tuple[Span, Entry]],
    ) -> tuple[Actor, str, str] | None:
        while len(name) > 1 and name_key(name[0].text) in HONORIFICS:
            name = name[1:]
        before = [t for t in mods if t.i < name.start and t.i not in base and name_key(t.text) not in HONORIFICS]
        title = self._title_of(before)
        how = "title"
        country = self._country_in(mods, base)
        if title is None:
            for other in [*head.children, head.head if head.dep_ == "appos" else head]:
                if other.i == head.i or not (other.dep_ == "appos" or head.dep_ == "appos"):
                    continue
                omods = self._modifiers(other)
                title = self._title_of([*omods, other])
                if title:
                    how = "apposition"
                    country = self._country_in(omods, base) or self._pp_country(other, base, {"of", "at", "from"})
                    break
        if title is None:
            return None
        known = self.g.lookup(name.text)
        if known:
            return None
        if country is None and US_PARTY_TAG.match(doc.text[name.end_char:name.end_char + 24]):
            country = self.g.countries.get("USA")  # "Rep. Ana Diaz (D-NY)": a member of the US Congress
        org = self._org_in([*mods, *(t for o in head.children if o.dep_ == "appos" for t in self._modifiers(o))], base) \
            if country is None else None  # "NATO spokesperson Oana Lungescu" speaks for NATO
        actor = self._learn_person(name, title, country, how, self._sent(head).text, org)
        return actor, how, self._sent(head).text
