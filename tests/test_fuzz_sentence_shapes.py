"""A fuzz suite of sentence shapes (issue 21): over 20,000 generated cases (`tests/sentence_shapes.py`,
deterministic) run through the real pipeline, each case its own document under a 5 s budget
(`max_document_seconds`). No case may raise or time out and no document may be lost; a failing case
prints its text. Offsets of every event still index the text.

Cost, measured on the shared 2-core development machine: 124 s of CPU for the whole file (5 min 49 s
wall while other jobs held 65 % of the CPU), most of it the lexicon family (~11,000 cases) and the
political runs (8,000)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

import sentence_shapes as shapes
from dyads.api import code_text
from dyads.model import Analysis, Document
from dyads.nlp.pipeline import MAX_SENTENCE_TOKENS
from dyads.settings import Settings

CASE_SECONDS = 5.0


@pytest.fixture(scope="module")
def shapes_pipeline() -> Iterator[Any]:
    from dyads.pipeline import Pipeline

    yield Pipeline(Settings(progress=False, max_document_seconds=CASE_SECONDS, batch_size=64))


def _code_all(pipe: Any, family: str, texts: list[str]) -> list[Analysis]:
    docs = [Document(doc_id=f"{family}-{i}", text=t) for i, t in enumerate(texts)]
    failed: list[str] = []
    out = list(pipe.analyse(docs, on_error=lambda d, e: failed.append(f"{type(e).__name__}: {e} -- {d.text[:300]!r}")))
    assert not failed, f"{len(failed)} of {len(texts)} {family} cases failed:\n" + "\n".join(failed[:20])
    assert [a.document.doc_id for a in out] == [d.doc_id for d in docs], "no document is lost"
    for a in out:
        text = a.document.text
        for e in a.events:
            assert text[e.evidence.sentence.start:e.evidence.sentence.end] == e.evidence.sentence.text, text
            assert text[e.evidence.trigger.start:e.evidence.trigger.end] == e.evidence.trigger.text, text
    return out


def test_the_suite_has_over_20000_cases() -> None:
    total = (len(shapes.verbless_headlines()) + len(shapes.lexicon_in_contexts()) + len(shapes.datelines())
             + len(shapes.coordinated_names()) + len(shapes.political_runs()) + 1)
    assert total >= 20_000
    assert shapes.political_runs(5) == shapes.political_runs(5), "derandomized: the same cases every run"


def test_verbless_headlines(shapes_pipeline: Any) -> None:
    _code_all(shapes_pipeline, "headline", shapes.verbless_headlines())


def test_every_lexicon_entry_in_five_contexts(shapes_pipeline: Any) -> None:
    out = _code_all(shapes_pipeline, "lexicon", shapes.lexicon_in_contexts())
    assert sum(len(a.events) for a in out) > len(out) // 4, "the contexts are codable, not noise"


def test_datelines_alone(shapes_pipeline: Any) -> None:
    out = _code_all(shapes_pipeline, "dateline", shapes.datelines())
    assert not any(a.events for a in out)


def test_500_coordinated_names(shapes_pipeline: Any) -> None:
    for a in _code_all(shapes_pipeline, "names", shapes.coordinated_names()):
        assert max(len(s.text.split()) for s in a.sentences) <= 4 * MAX_SENTENCE_TOKENS


def test_random_runs_of_political_words(shapes_pipeline: Any) -> None:
    _code_all(shapes_pipeline, "run", shapes.political_runs())


def test_a_50000_character_run_is_coded_in_bounded_pieces(shapes_pipeline: Any) -> None:
    (a,) = _code_all(shapes_pipeline, "long", [shapes.long_run()])
    assert a.events, "coded, not rejected whole"
    assert len(a.sentences) > 50_000 // 6 // MAX_SENTENCE_TOKENS
    assert any("without a sentence end were cut" in w for w in a.warnings)


@pytest.mark.parametrize("text", [
    "Mexico States said Ukraine aid China condemned would and condemned troops.",  # IndexError in noun_phrase
    "France's interference in IAEA's work",  # looped forever in events/statements.py
])
def test_issue_21_shapes_code(settings: Settings, text: str) -> None:
    list(code_text(text, settings))
