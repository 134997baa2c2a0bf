"""One batch's store write and incremental analysis update into a copy of a large store, step by
step (CPU s, wall s, RSS), without the parse: to see what grows with the store.

    .venv/bin/python benchmarks/batch_update.py --parse BATCH.jsonl PARSED.pkl
    .venv/bin/python benchmarks/batch_update.py STORE.duckdb PARSED.pkl [--copy /tmp/dyads-bu.duckdb]
        [--profile] [--no-copy]

``--parse`` codes a ``batch_*.jsonl`` of `benchmarks/gen_corpus.py` once and pickles the analyses.
The second form copies STORE (``--no-copy``: works on it in place, e.g. to measure a second batch
on the store the first one left), writes the analyses in transactions of 64 documents as `dyads
ingest` does (each opening and closing the store), then runs `incremental.update` (optionally
under cProfile). RSS is the process's current and peak (VmRSS/VmHWM) after each step; the model
is not loaded here, so add its ~250 MiB when comparing with `growth.py`'s peak RSS.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pickle
import pstats
import resource
import shutil
import time
from pathlib import Path


def _cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def _rss() -> str:
    got = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(("VmRSS", "VmHWM")):
            key, value = line.split(":")
            got[key] = int(value.split()[0]) // 1024
    return f"RSS {got['VmRSS']} MiB, peak {got['VmHWM']} MiB"


def parse(batch: Path, out: Path) -> None:
    from dyads.ingest import iter_documents
    from dyads.model import Document
    from dyads.pipeline import Pipeline
    from dyads.settings import Settings

    docs = [d for d in iter_documents([batch], 50_000_000) if isinstance(d, Document)]
    pipe = Pipeline(Settings(progress=False))
    analyses = list(pipe.analyse(docs))
    with out.open("wb") as f:
        pickle.dump((analyses, pipe.registry.actors(), pipe.registry.evidence), f)
    print(f"{len(analyses)} documents, {sum(len(a.events) for a in analyses)} events -> {out}")


def measure(store_path: Path, parsed: Path, copy: Path | None, profile: bool) -> None:
    from dyads.analysis.incremental import update
    from dyads.store import Store

    db = store_path
    if copy is not None:
        shutil.copyfile(store_path, copy)
        copy.with_name(copy.name + ".wal").unlink(missing_ok=True)
        db = copy
    with parsed.open("rb") as f:
        analyses, actors, evidence = pickle.load(f)
    print(f"load avg {os.getloadavg()[0]:.1f}; start: {_rss()}")
    for i in range(0, len(analyses), 64):
        c, t = _cpu(), time.perf_counter()
        with Store.open(db) as store:
            store.write(analyses[i:i + 64], actors, evidence)
        print(f"write {i}-{i + len(analyses[i:i + 64])}: {time.perf_counter() - t:.2f} s, {_cpu() - c:.2f} CPU s; {_rss()}")
    c, t = _cpu(), time.perf_counter()
    prof = cProfile.Profile() if profile else None
    store = Store.open(db)
    if prof:
        prof.enable()
    rewritten, dropped = update(store, [a.document.doc_id for a in analyses])
    if prof:
        prof.disable()
    print(f"update ({rewritten} stories rewritten, {dropped} dropped): {time.perf_counter() - t:.2f} s, "
          f"{_cpu() - c:.2f} CPU s; {_rss()}")
    store.close()
    print(f"after close: {time.perf_counter() - t:.2f} s, {_cpu() - c:.2f} CPU s; {_rss()}; "
          f"load avg {os.getloadavg()[0]:.1f}")
    if prof:
        pstats.Stats(prof).sort_stats("cumulative").print_stats(30)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--parse", action="store_true", help="code BATCH.jsonl and pickle the analyses to PARSED.pkl")
    ap.add_argument("source", type=Path, help="STORE.duckdb, or with --parse the batch file")
    ap.add_argument("parsed", type=Path)
    ap.add_argument("--copy", type=Path, default=Path("/tmp/dyads-bu.duckdb"))
    ap.add_argument("--no-copy", action="store_true")
    ap.add_argument("--profile", action="store_true")
    a = ap.parse_args()
    if a.parse:
        parse(a.source, a.parsed)
    else:
        measure(a.source, a.parsed, None if a.no_copy else a.copy, a.profile)


if __name__ == "__main__":
    main()
