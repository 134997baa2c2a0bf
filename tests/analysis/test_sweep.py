"""The incremental sweep's shortcut (`sweep.Dirty`): an unchanged event whose candidates are all
unchanged stored stories keeps its stored story without a match test. Switched off, every event
is matched; both must give the stories of a full rebuild, on shuffled batches that land before,
among and after what is stored."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from test_incremental import ANALYSIS, _copy_docs, _fresh, _full, _tables

from dyads.analysis import sweep
from dyads.analysis.incremental import update
from dyads.store import Store


def test_shortcut_on_and_off_equal_full_rebuild(overlap_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = {True: 0, False: 0}
    real = sweep.best_group
    with Store.open(overlap_db, read_only=True) as src:
        ids = [r[0] for r in src.query("SELECT doc_id FROM documents ORDER BY doc_id")[1]]
    random.Random(4).shuffle(ids)
    for fast in (True, False):
        def counted(*args, fast: bool = fast, **kwargs):  # type: ignore[no-untyped-def]
            calls[fast] += 1
            return real(*args, **kwargs)

        monkeypatch.setattr(sweep, "FAST_PATH", fast)
        monkeypatch.setattr(sweep, "best_group", counted)
        name = f"sweep-{fast}.duckdb"
        with _fresh(tmp_path, name) as store:
            for k in range(0, len(ids), 6):
                _copy_docs(store, overlap_db, ids[k:k + 6], undated=False)
                update(store, ids[k:k + 6])
            got = _tables(store)
        want = _full(tmp_path / name, tmp_path)
        for table in ANALYSIS:
            assert got[table] == want[table], (fast, table)
    assert 0 < calls[True] < calls[False]  # the shortcut is taken, and changes nothing
