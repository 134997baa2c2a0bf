"""Waiting for DuckDB's file lock. One process may write a store file at a time and, while it
writes, no other process may open it at all; the ingest therefore holds the store open only while
it writes a batch, and everyone else waits briefly for the lock instead of failing at once."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

import duckdb

from dyads.store.errors import StoreError

T = TypeVar("T")
POLL_SECONDS = 0.2


class StoreBusy(StoreError):
    """Another writer holds the store right now; trying again in a few seconds will work. Front ends
    answer it with 503 and ``Retry-After`` instead of keeping a worker waiting."""

    retry_after_seconds = 2


def is_lock_error(exc: BaseException) -> bool:
    text = str(exc)
    return isinstance(exc, duckdb.IOException) and ("Could not set lock" in text or "Conflicting lock" in text)


def waiting_for_lock(path: str, wait_seconds: float, connect: Callable[[], T]) -> T:
    """``connect()``, retried while another process holds the store's lock, for up to ``wait_seconds``."""
    deadline = time.monotonic() + max(wait_seconds, 0.0)
    while True:
        try:
            return connect()
        except duckdb.IOException as exc:
            if not is_lock_error(exc):
                raise
            if time.monotonic() >= deadline:
                raise StoreBusy(f"{path}: another ingest is writing to this store; try again when it has finished "
                                 f"(waited {wait_seconds:g}s; setting lock_wait_seconds)") from None
            time.sleep(POLL_SECONDS)
