"""A small store of our own located reports, shared by the place tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from dyads.api import ingest
from dyads.settings import Settings

TEXTS = {
    "havana": "HAVANA, Jan 20 (Wire) - Russia's interior minister met Cuba's president in Havana on Tuesday.\n",
    "hormuz": "TEHRAN, Feb 3 (Wire) - Iranian forces seized a British tanker in the Strait of Hormuz on Monday.\n",
    "sanction": "Washington imposed new sanctions on Cuba on Friday, the Treasury said.\n",
    "lima": "Peru's foreign minister met Chile's ambassador in Lima on Monday.\n",
}


@pytest.fixture(scope="session")
def placed_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("placed")
    corpus = root / "corpus"
    corpus.mkdir()
    for name, text in TEXTS.items():
        (corpus / f"{name}.txt").write_text(text, encoding="utf-8")
    db = root / "placed.duckdb"
    report = ingest([corpus], Settings(progress=False, db=str(db)))
    assert report.ok and report.written == len(TEXTS), report.summary()
    return db
