"""Library entry points. The CLI and any HTTP layer are thin shells over these."""

from __future__ import annotations

import datetime as dt
import sys
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from dyads.contract import event_record
from dyads.deadline import DocumentTimeout
from dyads.faults import crash_point
from dyads.ingest import IngestError, IngestWarning, iter_documents
from dyads.ingest.readers import parse_plain
from dyads.model import Analysis, Document
from dyads.pipeline import Pipeline
from dyads.settings import Settings
from dyads.store import Store, StoreError
from dyads.store.errors import first_line


@dataclass
class IngestReport:
    seen: int = 0
    unchanged: int = 0
    written: int = 0
    events: int = 0
    errors: list[IngestError] = field(default_factory=list)
    warnings: list[IngestWarning] = field(default_factory=list)
    seconds: float = 0.0
    repaired: bool = False  # the analysis tables were stale (an earlier run was interrupted) and were rebuilt
    written_ids: list[str] = field(default_factory=list)  # documents stored (new or changed) by this run
    unchanged_ids: list[str] = field(default_factory=list)  # documents already stored with the same content

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        rate = self.written / self.seconds if self.seconds else 0.0
        warned = f", {len(self.warnings)} warnings" if self.warnings else ""
        repaired = "; analysis repaired after an interrupted run" if self.repaired else ""
        return (f"{self.seen} documents read: {self.written} written, {self.unchanged} unchanged, "
                f"{len(self.errors)} errors{warned}; {self.events} events; {self.seconds:.1f}s ({rate:.1f} docs/s){repaired}")


def _progress(total: int, enabled: bool) -> Any:
    from tqdm import tqdm

    return tqdm(total=total, unit="doc", disable=not enabled or not sys.stderr.isatty(), file=sys.stderr)


Writer = Callable[[], AbstractContextManager[Store]]  # opens the store read-write for one batch


@contextmanager
def _writing(settings: Settings, store: Store | None) -> Iterator[Store]:
    """The caller's store, or the settings' store opened for just this block: the file lock is held
    only while writing, so readers and other ingests get in between batches (`dyads.store.locks`)."""
    if store is not None:
        yield store
        return
    with Store.open(settings.db, wait_seconds=settings.lock_wait_seconds) as own:
        yield own


def _read_inputs(paths: list[Path], settings: Settings, report: IngestReport) -> list[Document]:
    docs: list[Document] = []
    seen_ids: set[str] = set()
    for item in iter_documents(paths, settings.max_file_bytes):
        if isinstance(item, IngestWarning):
            report.warnings.append(item)
        elif isinstance(item, IngestError):
            report.errors.append(item)
        elif item.doc_id in seen_ids:
            report.seen += 1
            report.errors.append(IngestError(item.path or item.doc_id, f"duplicate document id {item.doc_id!r} in this batch; later copy skipped"))
        else:
            report.seen += 1
            seen_ids.add(item.doc_id)
            docs.append(item)
    return docs


def _source(url: str | None, path: str | None) -> str | None:
    return url or path


def _store_batch(open_writer: Writer, analyses: list[Analysis], pipe: Pipeline, report: IngestReport) -> None:
    """Write one batch; if it fails as a whole, each document alone, so one bad document is that
    document's error and the others still land. A failure of the store itself (disk full, lock)
    ends the ingest with one line naming the cause."""
    with open_writer() as st:
        try:
            report.events += st.write(analyses, pipe.registry.actors(), pipe.registry.evidence)
            report.written += len(analyses)
            report.written_ids += [a.document.doc_id for a in analyses]
            return
        except (duckdb.IOException, StoreError):
            raise
        except (duckdb.Error, ValueError, TypeError) as exc:
            if len(analyses) == 1:
                doc = analyses[0].document
                report.errors.append(IngestError(doc.path or doc.doc_id, f"cannot store document {doc.doc_id!r}: {first_line(exc)}"))
                return
    for a in analyses:
        _store_batch(open_writer, [a], pipe, report)


def iso_day(text: str, name: str = "--date") -> str:
    """``YYYY-MM-DD`` checked; anything else is a one-line ValueError naming the parameter."""
    try:
        return dt.date.fromisoformat(text.strip()).isoformat()
    except ValueError:
        raise ValueError(f"{name} {text!r}: expected a date YYYY-MM-DD") from None


def with_default_date(docs: list[Document], day: str) -> list[Document]:
    """Documents that carry no date get ``day`` (precision day); their content hash includes it, so
    a stored undated document ingested again with a date is updated, not skipped as unchanged."""
    from dyads.ingest.readers import content_hash

    out = []
    for d in docs:
        if d.date is None:
            d = Document(**{**d.__dict__, "date": day, "date_precision": "day"})
            d = Document(**{**d.__dict__, "content_hash": content_hash(d)})
        out.append(d)
    return out


def with_language(docs: list[Document], lang: str) -> list[Document]:
    """Every document in ``lang`` (an ISO 639-1 code: `dyads ingest --lang`), whatever was detected or
    a record said; the content hash follows (`content_hash`), so a stored copy in another language is coded again."""
    from dyads.ingest.language import language_argument
    from dyads.ingest.readers import content_hash

    code = language_argument(lang)
    out = []
    for d in docs:
        if d.lang != code:
            d = Document(**{**d.__dict__, "lang": code})
            d = Document(**{**d.__dict__, "content_hash": content_hash(d)})
        out.append(d)
    return out


