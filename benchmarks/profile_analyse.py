"""CPU of the per-article path (`Pipeline.analyse`, no store) over generated articles, optionally
under cProfile, and the event records it produced (to check a speed-up changes nothing).

    .venv/bin/python benchmarks/profile_analyse.py CORPUS_FILE OUT.jsonl [--articles 200]
        [--mode time|prof|nlp|ratio] [--rounds 3]

CORPUS_FILE: e.g. a ``batch_*.jsonl`` of `benchmarks/gen_corpus.py`. The model is loaded before
the clock starts. ``time``: CPU s of `Pipeline.analyse`; ``prof``: the same under cProfile (the
profile is written to OUT.jsonl.prof and its top entries printed); ``nlp``: `nlp.pipe` alone over
the same texts, for the ratio; ``ratio``: ``--rounds`` rounds, each `nlp.pipe` of the model as
``spacy.load`` gives it (nothing of dyads) and `Pipeline.analyse`, alternating every 20 texts in
the same process, so that both share the machine's load; the ratio of each round
and their median are printed (on a shared machine the CPU seconds of one piece of work vary by
±20 % between minutes, which a ratio from separate runs inherits). OUT.jsonl holds one event
record per line (sorted keys): compare two runs with ``cmp``.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import resource
import statistics
import time
from pathlib import Path
from typing import Any


def _cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--mode", choices=("time", "prof", "nlp", "ratio"), default="time")
    ap.add_argument("--rounds", type=int, default=3, help="rounds of spaCy then analyse (--mode ratio)")
    a = ap.parse_args()
    from dyads.contract import event_record
    from dyads.ingest import iter_documents
    from dyads.model import Document
    from dyads.pipeline import Pipeline
    from dyads.settings import Settings

    docs = [d for d in iter_documents([a.corpus], 50_000_000) if isinstance(d, Document)][: a.articles]
    settings = Settings(progress=False)
    pipe = Pipeline(settings)
    load = os.getloadavg()[0]
    c, t = _cpu(), time.perf_counter()
    if a.mode == "nlp":
        for _ in pipe.nlp.pipe([d.text for d in docs], batch_size=settings.batch_size):
            pass
        print(f"nlp.pipe only: {len(docs)} articles, {time.perf_counter() - t:.1f} s wall, {_cpu() - c:.1f} CPU s, "
              f"load {load:.1f}")
        return
    if a.mode == "ratio":
        _ratio(pipe, docs, settings.batch_size, settings.model, a.rounds)
        return
    prof = cProfile.Profile() if a.mode == "prof" else None
    if prof:
        prof.enable()
    results = list(pipe.analyse(docs))
    if prof:
        prof.disable()
    print(f"analyse: {len(results)} articles, {time.perf_counter() - t:.1f} s wall, {_cpu() - c:.1f} CPU s, "
          f"load {load:.1f}")
    with a.out.open("w", encoding="utf-8") as f:
        for r in results:
            for e in r.events:
                f.write(json.dumps(event_record(e), sort_keys=True, ensure_ascii=False) + "\n")
    if prof:
        prof.dump_stats(str(a.out) + ".prof")
        pstats.Stats(prof).sort_stats("cumulative").print_stats(40)


def _ratio(pipe: Any, docs: list[Any], batch_size: int, model: str, rounds: int, chunk: int = 20) -> None:
    """Alternate spaCy alone (as ``spacy.load`` gives the model) and `Pipeline.analyse`, ``chunk``
    documents at a time (about a second each), so that slow changes of the machine's load fall on
    both alike."""
    import spacy

    stock = spacy.load(model)
    ratios = []
    for k in range(rounds):
        load, alone, full, n = os.getloadavg()[0], 0.0, 0.0, 0
        for i in range(0, len(docs), chunk):
            part = docs[i:i + chunk]
            c = _cpu()
            for _ in stock.pipe([d.text for d in part], batch_size=batch_size):
                pass
            alone += _cpu() - c
            c = _cpu()
            n += sum(1 for _ in pipe.analyse(part))
            full += _cpu() - c
        ratios.append(full / alone)
        print(f"round {k + 1}: spaCy alone {alone:.1f} CPU s, analyse {full:.1f} CPU s ({n} articles), "
              f"ratio {full / alone:.2f}, load {load:.1f} -> {os.getloadavg()[0]:.1f}", flush=True)
    print(f"median ratio {statistics.median(ratios):.2f} (min {min(ratios):.2f}, max {max(ratios):.2f})")


if __name__ == "__main__":
    main()
