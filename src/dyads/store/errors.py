"""The store's error type, shared by `duck` and `sandbox` (one line, names the file or the cause)."""

from __future__ import annotations


class StoreError(RuntimeError):
    pass
