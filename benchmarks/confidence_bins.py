"""Confidence against measured precision, per confidence bin, on a key-event benchmark.

    python benchmarks/news_eval.py ../shared/benchmarks/news_es --lang es --out out/news_es.jsonl
    python benchmarks/confidence_bins.py ../shared/benchmarks/news_es out/news_es.jsonl [--edges 0.5,0.6,0.7,0.8]

The gold of news_es and news_real lists key events only, so precision is bounded, not measured: of the
events with two resolved sides in gold documents, per bin,

- ``key`` (a lower bound): the share that matches a gold key event (`news_score.matches`); an event that
  matches none may still be right;
- ``proxy`` (an upper bound): the share whose dyad is one of its document's gold dyads, the benchmark's
  dyad precision proxy; the root is not checked.

A well-placed confidence lies between the two; one above ``proxy`` is over-confident for sure.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
from pathlib import Path
from typing import Any


def scorer(bench: Path) -> Any:
    spec = importlib.util.spec_from_file_location("news_score", bench.parent / "news_score.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def bins(events: list[dict[str, Any]], gold: dict[str, Any], edges: list[float], score: Any) -> list[tuple[float, int, float, float, float]]:
    """(lower edge, events, mean confidence, key share, proxy share) per non-empty bin."""
    pairs: dict[str, set[tuple[str, str]]] = {}
    for g in gold["events"]:
        for s in g["src"]:
            for t in g["tgt"]:
                pairs.setdefault(g["doc"], set()).add((s, t))
                if g.get("sym"):
                    pairs[g["doc"]].add((t, s))
    acc: dict[int, list[float]] = {}
    for e in events:
        s, t = score.actor_tokens(e.get("source")), score.actor_tokens(e.get("target"))
        if e.get("doc_id") not in pairs or not s or not t:
            continue
        k = max(i for i, x in enumerate(edges) if e["confidence"] >= x - 1e-9)
        row = acc.setdefault(k, [0, 0.0, 0, 0])
        row[0] += 1
        row[1] += e["confidence"]
        row[2] += any(score.matches(e, g) for g in gold["events"] if g["doc"] == e["doc_id"])
        row[3] += any((a, b) in pairs[e["doc_id"]] for a in s for b in t)
    return [(edges[k], int(n), c / n, key / n, ok / n) for k, (n, c, key, ok) in sorted(acc.items())]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("bench", type=Path)
    ap.add_argument("events", type=Path)
    ap.add_argument("--edges", default="0.5,0.6,0.7,0.8", help="lower edges of the bins above the first")
    a = ap.parse_args()
    events = [json.loads(line) for line in a.events.read_text(encoding="utf-8").splitlines() if line.strip()]
    gold = json.loads((a.bench / "gold.json").read_text(encoding="utf-8"))
    edges = [0.0, *(float(x) for x in a.edges.split(","))]
    print("| confidence | events | mean confidence | key (lower bound) | proxy (upper bound) |")
    print("|---|---:|---:|---:|---:|")
    for lo, n, conf, key, proxy in bins(events, gold, edges, scorer(a.bench)):
        hi = next((x for x in edges if x > lo), 1.0)
        flag = " (over)" if conf > proxy else ""
        print(f"| {lo:.2f}-{hi:.2f} | {n} | {conf:.2f}{flag} | {key:.2f} | {proxy:.2f} |")


if __name__ == "__main__":
    main()
