"""Event locations through the whole pipeline, on sentences written for these tests."""

from __future__ import annotations

from typing import Any

import pytest

from dyads.api import code_text
from dyads.settings import Settings


def _events(text: str, settings: Settings) -> list[dict[str, Any]]:
    return list(code_text(text, settings))


def _one(text: str, settings: Settings, root: str | None = None) -> dict[str, Any]:
    events = [e for e in _events(text, settings) if root is None or e["root"] == root]
    assert events, text
    return events[0]


def test_a_meeting_in_the_dateline_city_is_located_there(settings: Settings) -> None:
    text = ("HAVANA, Jan 20 (Reuters) - Russian Interior Minister Vladimir Kolokoltsev met Cuban President "
            "Miguel Díaz-Canel in Havana on Tuesday.")
    loc = _one(text, settings, "04")["location"]
    assert loc["name"] == "Havana" and loc["country"] == "CUB" and loc["precision"] == "point"
    assert abs(loc["lat"] - 23.1) < 0.1 and abs(loc["lon"] + 82.4) < 0.1
    assert loc["how"] == "in-sentence" and text[loc["span"]["start"]:loc["span"]["end"]] == "Havana"
    assert loc["geonames_id"] and loc["admin1"]


def test_a_strike_on_targets_in_a_town_is_located_in_the_town(settings: Settings) -> None:
    ev = _one("Israeli aircraft struck targets in Khan Younis on Monday, the army said.", settings, "19")
    assert ev["location"]["country"] == "PSE" and ev["location"]["text"] == "Khan Younis"


def test_a_sanction_on_a_state_is_not_located_in_that_state(settings: Settings) -> None:
    for text in ("Washington imposed new sanctions on Cuba on Friday.",
                 "The United States imposed sanctions on Cuba."):
        for ev in _events(text, settings):
            assert ev["location"] is None, (text, ev["location"])


def test_statement_about_a_distant_strike_is_not_placed_there(settings: Settings) -> None:
    text = "BEIJING, May 2 (Wire) - China's foreign ministry condemned the Israeli strikes in Gaza."
    condemn = _one(text, settings, "11")
    assert condemn["location"] is None or condemn["location"]["name"] == "Beijing"


def test_the_dateline_places_acts_at_the_reporters_seat_only(settings: Settings) -> None:
    said = _one("BEIJING, May 2 (Wire) - China's foreign ministry condemned Japan on Tuesday.", settings, "11")
    assert said["location"]["name"] == "Beijing" and said["location"]["how"] == "dateline"
    # a Japanese act reported from Beijing did not happen in Beijing
    for ev in _events("BEIJING, May 2 (Wire) - Japan imposed sanctions on North Korea on Tuesday.", settings):
        assert ev["location"] is None


@pytest.mark.parametrize(("text", "country", "name"), [
    ("Lebanese officials said Israeli jets struck a Hezbollah warehouse near Tripoli on Sunday.", "LBN", "Tripoli"),
    ("Libyan and Egyptian officials held talks in Tripoli.", "LBY", "Tripoli"),
    ("Chilean President Gabriel Boric received Peru's foreign minister in Santiago.", "CHL", "Santiago"),
    ("Dominican officials met Haitian envoys in Santiago, the Dominican Republic's second city.", "DOM", None),
    ("Nicaragua's foreign minister met Costa Rica's ambassador in San José on Monday.", "CRI", "San José"),
    ("Spain's foreign minister met Argentine officials in Córdoba, Spain.", "ESP", "Córdoba"),
    ("Argentina's president met Spain's king in Córdoba.", "ARG", "Córdoba"),
    ("Canada's foreign minister met Japan's ambassador in Victoria, British Columbia.", "CAN", "Victoria"),
    ("Australia's prime minister hosted Chinese Premier Li Qiang in Victoria.", "AUS", "Victoria"),
    ("The Georgian defence minister met his Turkish counterpart in Batumi, Georgia.", "GEO", "Batumi"),
])
def test_ambiguous_place_names_are_resolved_by_the_countries_around_them(settings: Settings, text: str, country: str,
                                                                         name: str | None) -> None:
    located = [e["location"] for e in _events(text, settings) if e["location"]]
    assert located, text
    assert located[0]["country"] == country
    if name:
        assert located[0]["name"] == name


def test_seas_and_straits_from_our_table(settings: Settings) -> None:
    sea = _one("Houthi forces attacked a US ship in the Red Sea.", settings)["location"]
    assert (sea["name"], sea["country"], sea["precision"]) == ("Red Sea", "SEA", "sea")


def test_force_against_a_state_lands_in_that_state(settings: Settings) -> None:
    loc = _one("Russia invaded Ukraine in 2022.", settings)["location"]
    assert (loc["country"], loc["precision"]) == ("UKR", "country")


def test_locating_can_be_switched_off(settings: Settings) -> None:
    off = settings.with_overrides(locate_events=False)
    assert all(e["location"] is None for e in _events("Wang Yi met Sergei Lavrov in Beijing on Tuesday.", off))


def test_a_participle_clause_sets_the_scene_of_its_main_clause(settings: Settings) -> None:
    text = "Speaking at a news conference in Ankara, Turkey's president praised Somalia's president on Wednesday."
    placed = [e["location"] for e in _events(text, settings) if e["location"]]
    assert placed and placed[0]["name"] == "Ankara" and placed[0]["how"] == "in-sentence"


def test_a_call_is_not_placed_at_the_dateline(settings: Settings) -> None:
    text = "MOSCOW, May 2 (Wire) - Russia's president spoke by telephone with Ukraine's president on Tuesday."
    for ev in _events(text, settings):
        assert ev["location"] is None, ev["location"]


def test_the_dateline_does_not_place_sanctions_at_home(settings: Settings) -> None:
    text = "WASHINGTON, May 2 (Wire) - The United States imposed new sanctions on Russia on Tuesday."
    for ev in _events(text, settings):
        assert ev["location"] is None, ev["location"]


def test_a_visit_to_a_city_is_located_there(settings: Settings) -> None:
    text = "BAMAKO, May 2 (Wire) - Mali's foreign minister will visit Moscow this week."
    placed = [e["location"] for e in _events(text, settings) if e["root"] == "04" and e["location"]]
    assert placed and placed[0]["name"] == "Moscow", placed


def test_a_city_beside_an_attack_is_not_where_it_landed(settings: Settings) -> None:
    text = "The Iranian missile attack raised tensions between Washington and Tehran."
    for ev in _events(text, settings):
        assert ev["location"] is None or ev["location"]["name"] != "Washington", ev["location"]


def test_places_named_together(settings: Settings) -> None:
    for ev in _events("Turkish jets struck targets in Syria and Iraq on Sunday.", settings):
        assert ev["location"] is None, ev["location"]  # in no one state
    text = "Germany's foreign minister held talks with Turkish officials in Ankara and Istanbul on Friday."
    placed = [e["location"] for e in _events(text, settings) if e["location"]]
    assert placed and placed[0]["country"] == "TUR" and placed[0]["text"] == "Ankara and Istanbul", placed
    assert placed[0]["precision"] == "country" and placed[0]["resolved"] == "coordinated"
