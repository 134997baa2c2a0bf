"""Access to the store for the web app, leaving the file free for other processes to write.

DuckDB locks a store file per process: while any connection of this process has it open (even
read-only), no other process can open it for writing, and while another process writes it, this one
cannot open it at all. So the gate holds a read-only connection only while it is used: requests
get their own cursor on it, it is closed ``LINGER_SECONDS`` after the last request ends, and under
continuous traffic it is closed at the latest ``MAX_HOLD_SECONDS`` after it was opened, once the
requests in flight end, and stays closed for ``GAP_SECONDS`` (longer than a writer's lock poll,
`dyads.store.locks.POLL_SECONDS`), so `dyads ingest` and `dyads watch` always get in.

Why not open per request: opening costs about 19 ms of CPU on a 100,000-event store and every query
then runs on cold caches (a page's queries took 50-60 ms more CPU: docs/benchmarks.md); a page and
the JSON its charts fetch come within the linger and share one open.

Waiting is bounded so readers never fill the server's thread pool: a request waits at most
``wait_seconds`` for a writer (this process's or another's) and at most ``max_waiting`` requests
wait at once; the rest are told at once (`StoreBusy`: 503 with Retry-After). A web ingest writes
through `writing`, one batch at a time, with no reader of this process holding the file (DuckDB
refuses a read-write and a read-only connection to one file in one process).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from dyads.store import Store
from dyads.store.locks import POLL_SECONDS, StoreBusy

READER_WAIT_SECONDS = 5.0  # at most this long a request waits for a writer (then 503 with Retry-After)
MAX_WAITING_READERS = 8  # requests allowed to wait for a writer at once; the server's pool holds 40 threads
LINGER_SECONDS = 0.3  # an idle connection is closed this long after the last request
MAX_HOLD_SECONDS = 2.0  # under continuous traffic the connection is closed (once drained) after this long
GAP_SECONDS = 2.5 * POLL_SECONDS  # closed this long after a forced close: a waiting writer's poll gets in


class StoreGate:
    def __init__(self, db: str, wait_seconds: float = READER_WAIT_SECONDS, writer_wait_seconds: float = 10.0,
                 max_waiting: int = MAX_WAITING_READERS) -> None:
        self.db = db
        self.wait_seconds = wait_seconds
        self.writer_wait_seconds = writer_wait_seconds
        self.max_waiting = max_waiting
        self._cond = threading.Condition()
        self._shared: Store | None = None
        self._opened_at = 0.0
        self._last_used = 0.0
        self._readers = 0  # requests of this process with a cursor on the shared connection
        self._waiting = 0  # requests waiting for a writer or a gap
        self._writing = False
        self._draining = False  # held MAX_HOLD_SECONDS: no new cursors until it is closed
        self._gap_until = 0.0

    def ensure_exists(self) -> None:
        """Create an empty store (schema only) when the file is missing, so pages can render."""
        if not Path(self.db).exists():
            Store.open(self.db).close()

    def _busy(self) -> StoreBusy:
        return StoreBusy(f"{Path(self.db).name}: an ingest is writing to this store; try again in a few seconds")

    def _close_locked(self, gap: bool) -> None:
        if self._shared is not None:
            self._shared.close()
            self._shared = None
        self._draining = False
        if gap:
            self._gap_until = time.monotonic() + GAP_SECONDS
        self._cond.notify_all()

    def _blocked(self, now: float) -> bool:
        return self._writing or self._draining or now < self._gap_until

    def _acquire(self) -> Store:
        """The shared connection, opened if needed, with this request counted as a reader."""
        deadline = time.monotonic() + self.wait_seconds
        waiting = False
        try:
            with self._cond:
                while True:
                    now = time.monotonic()
                    if self._shared is not None and not self._draining and now - self._opened_at > MAX_HOLD_SECONDS:
                        self._draining = True  # held long enough: let it drain so another process can write
                        if self._readers == 0:
                            self._close_locked(gap=True)
                    if not self._blocked(now):
                        if self._shared is None:
                            try:  # no wait under the lock: the common case, nobody writing
                                self._shared = Store.open(self.db, read_only=True)
                                self._opened_at = now
                            except StoreBusy:  # another process writes: poll for it below
                                pass
                        if self._shared is not None:
                            self._readers += 1
                            return self._shared
                    if not waiting:
                        if self._waiting >= self.max_waiting:
                            raise self._busy()
                        self._waiting += 1
                        waiting = True
                    if now >= deadline:
                        raise self._busy()
                    self._cond.wait(timeout=min(deadline - now, POLL_SECONDS))
        finally:
            if waiting:
                with self._cond:
                    self._waiting -= 1

    def _release(self) -> None:
        with self._cond:
            self._readers -= 1
            self._last_used = time.monotonic()
            if self._readers == 0 and (self._draining or self._writing):
                self._close_locked(gap=self._draining)
            elif self._readers == 0:
                # not a daemon: a daemon thread closing the DuckDB connection while the interpreter exits is
                # stopped inside DuckDB's C++ code and aborts the process ("FATAL: exception not rethrown");
                # exit waits the linger (0.3 s) instead
                timer = threading.Timer(LINGER_SECONDS, self._close_if_idle)
                timer.start()
            self._cond.notify_all()

    def _close_if_idle(self) -> None:
        with self._cond:
            if self._readers == 0 and time.monotonic() - self._last_used >= LINGER_SECONDS * 0.9:
                self._close_locked(gap=False)

    @contextmanager
    def read(self) -> Iterator[Store]:
        """A read-only `Store` on its own cursor, valid inside the ``with`` block."""
        shared = self._acquire()
        try:
            cursor = shared.con.cursor()
            try:
                yield Store(cursor, self.db)
            finally:
                cursor.close()
        finally:
            self._release()

    @contextmanager
    def writing(self) -> Iterator[Store]:
        """The store opened read-write for one batch (a web ingest), with no reader of this process
        holding it; readers arriving meanwhile wait (bounded) until it is closed again."""
        with self._cond:
            self._cond.wait_for(lambda: not self._writing)
            self._writing = True
            self._cond.wait_for(lambda: self._readers == 0)
            self._close_locked(gap=False)
        try:
            with Store.open(self.db, wait_seconds=self.writer_wait_seconds) as store:
                yield store
        finally:
            with self._cond:
                self._writing = False
                self._cond.notify_all()

    def close(self) -> None:
        with self._cond:
            self._close_locked(gap=False)
