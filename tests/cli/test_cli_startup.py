"""Read commands start fast: they import none of spaCy, polars, networkx, pyarrow or numpy.

Checked in a fresh interpreter (this test process has long imported all of them).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from dyads.store import Store

HEAVY = ("spacy", "polars", "networkx", "pyarrow", "numpy", "pandas")
PROBE = """
import sys
from dyads.cli.main import main
code = main(sys.argv[1:])
print("HEAVY:" + ",".join(m for m in {heavy!r} if m in sys.modules))
sys.exit(code)
"""


@pytest.mark.parametrize("argv", [["settings"], ["sql", "SELECT count(*) FROM events"], ["stats"],
                                  ["events", "--actor", "USA", "--since", "2026-01-01"], ["stories"],
                                  ["timeline", "USA", "CUB", "--by", "month"], ["contradictions"]])
def test_read_commands_import_nothing_heavy(tmp_path: Path, argv: list[str]) -> None:
    db = tmp_path / "empty.duckdb"
    Store.open(db).close()
    out = subprocess.run([sys.executable, "-c", PROBE.format(heavy=HEAVY), *argv, "--db", str(db)],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    heavy = out.stdout.rsplit("HEAVY:", 1)[1].strip()
    assert heavy == "", f"{argv[0]} imported {heavy}"


def test_missing_store_is_a_clear_error_without_heavy_imports(tmp_path: Path) -> None:
    out = subprocess.run([sys.executable, "-c", PROBE.format(heavy=HEAVY), "stats", "--db", str(tmp_path / "none.duckdb")],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 2 and "no such store" in out.stderr
