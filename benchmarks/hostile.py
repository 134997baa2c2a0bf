"""Bounded cost on hostile input (issue 9 items 3 and 7): `dyads ingest` of one file each of

- a single "sentence" without punctuation of 50,000, 100,000 and 200,000 characters, and
- long reports in paragraphs of 1,200,000 characters (over spaCy's 1,000,000-character limit) and
  of 5,000,000 characters (`max_file_bytes`, the largest file ingest accepts).

    .venv/bin/python benchmarks/hostile.py [--sizes 50000,100000,200000] [--long 1200000,5000000]

Each case runs in a fresh subprocess so its peak memory (``ru_maxrss``) is its own; model loading
happens before the clock starts. CPU s is the process's own CPU time, which other work on a
shared machine does not inflate (wall s does). After the ingest the same process parses the same
text with spaCy alone, in the same pieces (`parse_pieces`), so "x spaCy" is ingest CPU over that
parse's CPU (the target: about 2). Peak RSS is taken when the ingest ends, before that parse. Prints one markdown table row per case for docs/benchmarks.md.
Nothing here is run by the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUN_ON = "Mexico sent food to Cuba and the United States condemned Mexico and Russia warned China "
PARAGRAPH = ("Mexico sent 1,500 tons of food to Cuba on Tuesday, President Claudia Sheinbaum said. "
             "The United States condemned the shipment and threatened new sanctions on Mexico. "
             "Cuba thanked Mexico for its solidarity and criticised Washington.")


def make_text(kind: str, chars: int) -> str:
    if kind == "run-on":
        return "Headline\n\n" + (RUN_ON * (chars // len(RUN_ON) + 1))[:chars]
    paragraphs = "\n\n".join([PARAGRAPH] * (chars // (len(PARAGRAPH) + 2) + 1))
    head = "Long report\n\n"
    return head + paragraphs[:chars - len(head)]  # exactly ``chars`` (ASCII: bytes), so 5,000,000 is accepted


def worker(kind: str, chars: int) -> None:
    from dyads.api import ingest
    from dyads.nlp import load_model
    from dyads.nlp.chunks import parse_pieces
    from dyads.settings import Settings

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"{kind}.txt"
        text = make_text(kind, chars)
        path.write_text(text, encoding="utf-8")
        settings = Settings(db=str(Path(tmp) / "b.duckdb"), progress=False, max_file_bytes=5_000_000)
        nlp = load_model(settings.model)
        t0, c0 = time.perf_counter(), time.process_time()
        report = ingest([path], settings)
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # the ingest's own peak
        c1 = time.process_time()
        for _ in parse_pieces(nlp, [text]):
            pass
        parse = time.process_time() - c1
    print(json.dumps({"kind": kind, "chars": chars, "wall": wall, "cpu": cpu, "parse": parse, "rss": peak, "events": report.events,
                      "errors": [str(e) for e in report.errors], "warnings": [str(w).split(": ", 1)[-1] for w in report.warnings]}))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="50000,100000,200000")
    ap.add_argument("--long", default="1200000,5000000")
    ap.add_argument("--worker", nargs=2)
    args = ap.parse_args()
    if args.worker:
        worker(args.worker[0], int(args.worker[1]))
        return
    cases = [("run-on", int(n)) for n in args.sizes.split(",") if n] + [("paragraphs", int(n)) for n in args.long.split(",") if n]
    print("| input | characters | load avg | wall s | CPU s | CPU s per 100 kB | spaCy parse CPU s | x spaCy | peak RSS (MiB) | events | errors | warnings |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for kind, chars in cases:
        load = os.getloadavg()[0]  # the 1-minute load average as the case starts
        out = subprocess.run([sys.executable, __file__, "--worker", kind, str(chars)], capture_output=True, text=True, check=True)
        r = json.loads(out.stdout.strip().splitlines()[-1])
        print(f"| {kind} | {chars:,} | {load:.1f} | {r['wall']:.1f} | {r['cpu']:.1f} | {r['cpu'] * 100_000 / chars:.1f} | {r['parse']:.1f} | "
              f"{r['cpu'] / r['parse']:.1f} | {r['rss']:.0f} | {r['events']} | {len(r['errors'])} | {'; '.join(r['warnings']) or '-'} |", flush=True)


if __name__ == "__main__":
    main()
