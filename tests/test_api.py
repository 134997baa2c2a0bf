from __future__ import annotations

from pathlib import Path
from typing import Any

from dyads.api import IngestReport, code_text, ingest
from dyads.store import Store
from spine_support import write


def test_code_text_records(settings: Any, pipeline: Any) -> None:
    recs = list(code_text("China promised continued aid to Cuba on Wednesday.", settings, date="2026-02-04"))
    assert recs and all(r["doc_id"] == "stdin" for r in recs)
    assert any(r["source"]["country"] == "CHN" and r["target"] and r["target"]["country"] == "CUB" for r in recs)


def test_ingest_reports_duplicates_and_uses_given_store(tmp_path: Path, tmp_db: str, settings: Any, pipeline: Any) -> None:
    write(tmp_path / "c1" / "same.txt", "One\ndate 2026-01-02\n\nRussia condemned the strikes.\n")
    write(tmp_path / "c2" / "same.txt", "Two\ndate 2026-01-03\n\nChina condemned the strikes.\n")
    with Store.open(tmp_db) as store:
        report = ingest([tmp_path / "c1", tmp_path / "c2"], settings, store=store)
        assert report.written == 1 and len(report.errors) == 1 and "duplicate document id 'same'" in str(report.errors[0])
        assert not report.ok
        assert store.query("SELECT title FROM documents")[1] == [("One",)]  # the store stays open and usable


def test_report_summary() -> None:
    r = IngestReport(seen=3, written=2, unchanged=1, events=5, seconds=2.0)
    assert r.ok and r.summary() == "3 documents read: 2 written, 1 unchanged, 0 errors; 5 events; 2.0s (1.0 docs/s)"


def test_code_text_refuses_a_date_that_is_not_iso(settings: Any) -> None:
    import pytest

    with pytest.raises(ValueError, match="'yesterday': expected YYYY-MM-DD"):
        list(code_text("China promised aid to Cuba.", settings, date="yesterday"))
