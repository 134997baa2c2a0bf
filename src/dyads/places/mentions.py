"""Place mentions in a parsed text, resolved to gazetteer entries.

A mention is a spaCy GPE / LOC / FAC entity (with "the" dropped, and a following "region",
"province", "Oblast" ... kept when our table knows the longer name), or the wire dateline at the
head of the text ("HAVANA, Jan 20 (Reuters) -", "KABUL-", "Baku [Azerbaijan], October 11").
Ambiguous names are resolved by the countries the sentence and the document name, then population
(`choose`), and each resolution records how it was made.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc

from dyads.model import Span
from dyads.places.gazetteer import Place, PlaceGazetteer, name_key

PLACE_LABELS = {"GPE", "LOC", "FAC"}
DIRECTIONS = {"northern", "southern", "eastern", "western", "central", "northeastern", "northwestern", "southeastern",
              "southwestern", "north-eastern", "north-western", "south-eastern", "south-western"}
_AREA_WORDS = {"region", "province", "oblast", "state", "governorate", "strait", "sea", "peninsula", "strip",
               "island", "islands", "heights", "city", "town", "district", "village", "county"}
# after "in", "of" or a comma, or leading a name, a known place inside an unknown name is the place
# ("the Palace of Culture in Minsk", "Beijing Capital International Airport"); a known word at the
# end of a name is its head noun, not a place ("Capital International Airport" is not Airport, California)
_INNER_BEFORE = {"in", "of", ",", "near", "at"}
# The head of a text: a place of one to three capitalised words (an optional "[Country]"), then a
# colon, an outlet in brackets, a dash, or a comma followed by a date or an outlet and a dash.
_DATELINE_RE = re.compile(
    r"(?P<place>[A-Z][\w'.\-]*(?:[ ][A-Z][\w'.\-]*){0,2})(?:/[A-Z][\w'.\-]*)*(?:\s*\[[^\]\n]{1,30}\])?"
    r"(?:\s*:|\s*\(|\s*[-\u2013\u2014]|,[^\n]{0,40}?(?:\)\s*[-\u2013\u2014:]?|\s[-\u2013\u2014]+|:)"
    r"|,\s*(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d)")


@dataclass(frozen=True)
class PlaceMention:
    span: Span  # offsets into the document text
    place: Place
    resolved: str  # unique | in-sentence | document focus | largest | country only | demonym | coordinated
    first_token: int = -1  # token indices (Token.i) in the parsed piece; -1 for the dateline
    last_token: int = -1


def dateline_span(text: str) -> Span | None:
    """The place of the dateline at the head of the first or second paragraph (a headline may come
    first), or None."""
    start = 0
    for _ in range(2):
        para_end = text.find("\n", start)
        para = text[start:para_end if para_end >= 0 else len(text)]
        lead = len(para) - len(para.lstrip())
        m = _DATELINE_RE.match(para, lead)
        if m and lead < 5:
            place = m.group("place").rstrip(".")
            return Span(place, start + m.start("place"), start + m.start("place") + len(place))
        if para_end < 0 or start > 400:
            return None
        start = para_end + 1
        while start < len(text) and text[start] == "\n":
            start += 1
    return None


# a country named in the sentence does not make a village the namesake of a metropolis ("Moscow",
# in a sentence that names the US, is not Moscow, Idaho): it counts for candidates at least this
# fraction of the largest one's size
NAMESAKE_RATIO = 200


def choose(candidates: list[Place], sentence_countries: set[str], doc_countries: Counter[str],
           key: str = "", sentence_actors: set[str] | frozenset[str] = frozenset()) -> tuple[Place, str]:
    """The most likely entry for a name, and why. A country's own name is the country; our table's
    entries (seas, regions) come before a city of the same name; a place in a country another place
    name of the sentence names ("Córdoba, Spain") comes first; then one in a country of the
    sentence's actors or of the document, unless it is a namesake under an eighth of the largest
    candidate's size (Geneva, Illinois does not win because an American spoke); then the largest."""
    if len(candidates) == 1:
        only = candidates[0]
        return only, "country only" if only.kind == "country" else "unique"
    total = sum(doc_countries.values()) or 1
    named = [p for p in candidates if name_key(p.name) == key] or candidates  # alternate names aside
    largest = max(p.population for p in named)

    def score(p: Place) -> float:
        s = math.log10(max(p.population, 10))
        if p.country in sentence_countries and p.population * NAMESAKE_RATIO >= largest:
            s += 4.0
        if p.population * 8 >= largest:
            s += 1.5 * (p.country in sentence_actors)
            s += 3.0 * doc_countries.get(p.country or "", 0) / total
        if p.kind == "country":
            s += 3.0
        if p.ours:
            s += 1.5
        if key and name_key(p.name) == key:
            s += 2.0  # named by its own name, not an alternate ("Victoria", not Hong Kong's old name)
        return s

    ranked = sorted(candidates, key=score, reverse=True)
    best = ranked[0]
    if best.kind == "country":
        return best, "country only"
    others = {p.country for p in ranked[1:]} - {best.country}
    if not others:
        return best, "largest"
    if best.country in sentence_countries or best.country in sentence_actors:
        return best, "in-sentence"
    if doc_countries.get(best.country or "", 0) and best.population < largest:
        return best, "document focus"
    return best, "largest"


