#!/usr/bin/env python3
"""Train the learned root classifier (dyads.events.learned) from annotated sentences.

usage: python tools/train_root_model.py training/roots [--out src/dyads/data/models/roots]
       [--epochs 12] [--dev-share 0.1] [--seed 0]

Input: JSON lines, one sentence each (see training/roots/README.md):
  {"id", "text", "events": [{"source", "target", "trigger", "cameo", "root"}], "non_events": [...]}
Source and target are exact substrings of the text (first occurrence).

Each sentence goes through the same pipeline the coder uses (spaCy parse, actor resolver), and
every candidate pair of resolved actors (dyads.events.pairs) becomes one example: labelled with
the annotated root when its two mentions cover the annotated source and target, the same root
reversed for mutual roots (consult, cooperate), NONE otherwise. So the model learns on exactly the
pairs it will be asked about. A deterministic share of sentences (by id) is held out; the epoch
with the best held-out score is saved.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

MUTUAL_ROOTS = {"04", "06"}
NONE = "NONE"


def load_records(root: Path) -> list[dict[str, Any]]:
    out = []
    for path in sorted(root.rglob("*.jsonl")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                try:
                    out.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    sys.exit(f"{path}:{n}: invalid JSON: {exc}")
    return out


def _span(text: str, needle: str | None) -> tuple[int, int] | None:
    if not needle:
        return None
    i = text.find(needle)
    return (i, i + len(needle)) if i >= 0 else None


def _covers(m: Any, span: tuple[int, int] | None) -> bool:
    return span is not None and m.start < span[1] and span[0] < m.end


def examples(records: list[dict[str, Any]]) -> tuple[list[tuple[str, str, str]], Counter[str]]:
    """(record id, marked text, label) for every candidate pair, and counts of what was reachable."""
    from dyads.events.pairs import candidates, marked_text
    from dyads.model import Document
    from dyads.pipeline import Pipeline
    from dyads.settings import load

    pipe = Pipeline(load(progress=False, root_model=False))
    docs = [Document(doc_id=r["id"], text=r["text"]) for r in records]
    stats: Counter[str] = Counter()
    out: list[tuple[str, str, str]] = []
    for r, analysis in zip(records, pipe.analyse(docs)):
        text = r["text"]
        gold = [(_span(text, e.get("source")), _span(text, e.get("target")), str(e["root"]).zfill(2))
                for e in r.get("events", []) if e.get("target")]
        found: set[int] = set()
        for s in analysis.sentences:
            for c in candidates(analysis.mentions, s.start, s.end):
                label = NONE
                for k, (gs, gt, root) in enumerate(gold):
                    if _covers(c.source, gs) and _covers(c.target, gt):
                        label = root
                        found.add(k)
                    elif root in MUTUAL_ROOTS and _covers(c.source, gt) and _covers(c.target, gs):
                        label = root
                out.append((r["id"], marked_text(text, c), label))
        stats["annotated pairs"] += len(gold)
        stats["annotated pairs the resolver reaches"] += len(found)
    return out, stats


def held_out(rec_id: str, share: float) -> bool:
    return int(hashlib.sha1(rec_id.encode()).hexdigest()[:8], 16) / 0xFFFFFFFF < share


def evaluate(nlp: Any, data: list[tuple[str, str]]) -> dict[str, float]:
    tp = fp = fn = right_root = 0
    correct = 0
    for doc, (_, label) in zip(nlp.pipe([t for t, _ in data]), data):
        pred = max(doc.cats.items(), key=lambda kv: kv[1])[0]
        correct += pred == label
        if pred != NONE and label != NONE:
            tp += 1
            right_root += pred == label
        elif pred != NONE:
            fp += 1
        elif label != NONE:
            fn += 1
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    # the score that picks the epoch: F1 of events found with the right root
    rp = right_root / (tp + fp) if tp + fp else 0.0
    rr = right_root / (tp + fn) if tp + fn else 0.0
    return {"accuracy": correct / max(1, len(data)), "event_precision": p, "event_recall": r,
            "root_accuracy_on_found": right_root / max(1, tp), "score": 2 * rp * rr / (rp + rr) if rp + rr else 0.0}


def train(train_set: list[tuple[str, str]], dev_set: list[tuple[str, str]], labels: list[str], epochs: int,
          seed: int, out: Path) -> dict[str, float]:
    import spacy
    from spacy.training import Example
    from spacy.util import fix_random_seed, minibatch

    fix_random_seed(seed)
    nlp = spacy.blank("en")
    textcat = nlp.add_pipe("textcat")
    for label in labels:
        textcat.add_label(label)

    def make(data: list[tuple[str, str]]) -> list[Example]:
        return [Example.from_dict(nlp.make_doc(t), {"cats": {lab: float(lab == y) for lab in labels}}) for t, y in data]

    train_ex = make(train_set)
    optimizer = nlp.initialize(lambda: train_ex[:500])
    best: dict[str, float] = {"score": -1.0}
    rng = random.Random(seed)
    for epoch in range(1, epochs + 1):
        t0 = time.perf_counter()
        rng.shuffle(train_ex)
        losses: dict[str, float] = {}
        for batch in minibatch(train_ex, size=32):
            nlp.update(batch, drop=0.2, sgd=optimizer, losses=losses)
        scores = evaluate(nlp, dev_set) if dev_set else {"score": float(epoch)}
        print(f"epoch {epoch:2d} loss {losses.get('textcat', 0):8.2f} " + " ".join(f"{k} {v:.3f}" for k, v in scores.items())
              + f" ({time.perf_counter() - t0:.0f}s)", flush=True)
        if scores["score"] > best["score"]:
            best = {**scores, "epoch": float(epoch)}
            out.mkdir(parents=True, exist_ok=True)
            nlp.to_disk(out)
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", type=Path)
    ap.add_argument("--out", type=Path, default=Path("src/dyads/data/models/roots"))
    ap.add_argument("--epochs", type=int, default=12)
    ap.add_argument("--dev-share", type=float, default=0.1)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--none-ratio", type=float, default=1.5, help="NONE pairs kept in training per event pair")
    a = ap.parse_args()
    records = load_records(a.data)
    t0 = time.perf_counter()
    rows, stats = examples(records)
    print(f"{len(records)} sentences -> {len(rows)} candidate pairs in {time.perf_counter() - t0:.0f}s; "
          + ", ".join(f"{k}: {v}" for k, v in stats.items()))
    labels = sorted({y for _, _, y in rows} | {NONE})
    print("labels:", dict(Counter(y for _, _, y in rows).most_common()))
    train_set = [(t, y) for i, t, y in rows if not held_out(i, a.dev_share)]
    # NONE outnumbers every root many times over: keep at most --none-ratio NONE pairs per event pair
    positives = sum(y != NONE for _, y in train_set)
    nones = [r for r in train_set if r[1] == NONE]
    random.Random(a.seed).shuffle(nones)
    train_set = [r for r in train_set if r[1] != NONE] + nones[:int(a.none_ratio * positives)]
    dev_set = [(t, y) for i, t, y in rows if held_out(i, a.dev_share)]
    best = train(train_set, dev_set, labels, a.epochs, a.seed, a.out)
    meta = {"sentences": len(records), "pairs": len(rows), "train_pairs": len(train_set), "dev_pairs": len(dev_set),
            "labels": labels, "best": best, **{k: v for k, v in stats.items()}}
    (a.out / "training.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    print("best held-out:", json.dumps(best))


if __name__ == "__main__":
    main()
