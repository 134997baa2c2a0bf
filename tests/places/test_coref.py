"""A meeting or a seizure told again in a nearby sentence takes the place named for it (how "coref"),
on sentences written for these tests."""

from __future__ import annotations

from typing import Any

import pytest

from dyads.api import code_text
from dyads.model import Actor, Attribution, CameoCode, Event, Evidence, Location, Mention, Span
from dyads.places.coref import WINDOW, Anchor, coreferent, family_of
from dyads.settings import Settings

TALKS = "Japan's prime minister held talks with Canada's prime minister in Osaka on Monday."
RECEIVED = "On Tuesday, Japan's prime minister also received the president of Senegal."


def _by_trigger(text: str, settings: Settings) -> dict[str, dict[str, Any]]:
    return {e["evidence"]["trigger"]["text"]: e for e in code_text(text, settings)}


def test_a_meeting_told_again_with_other_guests_takes_the_place_of_the_talks(settings: Settings) -> None:
    text = f"{TALKS} {RECEIVED}"
    loc = _by_trigger(text, settings)["received"]["location"]
    assert loc is not None and loc["how"] == "coref" and loc["country"] == "JPN"
    assert text[loc["span"]["start"]:loc["span"]["end"]] == "Osaka"  # the name as written, in the text


def test_a_seizure_told_again_takes_the_place_of_the_first_telling(settings: Settings) -> None:
    text = ("Iranian forces seized a British tanker in the Strait of Hormuz on Monday. "
            "Britain said Iran had captured the ship illegally.")
    loc = _by_trigger(text, settings)["captured"]["location"]
    assert loc is not None and loc["how"] == "coref" and loc["country"] == "SEA"


def test_a_meeting_named_on_another_word_of_its_own_sentence_is_placed_there(settings: Settings) -> None:
    # the place hangs on "held", which describes the briefing, not the talks the event was read from
    text = ("Japan's prime minister and Canada's prime minister concluded their talks and a joint briefing "
            "held in Osaka on Monday.")
    events = [e for e in code_text(text, settings) if e["root"] == "04"]
    assert events and all(e["location"] is not None and e["location"]["name"] == "Osaka" for e in events)


@pytest.mark.parametrize("text", [
    # two meetings in two cities before it: which one it belongs with, the text does not say
    f"{TALKS} Ghana's president met the Kenyan president in Nairobi on Monday. {RECEIVED}",
    # two seizures in two places
    "Iranian forces seized a British tanker in the Strait of Hormuz on Monday. A day earlier, Iranian police "
    "detained a British sailor in Bandar Abbas. Britain said Iran had captured the ship illegally.",
])
def test_two_places_near_it_leave_the_event_unplaced(text: str, settings: Settings) -> None:
    events = _by_trigger(text, settings)
    ev = events.get("received") or events["captured"]
    assert ev["location"] is None


def test_a_meeting_far_from_the_placed_one_is_not_placed(settings: Settings) -> None:
    filler = " ".join(["The weather was mild.", "Tourists crowded the shops.", "Trains ran late.", "Prices rose."])
    text = f"{TALKS} {filler} On Friday, Japan's prime minister received the president of Senegal."
    assert _by_trigger(text, settings)["received"]["location"] is None


def test_a_call_takes_no_place_from_a_meeting_near_it(settings: Settings) -> None:
    text = f"{TALKS} Later, Japan's prime minister spoke by telephone with the president of Senegal."
    for ev in code_text(text, settings):
        if ev["target"] and ev["target"]["actor_id"].startswith("SEN"):
            assert ev["location"] is None


# the rule itself, on events and anchors built by hand

JPN = Actor("JPN", "Japan", "country", "JPN", None, "JPN")
SEN = Actor("SEN", "Senegal", "country", "SEN", None, "SEN")
TEXT = "Japan met Senegal."


def _event(code: str, root: str) -> Event:
    return Event(event_id="ev-1", doc_id="d", date="2026-01-05", date_precision="day",
                 source=Mention("d", 0, 0, 5, "Japan", JPN, "alias"),
                 target=Mention("d", 0, 10, 17, "Senegal", SEN, "alias"),
                 code=CameoCode(code, "test", root, 0.0, 1, None, None), modality="asserted", attribution=Attribution("author"),
                 evidence=Evidence(Span(TEXT, 0, len(TEXT)), Span("met", 6, 9)), quantities=(), rule="test",
                 confidence=0.8)


def _place(name: str, country: str | None) -> Location:
    return Location(name, None, country, None, 0.0, 0.0, "point", "coref", "unique", Span(name, 100, 100 + len(name)))


@pytest.mark.parametrize(("code", "root", "family"), [
    ("040", "04", "meeting"), ("043", "04", "meeting"), ("041", "04", None),  # a telephone call has no one place
    ("1711", "17", "seizure"), ("173", "17", "seizure"), ("181", "18", "seizure"),
    ("190", "19", None), ("195", "19", None),  # force: each strike lands somewhere of its own
    ("010", "01", None), ("163", "16", None),  # words said, sanctions
])
def test_only_meetings_and_seizures_have_a_family(code: str, root: str, family: str | None) -> None:
    assert family_of(_event(code, root)) == family


def test_the_nearest_telling_within_the_window_gives_the_place() -> None:
    ev = _event("040", "04")
    near, far = _place("Osaka", "JPN"), _place("Nairobi", "KEN")
    assert coreferent(ev, 5, [Anchor(3, "meeting", near), Anchor(6, "meeting", near)]) == near
    assert coreferent(ev, 5, [Anchor(5, "meeting", near), Anchor(4, "meeting", far)]) == near  # its own sentence first
    # its own sentence names a place where it tells no such act: nothing is borrowed
    assert coreferent(ev, 5, [Anchor(4, "meeting", near)], {"Kyoto"}) is None
    assert coreferent(ev, 5, [Anchor(5, "meeting", near)], {"Osaka"}) == near
    assert coreferent(ev, 5, [Anchor(5 + WINDOW + 1, "meeting", near)]) is None
    assert coreferent(ev, 5, [Anchor(4, "meeting", near), Anchor(7, "meeting", far)]) is None
    assert coreferent(ev, 5, [Anchor(4, "seizure", near)]) is None


def test_a_seizure_is_placed_only_in_the_land_of_a_side_or_at_sea() -> None:
    ev = _event("1711", "17")
    assert coreferent(ev, 2, [Anchor(1, "seizure", _place("Dakar", "SEN"))]) is not None
    assert coreferent(ev, 2, [Anchor(1, "seizure", _place("Strait of Hormuz", "SEA"))]) is not None
    assert coreferent(ev, 2, [Anchor(1, "seizure", _place("Lima", "PER"))]) is None