def ingest(paths: list[Path], settings: Settings, store: Store | None = None, batch: int = 64,
           on_progress: Callable[[int, int], None] | None = None, writer: Writer | None = None,
           default_date: str | None = None, lang: str | None = None) -> IngestReport:
    """Read, analyse and store documents. Bad inputs are reported; good ones still land.

    ``on_progress(done, total)`` (optional) is called after each analysed document, e.g. to drive
    a progress bar in the web explorer; it must not touch the store.

    Each batch of ``batch`` documents is one transaction. Documents whose content hash is
    already stored are skipped (re-ingest changes nothing); a changed document replaces its rows;
    a document replacing one with the same id from another source (URL or file) is a warning.
    ``default_date`` (``YYYY-MM-DD``) dates the documents that carry no date of their own; ``lang``
    (ISO 639-1) is every document's language, instead of what a record said or detection found.
    Without ``store`` the store is opened only while a batch is written (``writer``, if given,
    opens it: the web app's gate), never during the NLP, so readers and other ingests get in between.
    Stage boundaries are crash points (`dyads.faults`): after any crash the next ingest (or
    `dyads analyse`) finds the analysis marked stale and rebuilds it.
    """
    t0 = time.perf_counter()
    report = IngestReport()
    docs = _read_inputs(paths, settings, report)
    if default_date:
        docs = with_default_date(docs, iso_day(default_date))
    if lang:
        docs = with_language(docs, lang)
    crash_point("after-read")
    def open_writer() -> AbstractContextManager[Store]:
        return writer() if writer is not None and store is None else _writing(settings, store)

    with open_writer() as st:
        known = st.known_sources(d.doc_id for d in docs)
        learned = st.learned_actors()
        stale = st.analysis_stale()
        # a brand-new store is created marked stale (schema migration 3): nothing there to repair
        stored_before = bool(st.query("SELECT 1 FROM documents LIMIT 1")[1])
    todo = [d for d in docs if known.get(d.doc_id, ("", None))[0] != d.content_hash]
    report.unchanged = len(docs) - len(todo)
    report.unchanged_ids = [d.doc_id for d in docs if known.get(d.doc_id, ("", None))[0] == d.content_hash]
    for d in todo:
        if d.doc_id in known and (old := known[d.doc_id][1]) != (new := _source(d.url, d.path)):
            report.warnings.append(IngestWarning(d.path or d.doc_id, f"document id {d.doc_id!r} was stored from {old}; "
                                                 f"this copy from {new} replaces it"))
    if todo:
        pipe = Pipeline(settings)
        pipe.seed(learned)
        bar = _progress(len(todo), settings.progress)
        analyses: list[Analysis] = []

        def failed(doc: Document, exc: Exception) -> None:
            where = doc.path or doc.doc_id
            if isinstance(exc, DocumentTimeout):  # the message says it all: "took longer than N s (setting …)"
                report.errors.append(IngestError(where, f"document {doc.doc_id!r} {exc}"))
                return
            trace = "".join(traceback.format_exception(exc))
            report.errors.append(IngestError(where, f"analysis failed: {type(exc).__name__}: {first_line(exc)}", detail=trace))

        # one nlp.pipe stream for the whole run (workers fork once); one transaction per batch
        for a in pipe.analyse(todo, on_error=failed):
            analyses.append(a)
            report.warnings += [IngestWarning(a.document.path or a.document.doc_id, w) for w in a.warnings]
            bar.update(1)
            if on_progress is not None:
                on_progress(report.written + len(analyses), len(todo))
            if len(analyses) == batch:
                crash_point("after-parse")
                _store_batch(open_writer, analyses, pipe, report)
                crash_point("after-write")
                analyses = []
        if analyses:
            crash_point("after-parse")
            _store_batch(open_writer, analyses, pipe, report)
            crash_point("after-write")
        bar.close()
    # -- derived analysis (stories, syndication, contradictions): updated near what was written; rebuilt
    #    whole for a bulk load, or when an earlier run died between its writes and its analysis (every
    #    write marks the store stale until the analysis catches up: `Store.write`)
    if report.written or stale:
        with open_writer() as st:
            analyse_written(st, [d.doc_id for d in todo], bulk=settings.bulk_load, was_stale=stale)
        report.repaired = stale and stored_before and not report.written
        crash_point("after-rebuild")
    report.seconds = time.perf_counter() - t0
    return report


def analyse_written(store: Store, doc_ids: list[str], bulk: bool = False, was_stale: bool | None = None) -> None:
    """Bring stories, syndication and contradictions up to date after ``doc_ids`` were written: an
    incremental update near what changed, or one full pass when ``bulk`` (the bulk_load setting) or
    when the analysis was already behind the documents before these writes (``was_stale``; read from
    the store when not given). Either clears the stale mark that every write sets."""
    from dyads.analysis.build import rebuild
    from dyads.analysis.incremental import update

    if bulk or (store.analysis_stale() if was_stale is None else was_stale):
        rebuild(store)
    else:
        update(store, doc_ids)


def code_text(text: str, settings: Settings, doc_id: str = "stdin", date: str | None = None,
              lang: str | None = None) -> Iterator[dict[str, Any]]:
    """Code a text without a store, like a classic event coder: contract records. The text's
    language is detected (`dyads.ingest.language`) unless ``lang`` (ISO 639-1) gives it."""
    if date is not None:  # the export contract's date is ISO: anything else is refused, never passed on
        try:
            date = dt.date.fromisoformat(date).isoformat()
        except ValueError:
            raise ValueError(f"date {date!r}: expected YYYY-MM-DD") from None
    if lang:
        from dyads.ingest.language import language_argument

        lang = language_argument(lang)
    doc = parse_plain(text, doc_id)
    if date:
        doc = Document(**{**doc.__dict__, "date": date, "date_precision": "day"})
    if lang:
        doc = Document(**{**doc.__dict__, "lang": lang})
    for analysis in Pipeline(settings).analyse([doc]):
        for e in analysis.events:
            yield event_record(e, lang=analysis.document.lang)
