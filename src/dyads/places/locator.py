"""The pipeline's entry to places: per document, locate each coded event (`DocumentPlaces.locate`).

Cost: a piece without place-like entities and a text without a dateline never load the gazetteer;
the first that has one loads it once for the process (`dyads.places.gazetteer.places`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc

from dyads.actors.gazetteer import Gazetteer
from dyads.model import Event, Location, Mention
from dyads.places.coref import anchors, coreferent, family_of, places_named
from dyads.places.gazetteer import PlaceGazetteer, name_key, places
from dyads.places.locate import FORCE_ROOTS, LANDS_ON_TARGET, by_call, by_dateline, in_clause, is_object, location_of, token_at
from dyads.places.mentions import PlaceMention, dateline_mention, find_mentions

_ACTOR_PLACE_KINDS = {"city", "admin1", "region", "site"}
MEETING_ROOTS = {"04"}
VISITED = {"042", "043"}  # make a visit, host a visit: a city standing for the other side is where
SAID_AT_MEETINGS = {"01", "02", "03", "04", "05", "06"}  # statements, appeals, intents, meetings, agreements


@dataclass
class Locator:
    """Shared by all documents of a pipeline; holds the (lazily loaded) gazetteer."""

    actors: Gazetteer
    _gazetteer: PlaceGazetteer | None = None
    _adjectives: dict[str, str] | None = None

    def gazetteer(self) -> PlaceGazetteer:
        if self._gazetteer is None:
            aliases = sorted({(alias, e.actor.country or "") for alias, entries in self.actors.exact.items()
                              for e in entries if e.capacity == "name" and e.actor.kind == "country"})
            self._gazetteer = places(tuple(aliases))
        return self._gazetteer

    @property
    def adjectives(self) -> dict[str, str]:
        """Nationality adjectives of the actor dictionary ("Iraqi" -> IRQ), for "Iraqi territory"."""
        if self._adjectives is None:
            self._adjectives = {alias: e.actor.country for alias, entries in self.actors.exact.items() for e in entries
                                if e.capacity == "adjective" and e.actor.kind == "country" and e.actor.country}
        return self._adjectives

    def document(self, text: str) -> DocumentPlaces:
        return DocumentPlaces(self, text)


@dataclass
class DocumentPlaces:
    locator: Locator
    text: str
    _dateline: PlaceMention | None = None
    _dateline_read: bool = False
    countries: Counter[str] = field(default_factory=Counter)  # actor countries of the pieces seen so far
    acts: dict[tuple[str, frozenset[str | None]], Location] = field(default_factory=dict)  # placed acts so far
    meetings: dict[frozenset[str | None], Location] = field(default_factory=dict)  # placed meetings by pair

    @property
    def dateline(self) -> PlaceMention | None:
        if not self._dateline_read:
            self._dateline = dateline_mention(self.text, self.locator.gazetteer)
            self._dateline_read = True
        return self._dateline

    def locate(self, doc: Doc, offset: int, events: Sequence[Event], mentions: Sequence[Mention]) -> list[Event]:
        """The events of one parsed piece with `location` (and actor places) filled where the text says."""
        # a capital read as its state ("Tripoli" as Libya) must not vote for its own reading
        self.countries.update(m.actor.country for m in mentions if m.actor.country and m.how != "metonym")
        spans = [(m.start, m.actor.country) for m in mentions if m.actor.country and m.how != "metonym"]
        found = find_mentions(doc, self.text, offset, self.locator.gazetteer, self.countries, spans,
                              self.locator.adjectives)
        triggers = sorted({ev.evidence.trigger.start for ev in events})
        out = []
        for ev in events:
            source_place, target_place = _actor_place(ev.source, found), _actor_place(ev.target, found)
            location = self._where(ev, doc, offset, found, target_place, triggers)
            if location is not None and (location.precision != "country" or _the_visit(ev)):
                # a state is too coarse to pass on, except as where a visit went ("Blinken's visit to China")
                if location.how == "in-sentence" and ev.code.root not in FORCE_ROOTS:
                    self.acts.setdefault(_act_key(ev), location)
                if ev.code.root in MEETING_ROOTS:
                    self.meetings.setdefault(_pair(ev), location)
            if location or source_place or target_place:
                ev = replace(ev, location=location, source_place=source_place, target_place=target_place)
            out.append(ev)
        # the same act (root and pair of countries) placed by another sentence of the document, or
        # what the parties to a placed meeting said and agreed there; measured on news_train (see
        # docs/quality.md), only a city, region, site or sea is passed on (a state named in one
        # sentence is no evidence of where another act happened), and never for force (each strike
        # of a conflict lands somewhere of its own), nor for a call
        out = [ev if ev.location is not None or by_call(ev, doc, offset) else self._in_context(ev)
               for ev in out]
        return _told_again(doc, offset, out, found)

    def _in_context(self, ev: Event) -> Event:
        where = None if ev.code.root in FORCE_ROOTS else self.acts.get(_act_key(ev))
        if where is None and ev.code.root in SAID_AT_MEETINGS:
            where = self.meetings.get(_pair(ev))
        if where is None:
            return ev
        return replace(ev, location=replace(where, how="context"))

    def _where(self, ev: Event, doc: Doc, offset: int, found: Sequence[PlaceMention],
               target_place: Location | None, triggers: Sequence[int]) -> Location | None:
        here = in_clause(ev, doc, offset, found, triggers, lambda iso3: self.locator.gazetteer().country(iso3))
        if here is not None:
            return location_of(here, "in-sentence")
        if target_place is not None and (ev.code.root in FORCE_ROOTS or ev.code.code[:3] in VISITED) \
                and _aimed_at(doc, offset, target_place):
            # "missiles hit Kyiv": force lands on the city; "will visit Moscow": the visit is there
            return replace(target_place, how="in-sentence")
        if ev.code.root in LANDS_ON_TARGET and ev.target is not None:
            named = next((m for m in found if m.place.kind == "country" and _names_target(doc, offset, m, ev)), None)
            if named is not None:  # "Russia invaded Ukraine": the attacked state is where it happened
                return location_of(named, "in-sentence")
        if self.dateline is not None and by_dateline(ev, self.dateline) and not by_call(ev, doc, offset):
            return location_of(self.dateline, "dateline")
        return None


def _told_again(doc: Doc, offset: int, events: list[Event], found: Sequence[PlaceMention]) -> list[Event]:
    """The events still unplaced, placed where their own sentence (on another word of the act) or a
    nearby one tells the same meeting or seizure happened (`dyads.places.coref`); never a call. The
    piece's anchors are read only when an event of those families is left."""
    if not any(ev.location is None and family_of(ev) for ev in events):
        return events
    index = {s.start: k for k, s in enumerate(doc.sents)}
    sentences = [(index[t.sent.start] if (t := token_at(doc, ev.evidence.trigger.start - offset)) else -1, t)
                 for ev in events]
    told = anchors(doc, found, [(k, ev) for (k, _), ev in zip(sentences, events, strict=True) if k >= 0])
    out = []
    for (k, trigger), ev in zip(sentences, events, strict=True):
        if trigger is not None and ev.location is None and family_of(ev) and not by_call(ev, doc, offset):
            where = coreferent(ev, k, told, places_named(trigger, ev, found))
            if where is not None:
                ev = replace(ev, location=where)
        out.append(ev)
    return out


