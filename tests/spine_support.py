"""Helpers shared by the spine tests (ingest, store, CLI). Imported as ``spine_support``: ``tests/``
is on ``sys.path`` because ``tests/conftest.py`` lives there (a plain ``conftest`` import is ambiguous
once sub-folders have their own conftest)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "corpus" / "sample"


def write(path: Path, content: str | bytes) -> Path:
    """Create ``path`` (and its folders) with ``content``; str is written as UTF-8."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


class FullDisk:
    """A connection whose inserts and deletes fail as on a full disk, ending the transaction, so that
    the rollback fails too ("cannot rollback - no transaction is active")."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con

    def execute(self, sql: str, *args: Any) -> Any:
        if sql.startswith("ROLLBACK"):
            raise duckdb.TransactionException("TransactionContext Error: cannot rollback - no transaction is active")
        if sql.startswith(("INSERT", "DELETE")):
            raise duckdb.IOException('IO Error: Could not write file "x.duckdb.wal": No space left on device')
        return self.con.execute(sql, *args)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.con, name)
