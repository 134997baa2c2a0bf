"""Library entry points. The CLI and any HTTP layer are thin shells over these."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dyads.contract import event_record
from dyads.ingest import IngestError, iter_documents
from dyads.ingest.readers import parse_plain
from dyads.model import Analysis, Document
from dyads.pipeline import Pipeline
from dyads.settings import Settings
from dyads.store import Store
from dyads.store.analysis_tables import analysis_stale, set_analysis_stale


@dataclass
class IngestReport:
    seen: int = 0
    unchanged: int = 0
    written: int = 0
    events: int = 0
    errors: list[IngestError] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        rate = self.written / self.seconds if self.seconds else 0.0
        return (f"{self.seen} documents read: {self.written} written, {self.unchanged} unchanged, "
                f"{len(self.errors)} errors; {self.events} events; {self.seconds:.1f}s ({rate:.1f} docs/s)")


def _progress(total: int, enabled: bool) -> Any:
    from tqdm import tqdm

    return tqdm(total=total, unit="doc", disable=not enabled or not sys.stderr.isatty(), file=sys.stderr)


def ingest(paths: list[Path], settings: Settings, store: Store | None = None, batch: int = 64,
           on_progress: Callable[[int, int], None] | None = None) -> IngestReport:
    """Read, analyse and store documents. Bad inputs are reported; good ones still land.

    ``on_progress(done, total)`` (optional) is called after each analysed document, e.g. to drive
    a progress bar in the web explorer; it must not touch the store.

    Each batch of ``batch`` documents is one transaction. Documents whose content hash is
    already stored are skipped (re-ingest changes nothing); a changed document replaces its rows.
    """
    t0 = time.perf_counter()
    report = IngestReport()
    own = store is None
    store = store or Store.open(settings.db)
    try:
        docs: list[Document] = []
        seen_ids: set[str] = set()
        for item in iter_documents(paths, settings.max_file_bytes):
            if isinstance(item, IngestError):
                report.errors.append(item)
                continue
            report.seen += 1
            if item.doc_id in seen_ids:
                report.errors.append(IngestError(item.path or item.doc_id, f"duplicate document id {item.doc_id!r} in this batch; later copy skipped"))
                continue
            seen_ids.add(item.doc_id)
            docs.append(item)
        known = store.known_hashes(d.doc_id for d in docs)
        todo = [d for d in docs if known.get(d.doc_id) != d.content_hash]
        report.unchanged = len(docs) - len(todo)
        if todo:
            try:
                _write(store, todo, settings, report, batch, on_progress)
            except BaseException:
                if report.written:  # some batches landed without their analysis: rebuild next time
                    set_analysis_stale(store, True)
                raise
        if report.written:
            analyse_written(store, [d.doc_id for d in todo], settings.bulk_load)
    finally:
        if own:
            store.close()
    report.seconds = time.perf_counter() - t0
    return report


def _write(store: Store, todo: list[Document], settings: Settings, report: IngestReport, batch: int,
           on_progress: Callable[[int, int], None] | None = None) -> None:
    pipe = Pipeline(settings)
    pipe.seed(store.learned_actors())
    bar = _progress(len(todo), settings.progress)
    analyses: list[Analysis] = []
    # one nlp.pipe stream for the whole run (workers fork once); one transaction per batch
    for a in pipe.analyse(todo):
        analyses.append(a)
        bar.update(1)
        if on_progress is not None:
            on_progress(report.written + len(analyses), len(todo))
        bar.set_postfix(events=report.events + sum(len(x.events) for x in analyses))
        if len(analyses) == batch:
            report.events += store.write(analyses, pipe.registry.actors(), pipe.registry.evidence)
            report.written += len(analyses)
            analyses = []
    if analyses:
        report.events += store.write(analyses, pipe.registry.actors(), pipe.registry.evidence)
        report.written += len(analyses)
    bar.close()


def analyse_written(store: Store, doc_ids: list[str], bulk: bool = False) -> None:
    """Bring stories, syndication and contradictions up to date after ``doc_ids`` were written:
    an incremental update near what changed, or one full pass when ``bulk`` (the bulk_load
    setting) or when the stored analysis is stale (an interrupted or pre-upgrade store)."""
    from dyads.analysis.build import rebuild
    from dyads.analysis.incremental import update

    if bulk or analysis_stale(store):
        rebuild(store)
    else:
        update(store, doc_ids)


def code_text(text: str, settings: Settings, doc_id: str = "stdin", date: str | None = None) -> Iterator[dict[str, Any]]:
    """Code a text without a store, like a classic event coder: contract records."""
    doc = parse_plain(text, doc_id)
    if date:
        doc = Document(**{**doc.__dict__, "date": date, "date_precision": "day"})
    for analysis in Pipeline(settings).analyse([doc]):
        for e in analysis.events:
            yield event_record(e)
