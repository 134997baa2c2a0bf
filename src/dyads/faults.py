"""Fault injection for crash-consistency tests: a named point where the process dies at once.

With ``DYADS_CRASH_AT=NAME`` in the environment, `crash_point(NAME)` ends the process with
``os._exit`` (no cleanup, no rollback, no atexit: as close to ``kill -9`` as Python gets). Without
it the call does nothing. The points are the ingest's stage boundaries (see `dyads.api.ingest`)
and the inside of the store's write and analysis transactions.
"""

from __future__ import annotations

import os

CRASH_ENV = "DYADS_CRASH_AT"
EXIT_CODE = 137  # what a shell reports for kill -9


def crash_point(name: str) -> None:
    if os.environ.get(CRASH_ENV) == name:
        os._exit(EXIT_CODE)
