"""Where an event happened: a place in the event's own clause, else the dateline, else none.

The clause rule: a place entity that is the object of a locative preposition (in, at, near, on,
over, off, ...; "to"/"into" after a word of movement) whose head lies in the same clause as the
event's trigger ("struck targets in Khan Younis", "met in Beijing", "talks held in the city of
Langfang"). The clause stretches to a participle clause that sets its scene ("Speaking in Ankara,
X thanked Y"), to the journey whose purpose it is ("travelled to Caracas to meet Maduro"), and to
a chain of place phrases on its verb; for words said (VERBAL_ROOTS), a place on another noun
counts only when that noun is a venue ("at a news conference in X") or the doers themselves
("diplomats in Colombo"). A place that is the event's source or target is never its location:
"sanctions on Cuba" names whom the act is aimed at, not where it happened (but a state acting
inside itself, "arrested in Venezuela", or force inside the state it strikes, is placed there). A
place in another clause ("said Israel struck Gaza") belongs to that clause's event.

The dateline rule: for acts the reporter's seat witnessed, that is words said and meetings or
agreements (DATELINE_ROOTS) when the dateline's country is the source's (a statement made at home,
"TEHRAN - Iran's foreign ministry condemned ...") or for a meeting or agreement there; never
sanctions, aid or other acts aimed at a state, never a call (`by_call`), and force only where it
lands.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from spacy.tokens import Doc, Token

from dyads.model import Event, Location, Mention, PlacePrecision, Span
from dyads.places.gazetteer import Place
from dyads.places.mentions import PlaceMention

LOCATIVE = {"in", "at", "near", "on", "over", "off", "inside", "outside", "across", "around", "within", "throughout",
            "along"}
MOTION_PREPS = {"to", "into"}
MOTION_VERBS = {"visit", "travel", "arrive", "fly", "go", "come", "deploy", "send", "dispatch", "move", "sail",
                "land", "return", "head", "trip", "tour", "enter", "cross", "advance", "march", "fire",
                "launch", "incursion", "invade", "welcome", "deployment", "journey", "arrival", "flight", "voyage"}
# where words are said: "said at a news conference in Ankara" places the statement, as the verb would
VENUE_NOUNS = {"conference", "briefing", "meeting", "summit", "talks", "session", "ceremony", "forum", "visit",
               "speech", "address", "interview", "event", "gathering", "rally", "hearing", "assembly", "trip"}
# a participle clause without a subject sets the scene of its main clause ("Speaking in Ankara, X thanked Y")
SCENE_TAGS = {"VBG", "VBN"}
SCENE_PREPS = {"in", "at", "inside", "outside", "near"}
CHAIN_PREPS = SCENE_PREPS | {"on", "of", "across", "around"}  # not "over" a region, "from" a city: what it is about
# "of" links a place to a noun that itself takes the locative: "in the city of Langfang"
AREA_NOUNS = {"city", "town", "village", "province", "region", "capital", "area", "district", "port", "island",
              "outskirts", "suburb", "coast", "waters", "territory", "state", "governorate", "oblast", "border"}
# a clause begins at these dependencies (the trigger's and the place's must be the same clause)
CLAUSE_DEPS = {"ccomp", "advcl", "relcl", "parataxis", "csubj", "ROOT", "pcomp", "acl"}
FORCE_ROOTS = {"15", "17", "18", "19", "20"}
LANDS_ON_TARGET = {"18", "19", "20"}  # assault, fight, mass violence: placed in the state they strike
VISIT_ROOTS = {"04", "05"}  # meetings and agreements where the reporter is
NOT_AT_DATELINE = {"041"}
INTO_TARGET = {"042", "154"}  # make a visit, deploy forces: done in the state they go to  # discuss by telephone
# what a dateline places: words said and meetings held at the reporter's seat; sanctions, expulsions,
# recalls, cut ties, aid and coercion aimed at another state are not done at any one place the text gives
DATELINE_ROOTS = {"01", "02", "03", "04", "05", "10", "11", "12", "13"}
# a call joins two places: neither the dateline nor an earlier placed act says where it happened
CALL_WORDS = {"phone", "telephone", "videoconference", "videolink", "call", "video"}
DATELINE_SENTENCES = 3  # the lead: sentences 0..3 of the document (a headline counts as one)
# statements, appeals, demands, disapproval...: a place on another noun ("condemned the strikes in
# Gaza") is where that thing is, not where the words were said
VERBAL_ROOTS = {"01", "02", "03", "05", "06", "07", "08", "09", "10", "11", "12", "13", "16"}
PRECISION: dict[str, PlacePrecision] = {"city": "point", "site": "point", "admin1": "admin1", "region": "admin1",
                                        "country": "country", "sea": "sea"}


def location_of(mention: PlaceMention, how: str) -> Location:
    p: Place = mention.place
    return Location(p.name, p.geonames_id, p.country, p.admin1, p.lat, p.lon, PRECISION[p.kind], how,
                    mention.resolved, mention.span)


def _clause(tok: Token) -> Token:
    while tok.dep_ not in CLAUSE_DEPS and tok.head.i != tok.i:
        if tok.dep_ == "conj" and tok.pos_ in ("VERB", "AUX") and tok.head.pos_ in ("VERB", "AUX"):
            break  # "met X and then flew to Y": each verb of a coordination is its own clause
        tok = tok.head
    return tok


def _locative_head(doc: Doc, m: PlaceMention) -> tuple[Token, str] | None:
    """The word the place's preposition attaches to, and the preposition; None when the place is
    not the object of a preposition ("in a Gaza hospital" and "in Gaza and the West Bank" count)."""
    root = doc[m.first_token:m.last_token + 1].root
    while root.dep_ in ("compound", "appos", "conj", "nmod", "amod", "poss") and root.head.i != root.i:
        root = root.head
    prep = root.head
    if root.dep_ != "pobj" or prep.pos_ != "ADP":
        return None
    word = prep.lower_
    if word == "of" and prep.head.lemma_.lower() in AREA_NOUNS:
        noun = prep.head  # "the city of X": the noun's own preposition decides
        if noun.dep_ == "pobj" and noun.head.pos_ == "ADP":
            return noun.head.head, noun.head.lower_
        return None
    return prep.head, word


def _overlaps(m: PlaceMention, actor: Mention | None) -> bool:
    return actor is not None and m.span.start < actor.end and actor.start < m.span.end


def in_clause(ev: Event, doc: Doc, offset: int, mentions: Sequence[PlaceMention],
              triggers: Sequence[int] = (), country_of: Callable[[str], Place | None] | None = None
              ) -> PlaceMention | None:
    """The place of the event's own clause (the one nearest the trigger), or None. ``triggers``: the
    document offsets of every event trigger of the piece; a statement does not take a place that
    lies beyond another act's trigger ("condemned the strikes in Gaza": the strikes were in Gaza,
    whatever the parser attached the phrase to)."""
    trigger = token_at(doc, ev.evidence.trigger.start - offset)
    if trigger is None:
        return None
    clause = _clause(trigger)
    best: tuple[tuple[int, bool], PlaceMention] | None = None
    for m in mentions:
        if m.first_token < 0 or doc[m.first_token].sent.start != trigger.sent.start:
            continue
        found = _locative_head(doc, m)
        if found is None:
            continue
        head, prep = found
        if (_overlaps(m, ev.source) or _overlaps(m, ev.target)) and not _place_of_actor_ok(ev, m, prep):
            continue
        if prep in MOTION_PREPS:
            # the destination of a movement: of the moving word itself, or of what a moving trigger
            # moves ("deployed troops to Libya"); not "according to", "a letter to"
            moved = head.head.i == trigger.i and head.dep_ in ("dobj", "obj")
            if head.lemma_.lower() not in MOTION_VERBS and not (moved and trigger.lemma_.lower() in MOTION_VERBS):
                continue
        elif prep not in LOCATIVE:
            continue
        if prep == "on" and m.place.kind == "country" and ev.code.root not in FORCE_ROOTS:
            continue  # "sanctions on Cuba", "a ban on Iran": aimed at, not done in
        on_noun = head.pos_ in ("NOUN", "PROPN") and head.i != trigger.i and head.lemma_.lower() not in VENUE_NOUNS \
            and not _on_source(head, ev, offset, m, prep) and not _adverbial(head, prep, trigger, ev, offset)
        if ev.code.root in VERBAL_ROOTS and (on_noun or _act_between(ev.evidence.trigger.start, m.span.start, triggers)):
            continue
        own = _clause(head)
        if own.i != clause.i and _sets_scene(own, clause):
            own = clause
        # an acl is its own clause ("exercises launched in X" is not where they were condemned),
        # except when it describes the trigger itself ("talks held in Beijing"); a verb coordinated
        # with the clause's verb shares its setting when it has none of its own ("met in Geneva but
        # agreed to ..."), so that clause's places come second
        far = 0
        if own.i != clause.i and not (own.dep_ == "acl" and own.head.i == trigger.i):
            if clause.dep_ == "conj" and _clause(clause.head).i == own.i:
                far = 1000
            elif _purpose_of_journey(clause, own, head):
                far = 500
            else:
                continue
        rank = (far + abs(head.i - trigger.i), m.place.kind == "country")  # nearest; the finer of two equals
        if best is None or rank < best[0]:
            best = (rank, m)
    return _with_coordinated(doc, best[1], mentions, country_of) if best else None


def _root_of(doc: Doc, m: PlaceMention) -> Token:
    return doc[m.first_token:m.last_token + 1].root


def _with_coordinated(doc: Doc, m: PlaceMention, mentions: Sequence[PlaceMention],
                      country_of: Callable[[str], Place | None] | None) -> PlaceMention | None:
    """The place, or what it is coordinated with: "in Ankara and Istanbul" is in Turkey (the
    country, spanning the list as written); "targets in Syria and Iraq" lies in no one state, so
    the act is left unplaced."""
    root = _root_of(doc, m)
    linked = {root.i, *(t.i for t in root.conjuncts)}
    group = [x for x in mentions if x.first_token >= 0 and _root_of(doc, x).i in linked]
    if len(group) < 2:
        return m
    countries = {x.place.country for x in group}
    if len(countries) > 1 or None in countries:
        return None
    iso3 = m.place.country or ""
    country = next((x.place for x in group if x.place.kind == "country"), None) or (country_of(iso3) if country_of else None)
    if country is None:
        return m
    first = min(group, key=lambda x: x.span.start)
    last = max(group, key=lambda x: x.span.end)
    text = doc[first.first_token:last.last_token + 1].text
    return PlaceMention(Span(text, first.span.start, first.span.start + len(text)), country, "coordinated",
                        first.first_token, last.last_token)


def _adverbial(head: Token, own_prep: str, trigger: Token, ev: Event, offset: int) -> bool:
    """The noun is inside a chain of prepositional phrases that sets the scene of the trigger verb
    ("In front of a crowd on the White House lawn, X signed"), not a thing the act is about or aimed
    at: the chain's first preposition is one of place and no link of it is the source or target."""
    if trigger.pos_ != "VERB" or own_prep not in CHAIN_PREPS:
        return False
    tok = head
    while tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.head.i != tok.i:
        if _in_actor(offset + tok.idx, ev):
            return False
        prep, tok = tok.head, tok.head.head
        if prep.lower_ not in CHAIN_PREPS:
            return False  # "a dispute over X", "objections from X": what the act is about
        if tok.i == trigger.i:
            return prep.lower_ in SCENE_PREPS
    return False


