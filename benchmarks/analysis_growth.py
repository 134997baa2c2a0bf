"""Cost of the incremental analysis update per 200-article batch as the store grows.

    .venv/bin/python benchmarks/analysis_growth.py SOURCE_DB [--sizes 2000,4000,8000,16000] [--batch 200]
        [--db /tmp/dyads-agrowth.duckdb] [--rebuild-max 8000]

No parsing here (that cost does not depend on the store): SOURCE_DB is a store coded by `dyads
ingest` from a `benchmarks/gen_corpus.py` corpus. The store is grown by copies of its coded
documents and events, each copy with new ids and shifted later in time past the previous one
(`query_latency.clone`), and brought up to date by `incremental.update`. At each size, two
timed batches of ``--batch`` documents from a further copy are added:
- ``new``: the next documents in time (a feed delivering today's news),
- ``late``: documents dated all over the stored period (an archive back-fill: each falls in
  the middle of stored stories; their texts repeat stored ones, so syndication finds copies).
With ``--rebuild-max N``, the full analysis pass (`dyads analyse`) is also timed at sizes up to N.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from query_latency import clone  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("source", type=Path)
    ap.add_argument("--sizes", default="2000,4000,8000,16000")
    ap.add_argument("--batch", type=int, default=200)
    ap.add_argument("--db", type=Path, default=Path("/tmp/dyads-agrowth.duckdb"))
    ap.add_argument("--rebuild-max", type=int, default=0, help="also time a full rebuild at sizes up to this")
    a = ap.parse_args()
    from dyads.analysis.build import rebuild
    from dyads.analysis.incremental import update
    from dyads.store import Store

    with Store.open(a.source, read_only=True) as src:
        per_copy = src.query("SELECT count(*) FROM documents")[1][0][0]
    a.db.unlink(missing_ok=True)
    rng = random.Random(3)
    print("| store docs | store events | batch | docs | update s | full rebuild s |")
    print("|---:|---:|---|---:|---:|---:|", flush=True)
    copies = 0
    with Store.open(a.db) as store:
        rebuild(store)
        for size in (int(x) for x in a.sizes.split(",")):
            while store.query("SELECT count(*) FROM documents")[1][0][0] < size:
                ids = clone(store, a.source, copies, copies + 1)
                update(store, ids)
                copies += 1
            n_events = store.query("SELECT count(*) FROM events")[1][0][0]
            n_docs = store.query("SELECT count(*) FROM documents")[1][0][0]
            full = ""
            if size <= a.rebuild_max:
                t = time.perf_counter()
                rebuild(store)
                full = f"{time.perf_counter() - t:.1f}"
            # "new": the first documents in time of the next copy (ids of generated docs follow time)
            nxt = sorted(clone(store, a.source, copies, copies + 1, keep=lambda ids: sorted(ids)[: a.batch]))
            t = time.perf_counter()
            update(store, nxt)
            print(f"| {n_docs} | {n_events} | new | {len(nxt)} | {time.perf_counter() - t:.2f} | {full} |", flush=True)
            # "late": random documents of a copy shifted into the stored period
            late = clone(store, a.source, 1000 + copies, 1000 + copies + 1, shift_copy=rng.randrange(copies),
                         keep=lambda ids: rng.sample(sorted(ids), a.batch))
            t = time.perf_counter()
            update(store, late)
            print(f"| {n_docs} | {n_events} | late | {len(late)} | {time.perf_counter() - t:.2f} | |", flush=True)
            copies += 1


if __name__ == "__main__":
    main()
