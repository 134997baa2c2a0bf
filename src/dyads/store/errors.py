"""The store's error type, shared by `duck` and `sandbox` (one line, names the file or the cause)."""

from __future__ import annotations


class StoreError(RuntimeError):
    pass


def first_line(exc: BaseException) -> str:
    """An exception as one line: the first line of its message (DuckDB's carry hints below)."""
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
