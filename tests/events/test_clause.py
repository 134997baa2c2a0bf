"""Where a trigger sits in its sentence (dyads.events.clause): coarse kinds the verifier learns from."""

from __future__ import annotations

from typing import Any

import pytest

from dyads.events.clause import clause_of


@pytest.fixture(scope="module")
def nlp(pipeline: Any) -> Any:
    return pipeline.nlp


def _clause(nlp: Any, text: str, word: str) -> tuple[str, str]:
    doc = nlp(text)
    tok = next(t for t in doc if t.text == word)
    return clause_of(tok)


def test_main_clause_verb_and_its_tense(nlp: Any) -> None:
    assert _clause(nlp, "Russia attacked Ukraine on Monday.", "attacked") == ("main", "past")
    assert _clause(nlp, "Russia will attack Ukraine.", "attack") == ("main", "future")


def test_reported_purpose_and_condition(nlp: Any) -> None:
    assert _clause(nlp, "The minister said Israel attacked Syria.", "attacked")[0] == "reported"
    assert _clause(nlp, "Turkey sent an envoy to discuss the dispute with Greece.", "discuss")[0] == "purpose"
    assert _clause(nlp, "If Iran attacks Israel, the region will burn.", "attacks")[0] == "conditional"


def test_an_act_noun_setting_the_scene(nlp: Any) -> None:
    """"During the call": an act noun in an adjunct points back at an act told elsewhere."""
    assert _clause(nlp, "During the call, the president urged Germany to act.", "call") == ("pp-during", "definite")
    assert _clause(nlp, "China condemned the attack.", "attack") == ("noun-object", "definite")


def test_a_question_marks_the_clause(nlp: Any) -> None:
    assert _clause(nlp, "Will Russia attack Finland?", "attack")[0] == "question"


def test_the_rule_trace_names_the_clause(code: Any) -> None:
    events = code("Russia attacked Ukraine on Monday.")
    assert events and all("; clause=" in e["rule"] and "; form=" in e["rule"] for e in events)
