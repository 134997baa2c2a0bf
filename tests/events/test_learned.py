"""The learned root classifier: candidate pairs, features, the JSON linear model, and how its
predictions become events (only for pairs no rule linked; marked in ``rule``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dyads.events.ids import id_of
from dyads.events.learned import NONE, LearnedCoder, RootModel, default_model_path
from dyads.events.pair_features import pair_features
from dyads.events.pairs import candidates
from dyads.model import Document

TEXT = "Kenya accused Uganda of closing the border. Later that day Norway hosted a football match."


def _analyse(pipeline, text: str):  # type: ignore[no-untyped-def]
    parsed = pipeline.nlp(text)
    actors = pipeline.resolver.resolve(parsed, "t", "2026-02-05")
    pipeline.document_actors.refine(parsed, actors, "t")
    return parsed, actors


def test_candidates_pair_distinct_actors_of_one_sentence(pipeline):
    parsed, actors = _analyse(pipeline, TEXT)
    first = next(iter(parsed.sents))
    pairs = candidates(sorted(actors.mentions, key=lambda m: m.start), first.start_char, first.end_char)
    assert {(c.source.actor.country, c.target.actor.country) for c in pairs} == {("KEN", "UGA"), ("UGA", "KEN")}


def test_features_name_the_linking_word_and_the_lexicon_reading(pipeline):
    parsed, actors = _analyse(pipeline, TEXT)
    first = next(iter(parsed.sents))
    c = next(c for c in candidates(actors.mentions, first.start_char, first.end_char) if c.source.actor.country == "KEN")
    feats = pair_features(parsed, c, pipeline.coder.lexical_root)
    assert "link=accuse" in feats and "lex_link=11" in feats and "s_dep=nsubj" in feats


def _write_model(folder: Path, weights: dict[str, list[float]]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "weights.json").write_text(json.dumps({"labels": [NONE, "04"], "bias": [0.0, 0.0], "weights": weights}))
    return folder


def test_root_model_reads_json_weights(tmp_path):
    model = RootModel(_write_model(tmp_path / "m", {"link=host": [0.0, 4.0]}))
    meets, nothing = model.predict([["link=host", "other"], ["unknown"]])
    assert meets.root == "04" and meets.probability > 0.9
    assert nothing.probability == pytest.approx(0.5)


def test_missing_model_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="no trained root model"):
        RootModel(tmp_path)


def test_model_events_only_for_pairs_the_rules_left_unlinked(pipeline, tmp_path):
    text = "Kenya accused Uganda of closing the border. Norway and Ghana were side by side at the summit."
    parsed, actors = _analyse(pipeline, text)
    doc = Document(doc_id="t", text=text, date="2026-02-05", date_precision="day")
    rule_events = [e for k, s in enumerate(parsed.sents) for e in pipeline.coder.code_sentence(s, k, doc, actors)]
    model = RootModel(_write_model(tmp_path / "m", {"order=st": [0.0, 3.0]}))  # "every pair is a meeting"
    added = LearnedCoder(model, pipeline.lexicon, 0.5, id_of, pipeline.coder.lexical_root).code(parsed, doc, actors, rule_events)
    pairs = {(e.source.actor.country, e.target.actor.country if e.target else None) for e in added}
    assert ("NOR", "GHA") in pairs, "an unlinked pair gets the model's root"
    assert not pairs & {("KEN", "UGA"), ("UGA", "KEN")}, "a pair the rules linked is left to the rules"
    ev = next(e for e in added if e.source.actor.country == "NOR")
    assert ev.code.root == "04" and ev.rule.startswith("model:roots") and ev.event_id == id_of(ev)
    assert text[ev.evidence.trigger.start:ev.evidence.trigger.end] == ev.evidence.trigger.text


def test_shipped_model_is_present_and_loads():
    model = RootModel(default_model_path())
    assert NONE in model.labels and len(model.weights) > 1000
