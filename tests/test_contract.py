"""The export contract: field names and types of `event_record` are part of the public API."""

from __future__ import annotations

import json

from dyads.contract import actor_object, event_record
from dyads.model import Actor, Attribution, CameoCode, Event, Evidence, Location, Mention, Quantity, Span

TEXT = "Mexico sent 1,500 tons of food to Cuba, Sheinbaum said."


def mention(word: str, actor: Actor) -> Mention:
    s = TEXT.index(word)
    return Mention("d", 0, s, s + len(word), word, actor, "alias")


MEX = Actor("MEX", "Mexico", "country", "MEX", None, "MEX")
CUB = Actor("CUB", "Cuba", "country", "CUB", None, "")
SHEIN = Actor("sheinbaum", "Claudia Sheinbaum", "person", "MEX", "GOV", "MEXGOV")


def make_event(**kw: object) -> Event:
    t = TEXT.index("sent")
    q = TEXT.index("1,500 tons")
    base: dict[str, object] = dict(
        event_id="ev-abc", doc_id="d", date="2026-02-10", date_precision="day",
        source=mention("Mexico", MEX), target=mention("Cuba", CUB),
        code=CameoCode("0711", "Provide food aid", "07", 7.4, 2, "AID", "humanitarian"),
        modality="asserted", attribution=Attribution("reported", mention("Sheinbaum", SHEIN), "said"),
        evidence=Evidence(Span(TEXT, 0, len(TEXT)), Span("sent", t, t + 4)),
        quantities=(Quantity("1,500 tons", 1500.0, "ton", None, q, q + 10),),
        rule="verb:send", confidence=0.8)
    base.update(kw)
    return Event(**base)  # type: ignore[arg-type]


def test_record_fields() -> None:
    rec = event_record(make_event())
    assert list(rec) == ["event_id", "doc_id", "date", "date_precision", "background", "source", "target", "cameo", "root", "cameo_name",
                         "goldstein", "quad_class", "plover", "modality", "attribution", "evidence", "quantities", "framing",
                         "rule", "confidence", "location", "lang"]
    assert rec["lang"] is None  # no document language given: null, never missing
    assert event_record(make_event(), lang="es")["lang"] == "es"
    assert rec["location"] is None  # unplaced: null, never missing
    assert rec["cameo"] == "0711" and rec["root"] == "07"
    assert rec["source"] == {"text": "Mexico", "actor_id": "MEX", "name": "Mexico", "country": "MEX", "sector": None,
                             "code": "MEX", "how": "alias", "start": 0, "end": 6}
    assert rec["target"]["code"] == "CUB"  # an actor without a code falls back to its country
    assert rec["plover"] == {"event_type": "AID", "mode": "humanitarian"}
    assert rec["attribution"]["kind"] == "reported" and rec["attribution"]["speaker"]["code"] == "MEXGOV"
    assert rec["attribution"]["cue"] == "said"
    ev = rec["evidence"]
    assert TEXT[ev["start"]:ev["end"]] == ev["text"]
    assert TEXT[ev["trigger"]["start"]:ev["trigger"]["end"]] == ev["trigger"]["text"] == "sent"
    assert ev["source_phrase"] is None and ev["target_phrase"] is None  # none given: null, never missing
    assert rec["quantities"] == [{"text": "1,500 tons", "value": 1500.0, "unit": "ton", "per": None}]
    assert json.loads(json.dumps(rec)) == rec  # plain JSON, cameo stays a string with its leading zero


def test_optional_parts() -> None:
    rec = event_record(make_event(target=None, attribution=Attribution("author"), quantities=(),
                                  framing=(Span("food", 21, 25),)), story_id="st-1")
    assert rec["target"] is None and rec["attribution"] == {"kind": "author", "speaker": None, "cue": None}
    assert rec["framing"] == [{"text": "food", "start": 21, "end": 25}]
    assert rec["story_id"] == "st-1"
    assert actor_object(None) is None


def test_location_and_actor_places() -> None:
    """Where: the gazetteer entry, how it was read and chosen, and the name as written; an actor named
    by a city carries its place."""
    c = TEXT.index("Cuba")
    havana = Location("Havana", 3553478, "CUB", "CU.02", 23.13, -82.38, "point", "in-sentence", "unique",
                      Span("Cuba", c, c + 4))
    rec = event_record(make_event(location=havana, target_place=havana))
    assert rec["location"] == {"name": "Havana", "geonames_id": 3553478, "country": "CUB", "admin1": "CU.02",
                               "lat": 23.13, "lon": -82.38, "precision": "point", "how": "in-sentence",
                               "resolved": "unique", "text": "Cuba", "span": {"text": "Cuba", "start": c, "end": c + 4}}
    assert rec["target"]["place"] == rec["location"] and "place" not in rec["source"]
