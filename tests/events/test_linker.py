"""The learned argument linker (dyads.events.linker): which (act word, actor pair) it may read, and
the events it makes. The shipped model's judgement is measured held out (tools/train_linker.py);
these tests pin the constraints that hold whatever the weights say."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from dyads.actors.resolver import DocActors
from dyads.events.ids import id_of
from dyads.events.linker import Linker, LinkModel, default_linker_path
from dyads.model import Document


def _always(tmp_path: Path) -> LinkModel:
    """A model that links every candidate (probability ~1): what is left is what the constraints allow."""
    (tmp_path / "weights.json").write_text(json.dumps({"bias": 20.0, "weights": {}}), encoding="utf-8")
    return LinkModel(tmp_path)


def _candidates(pipeline: Any, model: LinkModel, text: str) -> list[tuple[str, str, str]]:
    doc = pipeline.nlp(text)
    actors: DocActors = pipeline.resolver.resolve(doc, "t", None)
    linker = Linker(model, pipeline.lexicon, pipeline.coder.lexical_code, 0.5, id_of)
    return [(c.trigger.text, c.pair.source.text, c.pair.target.text) for c in linker.candidates(doc, actors, [])]


def test_a_missing_model_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="no trained linker"):
        LinkModel(tmp_path)


def test_the_shipped_model_loads() -> None:
    assert LinkModel(default_linker_path()).weights


def test_a_verb_with_its_own_subject_acts_for_that_subject(pipeline: Any, tmp_path: Path) -> None:
    """"Israeli jets struck Hamas positions in Gaza": whatever else the sentence names, the striker is the subject."""
    found = _candidates(pipeline, _always(tmp_path), "Egypt said Israeli jets struck Hamas positions in Gaza.")
    sources = {s for w, s, _ in found if w == "struck"}
    assert sources and "Egypt" not in sources


def test_a_place_is_not_a_party(pipeline: Any, tmp_path: Path) -> None:
    """"a meeting in the Dominican Republic": the venue is neither side of the meeting."""
    found = _candidates(pipeline, _always(tmp_path), "Lula will attend a meeting with Petro in the Dominican Republic.")
    assert found and not [c for c in found if c[0] == "meeting" and "Dominican Republic" in (c[1], c[2])]


def test_a_threatened_act_is_read_once(pipeline: Any, tmp_path: Path) -> None:
    """Inside the complement of a coded threat, the threatened imposition is no second act."""
    doc = pipeline.nlp("President Trump threatened to impose tariffs on Mexico.")
    actors = pipeline.resolver.resolve(doc, "t", None)
    events = pipeline.coder.code_sentence(next(iter(doc.sents)), 0, Document("t", doc.text), actors)
    assert [e.code.code for e in events if e.target is not None] == ["1312"]
    linker = Linker(_always(tmp_path), pipeline.lexicon, pipeline.coder.lexical_code, 0.5, id_of)
    assert not list(linker.candidates(doc, actors, events))


def test_a_linked_event_explains_itself(pipeline: Any, tmp_path: Path) -> None:
    text = "Egypt said Israeli jets struck Hamas positions in Gaza."
    doc = pipeline.nlp(text)
    actors = pipeline.resolver.resolve(doc, "t", None)
    linker = Linker(_always(tmp_path), pipeline.lexicon, pipeline.coder.lexical_code, 0.5, id_of)
    events = linker.code(doc, Document("t", text), actors, [])
    assert events, "the always-linking model links the strike"
    ev = next(e for e in events if e.evidence.trigger.text == "struck")
    assert ev.rule.startswith("linker:strike p=") and "source=linked; target=linked" in ev.rule
    assert text[ev.evidence.trigger.start:ev.evidence.trigger.end] == "struck"
    assert ev.code.root == "19" and ev.event_id.startswith("ev-")


def test_the_same_act_between_the_same_sides_is_one_event(code: Any) -> None:
    """"imposed sanctions on Iran": the noun object of a coded verb is that act, not a second one."""
    events = code("Washington imposed sanctions on Iran on Monday.")
    assert len([e for e in events if e["target"] and e["target"]["country"] == "IRN" and e["root"] == "16"]) == 1
