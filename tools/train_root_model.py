#!/usr/bin/env python3
"""Train the learned root classifier (dyads.events.learned) from annotated sentences.

usage: python tools/train_root_model.py training/roots [--out src/dyads/data/models/roots]
       [--dev-share 0.1] [--min-count 2] [--final] [--seed 0]

Needs scikit-learn (the `train` extra); the shipped model is plain JSON weights that dyads
reads without it.

Input: JSON lines, one sentence each (see training/roots/README.md):
  {"id", "text", "events": [{"source", "target", "trigger", "cameo", "root"}], "non_events": [...]}
Source and target are exact substrings of the text (first occurrence).

Each sentence goes through the same pipeline the coder uses (spaCy parse, actor resolver), and
every candidate pair of resolved actors (dyads.events.pairs) becomes one example: labelled with
the annotated root when its two mentions cover the annotated source and target, the same root
reversed for mutual roots (consult, cooperate), NONE otherwise. So the model learns on exactly the
pairs it will be asked about. A deterministic share of sentences (by id) is held out to choose
the regularisation and to report held-out scores.
"""

from __future__ import annotations

import argparse
import hashlib
import json
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


def examples(records: list[dict[str, Any]]) -> tuple[list[tuple[str, list[str], str]], Counter[str]]:
    """(record id, features, label) for every candidate pair, and counts of what was reachable."""
    from dyads.events.pair_features import pair_features
    from dyads.events.pairs import candidates
    from dyads.pipeline import Pipeline
    from dyads.settings import load

    pipe = Pipeline(load(progress=False, root_model=False, verifier=False))
    stats: Counter[str] = Counter()
    out: list[tuple[str, list[str], str]] = []
    texts = [r["text"] for r in records]
    for r, parsed in zip(records, pipe.nlp.pipe(texts, batch_size=64)):
        text = r["text"]
        actors = pipe.resolver.resolve(parsed, r["id"], None)
        mentions = sorted(actors.mentions, key=lambda m: m.start)
        gold = [(_span(text, e.get("source")), _span(text, e.get("target")), str(e["root"]).zfill(2))
                for e in r.get("events", []) if e.get("target")]
        found: set[int] = set()
        for sent in parsed.sents:
            for c in candidates(mentions, sent.start_char, sent.end_char):
                label = NONE
                for k, (gs, gt, root) in enumerate(gold):
                    if _covers(c.source, gs) and _covers(c.target, gt):
                        label = root
                        found.add(k)
                    elif root in MUTUAL_ROOTS and _covers(c.source, gt) and _covers(c.target, gs):
                        label = root
                out.append((r["id"], pair_features(parsed, c, pipe.coder.lexical_root), label))
        stats["annotated pairs"] += len(gold)
        stats["annotated pairs the resolver reaches"] += len(found)
    return out, stats


def held_out(rec_id: str, share: float) -> bool:
    return int(hashlib.sha1(rec_id.encode()).hexdigest()[:8], 16) / 0xFFFFFFFF < share


def evaluate(preds: list[str], gold: list[str]) -> dict[str, float]:
    tp = fp = fn = right_root = correct = 0
    for pred, label in zip(preds, gold):
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
    # the score that picks the regularisation: F1 of events found with the right root
    rp = right_root / (tp + fp) if tp + fp else 0.0
    rr = right_root / (tp + fn) if tp + fn else 0.0
    return {"accuracy": correct / max(1, len(gold)), "event_precision": p, "event_recall": r,
            "root_accuracy_on_found": right_root / max(1, tp), "score": 2 * rp * rr / (rp + rr) if rp + rr else 0.0}


def train(train_set: list[tuple[list[str], str]], dev_set: list[tuple[list[str], str]], min_count: int,
          seed: int, strengths: tuple[float, ...] = (0.1, 0.3, 1.0, 3.0)) -> tuple[dict[str, Any], dict[str, float]]:
    """Multinomial logistic regression; the L2 strength is chosen on the held-out pairs."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    counts: Counter[str] = Counter(f for feats, _ in train_set for f in set(feats))
    keep = {f for f, n in counts.items() if n >= min_count}

    def rows(data: list[tuple[list[str], str]]) -> list[dict[str, float]]:
        return [{f: 1.0 for f in feats if f in keep} for feats, _ in data]

    vec = DictVectorizer()
    x_train = vec.fit_transform(rows(train_set))
    y_train = [y for _, y in train_set]
    best: tuple[dict[str, float], Any] = ({"score": -1.0}, None)
    for c in strengths:
        clf = LogisticRegression(C=c, max_iter=2000, random_state=seed)
        clf.fit(x_train, y_train)
        scores = evaluate(list(clf.predict(vec.transform(rows(dev_set)))), [y for _, y in dev_set]) if dev_set else {"score": c}
        print(f"C={c}: " + " ".join(f"{k} {v:.3f}" for k, v in scores.items()), flush=True)
        if scores["score"] > best[0]["score"]:
            best = ({**scores, "C": c}, clf)
    clf = best[1]
    names = vec.get_feature_names_out()
    labels = [str(x) for x in clf.classes_]
    weights = {}
    for j, name in enumerate(names):
        col = [round(float(clf.coef_[k][j]), 4) for k in range(len(labels))]
        if any(abs(w) >= 0.01 for w in col):
            weights[str(name)] = col
    model = {"labels": labels, "bias": [round(float(b), 4) for b in clf.intercept_], "weights": weights}
    return model, best[0]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", type=Path)
    ap.add_argument("--out", type=Path, default=Path("src/dyads/data/models/roots"))
    ap.add_argument("--min-count", type=int, default=2, help="features seen in fewer training pairs are dropped")
    ap.add_argument("--final", action="store_true", help="after choosing the strength, refit on all sentences")
    ap.add_argument("--dev-share", type=float, default=0.1)
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args()
    records = load_records(a.data)
    t0 = time.perf_counter()
    rows, stats = examples(records)
    print(f"{len(records)} sentences -> {len(rows)} candidate pairs in {time.perf_counter() - t0:.0f}s; "
          + ", ".join(f"{k}: {v}" for k, v in stats.items()))
    print("labels:", dict(Counter(y for _, _, y in rows).most_common()))
    train_set = [(f, y) for i, f, y in rows if not held_out(i, a.dev_share)]
    dev_set = [(f, y) for i, f, y in rows if held_out(i, a.dev_share)]
    model, best = train(train_set, dev_set, a.min_count, a.seed)
    if a.final:  # refit on every sentence with the chosen strength, for the shipped model
        model, _ = train(train_set + dev_set, [], a.min_count, a.seed, (best["C"],))
    a.out.mkdir(parents=True, exist_ok=True)
    (a.out / "weights.json").write_text(json.dumps(model, separators=(",", ":")) + "\n", encoding="utf-8")
    meta = {"sentences": len(records), "pairs": len(rows), "train_pairs": len(train_set), "dev_pairs": len(dev_set),
            "features": len(model["weights"]), "held_out": best, **{k: v for k, v in stats.items()}}
    (a.out / "training.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    print("held-out:", json.dumps(best))


if __name__ == "__main__":
    main()
