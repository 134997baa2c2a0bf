"""Codes given by what governs a predicate (events/recoding.py): commitments, refusals, negations."""

from __future__ import annotations

from events.conftest import find


def test_a_commitment_to_a_cooperative_act_is_an_intent_to_it(code):
    # CAMEO: agreeing to lift a ban is an intent to ease sanctions, willing to withdraw an intent to de-escalate
    events = code("Ghana has agreed to lift its ban on imports of Nigerian poultry.")
    assert [e["cameo"] for e in events] == ["0354"]  # the bare "agreed" (030) gives way to the intent it states
    assert events[0]["modality"] == "intended" and "intent-to:085" in events[0]["rule"]
    ev = find(code("Peru is willing to withdraw its troops from the border with Ecuador."), "PER", "ECU")
    assert ev["cameo"] == "0356"
    # the act itself, told as done, keeps its code
    assert find(code("Ghana lifted its ban on imports of Nigerian poultry."), "GHA", "NGA")["cameo"] == "085"


def test_refusing_a_cooperative_act_is_a_rejection_of_it(code):
    # CAMEO: refusing to lift a ban = 1244, "will not release" = 1243; a past "has not released" is no act
    events = code("Ankara still refuses to lift the ban on Cypriot ships.")
    assert [e["cameo"] for e in events] == ["1244"] and "refusal-of:085" in events[0]["rule"]
    assert find(code("The rebels will not release the two Kenyan pilots."), "REB", "KEN")["cameo"] == "1243"
    ev = find(code("Kenya has not released the two Somali pilots."), "KEN", "SOM")
    assert ev["cameo"] == "084" and ev["modality"] == "negated"

