"""Shared fixtures for the spine suite (ingest, store, CLI, settings).

Expensive things are session-scoped: the spaCy pipeline (~5 s to build once) and one ingest of
``corpus/sample`` into a temporary DuckDB file that read-only tests share. Nothing touches the
network, the working directory's ``dyads.toml`` or ``dyads.duckdb``, or anything outside the repo.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from dyads.settings import Settings
from spine_support import SAMPLE


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No DYADS_* variable or ./dyads.toml from the developer's shell leaks into a test."""
    for key in list(os.environ):
        if key.startswith("DYADS_"):
            monkeypatch.delenv(key)
    work = tmp_path / "cwd"
    work.mkdir()
    monkeypatch.chdir(work)


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings(progress=False)


@pytest.fixture(scope="session")
def pipeline(settings: Settings):  # type: ignore[no-untyped-def]
    """One spaCy-backed pipeline per session (the model is also cached by `load_model`)."""
    from dyads.pipeline import Pipeline

    return Pipeline(settings)


@pytest.fixture
def tmp_db(tmp_path: Path) -> str:
    """Path of a fresh (not yet created) DuckDB store file."""
    return str(tmp_path / "test.duckdb")


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory, settings: Settings, pipeline: object) -> str:
    """``corpus/sample`` ingested once per session; tests open it read-only and must not change it."""
    from dyads.api import ingest

    db = str(tmp_path_factory.mktemp("sample") / "sample.duckdb")
    report = ingest([SAMPLE], settings.with_overrides(db=db))
    assert report.ok, [str(e) for e in report.errors]
    assert report.written == 25
    return db

