"""A time budget per document (setting ``max_document_seconds``): over it, the document is that
document's error (`DocumentTimeout`) and the rest of the batch goes on.

Python cannot stop a thread from outside, so the budget is enforced in two ways:

- cooperatively: `check()` raises `DocumentTimeout` once the current thread's deadline has passed.
  The pipeline calls it between pieces and sentences, the coder between the clauses of a sentence.
  This works in any thread (the web explorer ingests in a worker thread, Spark in executors) but
  cannot stop a loop that never reaches a check;
- as a backstop, on the main thread only (signals are delivered there): while a document's step
  runs, a ``SIGALRM`` interval timer (`signal.setitimer`) fires at the deadline and then every
  `REPEAT_SECONDS`, and its handler raises `DocumentTimeout` wherever Python code is running, so
  a pure-Python infinite loop is interrupted too (repeated, in case a broad ``except`` swallowed
  one). It cannot interrupt a call that stays in C without returning to the interpreter; the
  parser's cost is bounded by the text's length (`dyads.nlp.chunks`), not by this budget.

In a worker thread, only the cooperative checks apply: a loop with no check in it still hangs that
thread. The budget is wall-clock time, so a loaded machine spends it sooner.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import FrameType

REPEAT_SECONDS = 0.25


class DocumentTimeout(Exception):
    """A document took longer than its budget; the message is one line."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"took longer than {seconds:g} s (setting max_document_seconds)")
        self.seconds = seconds


@dataclass(frozen=True)
class Deadline:
    at: float  # time.monotonic() value after which the document is over budget
    seconds: float  # the budget, for the message

    @staticmethod
    def after(seconds: float) -> Deadline | None:
        """A deadline ``seconds`` from now; None (no budget) for 0 or less."""
        return Deadline(time.monotonic() + seconds, seconds) if seconds > 0 else None


_current = threading.local()


def check() -> None:
    """Raise `DocumentTimeout` if this thread works on a document whose deadline has passed."""
    deadline: Deadline | None = getattr(_current, "deadline", None)
    if deadline is not None and time.monotonic() > deadline.at:
        raise DocumentTimeout(deadline.seconds)


def _on_alarm(signum: int, frame: FrameType | None) -> None:
    deadline: Deadline | None = getattr(_current, "deadline", None)
    if deadline is not None:
        raise DocumentTimeout(deadline.seconds)


@contextmanager
def within(deadline: Deadline | None) -> Iterator[None]:
    """Run the body under ``deadline`` (no budget when None): `check()` sees it, and on the main
    thread the ``SIGALRM`` backstop is armed for the body only (the previous handler is restored)."""
    if deadline is None:
        yield
        return
    outer: Deadline | None = getattr(_current, "deadline", None)
    _current.deadline = deadline
    main_thread = threading.main_thread()
    on_main = threading.current_thread() is main_thread and hasattr(signal, "setitimer")  # identity: one Thread object per thread
    previous: object = None
    if on_main:
        previous = signal.signal(signal.SIGALRM, _on_alarm)
        signal.setitimer(signal.ITIMER_REAL, max(deadline.at - time.monotonic(), 0.001), REPEAT_SECONDS)
    try:
        yield
    finally:
        if on_main:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)  # type: ignore[arg-type]
        _current.deadline = outer
