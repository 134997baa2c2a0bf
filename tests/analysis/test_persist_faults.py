"""Issue 21: a full disk while the analysis tables are written ends with the cause, not with
"cannot rollback - no transaction is active", and the store stays marked for a rebuild."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dyads.analysis.build import rebuild
from dyads.store import Store, StoreError
from spine_support import FullDisk


def test_a_full_disk_during_the_analysis_commit_reports_the_cause(sample_db: str, tmp_path: Path) -> None:
    db = str(tmp_path / "full.duckdb")
    shutil.copy(sample_db, db)
    with Store.open(db) as store:
        real = store.con
        store.con = FullDisk(real)  # type: ignore[assignment]
        with pytest.raises(StoreError) as info:
            rebuild(store)
        store.con = real
        message = str(info.value)
        assert "No space left on device" in message and "rollback" not in message and "\n" not in message
        assert message.startswith(f"{db}: analysis update failed")
        store.con.execute("ROLLBACK")  # the real connection's transaction (the wrapper's rollback was refused)
        assert rebuild(store).stories  # nothing was lost: the next rebuild works
