"""Code the fully annotated news_train set and score it with the shared exhaustive scorer.

usage: python benchmarks/train_eval.py ../shared/benchmarks/news_train [--parts a,b,...] [--out out/train_events.jsonl]
       [--no-model] [--set NAME=VALUE ...]

Every codeable event of news_train is annotated, so the scorer's precision is true precision. Each
part (a-f, by region and genre) is scored on its own too: a change derived from some parts is judged
on the others (leave-one-part-out). The texts stay outside the repo; only scores are printed.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from news_eval import read_docs  # benchmarks/ is the script's folder, first on sys.path

from dyads.contract import event_record
from dyads.pipeline import Pipeline
from dyads.settings import load

PARTS = "abcdef"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("bench", type=Path)
    ap.add_argument("--parts", default=PARTS)
    ap.add_argument("--out", type=Path, default=Path("out/train_events.jsonl"))
    ap.add_argument("--no-model", action="store_true")
    ap.add_argument("--set", action="append", default=[], help="a setting override NAME=VALUE")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    overrides: dict[str, Any] = {"progress": False}
    if a.no_model:
        overrides["root_model"] = False
    for item in a.set:
        name, _, value = item.partition("=")
        overrides[name] = value
    settings = load(**overrides)
    pipeline = Pipeline(settings)
    parts = [p for p in a.parts.split(",") if p] if "," in a.parts else list(a.parts)
    a.out.parent.mkdir(parents=True, exist_ok=True)
    start = time.process_time()
    with a.out.open("w", encoding="utf-8") as fh:
        for part in parts:
            docs = read_docs(a.bench / part, settings)
            n = 0
            for analysis in pipeline.analyse(docs):
                for e in analysis.events:
                    fh.write(json.dumps(event_record(e), ensure_ascii=False) + "\n")
                    n += 1
            print(f"part {part}: {len(docs)} documents, {n} events ({time.process_time() - start:.0f} CPU s)", file=sys.stderr)
    scorer = a.bench.parent / "exhaustive_score.py"
    golds = [str(a.bench / p / "gold.json") for p in parts]
    subprocess.run([sys.executable, str(scorer), str(a.out), *golds, *(["--json"] if a.json else [])], check=True)


if __name__ == "__main__":
    main()
