"""Nothing lost (issue 9 items 3-6): crash consistency with fault injection at every stage
boundary, the write lock held only while writing, overwrite warnings, per-document store errors."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

import dyads.api as api_mod
from dyads.api import ingest
from dyads.faults import CRASH_ENV, EXIT_CODE
from dyads.store import Store, StoreError
from dyads.store.schema import DOC_TABLES
from spine_support import write

DOCS = {
    "a.txt": "Mexico ships food\ndate 2026-02-10\n\nMexico sent food to Cuba on Tuesday, officials said.\n",
    "b.txt": "Cuba thanks Mexico\ndate 2026-02-11\n\nCuba thanked Mexico for the food on Wednesday.\n",
    "c.txt": "US condemns shipment\ndate 2026-02-11\n\nThe United States condemned Mexico over the food shipment to Cuba.\n",
}
CRASH_POINTS = ("after-read", "after-parse", "in-write", "after-write", "in-rebuild", "after-rebuild")


def corpus(root: Path) -> Path:
    for name, text in DOCS.items():
        write(root / name, text)
    return root


def snapshot(db: str) -> dict[str, Any]:
    with Store.open(db, read_only=True) as store:
        out: dict[str, Any] = {t: store.query(f"SELECT count(*) FROM {t}")[1][0][0] for t in ("documents", *DOC_TABLES)}
        out["orphans"] = sum(store.query(f"SELECT count(*) FROM {t} WHERE doc_id NOT IN (SELECT doc_id FROM documents)")[1][0][0]
                             for t in DOC_TABLES)
        out["stories"] = store.query("SELECT count(*) FROM stories")[1][0][0]
        out["story_events"] = store.query("SELECT count(*) FROM story_events")[1][0][0]
        out["unstoried"] = store.query("SELECT count(*) FROM events WHERE event_id NOT IN (SELECT event_id FROM story_events)")[1][0][0]
        out["stale"] = store.analysis_stale()
    return out


def crash_in_child(point: str, paths: list[Path], settings: Any) -> int:
    """Run the ingest in a forked child (the parent's spaCy model is inherited) that dies at ``point``."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child never returns
        os.environ[CRASH_ENV] = point
        try:
            ingest(paths, settings)
        finally:
            os._exit(0)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_a_crash_at_any_stage_boundary_leaves_a_consistent_store_that_the_next_ingest_repairs(
        tmp_path: Path, settings: Any, pipeline: Any) -> None:
    root = corpus(tmp_path / "docs")
    clean_db = str(tmp_path / "clean.duckdb")
    assert ingest([root], settings.with_overrides(db=clean_db)).ok
    clean = snapshot(clean_db)
    assert clean["stories"] > 0 and not clean["stale"]
    for point in CRASH_POINTS:
        db = str(tmp_path / f"{point}.duckdb")
        s = settings.with_overrides(db=db)
        assert crash_in_child(point, [root], s) == EXIT_CODE, point
        if Path(db).exists():
            after = snapshot(db)
            assert after["orphans"] == 0, point
            assert after["documents"] in (0, clean["documents"]), point  # a batch lands whole or not at all
            # either the analysis matches the documents, or it is marked stale for repair
            assert after["stale"] or after["unstoried"] == 0, point
        report = ingest([root], s)  # the next command repairs
        assert report.ok, (point, [str(e) for e in report.errors])
        repaired = snapshot(db)
        assert repaired == clean, point


def test_stale_analysis_is_repaired_by_a_reingest_that_changes_nothing(tmp_path: Path, settings: Any, pipeline: Any,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    root = corpus(tmp_path / "docs")
    s = settings.with_overrides(db=str(tmp_path / "s.duckdb"))
    ingest([root], s)
    with Store.open(s.db) as store:  # what a crash between the write and the rebuild leaves
        store.con.execute("DELETE FROM story_events")
        store.con.execute("DELETE FROM stories")
        store.con.execute("INSERT OR REPLACE INTO meta VALUES ('analysis_stale', '1')")
    from dyads.cli.main import main

    assert main(["stories", "--db", s.db]) == 0
    assert "analysis tables are behind the documents" in capsys.readouterr().err  # readers are told
    report = ingest([root], s)
    assert report.unchanged == 3 and report.written == 0 and report.repaired
    assert "analysis repaired" in report.summary()
    assert snapshot(s.db)["stories"] > 0 and not snapshot(s.db)["stale"]


def test_the_store_is_not_held_open_while_documents_are_analysed(tmp_path: Path, settings: Any, pipeline: Any,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    root = corpus(tmp_path / "docs")
    s = settings.with_overrides(db=str(tmp_path / "s.duckdb"))
    ingest([root / "a.txt"], s)
    seen: list[int] = []
    real = api_mod.Pipeline.analyse

    def analyse(self: Any, docs: Any, on_error: Any = None) -> Any:
        for a in real(self, docs, on_error):
            # in this process a reader cannot open the file while a writer connection is open
            with Store.open(s.db, read_only=True) as reader:
                seen.append(reader.query("SELECT count(*) FROM documents")[1][0][0])
            yield a

    monkeypatch.setattr(api_mod.Pipeline, "analyse", analyse)
    assert ingest([tmp_path], s).ok  # ids docs/a (stored: the same id as the file by itself), docs/b, docs/c
    assert seen == [1, 1]  # b and c were analysed while the store stood closed


def test_a_reader_waits_for_a_writer_then_says_so(tmp_path: Path) -> None:
    db = str(tmp_path / "locked.duckdb")
    Store.open(db).close()
    holder = subprocess.Popen([sys.executable, "-c", (
        "import duckdb, sys, time\ncon = duckdb.connect(sys.argv[1])\nprint('locked', flush=True)\ntime.sleep(2.5)\n")
        , db], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        t0 = time.monotonic()
        with pytest.raises(StoreError, match="another ingest is writing to this store"):
            Store.open(db, read_only=True, wait_seconds=0.5)
        assert time.monotonic() - t0 >= 0.5
        with Store.open(db, read_only=True, wait_seconds=20) as store:  # waits for the writer to finish
            assert store.query("SELECT 1")[1] == [(1,)]
    finally:
        holder.wait(timeout=30)


def test_same_named_files_from_two_folders_stay_two_documents(tmp_path: Path, settings: Any, pipeline: Any,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "a" / "report.txt", DOCS["a.txt"])
    write(tmp_path / "b" / "report.txt", DOCS["b.txt"])
    s = settings.with_overrides(db=str(tmp_path / "s.duckdb"))
    for folder in ("a", "b"):  # cd a && dyads ingest report.txt; cd b && dyads ingest report.txt
        monkeypatch.chdir(tmp_path / folder)
        report = ingest([Path("report.txt")], s)
        assert report.written == 1 and not report.warnings, report.summary()
    with Store.open(s.db, read_only=True) as store:
        assert [r[0] for r in store.query("SELECT doc_id FROM documents ORDER BY 1")[1]] == ["a/report", "b/report"]
    monkeypatch.chdir(tmp_path)
    again = ingest([tmp_path], s)  # from the common root the ids are the same: nothing changes
    assert again.unchanged == 2 and again.written == 0 and not again.warnings


def test_a_new_store_is_not_reported_repaired(tmp_path: Path, settings: Any) -> None:
    bad = write(tmp_path / "bad.json", "{not json")
    report = ingest([bad], settings.with_overrides(db=str(tmp_path / "new.duckdb")))
    assert report.errors and not report.repaired and "repaired" not in report.summary()


def test_an_overwrite_from_another_source_warns(tmp_path: Path, settings: Any, pipeline: Any) -> None:
    a = write(tmp_path / "a.jsonl", '{"id": "r1", "text": "Mexico sent food to Cuba on Tuesday."}\n')
    b = write(tmp_path / "b.jsonl", '{"id": "r1", "text": "Cuba thanked Mexico on Wednesday."}\n')
    s = settings.with_overrides(db=str(tmp_path / "s.duckdb"))
    assert not ingest([a], s).warnings
    report = ingest([b], s)
    assert len(report.warnings) == 1
    assert f"document id 'r1' was stored from {a}; this copy from {b} replaces it" in str(report.warnings[0])


def test_a_document_the_store_refuses_is_that_documents_error(tmp_path: Path, settings: Any, pipeline: Any,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    root = corpus(tmp_path / "docs")
    s = settings.with_overrides(db=str(tmp_path / "s.duckdb"))
    real = Store.write

    def write_(self: Store, analyses: Any, *args: Any) -> int:
        if any(x.document.doc_id == "b" for x in analyses):
            import duckdb

            raise duckdb.ConversionException("Conversion Error: could not convert the row")
        return real(self, analyses, *args)

    monkeypatch.setattr(Store, "write", write_)
    report = ingest([root], s)
    assert report.written == 2 and len(report.errors) == 1
    assert "b.txt: cannot store document 'b': Conversion Error" in str(report.errors[0])
