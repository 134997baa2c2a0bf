"""Per-batch ingest time and memory as the store grows.

    .venv/bin/python benchmarks/growth.py CORPUS_DIR [--db /tmp/dyads-growth.duckdb] [--max-batches N]
        [--max-seconds S] [--bulk]

CORPUS_DIR holds ``batch_*.jsonl`` files (see `benchmarks/gen_corpus.py`). They are ingested in
order into one store, each by a fresh process (so peak RSS is that batch's own): the model is
loaded before the clock starts; the timed part is `dyads.api.ingest` (read, parse, code, write,
and the analysis update), with the analysis update also timed alone. One Markdown row per batch is
printed as soon as it is done, so a run stopped early keeps its rows.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any


def worker(batch: Path, db: Path, bulk: bool) -> dict[str, Any]:
    from dyads import api
    from dyads.pipeline import Pipeline
    from dyads.settings import Settings
    from dyads.store import Store

    settings = Settings(db=str(db), progress=False, bulk_load=bulk)
    Pipeline(settings)  # model, gazetteer and lexicon are cached per process
    spent = {"analysis": 0.0}
    inner = api.analyse_written

    def timed(store: Any, doc_ids: list[str], bulk: bool = False) -> None:
        t = time.perf_counter()
        inner(store, doc_ids, bulk)
        spent["analysis"] += time.perf_counter() - t

    api.analyse_written = timed  # type: ignore[assignment]
    load = os.getloadavg()[0]
    t0 = time.perf_counter()
    report = api.ingest([batch], settings)
    seconds = time.perf_counter() - t0
    with Store.open(db, read_only=True) as s:
        docs, events, stories = (s.query(f"SELECT count(*) FROM {t}")[1][0][0] for t in ("documents", "events", "stories"))
    return {"batch": batch.name, "written": report.written, "new_events": report.events, "seconds": seconds,
            "analysis_seconds": spent["analysis"], "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "store_documents": docs, "store_events": events, "store_stories": stories, "load_before": load,
            "errors": len(report.errors)}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--worker"]:
        print(json.dumps(worker(Path(argv[1]), Path(argv[2]), argv[3] == "1")))
        return 0
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--db", type=Path, default=Path("/tmp/dyads-growth.duckdb"))
    ap.add_argument("--max-batches", type=int, default=100)
    ap.add_argument("--max-seconds", type=float, default=1500)
    ap.add_argument("--bulk", action="store_true", help="bulk_load: full analysis pass per batch instead of incremental")
    a = ap.parse_args(argv)
    a.db.unlink(missing_ok=True)
    batches = sorted(a.corpus.glob("batch_*.jsonl"))[: a.max_batches]
    print("| batch | store docs after | articles | new events | ingest s | of which analysis s | articles/s | "
          "peak RSS MiB | store events | stories | load avg |", flush=True)
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|", flush=True)
    start = time.perf_counter()
    for b in batches:
        proc = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--worker", str(b), str(a.db),
                               "1" if a.bulk else "0"], capture_output=True, text=True)
        if proc.returncode != 0:
            print(proc.stderr[-3000:], file=sys.stderr)
            return 1
        r = json.loads(proc.stdout.strip().splitlines()[-1])
        print(f"| {r['batch']} | {r['store_documents']} | {r['written']} | {r['new_events']} | {r['seconds']:.1f} | "
              f"{r['analysis_seconds']:.2f} | {r['written'] / r['seconds']:.1f} | {r['peak_rss_mb']:.0f} | "
              f"{r['store_events']} | {r['store_stories']} | {r['load_before']:.1f} |", flush=True)
        if time.perf_counter() - start > a.max_seconds:
            print(f"(stopped after {time.perf_counter() - start:.0f} s)", flush=True)
            break
    return 0


if __name__ == "__main__":
    sys.exit(main())
