"""Kinds of wrong event found on real news (issue 17), each with sentences of our own.

The reading asserted is the coder's: the fixture keeps every complete event (no confidence floor),
so these tests pin the rules, not the verifier's cut."""

from __future__ import annotations

from typing import Any

import pytest

from dyads.api import code_text
from dyads.settings import Settings
from events.conftest import find

ALL = Settings(progress=False, min_confidence=0.0)


def coded(text: str, settings: Settings = ALL) -> list[dict[str, Any]]:
    return list(code_text(text, settings, date="2026-02-05"))


def dyads_of(events: list[dict[str, Any]]) -> set[tuple[str | None, str | None]]:
    return {(e["source"]["country"], (e["target"] or {}).get("country")) for e in events}


def test_what_is_received_is_the_givers_act(pipeline: object) -> None:
    ev = find(coded("Chile received a shipment of medicine from Brazil."), "BRA", "CHL", "07")
    assert "source=giver-from" in ev["rule"] and "target=recipient-subject" in ev["rule"]
    assert ("CHL", "BRA") not in dyads_of(coded("Chile received a shipment of medicine from Brazil."))


def test_receiving_with_no_giver_named_is_no_event(pipeline: object) -> None:
    assert coded("Chile received a shipment of medicine on Monday.") == []


def test_a_purpose_clause_under_pressure_is_the_pressed_sides_act(pipeline: object) -> None:
    events = coded("Norway is pressing Iceland to expel the Russian ambassador.")
    assert ("NOR", "RUS") not in dyads_of(events)
    assert find(events, "ISL", "RUS", "16")["rule"].split("; ")[1] == "source=object-control"


def test_an_event_needs_both_sides(pipeline: object) -> None:
    """A reading with no target stays out of events unless asked for (for debugging)."""
    text = "Ukraine launched a wave of drone strikes overnight."
    assert all(e["target"] is not None for e in coded(text))
    partial = coded(text, Settings(progress=False, min_confidence=0.0, keep_partial_events=True))
    assert any(e["target"] is None for e in partial)


@pytest.mark.parametrize("text", [
    "Japan condemned the missile launch by North Korea on Sunday.",
    "Kenya and Ethiopia signed a trade agreement in Nairobi.",
])
def test_confidence_is_a_probability(pipeline: object, text: str) -> None:
    events = coded(text)
    assert events and all(0.0 <= e["confidence"] <= 1.0 for e in events)
    assert coded(text) == events  # the same text gives the same confidences


def test_the_confidence_floor_keeps_only_likelier_events(pipeline: object) -> None:
    text = "Japan condemned the missile launch by North Korea on Sunday and urged China to act."
    floor = 0.5
    kept = coded(text, Settings(progress=False, min_confidence=floor))
    assert {e["event_id"] for e in kept} == {e["event_id"] for e in coded(text) if e["confidence"] >= floor}


def test_the_calibration_map_is_monotone() -> None:
    from dyads.events.verifier import Verifier, default_verifier_path

    v = Verifier(default_verifier_path())
    probabilities = [v.calibrated(x / 100) for x in range(101)]
    assert probabilities == sorted(probabilities)
    assert 0.0 <= probabilities[0] <= probabilities[-1] <= 1.0


def test_a_headline_run_on_into_the_next_keeps_its_own_target(pipeline: object) -> None:
    """A headline without punctuation fused with the next ("tariffs on Belarus Russia vows ...") is parsed
    as one phrase "Belarus Russia"; the measure is on the first state, the second starts a new clause."""
    events = coded("EU tariffs on Belarus Russia vows response")
    assert find(events, "IGOEEC", "BLR", "16")
    assert not any(e["root"] == "16" and (e["target"] or {}).get("country") == "RUS" for e in events)
    assert all(e["source"]["code"] != "IGOEEC" or e["root"] == "16" for e in events)


def test_a_state_title_before_a_name_is_not_a_run_on(pipeline: object) -> None:
    assert find(coded("Ukraine President Zelensky met Polish leaders."), "UKR", "POL", "04")


def test_an_administration_named_after_its_leader_is_the_leaders_state(pipeline: object) -> None:
    """Not the state named nearest: "pressed Ecuador over its ties with Venezuela" is the US pressing."""
    ev = find(coded("The Biden administration pressed Ecuador over its ties with Venezuela."), "USA", "ECU")
    assert ev["source"]["sector"] == "GOV"
    assert find(coded("Maduro's government accused Guyana of provocations."), "VEN", "GUY", "11")


def test_history_is_flagged_and_never_dated_as_the_article(pipeline: object) -> None:
    """Background before the article's news: its own date where the clause gives one, else no date."""
    old = find(coded("Hungary had imposed sanctions on Serbia after the border incident."), "HUN", "SRB", "16")
    assert old["background"] is True and old["date"] is None
    dated = find(coded("Italy condemned the missile strikes by Libya in March 2019."), "ITA", "LBY", "11")
    assert dated["background"] is True and dated["date"] == "2019-03" and dated["date_precision"] == "month"
    today = find(coded("Italy condemned the missile strikes by Libya on Monday."), "ITA", "LBY", "11")
    assert today["background"] is False and today["date"] == "2026-02-02"


def test_the_past_perfect_of_reported_speech_is_the_news(pipeline: object) -> None:
    """"said it had summoned": the tense shift of a simple past, today's act."""
    ev = find(coded("Poland's foreign ministry said it had summoned the Belarusian ambassador."), "POL", "BLR", "11")
    assert ev["background"] is False and ev["date"] == "2026-02-05"
