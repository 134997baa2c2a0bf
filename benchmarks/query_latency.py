"""Query latency on a large generated store (default 100,000 events).

    .venv/bin/python benchmarks/query_latency.py SOURCE_DB [--events 100000] [--out /tmp/dyads-100k.duckdb]
        [--runs 7] [--keep]

SOURCE_DB is a store made by `dyads ingest` (e.g. of corpus/sample + corpus/overlap, or of a
`benchmarks/gen_corpus.py` corpus). Its documents and coded events (with sentences, mentions,
quantities and framing) are copied as many times as needed to reach ``--events``; each copy gets
its own ids and is shifted later in time past the previous one, so the store covers many years
of distinct stories. Then one full analysis pass (`dyads analyse`) builds stories, syndication
and contradictions, and is timed.

Reported per query: median and best of ``--runs`` in-process timings of the library call behind
the command (store already open), and the median wall time of the whole command in a fresh
process (``dyads ... --db``), which adds interpreter start-up, imports and printing.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DOC_TABLES = ("sentences", "mentions", "quantities", "framing")


def _shifted(col: str, days: str) -> str:
    """``col`` moved by ``days``; a month ("2024-03") or year ("2024") moves with its first day, so
    copies do not pile their month- and year-precision events into the source's months."""
    by = f"to_days(CAST({days} AS INTEGER))"
    return (f"CASE length({col}) WHEN 10 THEN strftime(CAST({col} AS DATE) + {by}, '%Y-%m-%d') "
            f"WHEN 7 THEN strftime(CAST({col} || '-01' AS DATE) + {by}, '%Y-%m') "
            f"WHEN 4 THEN strftime(CAST({col} || '-01-01' AS DATE) + {by}, '%Y') ELSE {col} END")


def _span_days(source: Path) -> int:
    from datetime import date

    from dyads.store import Store

    with Store.open(source, read_only=True) as src:
        lo, hi = src.query("SELECT min(date), max(date) FROM events WHERE length(date) = 10")[1][0]
    return (date.fromisoformat(hi) - date.fromisoformat(lo)).days + 30


def clone(store: Any, source: Path, first: int, last: int, shift_copy: int | None = None,
          keep: Callable[[list[str]], list[str]] | None = None) -> list[str]:
    """Copy SOURCE's documents and their rows as copies ``first``..``last - 1`` (ids suffixed
    ``~cK``, dates shifted by K, or by ``shift_copy``, times the source's span). ``keep`` picks
    which source documents to copy. Returns the new document ids."""
    span = _span_days(source)
    con = store.con
    con.execute(f"ATTACH '{source}' AS src (READ_ONLY)")
    try:
        all_ids = [r[0] for r in con.execute("SELECT doc_id FROM src.documents").fetchall()]
        chosen = keep(all_ids) if keep else all_ids
        suffix = "'~c' || c.k"
        days = f"{shift_copy} * {span}" if shift_copy is not None else f"c.k * {span}"
        pick = "doc_id IN (SELECT unnest(?))"
        con.execute(f"""INSERT INTO documents SELECT d.* REPLACE (d.doc_id || {suffix} AS doc_id,
            {_shifted('d.date', days)} AS date) FROM src.documents d CROSS JOIN range({first}, {last}) c(k)
            WHERE d.{pick}""", [chosen])
        for table in DOC_TABLES:
            extra = ", t.event_id || " + suffix + " AS event_id" if table == "quantities" else ""
            con.execute(f"""INSERT INTO {table} SELECT t.* REPLACE (t.doc_id || {suffix} AS doc_id{extra})
                FROM src.{table} t CROSS JOIN range({first}, {last}) c(k) WHERE t.{pick}""", [chosen])
        con.execute(f"""INSERT INTO events SELECT e.* REPLACE (e.event_id || {suffix} AS event_id,
            e.doc_id || {suffix} AS doc_id, {_shifted('e.date', days)} AS date,
            json_merge_patch(e.record, json_object('event_id', e.event_id || {suffix}, 'doc_id', e.doc_id || {suffix},
                             'date', {_shifted('e.date', days)})) AS record)
            FROM src.events e CROSS JOIN range({first}, {last}) c(k) WHERE e.{pick}""", [chosen])
        con.execute("INSERT OR REPLACE INTO actors SELECT * FROM src.actors")
    finally:
        con.execute("DETACH src")
    return [f"{d}~c{k}" for k in range(first, last) for d in chosen]


