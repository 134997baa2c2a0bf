"""Helpers shared by the spine tests (ingest, store, CLI). Imported as ``spine_support``: ``tests/``
is on ``sys.path`` because ``tests/conftest.py`` lives there (a plain ``conftest`` import is ambiguous
once sub-folders have their own conftest)."""

from __future__ import annotations

from pathlib import Path

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
