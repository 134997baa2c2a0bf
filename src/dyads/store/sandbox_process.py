"""One sandboxed query in a child process (`dyads.store.sandbox.run_query`), so that no query can
hurt the caller or the machine (issue 21):

- the child is a fresh interpreter (``sys.executable -c``; no fork of a caller that may hold
  threads, a spaCy model or a web server) that imports only the store package;
- once DuckDB is loaded and the store open, its address space is capped (``RLIMIT_AS``) at its
  current size plus ``max_memory_mb``: an allocation beyond it fails inside the child (DuckDB's
  "Out of Memory Error", Python's MemoryError, or the child dies), never in the caller;
- the caller kills it at the deadline (``timeout_seconds`` from the moment the child is ready to
  run the query, so interpreter start-up is not charged to the query), whatever it is doing —
  parsing, running or converting its result;
- DuckDB's temporary files go to a private directory per query (``<tmp>/dyads-sql-<uid>/<pid>-…``),
  capped at ``max_memory_mb`` and removed afterwards; directories left by a caller that died are
  removed by the next query;
- the result comes back pickled through a pipe, at most `MAX_RESULT_BYTES` (or half the cap), so
  the caller's memory grows by a bounded amount.

The answer is a `QueryResult` or one line: "stopped: memory …", "stopped: time …", or the
refusal or SQL error the child gave.
"""

from __future__ import annotations

import os
import pickle
import select
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

from dyads.store.errors import StoreError
from dyads.store.sandbox import QueryLimits, QueryRefused, QueryResult, connect, execute

MIB = 1024 * 1024
MAX_RESULT_BYTES = 256 * MIB
STARTUP_SECONDS = 30.0  # interpreter start, imports and opening the store (plus the lock wait)
READY = b"R"
# The request holds plain values only (no dyads class), so it can be read before sys.path points at
# the caller's dyads package.
_BOOT = ("import pickle, sys\n"
         "request = pickle.load(sys.stdin.buffer)\n"
         "sys.path[:0] = request['sys_path']\n"
         "from dyads.store.sandbox_process import child_main\n"
         "child_main(request)\n")
# DuckDB's worker threads in the child: each thread's stack and malloc arena take address space
# under the cap, so a many-core machine must not multiply them (MALLOC_ARENA_MAX bounds the arenas).
MAX_THREADS = 4


def _stopped_memory(limits: QueryLimits) -> QueryRefused:
    return QueryRefused(f"stopped: memory: the query needed more than {limits.max_memory_mb} MB (setting sql_max_memory_mb)")


def _stopped_time(limits: QueryLimits) -> QueryRefused:
    return QueryRefused(f"stopped: time: the query ran longer than {limits.timeout_seconds:g} s (setting sql_timeout_seconds)")


def temp_root() -> Path:
    return Path(tempfile.gettempdir()) / f"dyads-sql-{os.getuid()}"


def clean_stale(root: Path) -> None:
    """Remove the query directories of callers that no longer run (killed while a query ran)."""
    for entry in root.iterdir() if root.is_dir() else ():
        pid = entry.name.split("-", 1)[0]
        if not pid.isdigit():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            shutil.rmtree(entry, ignore_errors=True)
        except PermissionError:
            pass  # alive, another user's


