"""Stories and contradictions read where events happened (issue 19), on hand-built events."""

from __future__ import annotations

from analysis_helpers import doc, ev

from dyads.analysis.contradictions import find
from dyads.analysis.rows import PlaceRow
from dyads.analysis.similarity import places_compatible
from dyads.analysis.stories import build_stories, cluster

KHARKIV = PlaceRow("Kharkiv", "UKR", 49.98, 36.25, "point")
ODESA = PlaceRow("Odesa", "UKR", 46.48, 30.73, "point")
UKRAINE = PlaceRow("Ukraine", "UKR", 49.0, 31.3, "country")
BLACK_SEA = PlaceRow("Black Sea", "SEA", 43.4, 34.3, "sea")
TRIPOLI_LBY = PlaceRow("Tripoli", "LBY", 32.89, 13.19, "point")
TRIPOLI_LBN = PlaceRow("Tripoli", "LBN", 34.44, 35.85, "point")


def _strike(event_id: str, doc_id: str, evidence: str, place: PlaceRow | None) -> object:
    return ev(event_id, doc_id, "RUS", "UKR", "190", evidence=evidence, place=place)


def test_places_compatible() -> None:
    assert places_compatible(KHARKIV, KHARKIV) and places_compatible(KHARKIV, None)
    assert places_compatible(KHARKIV, UKRAINE)  # a city in the country the other report names
    assert places_compatible(ODESA, BLACK_SEA)  # open water takes no side
    assert not places_compatible(KHARKIV, ODESA)  # two cities over 50 km apart
    assert not places_compatible(TRIPOLI_LBY, TRIPOLI_LBN)  # two countries, one name


def test_two_strikes_in_different_cities_are_two_stories() -> None:
    events = [_strike("a", "d1", "Russian missiles struck an energy plant in Kharkiv overnight, officials said.", KHARKIV),
              _strike("b", "d2", "A drone attack hit port buildings in Odesa on Monday.", ODESA),
              _strike("c", "d3", "Rescuers searched the rubble of the Kharkiv plant after the missile strike.", KHARKIV),
              _strike("d", "d4", "Ukraine said Russia attacked it again on Monday.", None)]
    groups = [sorted(e.event_id for e in g) for g in cluster(events)]
    assert not any({"a", "b"} <= set(g) for g in groups)
    assert any({"a", "c"} <= set(g) for g in groups)  # the same city: one story
    assert any("d" in g and len(g) > 1 for g in groups)  # an unplaced report still joins one of them
    # without places the first two reports are one story
    unplaced = [_strike(e.event_id, e.doc_id, e.evidence, None) for e in events]
    assert any({"a", "b"} <= {e.event_id for e in g} for g in cluster(unplaced))


def test_one_report_told_with_two_places_is_a_contradiction() -> None:
    text = "Russian missiles struck an energy plant in {} overnight, regional officials said on Monday."
    events = [_strike("a", "wire", text.format("Kharkiv"), KHARKIV),
              _strike("b", "paper", text.format("Odesa"), ODESA),
              _strike("c", "radio", text.format("Ukraine"), UKRAINE)]
    docs = [doc("wire", "Wire"), doc("paper", "Paper"), doc("radio", "Radio")]
    stories = build_stories(events, docs, {})
    assert len(stories) == 1  # near-identical sentences: one happening, whatever place each gives
    found = [c for c in find(stories, events, docs, {}) if c.kind == "place"]
    assert len(found) == 1 and found[0].about == "where it happened"
    assert {s.value: s.outlet for s in found[0].sides} == {"Kharkiv (UKR)": "Wire", "Odesa (UKR)": "Paper"}


def test_compatible_places_are_no_contradiction() -> None:
    text = "Russian missiles struck an energy plant in {} overnight, regional officials said on Monday."
    events = [_strike("a", "wire", text.format("Kharkiv"), KHARKIV),
              _strike("b", "paper", text.format("Ukraine"), UKRAINE),
              _strike("c", "radio", text.format("the city"), None)]
    docs = [doc("wire", "Wire"), doc("paper", "Paper"), doc("radio", "Radio")]
    stories = build_stories(events, docs, {})
    assert [c for c in find(stories, events, docs, {}) if c.kind == "place"] == []


def test_a_report_does_not_join_through_a_copy_that_names_its_place() -> None:
    text = "Russian missiles struck an energy plant in {} overnight, regional officials said on Monday."
    events = [_strike("a", "wire", text.format("Kharkiv"), KHARKIV),
              _strike("b", "copy", text.format("Odesa"), ODESA),
              ev("c", "port", "RUS", "UKR", "190", date="2026-02-03", place=ODESA,
                 evidence="Russian drones hit port buildings in Odesa on Tuesday, the governor said.")]
    groups = [sorted(e.event_id for e in g) for g in cluster(events)]
    assert groups == [["a", "b"], ["c"]]
