"""Per-batch ingest time and memory as the store grows.

    .venv/bin/python benchmarks/growth.py CORPUS_DIR [--db /tmp/dyads-growth.duckdb] [--max-batches N]
        [--max-seconds S] [--bulk] [--points 2000,5000,10000,20000 --seed-batches 10 --per-point 2]

CORPUS_DIR holds ``batch_*.jsonl`` files (see `benchmarks/gen_corpus.py`). They are ingested in
order into one store, each by a fresh process (so peak RSS is that batch's own): the model is
loaded before the clock starts; the timed part is `dyads.api.ingest` (read, parse, code, write,
and the analysis update), with the analysis update also timed alone; CPU s is the worker's own
(all its threads, DuckDB's included) over the timed part. One Markdown row per batch is printed
as soon as it is done, so a run stopped early keeps its rows.

Without ``--points`` every batch is really ingested. With ``--points``, only ``--seed-batches``
batches are ingested first; then, before each point P, the store is grown *without parsing* to
P - 200 articles by copying the coded seed articles (documents, sentences, events, ... with new
ids), each copy shifted earlier in time by the seed's span, so the stored history reaches back
years before the feed (`query_latency.clone`), followed by one full analysis pass; then
``--per-point`` further batches of the corpus are really ingested (the first ends at P). The real
batches keep arriving in date order after the copied history, as a feed would.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any


def _cpu() -> float:
    """CPU seconds of this process so far, all threads (user + system)."""
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def grow(db: Path, seed: Path, target: int, copies_made: int) -> tuple[int, float]:
    """Copy coded seed articles into DB (each copy shifted earlier in time) until it holds
    ``target`` documents, then run one full analysis pass. Returns (copies made so far, seconds)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from query_latency import clone

    from dyads.analysis.build import rebuild
    from dyads.store import Store

    t = time.perf_counter()
    with Store.open(db) as store:
        have = store.query("SELECT count(*) FROM documents")[1][0][0]
        while have < target:
            k, need = copies_made, target - have
            ids = clone(store, seed, k, k + 1, shift_copy=-(k + 1), keep=lambda ids, n=need: sorted(ids)[:n])
            have += len(ids)
            copies_made += 1
        rebuild(store)
    return copies_made, time.perf_counter() - t


def worker(batch: Path, db: Path, bulk: bool) -> dict[str, Any]:
    from dyads import api
    from dyads.pipeline import Pipeline
    from dyads.settings import Settings
    from dyads.store import Store

    settings = Settings(db=str(db), progress=False, bulk_load=bulk)
    Pipeline(settings)  # model, gazetteer and lexicon are cached per process
    spent = {"analysis": 0.0, "analysis_cpu": 0.0}
    inner = api.analyse_written

    def timed(store: Any, doc_ids: list[str], bulk: bool = False, was_stale: bool | None = None) -> None:
        t, c = time.perf_counter(), _cpu()
        inner(store, doc_ids, bulk, was_stale)
        spent["analysis"] += time.perf_counter() - t
        spent["analysis_cpu"] += _cpu() - c

    api.analyse_written = timed  # type: ignore[assignment]
    load = os.getloadavg()[0]
    t0, c0 = time.perf_counter(), _cpu()
    report = api.ingest([batch], settings)
    seconds, cpu = time.perf_counter() - t0, _cpu() - c0
    with Store.open(db, read_only=True) as s:
        docs, events, stories = (s.query(f"SELECT count(*) FROM {t}")[1][0][0] for t in ("documents", "events", "stories"))
    return {"batch": batch.name, "written": report.written, "new_events": report.events, "seconds": seconds,
            "cpu_seconds": cpu, "analysis_seconds": spent["analysis"], "analysis_cpu": spent["analysis_cpu"], "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "store_documents": docs, "store_events": events, "store_stories": stories, "load_before": load,
            "errors": len(report.errors)}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--worker"]:
        print(json.dumps(worker(Path(argv[1]), Path(argv[2]), argv[3] == "1")))
        return 0
    if argv[:1] == ["--grow"]:
        print(json.dumps(grow(Path(argv[1]), Path(argv[2]), int(argv[3]), int(argv[4]))))
        return 0
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--db", type=Path, default=Path("/tmp/dyads-growth.duckdb"))
    ap.add_argument("--max-batches", type=int, default=100)
    ap.add_argument("--max-seconds", type=float, default=1500)
    ap.add_argument("--bulk", action="store_true", help="bulk_load: full analysis pass per batch instead of incremental")
    ap.add_argument("--points", default="", help="store sizes (after the batch) to measure at, growing by copies between")
    ap.add_argument("--seed-batches", type=int, default=10, help="with --points: batches really ingested first")
    ap.add_argument("--per-point", type=int, default=2, help="with --points: real batches per point")
    a = ap.parse_args(argv)
    a.db.unlink(missing_ok=True)
    batches = sorted(a.corpus.glob("batch_*.jsonl"))[: a.max_batches]
    plan: list[Path | int] = list(batches)  # a batch to ingest, or a store size to grow to first
    if a.points:
        per = len(batches[0].read_text(encoding="utf-8").splitlines())
        plan = list(batches[: a.seed_batches])
        rest = iter(batches[a.seed_batches:])
        for point in (int(x) for x in a.points.split(",")):
            plan.append(point - per)
            plan += [next(rest) for _ in range(a.per_point)]
    seed = a.db.with_suffix(".seed.duckdb")
    seed.unlink(missing_ok=True)
    copies = 0
    print("| batch | store docs after | articles | new events | ingest s | of which analysis s | articles/s | "
          "CPU s | analysis CPU s | peak RSS MiB | store events | stories | load avg |", flush=True)
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|", flush=True)
    start = time.perf_counter()
    for b in plan:
        if isinstance(b, int):
            if not seed.exists():
                shutil.copyfile(a.db, seed)
            # in its own process too: a worker forked from a parent that grew the store would
            # inherit the parent's peak RSS (Linux keeps ru_maxrss across fork and exec)
            proc = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--grow", str(a.db), str(seed),
                                   str(b), str(copies)], capture_output=True, text=True)
            if proc.returncode != 0:
                print(proc.stderr[-3000:], file=sys.stderr)
                return 1
            copies, spent = json.loads(proc.stdout.strip().splitlines()[-1])
            print(f"| (grown by {copies} copies of the seed store to {b} documents, analysis rebuilt: {spent:.0f} s, "
                  f"load {os.getloadavg()[0]:.1f}) |", flush=True)
            continue
        proc = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--worker", str(b), str(a.db),
                               "1" if a.bulk else "0"], capture_output=True, text=True)
        if proc.returncode != 0:
            print(proc.stderr[-3000:], file=sys.stderr)
            return 1
        r = json.loads(proc.stdout.strip().splitlines()[-1])
        print(f"| {r['batch']} | {r['store_documents']} | {r['written']} | {r['new_events']} | {r['seconds']:.1f} | "
              f"{r['analysis_seconds']:.2f} | {r['written'] / r['seconds']:.1f} | {r['cpu_seconds']:.1f} | "
              f"{r['analysis_cpu']:.2f} | {r['peak_rss_mb']:.0f} | "
              f"{r['store_events']} | {r['store_stories']} | {r['load_before']:.1f} |", flush=True)
        if time.perf_counter() - start > a.max_seconds:
            print(f"(stopped after {time.perf_counter() - start:.0f} s)", flush=True)
            break
    return 0


if __name__ == "__main__":
    sys.exit(main())
