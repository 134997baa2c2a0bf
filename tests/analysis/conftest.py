"""Fixtures for the analysis suite: one store built ONCE per session from both bundled corpora.

``corpus/sample`` + ``corpus/overlap`` (61 documents, ~20 s of spaCy parsing) are ingested into a
temporary DuckDB file through `dyads.api.ingest`, which also rebuilds the analysis tables.
Tests open it read-only; a test that must write copies it first.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
OVERLAP = ROOT / "corpus" / "overlap"
SAMPLE = ROOT / "corpus" / "sample"


@pytest.fixture(scope="session")
def manifest() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((OVERLAP / "MANIFEST.json").read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="session")
def overlap_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from dyads.api import ingest
    from dyads.settings import Settings

    db = tmp_path_factory.mktemp("analysis") / "overlap.duckdb"
    report = ingest([SAMPLE, OVERLAP], Settings(db=str(db), progress=False))
    assert report.ok, report.errors
    assert report.written == 61
    return db
