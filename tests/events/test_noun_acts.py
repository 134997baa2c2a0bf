"""Acts of force told as nouns in analytical prose (issue 17): the author read off the noun's own
phrase, the target off its own preposition or the place the act landed. Sentences of our own."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from events.conftest import find

Coded = list[dict[str, Any]]


def _nominal(events: Coded, trigger: str) -> list[dict[str, Any]]:
    return [e for e in events if e["evidence"]["trigger"]["text"] == trigger and e["rule"].startswith("noun:")]


def test_an_armed_group_named_before_the_act_noun_is_its_author(code: Callable[..., Coded]) -> None:
    """"the Hezbollah attack", "a Taliban offensive": a group's name in front of an act noun says who
    acted, where a state's or a city's name says where ("the Gaza strikes")."""
    hit = find(code("The Hezbollah attack on Israel killed two soldiers."), "LBN", "ISR", "19")
    assert hit["rule"].startswith("noun:attack") and "source=possessor" in hit["rule"]
    find(code("The Taliban offensive against Pakistan began on Monday."), "AFG", "PAK", "19")


def test_a_place_or_seat_named_before_the_act_noun_is_no_author(code: Callable[..., Coded]) -> None:
    assert not _nominal(code("The Kremlin attack was blamed on Ukraine."), "attack")
    assert not _nominal(code("The Gaza strikes continued through the night."), "strikes")


def test_force_on_a_thing_in_a_place_strikes_the_state_of_that_place(code: Callable[..., Coded]) -> None:
    """"a drone strike on a depot in northern Syria": the struck thing names no actor, the place it
    stands in does; the author's own state is never its target."""
    hit = find(code("A Turkish drone strike on an army depot in northern Syria wounded three."), "TUR", "SYR", "19")
    assert "target=struck-place:on" in hit["rule"]
    find(code("The Kenyan strike on a training camp in Mogadishu killed four."), "KEN", "SOM", "19")
    own = code("A Russian strike on a depot in the Moscow region was reported by Russian media.")
    assert not [e for e in _nominal(own, "strike") if (e["target"] or {}).get("country") == "RUS"]


def test_a_place_inside_a_peaceful_act_is_no_target(code: Callable[..., Coded]) -> None:
    """Only acts of force land on a place: a visit to a factory in Vietnam does not act on Vietnam's
    state through the factory."""
    events = code("A Chinese delegation's visit to a factory in Vietnam was cancelled.")
    assert not [e for e in events if "struck-place" in e["rule"]]


def test_counteroffensives_and_military_operations_are_acts_of_force(code: Callable[..., Coded]) -> None:
    find(code("Ukraine's counteroffensive against Russia began in June."), "UKR", "RUS", "19")
    hit = find(code("A Russian military operation against Ukraine is under way."), "RUS", "UKR", "19")
    assert hit["rule"].startswith("noun:military operation")


def test_whoever_comes_under_attack_undergoes_it_from_the_by_phrase(code: Callable[..., Coded]) -> None:
    """"X came under attack by Y": the idiom's subject undergoes the act of force and its "by"/"from"
    phrase names the author, though the parser hangs that phrase on the verb."""
    hit = find(code("A Kenyan army base came under attack by Somali militants on Tuesday."), "SOM", "KEN", "19")
    assert "source=under-force-by" in hit["rule"]
    find(code("Kyiv came under attack from Russian drones overnight."), "RUS", "UKR", "19")


def test_a_person_or_office_under_attack_is_criticised_not_struck(code: Callable[..., Coded]) -> None:
    for text in ("The Israeli prime minister came under attack from Turkey over the raid.",
                 "Netanyahu came under attack from Erdogan."):
        assert not [e for e in code(text) if e["root"] in ("18", "19", "20") and e["target"] is not None]
