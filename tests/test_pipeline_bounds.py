"""Bounded cost and per-document failures in the pipeline (issue 9 items 3 and 7)."""

from __future__ import annotations

from typing import Any

import pytest

from dyads.ingest.readers import parse_plain
from dyads.model import Analysis, Document
from dyads.nlp.chunks import BATCH_CHARS, CHUNK_CHARS, parse_pieces, split_chunks
from dyads.nlp.pipeline import MAX_SENTENCE_TOKENS
from dyads.pipeline import MAX_EVENTS_PER_SENTENCE

PARAGRAPH = ("Mexico sent 1,500 tons of food to Cuba on Tuesday, President Claudia Sheinbaum said. "
             "The United States condemned the shipment and threatened new sanctions on Mexico.")


def assert_offsets(a: Analysis) -> None:
    text = a.document.text
    for s in a.sentences:
        assert text[s.start:s.end] == s.text
    for m in a.mentions:
        assert text[m.start:m.end] == m.text
    for e in a.events:
        assert text[e.evidence.sentence.start:e.evidence.sentence.end] == e.evidence.sentence.text
        assert text[e.evidence.trigger.start:e.evidence.trigger.end] == e.evidence.trigger.text


@pytest.mark.parametrize("text", [
    "a\n\nb\n\nc" * 50, "word " * 500, "x" * 1234, "para one.\n\n" * 40 + "tail", "line\n" * 300, "",
])
def test_chunks_concatenate_to_the_text_and_respect_the_limit(text: str) -> None:
    chunks = split_chunks(text, 100)
    assert "".join(chunks) == text
    assert all(len(c) <= 100 for c in chunks)


def test_chunks_cut_at_paragraph_boundaries() -> None:
    text = "\n\n".join(f"Paragraph {i} is here." for i in range(40))
    assert all(c.endswith("\n\n") for c in split_chunks(text, 120)[:-1])


class _RecordingNlp:
    """Stands in for spaCy: records the batch size each stream is parsed with."""

    max_length = 1_000_000

    def __init__(self) -> None:
        self.batches: list[int] = []

    def pipe(self, texts: list[str], batch_size: int, n_process: int) -> Any:
        self.batches.append(batch_size)
        return iter(texts)


def test_streams_with_long_pieces_are_parsed_in_smaller_batches() -> None:
    """What spaCy allocates for a batch grows with its text (and stays in the heap): about
    BATCH_CHARS per batch, while streams of news-sized texts keep the configured batch size."""
    nlp = _RecordingNlp()
    list(parse_pieces(nlp, ["A short article. " * 100] * 40, batch_size=16))  # type: ignore[arg-type]
    list(parse_pieces(nlp, ["word " * 100_000], batch_size=16))  # type: ignore[arg-type]
    list(parse_pieces(nlp, ["x" * 100_000], batch_size=16, max_chars=100_000))  # type: ignore[arg-type]
    assert nlp.batches == [16, BATCH_CHARS // CHUNK_CHARS, 1]


def test_pieces_carry_offsets_into_their_text(pipeline: Any) -> None:
    texts = ["", "One short text.", "\n\n".join([PARAGRAPH] * 8)]
    pieces = list(parse_pieces(pipeline.nlp, texts, max_chars=300))
    for i, text in enumerate(texts):
        mine = [p for p in pieces if p.index == i]
        assert "".join(p.doc.text for p in mine) == text and mine[-1].last and not any(p.last for p in mine[:-1])
        assert all(text[p.offset:p.offset + len(p.doc.text)] == p.doc.text for p in mine)
    assert len([p for p in pieces if p.index == 2]) > 3


def test_text_longer_than_the_model_limit_is_parsed_in_chunks(pipeline: Any) -> None:
    text = "Mexico aid\n\n" + "\n\n".join([PARAGRAPH] * 60)
    doc = parse_plain(text, "long")
    nlp = pipeline.nlp
    saved = nlp.max_length
    nlp.max_length = 2_000  # stands in for spaCy's 1,000,000 (parsing that much takes minutes)
    try:
        assert len(doc.text) > 5 * nlp.max_length
        (a,) = list(pipeline.analyse([doc]))
    finally:
        nlp.max_length = saved
    assert_offsets(a)
    assert a.sentences[-1].end == len(doc.text.rstrip())
    assert len(a.events) >= 60  # every paragraph coded, not only the first chunk


def test_a_sentence_without_punctuation_is_bounded(pipeline: Any) -> None:
    words = ("Mexico sent food to Cuba and the United States condemned Mexico and " * 300).split()
    doc = parse_plain("Headline\n\n" + " ".join(words), "runon")
    (a,) = list(pipeline.analyse([doc]))
    assert_offsets(a)
    assert max(len(s.text.split()) for s in a.sentences) <= MAX_SENTENCE_TOKENS + 1
    counts: dict[int, int] = {}
    for e in a.events:
        counts[e.sentence_index] = counts.get(e.sentence_index, 0) + 1
    assert max(counts.values()) <= MAX_EVENTS_PER_SENTENCE
    assert any("without a sentence end were cut" in w for w in a.warnings)


def test_one_failing_document_is_reported_and_the_rest_go_on(pipeline: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    docs = [parse_plain(f"T{i}\n\n{PARAGRAPH}", f"d{i}") for i in range(3)]
    real = pipeline.resolver.resolve

    def resolve(parsed: Any, doc_id: str, date: Any, offset: int = 0) -> Any:
        if doc_id == "d1":
            raise RuntimeError("resolver exploded")
        return real(parsed, doc_id, date, offset=offset)

    monkeypatch.setattr(pipeline.resolver, "resolve", resolve)
    failed: list[tuple[Document, Exception]] = []
    out = list(pipeline.analyse(docs, on_error=lambda d, e: failed.append((d, e))))
    assert [a.document.doc_id for a in out] == ["d0", "d2"]
    assert [(d.doc_id, str(e)) for d, e in failed] == [("d1", "resolver exploded")]
    with pytest.raises(RuntimeError):  # without on_error a failure propagates as before
        list(pipeline.analyse(docs))


def test_a_document_gives_at_most_the_events_cap(pipeline: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("dyads.pipeline.MAX_EVENTS_PER_DOCUMENT", 10)
    doc = parse_plain("Report\n\n" + "\n\n".join([PARAGRAPH] * 30), "dense")
    (a,) = list(pipeline.analyse([doc]))
    assert len(a.events) == 10
    assert any("coding stopped at 10 events" in w for w in a.warnings)
    assert len(a.sentences) > 30, "the sentences after the cap are still stored, only not coded"