def result_limit(limits: QueryLimits) -> int:
    return min(MAX_RESULT_BYTES, limits.max_memory_mb * MIB // 2)


def run_in_child(db: str, statement: str, limits: QueryLimits, wait_seconds: float) -> QueryResult:
    root = temp_root()
    root.mkdir(mode=0o700, exist_ok=True)
    clean_stale(root)
    work = Path(tempfile.mkdtemp(prefix=f"{os.getpid()}-", dir=root))
    # the child imports this very package first (the caller's sys.path may hold paths relative to a
    # working directory it has since left), then finds DuckDB where the caller does
    package_root = str(Path(__file__).resolve().parents[2])
    request = {"sys_path": [package_root, *sys.path], "db": db, "sql": statement, "limits": asdict(limits),
               "wait_seconds": wait_seconds, "temp_directory": str(work / "duckdb")}
    errors = work / "stderr"  # what the child's interpreter said, should it fail unexpectedly
    with errors.open("wb") as err:
        proc = subprocess.Popen([sys.executable, "-c", _BOOT], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=err, close_fds=True, env={**os.environ, "MALLOC_ARENA_MAX": "2"})
    try:
        assert proc.stdin is not None and proc.stdout is not None
        try:
            proc.stdin.write(pickle.dumps(request))
            proc.stdin.close()
        except BrokenPipeError:  # the child died at once; its exit code and last words follow
            pass
        data = _read(proc, limits, wait_seconds)
        proc.wait()
        return _answer(data, proc.returncode, limits, errors)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        if proc.stdout is not None:
            proc.stdout.close()
        shutil.rmtree(work, ignore_errors=True)


def _read(proc: subprocess.Popen[bytes], limits: QueryLimits, wait_seconds: float) -> bytes:
    """Everything the child writes, within the start-up bound and then the query's deadline."""
    assert proc.stdout is not None
    fd = proc.stdout.fileno()
    deadline = time.monotonic() + STARTUP_SECONDS + max(wait_seconds, 0.0)
    chunks: list[bytes] = []
    size, ready = 0, False
    cap = result_limit(limits) + MIB
    while True:
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([fd], [], [], left)[0]:
            proc.kill()
            if ready:
                raise _stopped_time(limits)
            raise QueryRefused(f"stopped: the query process did not start within {STARTUP_SECONDS + wait_seconds:g} s")
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            return b"".join(chunks)
        if not ready:
            ready = True
            deadline = time.monotonic() + limits.timeout_seconds  # the query's own time starts now
        chunks.append(chunk)
        size += len(chunk)
        if size > cap:
            proc.kill()
            raise _stopped_memory(limits)


def _answer(data: bytes, returncode: int, limits: QueryLimits, errors: Path) -> QueryResult:
    if data.startswith(READY):
        data = data[len(READY):]
    if not data:
        if returncode < 0:  # killed by a signal: the address-space cap made an allocation fail hard
            raise _stopped_memory(limits)
        said = errors.read_text(encoding="utf-8", errors="replace").strip().splitlines() if errors.is_file() else []
        raise QueryRefused(f"stopped: the query process ended with exit code {returncode}"
                           + (f": {said[-1][:200]}" if said else ""))
    kind, value = pickle.loads(data)
    if kind == "ok":
        assert isinstance(value, QueryResult)
        return value
    if kind == "memory":
        raise _stopped_memory(limits)
    raise QueryRefused(str(value))


def child_main(request: dict[str, Any]) -> None:
    """The child: open the store, cap the address space, say ready, run the query, answer, exit."""
    out = sys.stdout.buffer
    limits = QueryLimits(**request["limits"])
    answer: tuple[str, Any]
    try:
        con = connect(request["db"], request["wait_seconds"], extra={
            "temp_directory": request["temp_directory"],
            "max_temp_directory_size": f"{limits.max_memory_mb}MB",
            "memory_limit": f"{max(limits.max_memory_mb // 2, 16)}MB",
            "threads": max(1, min(os.cpu_count() or 1, MAX_THREADS)),
        })
    except StoreError as exc:
        _send(out, ("refused", _scrub(str(exc), request)))
        return
    _cap_address_space(limits.max_memory_mb * MIB)
    out.write(READY)
    out.flush()
    try:
        result = execute(con, request["sql"], limits)
        answer = ("ok", result)
    except QueryRefused as exc:
        answer = ("memory", None) if str(exc).startswith("stopped: memory") else ("refused", _scrub(str(exc), request))
    except MemoryError:
        answer = ("memory", None)
    try:
        payload = pickle.dumps(answer)
    except MemoryError:
        payload = pickle.dumps(("memory", None))
    if len(payload) > result_limit(limits):
        payload = pickle.dumps(("memory", None))
    _send(out, payload)


def _send(out: Any, answer: tuple[str, Any] | bytes) -> None:
    out.write(answer if isinstance(answer, bytes) else pickle.dumps(answer))
    out.flush()
    os._exit(0)  # no interpreter teardown: the answer is out, and DuckDB's cleanup is the OS's


def _cap_address_space(extra_bytes: int) -> None:
    """RLIMIT_AS at the process's current virtual size plus ``extra_bytes`` (Linux; elsewhere no cap)."""
    try:
        import resource

        with open("/proc/self/status", encoding="ascii") as fh:
            size_kb = next(int(line.split()[1]) for line in fh if line.startswith("VmSize:"))
    except (ImportError, OSError, StopIteration, ValueError):
        return
    cap = size_kb * 1024 + extra_bytes
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))


def _scrub(message: str, request: dict[str, Any]) -> str:
    """A refusal without this machine's directories (home, temporary, working): one line."""
    hidden = [str(Path.home()), str(Path(request["temp_directory"]).parent), os.getcwd(), tempfile.gettempdir()]
    for path in sorted({h for h in hidden if len(h) > 1}, key=len, reverse=True):
        message = message.replace(path, "\u2026")
    return message.splitlines()[0] if message else message