def build(source: Path, out: Path, target_events: int) -> dict[str, Any]:
    from dyads.analysis.build import rebuild
    from dyads.store import Store

    out.unlink(missing_ok=True)
    with Store.open(source, read_only=True) as src:
        n_events = src.query("SELECT count(*) FROM events")[1][0][0]
    copies = -(-target_events // n_events)
    t0 = time.perf_counter()
    with Store.open(out) as store:
        clone(store, source, 0, copies)
        copied = time.perf_counter() - t0
        t1 = time.perf_counter()
        result = rebuild(store)
        analysis = time.perf_counter() - t1
        counts = {t: store.query(f"SELECT count(*) FROM {t}")[1][0][0] for t in ("documents", "events", "stories")}
    return {"copies": copies, "copy_seconds": copied, "analysis_seconds": analysis, **counts,
            "syndication_links": len(result.syndication), "contradictions": len(result.contradictions)}


def _time(fn: Callable[[], Any], runs: int) -> tuple[float, float, int]:
    times, n = [], 0
    for _ in range(runs):
        t = time.perf_counter()
        res = fn()
        times.append(time.perf_counter() - t)
        n = len(res) if hasattr(res, "__len__") else 1
    return statistics.median(times) * 1000, min(times) * 1000, n


def queries(db: Path, runs: int) -> list[dict[str, Any]]:
    from dyads.analysis.timeline_sql import timeline_in_store
    from dyads.store import Store, views

    with Store.open(db, read_only=True) as s:
        lo, hi = s.query("SELECT min(date), max(date) FROM events WHERE length(date) = 10")[1][0]
        mid = s.query("SELECT date FROM events WHERE length(date) = 10 ORDER BY date LIMIT 1 OFFSET "
                      "(SELECT count(*) // 2 FROM events)")[1][0][0]
        until = mid[:7]
        cases: list[tuple[str, list[str], Callable[[], Any]]] = [
            ("events --actor USA --since MID --until MID-month", ["events", "--actor", "USA", "--since", mid, "--until", until],
             lambda: views.events(s, actor="USA", since=mid, until=until)),
            ("events --actor CUB (all years)", ["events", "--actor", "CUB", "--format", "jsonl"],
             lambda: views.events(s, actor="CUB")),
            ("events --since MID-month --until MID-month", ["events", "--since", until, "--until", until],
             lambda: views.events(s, since=until, until=until)),
            ("timeline USA CUB --by month", ["timeline", "USA", "CUB", "--by", "month"],
             lambda: timeline_in_store(s, "USA", "CUB", "month").points),
            ("timeline MEX --by week", ["timeline", "MEX", "--by", "week"],
             lambda: timeline_in_store(s, "MEX", None, "week").points),
            ("stats", ["stats"], lambda: views.stats(s)),
            ("sql count by root", ["sql", "SELECT root, count(*) FROM events GROUP BY 1"],
             lambda: s.read_only_sql("SELECT root, count(*) FROM events GROUP BY 1")[1]),
        ]
        rows = []
        for name, argv, fn in cases:
            med, best, n = _time(fn, runs)
            rows.append({"query": name, "argv": argv, "median_ms": med, "best_ms": best, "rows": n})
    dyads = str(Path(sys.executable).parent / "dyads")
    for r in rows:
        walls = []
        for _ in range(max(3, runs // 2)):
            t = time.perf_counter()
            subprocess.run([dyads, *r["argv"], "--db", str(db)], capture_output=True, check=True)
            walls.append(time.perf_counter() - t)
        r["cli_wall_ms"] = statistics.median(walls) * 1000
    for argv in (["settings"], ["--version"]):
        walls = []
        for _ in range(5):
            t = time.perf_counter()
            subprocess.run([dyads, *argv], capture_output=True, check=True)
            walls.append(time.perf_counter() - t)
        rows.append({"query": " ".join(argv) + " (no store)", "argv": argv, "median_ms": 0.0, "best_ms": 0.0, "rows": 0,
                     "cli_wall_ms": statistics.median(walls) * 1000})
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("source", type=Path)
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--out", type=Path, default=Path("/tmp/dyads-100k.duckdb"))
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--reuse", action="store_true", help="query an existing --out store without rebuilding it")
    a = ap.parse_args()
    info = {} if a.reuse else build(a.source, a.out, a.events)
    print(json.dumps(info))
    print("| query | rows | query median ms | query best ms | command wall ms (fresh process) |")
    print("|---|---:|---:|---:|---:|")
    for r in queries(a.out, a.runs):
        print(f"| `{r['query']}` | {r['rows']} | {r['median_ms']:.1f} | {r['best_ms']:.1f} | {r['cli_wall_ms']:.0f} |")


if __name__ == "__main__":
    main()