def _pair(ev: Event) -> frozenset[str | None]:
    """The two sides by country (an organisation by its id)."""
    src = ev.source.actor.country or ev.source.actor.actor_id
    return frozenset((src, (ev.target.actor.country or ev.target.actor.actor_id) if ev.target else None))


def _act_key(ev: Event) -> tuple[str, frozenset[str | None]]:
    return ev.code.root, _pair(ev)


def _overlaps(m: PlaceMention, actor: Mention) -> bool:
    return m.span.start < actor.end and actor.start < m.span.end


def _the_visit(ev: Event) -> bool:
    """A visit the article reports as made (not planned, not earlier history): the meetings of its
    two sides are where it went, even when the text names only the country."""
    return ev.code.code[:3] in VISITED and ev.modality == "asserted" and not ev.background


def _aimed_at(doc: Doc, offset: int, place: Location) -> bool:
    """The place is named as what the act is aimed at ("struck Kyiv", "visit Moscow"), not beside
    it ("tensions between Washington and Tehran")."""
    span = doc.char_span(place.span.start - offset, place.span.end - offset, alignment_mode="expand")
    return span is not None and len(span) > 0 and is_object(span.root) and not span.root.conjuncts


def _names_target(doc: Doc, offset: int, m: PlaceMention, ev: Event) -> bool:
    """The place is the attacked state itself, named as the object after the act ("invaded
    Ukraine"), not a word inside another name ("the US Central Command") nor one of two sides
    named together before it ("Israel and Hamas fought")."""
    t = ev.target
    if t is None or m.span.start < ev.evidence.trigger.end or not _overlaps(m, t) \
            or name_key(m.span.text) != name_key(t.text):
        return False
    span = doc[m.first_token:m.last_token + 1]  # the state itself, as the object: not "a U.S. drone", "a response from Israel"
    root = span.root
    if root.dep_ in ("compound", "amod", "poss", "nmod") or root.conjuncts:  # nor one of a list ("in Syria and Iraq")
        return False
    of_act = root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.idx + offset == ev.evidence.trigger.start
    return of_act or is_object(root)  # "the invasion of Ukraine": the object of a noun of force


def _actor_place(actor: Mention | None, found: Sequence[PlaceMention]) -> Location | None:
    """A city or region standing for an actor ("Kyiv said", "Gaza's health ministry") is that actor's place."""
    if actor is None:
        return None
    for m in found:
        if m.place.kind in _ACTOR_PLACE_KINDS and _overlaps(m, actor):
            return location_of(m, "actor")
    return None
