"""Access to the store for the web app: no connection is held between requests, so other processes
(`dyads ingest`, `dyads watch`) can write the store while the explorer serves it.

DuckDB locks a store file per process: while any connection of this process has it open (even
read-only), no other process can open it for writing, and while another process writes it, this one
cannot open it at all. So each request opens the store read-only and closes it when done (requests
running at the same time share one database instance, DuckDB's per-process cache: only the first
pays the open, about 18 ms on a 100,000-event store, docs/benchmarks.md). Between requests the file
is free for a writer.

Waiting is bounded so readers never fill the server's thread pool: a reader that finds the store
locked waits at most ``wait_seconds`` and at most ``max_waiting`` readers wait at once; the rest
are told at once (`StoreBusy`: 503 with Retry-After). A web ingest writes through `writing`, one
batch at a time, with no reader of this process holding the file (DuckDB refuses a read-write
and a read-only connection to one file in one process).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from dyads.store import Store
from dyads.store.locks import StoreBusy

READER_WAIT_SECONDS = 5.0  # at most this long a request waits for a writer (then 503 with Retry-After)
MAX_WAITING_READERS = 8  # requests allowed to wait for a writer at once; the server's pool holds 40 threads


class StoreGate:
    def __init__(self, db: str, wait_seconds: float = READER_WAIT_SECONDS, writer_wait_seconds: float = 10.0,
                 max_waiting: int = MAX_WAITING_READERS) -> None:
        self.db = db
        self.wait_seconds = wait_seconds
        self.writer_wait_seconds = writer_wait_seconds
        self.max_waiting = max_waiting
        self._cond = threading.Condition()
        self._readers = 0  # requests of this process with the store open
        self._waiting = 0  # requests waiting for a writer (this process's or another's)
        self._writing = False

    def ensure_exists(self) -> None:
        """Create an empty store (schema only) when the file is missing, so pages can render."""
        if not Path(self.db).exists():
            Store.open(self.db).close()

    def _busy(self) -> StoreBusy:
        return StoreBusy(f"{Path(self.db).name}: an ingest is writing to this store; try again in a few seconds")

    @contextmanager
    def _waiter(self) -> Iterator[None]:
        """Count this request among the waiting ones, or refuse it when enough are waiting."""
        with self._cond:
            if self._waiting >= self.max_waiting:
                raise self._busy()
            self._waiting += 1
        try:
            yield
        finally:
            with self._cond:
                self._waiting -= 1

    def _open_read_only(self) -> Store:
        try:
            return Store.open(self.db, read_only=True)  # no wait: the common case, nobody writing
        except StoreBusy:
            pass
        with self._waiter():
            try:
                return Store.open(self.db, read_only=True, wait_seconds=self.wait_seconds)
            except StoreBusy:
                raise self._busy() from None

    @contextmanager
    def read(self) -> Iterator[Store]:
        """A read-only `Store` opened for this request, closed at the end of the ``with`` block."""
        with self._cond:
            if self._writing:
                if self._waiting >= self.max_waiting:
                    raise self._busy()
                self._waiting += 1
                try:
                    free = self._cond.wait_for(lambda: not self._writing, timeout=self.wait_seconds)
                finally:
                    self._waiting -= 1
                if not free:
                    raise self._busy()
            self._readers += 1
        try:
            store = self._open_read_only()
            try:
                yield store
            finally:
                store.close()
        finally:
            with self._cond:
                self._readers -= 1
                self._cond.notify_all()

    @contextmanager
    def writing(self) -> Iterator[Store]:
        """The store opened read-write for one batch (a web ingest), with no reader of this process
        holding it; readers arriving meanwhile wait (bounded) until it is closed again."""
        with self._cond:
            self._cond.wait_for(lambda: not self._writing)
            self._writing = True
            self._cond.wait_for(lambda: self._readers == 0)
        try:
            with Store.open(self.db, wait_seconds=self.writer_wait_seconds) as store:
                yield store
        finally:
            with self._cond:
                self._writing = False
                self._cond.notify_all()

    def close(self) -> None:
        """Nothing is held between requests; kept for callers that close the gate."""
