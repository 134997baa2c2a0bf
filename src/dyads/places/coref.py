"""One happening told in several sentences shares its place (`Location.how` "coref").

A report names where a meeting or a seizure happened once ("the ministers held talks in Oslo",
"the coast guard seized the tanker off Aden") and tells the same happening again without a place
("the talks ended without a statement", "the seizure was condemned"). Such an event takes the
place of the sentences near it, within `WINDOW` sentences before or after, that tell an act of the
same family and name where it happened, or of its own sentence when that names the place on
another word of the act. The family of the event is read from its CAMEO code; in
the other sentence, from the word the place is attached to ("talks held in X", "met ... at X",
"seized ... off X"), so a sentence the coder made no event of still counts.

Kept narrow, as measured on news_train (docs/quality.md, section 7):
- meetings and seizures only. Force was measured and left out: a conflict's strikes land in many
  places, and the place of the nearest strike was the gold place in under two thirds of cases on
  either half. Words said, sanctions, expulsions, calls and aid take no place this way (the place
  conventions of `dyads.places.locate`);
- the event's own sentence comes first, when it names the place on a word of the same act
  that the clause rule does not reach ("concluded their talks and a joint briefing held in
  Osaka"); a sentence that names another city, region, site or sea than its actors borrows
  nothing (the parser attached that place elsewhere, and a borrowed one would be wrong);
- the place borrowed is a city, region, site or sea (a state named in one sentence is no evidence
  of where another act happened); a seizure's lies in the land of one of its two sides, at sea or
  across borders;
- the sentences of the window must agree: two places leave the event unplaced.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

from spacy.tokens import Doc, Token

from dyads.model import Event, Location, Mention
from dyads.places.locate import location_of
from dyads.places.mentions import PlaceMention

Family = Literal["meeting", "seizure"]
WINDOW = 3  # sentences before or after the event's own
# the words that tell each family's act, where a place attaches (lemmas, lower case)
FAMILY_WORDS: dict[Family, frozenset[str]] = {
    "meeting": frozenset({"meet", "meeting", "talk", "talks", "summit", "visit", "conference", "negotiation",
                          "negotiations", "discussion", "discussions", "session", "host", "consultation",
                          "consultations", "gathering", "hold"}),
    "seizure": frozenset({"seize", "seizure", "capture", "detain", "detention", "hijack", "board", "confiscate",
                          "impound", "arrest", "abduct", "kidnap"}),
}
PLACE_PREPS = frozenset({"in", "at", "near", "on", "over", "off", "inside", "across", "around", "along", "into", "to"})
FINE_KINDS = frozenset({"city", "admin1", "region", "site", "sea"})
CALL_CODE = "041"  # discuss by telephone: no one place


@dataclass(frozen=True)
class Anchor:
    """A sentence of the piece that tells an act of ``family`` at ``place``."""

    sentence: int  # index of the sentence in the parsed piece
    family: Family
    place: Location


def family_of(ev: Event) -> Family | None:
    """The family of the event's act by its CAMEO code: a seizure (1711 property, 173 arrest,
    181 abduction) or a meeting (root 04 but a telephone call); None for any other act."""
    code = ev.code.code
    if code.startswith(("1711", "173", "181")):
        return "seizure"
    if ev.code.root == "04" and not code.startswith(CALL_CODE):
        return "meeting"
    return None


def anchors(doc: Doc, mentions: Sequence[PlaceMention], placed: Sequence[tuple[int, Event]] = ()) -> list[Anchor]:
    """Every (sentence, family, place) the piece tells: a city, region, site or sea attached to a
    word of a family's act, and the place of each event of a family located in its own clause
    (``placed``: the events with the index of their sentence)."""
    index = {s.start: k for k, s in enumerate(doc.sents)}
    out = []
    for m in mentions:
        if m.first_token < 0 or m.place.kind not in FINE_KINDS:
            continue
        word = _act_word(doc, m)
        if word is None:
            continue
        sentence = index[doc[m.first_token].sent.start]
        out += [Anchor(sentence, f, location_of(m, "coref")) for f in _families(word)]
    for sentence, ev in placed:
        family = family_of(ev)
        if family and ev.location is not None and ev.location.how == "in-sentence" \
                and ev.location.precision != "country":
            out.append(Anchor(sentence, family, replace(ev.location, how="coref")))
    return out


def places_named(trigger: Token, ev: Event, mentions: Sequence[PlaceMention]) -> set[str]:
    """The cities, regions, sites and seas the trigger's sentence names, other than the event's actors."""
    sent = trigger.sent
    return {m.place.name for m in mentions if m.first_token >= 0 and sent.start <= m.first_token < sent.end
            and m.place.kind in FINE_KINDS and not _overlaps(m, ev.source) and not _overlaps(m, ev.target)}


def coreferent(ev: Event, sentence: int, told: Sequence[Anchor], named: set[str] | frozenset[str] = frozenset()
               ) -> Location | None:
    """The place the event's own sentence (``sentence``) gives its family of act on another word
    ("a joint briefing held in Osaka", beyond the clause rule's reach), else the one the sentences
    within `WINDOW` give, the nearest mention of it; None when they give none or more than one
    place, or when the sentence names a place (``named``) that is not where it tells such an act."""
    family = family_of(ev)
    if family is None:
        return None
    fitting = [a for a in told if a.family == family and abs(a.sentence - sentence) <= WINDOW and _fits(ev, family, a.place)]
    own = [a for a in fitting if a.sentence == sentence]
    if named - {a.place.name for a in own}:
        return None
    near = own or fitting
    if len({a.place.name for a in near}) != 1:
        return None
    return min(near, key=lambda a: (abs(a.sentence - sentence), a.sentence)).place


def _act_word(doc: Doc, m: PlaceMention) -> Token | None:
    """The word the place is attached to as where something happened ("talks in X", "seized
    off X", "the city of X" through its noun), or as what an act took ("seized X"); else None."""
    root = doc[m.first_token:m.last_token + 1].root
    while root.dep_ in ("compound", "appos", "conj", "amod", "poss") and root.head.i != root.i:
        root = root.head
    if root.dep_ in ("dobj", "obj", "nsubjpass"):
        return root.head
    if root.dep_ != "pobj" or root.head.pos_ != "ADP":
        return None
    prep, head = root.head, root.head.head
    if prep.lower_ == "of" and head.dep_ == "pobj" and head.head.pos_ == "ADP":
        prep, head = head.head, head.head.head  # "in the city of X": the noun's own preposition
    return head if prep.lower_ in PLACE_PREPS else None


def _families(word: Token) -> list[Family]:
    """The families whose act the word, or the verb it hangs on ("held talks in X" through
    "talks"; "met at the level ... in X" does not reach), tells."""
    words = [word, word.head] if word.dep_ in ("prep", "pobj", "dobj", "obj", "nsubj", "nsubjpass") \
        else [word]
    lemmas = {t.lemma_.lower() for t in words}
    return [f for f, vocabulary in FAMILY_WORDS.items() if lemmas & vocabulary]


def _overlaps(m: PlaceMention, actor: Mention | None) -> bool:
    return actor is not None and m.span.start < actor.end and actor.start < m.span.end


def _fits(ev: Event, family: Family, place: Location) -> bool:
    """A meeting can be anywhere; a seizure is made in the land of one of its sides, at sea or
    in a region across borders."""
    if family == "meeting":
        return True
    country = place.country
    sides = {ev.source.actor.country, ev.target.actor.country if ev.target is not None else None}
    return country is None or country == "SEA" or country in sides
