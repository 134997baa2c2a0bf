"""The SQL sandbox's stops (issue 21, item 3): hungry queries answer "stopped" within the time
limit + 2 s while the caller's memory stays under the cap + 300 MB.

    .venv/bin/python benchmarks/sql_limits.py [--db STORE] [--memory-mb 2048] [--timeout 10]

Each query runs in a fresh Python process (so its peak RSS is this query's alone) that calls
`dyads.store.sandbox.run_query`, the function behind `dyads sql` and `dyads.open().sql()`, and
prints the answer, the wall time, the caller's peak RSS (``RUSAGE_SELF``) and the query process's
(``RUSAGE_CHILDREN``). Then the same queries once through the `dyads sql` command line, timed.
Without ``--db`` an empty store is made in a temporary directory.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

QUERIES = [
    "SELECT len(range(2000000000))",
    "SELECT range(1000000000)",
    "SELECT repeat('x', 3000000000)",
    "SELECT list(i) FROM range(1000000000) t(i)",
    "SELECT string_agg(repeat('y', 1000), ',') FROM range(20000000)",
    "SELECT count(*) FROM range(100000000000) a, range(1000) b",
]

ONE = """
import json, resource, sys, time
from dyads.store.sandbox import QueryLimits, QueryRefused, run_query
db, sql, mb, timeout = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
t0 = time.monotonic()
try:
    result = run_query(db, sql, QueryLimits(timeout_seconds=timeout, max_memory_mb=mb))
    answer = f"{len(result.rows)} row(s)"
except QueryRefused as exc:
    answer = str(exc)
seconds = time.monotonic() - t0
print(json.dumps({"answer": answer, "seconds": seconds,
                  "caller_peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "query_peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db")
    ap.add_argument("--memory-mb", type=int, default=2048)
    ap.add_argument("--timeout", type=float, default=10.0)
    args = ap.parse_args()
    db = args.db
    if db is None:
        from dyads.store import Store

        db = str(Path(tempfile.mkdtemp(prefix="dyads-sql-bench-")) / "empty.duckdb")
        Store.open(db).close()
    print(f"cap {args.memory_mb} MB, limit {args.timeout:g} s; pass: answer within {args.timeout + 2:g} s, "
          f"caller peak under {args.memory_mb + 300} MB")
    print(f"{'query':62} {'s':>6} {'caller MB':>9} {'query MB':>8}  answer")
    ok = True
    for sql in QUERIES:
        out = subprocess.run([sys.executable, "-c", ONE, db, sql, str(args.memory_mb), str(args.timeout)],
                             capture_output=True, text=True, check=True)
        r = json.loads(out.stdout.strip().splitlines()[-1])
        passed = r["seconds"] <= args.timeout + 2 and r["caller_peak_mb"] < args.memory_mb + 300 \
            and r["answer"].startswith("stopped")
        ok &= passed
        print(f"{sql[:62]:62} {r['seconds']:6.2f} {r['caller_peak_mb']:9.0f} {r['query_peak_mb']:8.0f}  "
              f"{r['answer'][:60]}{'' if passed else '  <-- FAILS'}")
    print("\nthrough the command line (`dyads sql`), wall time:")
    dyads = [sys.executable, "-m", "dyads"]
    for sql in QUERIES[:3]:
        t0 = time.monotonic()
        out = subprocess.run([*dyads, "sql", sql, "--db", db], capture_output=True, text=True,
                             env={**os.environ, "DYADS_SQL_MAX_MEMORY_MB": str(args.memory_mb),
                                  "DYADS_SQL_TIMEOUT_SECONDS": str(args.timeout)})
        print(f"{sql[:62]:62} {time.monotonic() - t0:6.2f}  exit {out.returncode}  {out.stderr.strip()[:70]}")
    print("\nall within bounds" if ok else "\nSOME QUERIES EXCEEDED THEIR BOUNDS")


if __name__ == "__main__":
    main()
