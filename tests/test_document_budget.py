"""The per-document time budget (issue 21: `max_document_seconds`, `dyads.deadline`): a document
over it is that document's error, named, and the other documents of the batch land, on the main
thread (the SIGALRM backstop stops even a loop with no check in it) and in a worker thread (the
cooperative checks between sentences)."""

from __future__ import annotations

import signal
import threading
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from dyads import deadline
from dyads.api import ingest
from dyads.deadline import Deadline, DocumentTimeout
from dyads.ingest.readers import parse_plain
from dyads.model import Document
from dyads.settings import Settings

PARAGRAPH = ("Brazil offered aid to Chile on Monday. Argentina criticised the offer. "
             "Peru praised Brazil for the aid.")


def _docs(sentences: int = 3) -> list[Document]:
    return [parse_plain(f"Title {i}\n\n" + " ".join([PARAGRAPH] * sentences), f"d{i}") for i in range(3)]


@pytest.fixture
def budget_pipeline(pipeline: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setattr(pipeline, "settings", replace(pipeline.settings, max_document_seconds=1.0))
    return pipeline


def _stall_on(pipeline: Any, monkeypatch: pytest.MonkeyPatch, doc_id: str, stall: Any) -> None:
    real = pipeline.coder.code_sentence

    def code_sentence(sent: Any, k: int, document: Document, *args: Any, **kwargs: Any) -> Any:
        if document.doc_id == doc_id:
            stall()
        return real(sent, k, document, *args, **kwargs)

    monkeypatch.setattr(pipeline.coder, "code_sentence", code_sentence)


def _spin_forever() -> None:
    """A pure-Python loop with no deadline check in it, like the verbless-headline hang of issue 21."""
    n = 0
    while True:
        n += 1


def test_a_looping_document_is_stopped_on_the_main_thread(budget_pipeline: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    _stall_on(budget_pipeline, monkeypatch, "d1", _spin_forever)
    failed: list[tuple[str, Exception]] = []
    out = list(budget_pipeline.analyse(_docs(), on_error=lambda d, e: failed.append((d.doc_id, e))))
    assert [a.document.doc_id for a in out] == ["d0", "d2"]
    assert all(a.events for a in out)
    assert [(d, type(e)) for d, e in failed] == [("d1", DocumentTimeout)]
    assert str(failed[0][1]) == "took longer than 1 s (setting max_document_seconds)"
    assert signal.getsignal(signal.SIGALRM) is not deadline._on_alarm, "the previous handler is restored"
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0), "no timer left running"


def test_a_slow_document_is_stopped_in_a_worker_thread(budget_pipeline: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """The web explorer ingests in a thread: there the checks between sentences stop the document."""
    _stall_on(budget_pipeline, monkeypatch, "d1", lambda: time.sleep(0.3))
    failed: list[tuple[str, Exception]] = []
    out: list[Any] = []

    def run() -> None:
        out.extend(budget_pipeline.analyse(_docs(sentences=10), on_error=lambda d, e: failed.append((d.doc_id, e))))

    worker = threading.Thread(target=run)
    worker.start()
    worker.join(timeout=120)
    assert not worker.is_alive()
    assert [a.document.doc_id for a in out] == ["d0", "d2"]
    assert [(d, type(e)) for d, e in failed] == [("d1", DocumentTimeout)]


def test_without_on_error_the_timeout_propagates(budget_pipeline: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    _stall_on(budget_pipeline, monkeypatch, "d0", _spin_forever)
    with pytest.raises(DocumentTimeout):
        list(budget_pipeline.analyse(_docs()[:1]))


def test_ingest_names_the_document_that_took_too_long(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from dyads.pipeline import Pipeline

    real = Pipeline.__post_init__

    def slow_coder(self: Pipeline) -> None:
        real(self)
        original = self.coder.code_sentence

        def code_sentence(sent: Any, k: int, document: Document, *args: Any, **kwargs: Any) -> Any:
            if document.doc_id == "slow":
                _spin_forever()
            return original(sent, k, document, *args, **kwargs)

        self.coder.code_sentence = code_sentence  # type: ignore[method-assign]

    monkeypatch.setattr(Pipeline, "__post_init__", slow_coder)
    corpus = tmp_path / "in"
    corpus.mkdir()
    for name in ("fast", "slow", "other"):
        (corpus / f"{name}.txt").write_text(f"{name.title()} news\n\n{PARAGRAPH}\n", encoding="utf-8")
    s = Settings(db=str(tmp_path / "s.duckdb"), progress=False, max_document_seconds=1.0)
    report = ingest([corpus], s)
    assert report.written == 2
    assert [str(e) for e in report.errors] == [
        f"{corpus / 'slow.txt'}: document 'slow' took longer than 1 s (setting max_document_seconds)"]


def test_check_raises_only_past_the_deadline() -> None:
    deadline.check()  # no budget: nothing happens
    with deadline.within(Deadline.after(60)):
        deadline.check()
    with deadline.within(Deadline(time.monotonic() - 1, 5)), pytest.raises(DocumentTimeout, match="longer than 5 s"):
        deadline.check()
    deadline.check()  # the budget ended with its block
    assert Deadline.after(0) is None


def test_an_unexpected_failure_keeps_its_traceback_for_debug(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    from dyads.cli.main import main
    from dyads.pipeline import Pipeline

    real = Pipeline.__post_init__

    def broken(self: Pipeline) -> None:
        real(self)

        def explode(*args: Any, **kwargs: Any) -> Any:
            raise IndexError("list index out of range")

        self.coder.code_sentence = explode  # type: ignore[method-assign]

    monkeypatch.setattr(Pipeline, "__post_init__", broken)
    (tmp_path / "a.txt").write_text(f"News\n\n{PARAGRAPH}\n", encoding="utf-8")
    db = str(tmp_path / "t.duckdb")
    assert main(["--debug", "ingest", str(tmp_path / "a.txt"), "--db", db]) == 1
    err = capsys.readouterr().err
    assert "analysis failed: IndexError: list index out of range" in err
    assert "Traceback (most recent call last)" in err and "in explode" in err


def test_the_coder_checks_the_budget_between_predicates(budget_pipeline: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """In a worker thread a sentence with many predicates stops inside the coder, not only after it."""
    real = budget_pipeline.coder._build
    calls: list[int] = []

    def slow_build(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        time.sleep(0.4)
        return real(*args, **kwargs)

    many = "Brazil condemned Chile, praised Peru, accused Bolivia, criticised Ecuador, thanked Mexico and met Cuba."
    counted: list[int] = []

    def counting(*args: Any, **kwargs: Any) -> Any:
        counted.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(budget_pipeline.coder, "_build", counting)
    list(budget_pipeline.analyse([parse_plain(f"T\n\n{many}", "one")]))
    assert len(counted) >= 5, "the sentence has many predicates"
    monkeypatch.setattr(budget_pipeline.coder, "_build", slow_build)
    failed: list[Exception] = []

    def run() -> None:
        list(budget_pipeline.analyse([parse_plain(f"T\n\n{many}", "one")], on_error=lambda d, e: failed.append(e)))

    worker = threading.Thread(target=run)
    worker.start()
    worker.join(timeout=120)
    assert [type(e) for e in failed] == [DocumentTimeout]
    assert len(calls) < len(counted), "stopped before every predicate of the sentence was built"


def test_a_spark_partition_reports_a_failing_document_and_writes_the_others(tmp_path: Path,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """Without Spark: the function each executor runs. A document whose analysis fails is reported
    in the partition's result (the driver adds it to the ingest report); the others are written."""
    from dyads.pipeline import Pipeline
    from dyads.spark.partition import Ordered, analyse_partition

    real = Pipeline.__post_init__

    def one_fails(self: Pipeline) -> None:
        real(self)
        original = self.coder.code_sentence

        def code_sentence(sent: Any, k: int, document: Document, *args: Any, **kwargs: Any) -> Any:
            if document.doc_id == "d1":
                raise IndexError("list index out of range")
            return original(sent, k, document, *args, **kwargs)

        self.coder.code_sentence = code_sentence  # type: ignore[method-assign]

    monkeypatch.setattr(Pipeline, "__post_init__", one_fails)
    items = [Ordered((0, 0, i), doc) for i, doc in enumerate(_docs())]
    (result,) = analyse_partition(0, items, Settings(progress=False), [], str(tmp_path / "out"), "run")
    assert result.documents == 2 and result.events > 0
    assert result.errors == (("d1", "analysis failed: IndexError: list index out of range"),)


def test_a_failed_documents_remaining_pieces_are_not_parsed(pipeline: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Once a long document has failed (its budget spent), the parse stream starts again after it:
    what it costs is its budget, not the parse of every piece it had left."""
    from dyads import pipeline as pipeline_mod
    from dyads.pipeline import Pipeline

    parsed: list[int] = []
    real = pipeline_mod.parse_pieces

    def counting(*args: Any, **kwargs: Any) -> Any:
        for piece in real(*args, **kwargs):
            parsed.append(piece.index)
            yield piece

    monkeypatch.setattr(pipeline_mod, "parse_pieces", counting)
    long_text = "\n\n".join([PARAGRAPH * 40] * 30)  # about 30 pieces of 10,000 characters
    docs = [Document("long", long_text), Document("short", PARAGRAPH)]
    failed: list[str] = []
    pipe = Pipeline(Settings(progress=False, max_document_seconds=1e-6))
    list(pipe.analyse(docs, on_error=lambda d, e: failed.append(d.doc_id)))
    assert failed[0] == "long"
    assert len(parsed) < 10  # the first batch of pieces at most, not all ~30
