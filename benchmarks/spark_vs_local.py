"""Spark engine (local[N]) vs the single-process ingest on a generated corpus.

    .venv/bin/python benchmarks/spark_vs_local.py --articles 1000 [--master local[2]] [--partitions 0]

The corpus is made from the team-written texts in corpus/ (sample and overlap), recombined:
each generated article takes the title and lead of one text and two to four paragraphs of
others, a date spread over 2025-2026 and one of twelve fictional outlets, deterministically
(seed 11). It is written as JSONL files of 250 articles each. Both paths run end to end in
fresh subprocesses (model loading and the Spark session start included) into their own
DuckDB files; the script then checks that both stores hold the same event ids and prints one
Markdown row per path. Nothing here runs in the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUTLETS = ("Meridian Wire", "Continental Press", "Pacific Newswire", "Caribbean Report", "New Era Daily",
           "The Hemisphere Ledger", "Global Desk", "Harbour Times", "Northern Courier", "Atlas Daily",
           "Isthmus Post", "Delta Bulletin")


def generate(n: int, out: Path, seed: int = 11) -> int:
    """Write ``n`` recombined articles as JSONL files under ``out``; returns the number of words."""
    from dyads.ingest import IngestError, iter_documents

    docs = [d for d in iter_documents([ROOT / "corpus" / "sample", ROOT / "corpus" / "overlap"], 5_000_000)
            if not isinstance(d, IngestError)]
    paras = [[p for p in d.text.split("\n\n") if p.strip()] for d in docs]
    pool = [p for ps in paras for p in ps[1:]]
    rng = random.Random(seed)
    words, chunk = 0, []
    out.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        k = rng.randrange(len(docs))
        body = paras[k][1:2] + rng.sample(pool, rng.randint(2, 4))
        text = "\n\n".join(body)
        words += len(text.split())
        day = 1 + rng.randrange(700)
        date = time.strftime("%Y-%m-%d", time.gmtime(1735689600 + day * 86400))
        chunk.append({"id": f"gen-{i:06d}", "title": docs[k].title or f"Article {i}", "date": date,
                      "outlet": rng.choice(OUTLETS), "text": text})
        if len(chunk) == 250 or i == n - 1:
            (out / f"part-{i // 250:04d}.jsonl").write_text("\n".join(json.dumps(r) for r in chunk) + "\n", encoding="utf-8")
            chunk = []
    return words


def run(engine: str, corpus: Path, db: Path, master: str, partitions: int) -> dict[str, float]:
    cmd = [sys.executable, "-m", "dyads", "ingest", str(corpus), "--db", str(db), "--no-progress", "--engine", engine]
    if engine == "spark":
        cmd += ["--master", master]
    env = {**os.environ, "DYADS_SPARK_PARTITIONS": str(partitions)}
    t0, c0 = time.perf_counter(), _children_cpu()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"{engine} ingest failed:\n{proc.stderr[-3000:]}")
    return {"wall": wall, "cpu": _children_cpu() - c0, "load": os.getloadavg()[0]}


def _children_cpu() -> float:
    """CPU s of finished child processes (and the descendants they waited for: Spark's JVM and workers)."""
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


# what must be equal on both paths (stories compared by their members; summaries follow from them)
COMPARED = {"events": "SELECT event_id, record FROM events",
            "story members": "SELECT story_id, event_id FROM story_events",
            "actors": "SELECT * FROM actors",
            "mentions": "SELECT doc_id, start_char, end_char, actor_id FROM mentions"}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--master", default="local[2]")
    ap.add_argument("--partitions", type=int, default=0, help="setting spark_partitions (0: one per core)")
    args = ap.parse_args()
    import duckdb

    with tempfile.TemporaryDirectory(prefix="dyads-spark-bench-") as tmp:
        work = Path(tmp)
        words = generate(args.articles, work / "corpus")
        results = {}
        for engine in ("local", "spark"):
            load_before = os.getloadavg()[0]
            results[engine] = {**run(engine, work / "corpus", work / f"{engine}.duckdb", args.master, args.partitions),
                               "load_before": load_before}
        ids, rows = {}, {}
        for engine in results:
            con = duckdb.connect(str(work / f"{engine}.duckdb"), read_only=True)
            ids[engine] = {r[0] for r in con.execute("SELECT event_id FROM events").fetchall()}
            rows[engine] = {name: set(con.execute(sql).fetchall()) for name, sql in COMPARED.items()}
            results[engine]["docs"] = con.execute("SELECT count(*) FROM documents").fetchall()[0][0]
            results[engine]["stories"] = con.execute("SELECT count(*) FROM stories").fetchall()[0][0]
            con.close()
        same = ids["local"] == ids["spark"]
        print(f"articles {args.articles}, words {words}, master {args.master}, cpus {os.cpu_count()}, "
              f"same event ids: {same} ({len(ids['local'])} local, {len(ids['spark'])} spark, "
              f"{len(ids['local'] ^ ids['spark'])} differ)")
        for name in COMPARED:
            a, b = rows["local"][name], rows["spark"][name]
            print(f"{name}: {'identical' if a == b else 'DIFFER'} ({len(a)} local rows, {len(b)} spark, {len(a ^ b)} differ)")
        print("| path | articles | words | wall s | CPU s | articles/s | events | stories | load avg before/after |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
        for engine, r in results.items():
            # Spark's JVM and workers are not waited for by the CLI, so their CPU is not counted: not shown
            cpu = f"{r['cpu']:.0f}" if engine == "local" else "n/a"
            label = "single process (`dyads ingest`)" if engine == "local" else f"Spark `{args.master}` (`--engine spark`)"
            print(f"| {label} | {r['docs']} | {words} | {r['wall']:.1f} | {cpu} | {r['docs'] / r['wall']:.2f} | "
                  f"{len(ids[engine])} | {r['stories']} | {r['load_before']:.1f} / {r['load']:.1f} |")


if __name__ == "__main__":
    main()