_LOCATIVE_PREPS = {"in", "at", "near", "on", "over", "off", "inside", "outside", "across", "around", "within",
                   "throughout", "along", "to", "into", "of", "from", "toward", "towards"}
_NOT_PLACES = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}


def _entity_spans(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges [first, last] of place-like names: place entities ("the" dropped, an area word
    kept when it follows), and proper nouns after a preposition of place that the small model
    labels otherwise ("in Khan Younis" read as a person)."""
    out = []
    covered: set[int] = set()
    for ent in doc.ents:
        if ent.label_ not in PLACE_LABELS:
            continue
        first, last = ent.start, ent.end - 1
        if doc[first].lower_ == "the" and first < last:
            first += 1
        if last + 1 < len(doc) and doc[last + 1].lower_ in _AREA_WORDS:
            out.append((first, last + 1))
        out.append((first, last))
        covered.update(range(first, last + 1))
    for tok in doc:
        if tok.pos_ != "PROPN" or tok.i in covered or tok.ent_type_ in _NOT_PLACES:
            continue
        head = tok.head
        if tok.dep_ == "compound" and head.lower_ in _AREA_WORDS and head.dep_ == "pobj" and head.i == tok.i + 1:
            out.append((tok.i, head.i))  # "in Georgia's Tskhinvali region"
            continue
        if tok.dep_ != "pobj" or head.lower_ not in _LOCATIVE_PREPS:
            continue
        first = tok.i
        while first > 0 and doc[first - 1].dep_ == "compound" and doc[first - 1].pos_ == "PROPN" \
                and doc[first - 1].head.i == tok.i:
            first -= 1
        out.append((first, tok.i))
    return sorted(out, key=lambda r: (r[0], -r[1]))


def _site_spans(doc: Doc) -> list[tuple[int, int]]:
    """Organisation entities after a preposition, which may be a site of our table that the model
    reads as an organisation ("at NATO Headquarters", "on the White House lawn"); as a subject
    ("the White House said") a site stands for its government and is no place of the act."""
    out = []
    for ent in doc.ents:
        root = doc[ent.end - 1]  # the name's last word (Span.root may be its "the")
        noun = root.head if root.dep_ == "compound" and root.head.i == ent.end and root.head.pos_ == "NOUN" else None
        if ent.label_ != "ORG" or (noun or root).dep_ != "pobj":
            continue
        first, last = ent.start, ent.end - 1
        if doc[first].lower_ == "the" and first < last:
            first += 1
        if noun is not None:
            out.append((first, noun.i))  # "the White House lawn"
        out.append((first, last))
    return out


# nouns for a part of a country, which a nationality adjective places in it ("two Iraqi military
# bases", "Israeli territory", "southern Lebanese villages", "on the Syrian side")
LAND_NOUNS = {"territory", "territories", "airspace", "soil", "waters", "border", "borders", "coast", "coastline",
              "base", "bases", "village", "villages", "town", "towns", "city", "cities", "region", "regions",
              "province", "provinces", "port", "ports", "island", "islands", "side", "mainland", "capital"}


def _demonym_spans(doc: Doc, adjectives: Mapping[str, str]) -> list[tuple[int, int, str]]:
    """(first, last, ISO3) of a nationality adjective and the land noun it qualifies."""
    out = []
    for tok in doc:
        iso3 = adjectives.get(tok.text)
        if iso3 is None or tok.dep_ not in ("amod", "compound"):
            continue
        head = tok.head
        while head.dep_ in ("amod", "compound") and head.head.i > head.i:
            head = head.head
        if head.i > tok.i and head.lower_ in LAND_NOUNS:
            out.append((tok.i, head.i, iso3))
    return out


def find_mentions(doc: Doc, text: str, offset: int, gazetteer: Callable[[], PlaceGazetteer],
                  actor_countries: Counter[str], actor_spans: Sequence[tuple[int, str]] = (),
                  adjectives: Mapping[str, str] | None = None) -> list[PlaceMention]:
    """Resolved place mentions of one parsed piece (``offset``: where it starts in ``text``). The
    gazetteer is a callable so that it is loaded only when the piece has a place-like entity.
    ``actor_countries`` counts the countries of the document's actors; ``actor_spans`` holds
    (document offset, country) of each actor mention, for the countries each sentence names;
    ``adjectives`` maps nationality adjectives to ISO3 ("Iraqi" -> IRQ, `_demonym_spans`)."""
    spans = _entity_spans(doc)
    sites = _site_spans(doc)
    demonyms = _demonym_spans(doc, adjectives or {})
    if not spans and not sites and not demonyms:
        return []
    gaz = gazetteer()
    found: list[tuple[int, int, list[Place]]] = []
    taken: set[int] = set()
    for first, last in sites:  # "on the White House lawn", tagged as an organisation
        cands = [p for p in gaz.candidates(doc[first:last + 1].text) if p.ours and p.kind == "site"]
        if cands:
            found.append((first, last, cands))
            taken.update(range(first, last + 1))
    for first, last in spans:  # the longer reading ("Donetsk region") comes first and wins
        if first in taken:
            continue
        name = doc[first:last + 1].text
        cands = gaz.candidates(name)
        if not cands and last > first:  # "the Palace of Culture in Minsk": the place inside
            first, last, cands = _inner_place(doc, first, last, gaz)
        if cands:
            found.append((first, last, cands))
            taken.update(range(first, last + 1))
    by_adjective: list[tuple[int, int, Place]] = []
    for first, last, iso3 in demonyms:
        country = gaz.country(iso3)
        if country is not None and not taken.intersection(range(first, last + 1)):
            by_adjective.append((first, last, country))
            taken.update(range(first, last + 1))
    doc_countries = Counter(actor_countries)
    for _, _, cands in found:
        if len({p.country for p in cands}) == 1 and cands[0].country:
            doc_countries[cands[0].country] += 1
    out = []
    for first, last, cands in found:
        sent = doc[first].sent
        in_sentence = {p.country for f, _, cs in found if f != first and doc[f].sent.start == sent.start
                       for p in cs if p.kind == "country" and len(cs) == 1 and p.country}
        lo, hi = offset + sent.start_char, offset + sent.end_char
        actors_here = {country for at, country in actor_spans if lo <= at < hi}
        place, how = choose(cands, in_sentence, doc_countries, name_key(doc[first:last + 1].text), actors_here)
        if first > 0 and doc[first - 1].lower_ in DIRECTIONS:
            first -= 1  # "northern Iraq" as written: the part of the place the text names
        start = offset + doc[first].idx
        end = offset + doc[last].idx + len(doc[last].text)
        out.append(PlaceMention(Span(text[start:end], start, end), place, how, first, last))
    for first, last, place in by_adjective:
        if first > 0 and doc[first - 1].lower_ in DIRECTIONS:
            first -= 1  # "southern Lebanese villages"
        start, end = offset + doc[first].idx, offset + doc[last].idx + len(doc[last].text)
        out.append(PlaceMention(Span(text[start:end], start, end), place, "demonym", first, last))
    return sorted(out, key=lambda m: m.span.start)


def _inner_place(doc: Doc, first: int, last: int, gaz: PlaceGazetteer) -> tuple[int, int, list[Place]]:
    """The place inside an unknown name: its head before "in" or a comma ("the Great Hall of the
    People" of "... in Beijing") when the gazetteer knows it, else the last run of proper nouns it
    knows ("Beijing"), else no candidates."""
    for k in range(first + 1, last):
        if doc[k].lower_ in ("in", ","):
            cands = gaz.candidates(doc[first:k].text)
            if cands:
                return first, k - 1, cands
    i = last
    while i >= first:
        if doc[i].pos_ != "PROPN":
            i -= 1
            continue
        j = i
        while j > first and doc[j - 1].pos_ == "PROPN":
            j -= 1
        for start in range(j, i + 1):
            if start > first and doc[start - 1].lower_ not in _INNER_BEFORE:
                continue
            cands = gaz.candidates(doc[start:i + 1].text)
            if cands:
                return start, i, cands
        i = j - 1
    return first, last, []


def dateline_mention(text: str, gazetteer: Callable[[], PlaceGazetteer]) -> PlaceMention | None:
    """The dateline's place when it names a city, province or country the gazetteer knows."""
    span = dateline_span(text)
    if span is None:
        return None
    cands = [p for p in gazetteer().candidates(span.text) if p.kind in ("city", "admin1", "region")]
    if not cands:
        return None
    # a dateline names the city the reporter files from: the capital or largest city of that name
    cities = [p for p in cands if p.kind == "city"] or cands
    best = max(cities, key=lambda p: p.population)
    return PlaceMention(span, best, "dateline")