def _in_actor(at: int, ev: Event) -> bool:
    return any(a is not None and a.start <= at < a.end for a in (ev.source, ev.target))


def _purpose_of_journey(clause: Token, own: Token, head: Token) -> bool:
    """The event's clause is the purpose of a journey whose destination the place is ("travelled to
    Caracas to meet Maduro": the meeting is in Caracas)."""
    return (clause.dep_ in ("advcl", "xcomp") and clause.head.i == own.i and head.i == own.i
            and own.lemma_.lower() in MOTION_VERBS and any(c.lower_ == "to" and c.dep_ == "aux" for c in clause.children))


def _sets_scene(own: Token, clause: Token) -> bool:
    """A participle clause without its own subject, attached to the event's clause ("Speaking at a
    news conference in Ankara, Erdogan thanked ...", "Meeting him in the Oval Office, Trump said")."""
    return (own.dep_ == "advcl" and own.head.i == clause.i and own.tag_ in SCENE_TAGS
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in own.children))


def _on_source(head: Token, ev: Event, offset: int, m: PlaceMention, prep: str) -> bool:
    """The place qualifies the source's own phrase ("Indian diplomats in Colombo lodged a protest"):
    the act is done where its doers are, when that is finer than a state."""
    at = offset + head.idx
    return (prep in ("in", "at") and m.place.kind != "country" and ev.source.start <= at < ev.source.end
            and not _overlaps(m, ev.source))


