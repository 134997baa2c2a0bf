"""Access to the store for the web app: many readers over one read-only connection, or one writer.

DuckDB lets a process hold a file either read-only or read-write, not both, so the gate keeps one
read-only connection open for readers (each request gets its own cursor) and, when an ingest job
needs to write, waits for the readers to finish, closes that connection, and lets the writer open
the store read-write. Readers arriving meanwhile wait until the writer is done.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from dyads.store import Store, StoreError

T = TypeVar("T")


class StoreGate:
    def __init__(self, db: str, wait_seconds: float = 120.0) -> None:
        self.db = db
        self.wait_seconds = wait_seconds
        self._cond = threading.Condition()
        self._readers = 0
        self._writing = False
        self._shared: Store | None = None

    def ensure_exists(self) -> None:
        """Create an empty store (schema only) when the file is missing, so pages can render."""
        if not Path(self.db).exists():
            Store.open(self.db).close()

    @contextmanager
    def read(self) -> Iterator[Store]:
        """A read-only `Store` on its own cursor, valid inside the ``with`` block."""
        with self._cond:
            if not self._cond.wait_for(lambda: not self._writing, timeout=self.wait_seconds):
                raise StoreError(f"{self.db}: busy with an ingest; try again shortly")
            if self._shared is None:
                self._shared = Store.open(self.db, read_only=True)
            self._readers += 1
            shared = self._shared
        cursor = shared.con.cursor()
        try:
            yield Store(cursor, self.db)
        finally:
            cursor.close()
            with self._cond:
                self._readers -= 1
                self._cond.notify_all()

    def write(self, fn: Callable[[], T]) -> T:
        """Run ``fn`` (which opens the store read-write itself) with no reader holding the file."""
        with self._cond:
            self._cond.wait_for(lambda: not self._writing)
            self._writing = True
            self._cond.wait_for(lambda: self._readers == 0)
            if self._shared is not None:
                self._shared.close()
                self._shared = None
        try:
            return fn()
        finally:
            with self._cond:
                self._writing = False
                self._cond.notify_all()

    def close(self) -> None:
        with self._cond:
            if self._shared is not None:
                self._shared.close()
                self._shared = None
