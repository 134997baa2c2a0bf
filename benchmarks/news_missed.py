"""List the key events a benchmark run missed, with the sentence holding each cue and the events dyads
coded in that sentence (the working loop of issue 8: see why, fix the mechanism, re-run).

usage: python benchmarks/news_missed.py ../shared/benchmarks/news_real [--events out/news_events.jsonl] [--doc ID]

Run `benchmarks/news_eval.py` first (it writes --events). Reads the benchmark's docs.jsonl, gold.json and its
own scorer (news_score.py beside the benchmark folder); prints to the terminal only (the texts stay outside the repo).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from news_eval import load_scorer


def sentence_around(text: str, i: int) -> str:
    a = max(text.rfind(". ", 0, i), text.rfind("\n", 0, i)) + 1
    ends = [x for x in (text.find(". ", i), text.find("\n", i)) if x >= 0]
    return text[a:(min(ends) if ends else len(text)) + 1].strip()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("bench", type=Path)
    ap.add_argument("--events", type=Path, default=Path("out/news_events.jsonl"))
    ap.add_argument("--doc", help="only documents whose id contains this")
    a = ap.parse_args()
    scorer = load_scorer(a.bench)
    texts = {(r := json.loads(line))["id"]: r["text"] for line in (a.bench / "docs.jsonl").open(encoding="utf-8")}
    gold = json.loads((a.bench / "gold.json").read_text(encoding="utf-8"))
    events: list[dict[str, Any]] = [json.loads(line) for line in a.events.open(encoding="utf-8")]
    n = 0
    for g in gold["events"]:
        if any(scorer.matches(e, g) for e in events) or (a.doc and a.doc not in g["doc"]):
            continue
        n += 1
        text = texts[g["doc"]]
        print(f'### {n} {g["doc"]} {"/".join(g["src"])}->{"/".join(g["tgt"])} {g["roots"]} sym={g.get("sym")}')
        print("   sentence:", sentence_around(text, text.find(g["cue"]))[:400])
        for e in events:
            if e["doc_id"] == g["doc"] and g["cue"] in e["evidence"]["text"]:
                s, t = e["source"] or {}, e["target"] or {}
                tokens = "/".join(sorted(scorer.actor_tokens(t)))
                print(f'   coded: {e["cameo"]} {s.get("text")} -> {t.get("text")}[{tokens}] {e["modality"]} | {e["rule"]}')


if __name__ == "__main__":
    main()
