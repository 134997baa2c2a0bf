"""The arguments of an event as written (events/arguments.py): which noun phrase fills the target role
when no actor does, or when the actor was found in the sentence by context rather than by syntax."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Code = Callable[..., list[dict[str, Any]]]


def target_phrase(events: list[dict[str, Any]], root: str) -> str | None:
    ev = next(e for e in events if e["root"] == root)
    phrase = ev["evidence"]["target_phrase"]
    return None if phrase is None else str(phrase["text"])


def test_an_object_the_pattern_requires_is_part_of_the_predicate(code: Code) -> None:
    # "diplomatic relations" is what the pattern matched: the relations are set up with Palau
    events = code("Lithuania has established diplomatic relations with the island republic of Palau.")
    assert target_phrase(events, "05") == "the island republic of Palau"
    # the supplies are what is sent, the districts whom they are sent to
    assert target_phrase(code("The Kenyan government sent medical supplies to the flooded districts."), "07") \
        == "the flooded districts"


def test_an_emotion_expressed_is_about_its_complement(code: Code) -> None:
    assert target_phrase(code("Farm workers expressed anger over the new land law."), "11") == "the new land law"


def test_a_reaction_is_aimed_at_the_act_it_reacts_to(code: Code) -> None:
    events = code("The Peruvian president defended the cabinet's decision to close the mines.")
    assert target_phrase(events, "05") == "the cabinet's decision"


def test_an_act_noun_after_the_predicate_object_is_the_argument(code: Code) -> None:
    events = code("A spokesman for the rebels claimed responsibility for the bombing in the capital.")
    assert target_phrase(events, "01") == "the bombing in the capital"


def test_with_nobody_addressed_the_place_of_the_act_is_the_argument(code: Code) -> None:
    assert target_phrase(code("Ethiopian authorities imposed a curfew in parts of the Amhara region."), "17") \
        == "parts of the Amhara region"
    # a local name the small model does not tag as a place still counts
    assert target_phrase(code("The Red Cross suspended food deliveries in Tigray after a convoy was looted."), "16") \
        == "Tigray"


def test_an_object_with_its_of_complement_matches_a_multiword_pattern(code: Code) -> None:
    # "state of siege" is one object; the state it names is not an actor acted upon
    ev = next(e for e in code("The Guatemalan government declared a state of siege in the province of Alta Verapaz.")
              if e["root"] == "17")
    assert ev["cameo"] == "1724" and ev["target"] is None
    assert ev["evidence"]["target_phrase"]["text"] == "the province of Alta Verapaz"
    assert any(e["cameo"] == "0814" for e in code("South Sudan lifted the state of emergency in two provinces."))


def test_the_object_sent_is_not_whom_it_is_sent_to(code: Code) -> None:
    ev = next(e for e in code("The Kenyan army sent a team of engineers to the flooded district.") if e["root"] == "04")
    assert ev["target"] is None and ev["evidence"]["target_phrase"]["text"] == "the flooded district"


def test_a_mediation_is_between_the_parties_named(code: Code) -> None:
    events = code("Kuwait launched a mediation effort between Sudan and Chad.")
    assert {(e["cameo"], e["target"]["country"]) for e in events if e["target"]} >= {("045", "SDN")}


def test_an_actor_inside_the_clause_is_the_argument_context_will_target(code: Code) -> None:
    # the tax is what is suspended; the companies it falls on are whom the act is aimed at
    ev = next(e for e in code("France suspended a new digital tax on U.S. tech companies.") if e["root"] == "16")
    assert ev["target"]["country"] == "USA" and ev["evidence"]["target_phrase"]["text"] == "U.S. tech companies"


def test_the_place_of_the_act_does_not_displace_its_object(code: Code) -> None:
    ev = next(e for e in code("The police tortured a young inmate to death in western Iran.") if e["root"] == "18")
    assert ev["evidence"]["target_phrase"]["text"] == "a young inmate"