def _place_of_actor_ok(ev: Event, m: PlaceMention, prep: str) -> bool:
    """Whether a place that also names the event's source or target is where the act happened. A
    state named as an actor is not ("sanctions on Cuba", "talks in Tehran's favour"), except where a
    visit or a deployment goes ("a visit to China", "troops to Libya"); a city is ("arrived in
    Asmara", "strikes on Kyiv"), except when an act of words or pressure is aimed "on" it."""
    if m.place.kind == "country" and m.resolved != "demonym":  # "Iraqi territory" is a place, not the state
        if ev.code.code[:3] in INTO_TARGET and prep in ("to", "in", "into"):
            return True
        # a state acting inside its own borders ("were arrested in Venezuela"), force inside the state
        # it strikes ("the war in Ukraine"): the state is named as a place, not aimed at
        return prep in ("in", "inside", "within") and (_overlaps(m, ev.source) or ev.code.root in FORCE_ROOTS)
    return prep not in ("on", "over") or ev.code.root in FORCE_ROOTS


def _act_between(a: int, b: int, triggers: Sequence[int]) -> bool:
    lo, hi = min(a, b), max(a, b)
    return any(lo < t < hi for t in triggers)


def by_dateline(ev: Event, dateline: PlaceMention | None) -> bool:
    """Whether the dateline is where this event happened (see the module's doc): the news of the
    lead (the first sentences), said or done, not a telephone call (made between two places) nor a
    hypothesis."""
    if dateline is None or ev.code.code in NOT_AT_DATELINE:
        return False
    if ev.sentence_index > DATELINE_SENTENCES or ev.modality in ("hypothetical", "uncertain"):
        return False
    country = dateline.place.country
    target = ev.target.actor.country if ev.target is not None else None
    if ev.code.root in FORCE_ROOTS:  # force reported from where it landed ("GAZA CITY - Israel struck ...")
        return target == country
    if ev.code.root not in DATELINE_ROOTS:
        return False
    # said or done at home, or a meeting where the reporter is (a summit abroad: "SINGAPORE - Trump met Kim")
    return ev.source.actor.country == country or ev.code.root in VISIT_ROOTS


def by_call(ev: Event, doc: Doc, offset: int) -> bool:
    """Whether the act is a call ("spoke by telephone", "in a phone call", "held a video call"): the
    clause of its trigger holds a word of calling (the noun "call", not "called on")."""
    trigger = token_at(doc, ev.evidence.trigger.start - offset)
    if trigger is None:
        return False
    clause = _clause(trigger)
    for tok in clause.subtree:
        lemma = tok.lemma_.lower()
        if lemma in CALL_WORDS and (lemma != "call" or tok.pos_ == "NOUN"):
            return True
    return False


def is_object(tok: Token) -> bool:
    """The word is what an act is aimed at: its direct object ("struck Kyiv"), the subject of a
    passive ("Kyiv was shelled") or the object of a preposition of place or aim ("missiles at Kyiv")."""
    while tok.dep_ in ("compound", "conj", "appos") and tok.head.i != tok.i:
        tok = tok.head
    if tok.dep_ in ("dobj", "nsubjpass", "obj"):
        return True
    return tok.dep_ == "pobj" and tok.head.lower_ in LOCATIVE | MOTION_PREPS | {"against", "toward", "towards"}


def token_at(doc: Doc, char: int) -> Token | None:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None
