#!/usr/bin/env python3
"""Train the event verifier (dyads.events.verifier) on fully annotated real news, leave-one-part-out.

usage: python tools/train_verifier.py ../shared/benchmarks/news_train [--out src/dyads/data/models/verifier]
       [--cache out/verifier_events.pkl] [--C 0.3] [--min-count 2] [--report-only]

Needs scikit-learn (the `train` extra); dyads reads the JSON weights without it.

1. Every document of every part (a-f) is coded with the shipped pipeline, the verifier off and no
   confidence floor (``--cache`` keeps the coded events, so feature work needs no re-parse).
2. Each proposed event is labelled by the benchmark's own matching rule (exhaustive_score.py,
   loaded from the benchmark folder): right when it matches an annotated event of its document.
3. Leave-one-part-out: for each part, a model trained on the other five scores it. The per-part
   precision and recall at several probability floors are printed, as is the calibration of those
   held-out scores (each part's isotonic map fitted on the other parts' held-out scores).
4. The shipped model: trained on all parts; its isotonic map is fitted on the held-out scores of
   step 3 (never on scores of events the model was trained on).
No text of the benchmark is written anywhere: the weights are feature names and numbers.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import pickle
import sys
from collections import Counter
from pathlib import Path
from typing import Any

PARTS = "abcdef"
FLOORS = (0.0, 0.2, 0.3, 0.4, 0.5, 0.6)
BINS = ((0.0, 0.3), (0.3, 0.5), (0.5, 0.7), (0.7, 0.9), (0.9, 1.01))


def load_module(path: Path, name: str) -> Any:
    sys.path.insert(0, str(path.parent))
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def code_parts(bench: Path, overrides: dict[str, str], pair_folds: Path | None = None,
               linker_folds: Path | None = None) -> dict[str, list[tuple[str, list[Any]]]]:
    """part -> [(doc_id, proposed events)] with the verifier off and every event kept."""
    from dyads.events.learned import RootModel
    from dyads.events.linker import LinkModel
    from dyads.ingest import IngestError, iter_documents
    from dyads.pipeline import Pipeline
    from dyads.settings import load

    settings = load(**{"progress": False, **overrides, "verifier": False, "min_confidence": 0.0})
    pipeline = Pipeline(settings)
    out: dict[str, list[tuple[str, list[Any]]]] = {}
    for part in PARTS:
        docs = [d for d in iter_documents([bench / part / "docs.jsonl"], settings.max_file_bytes) if not isinstance(d, IngestError)]
        if pair_folds is not None and pipeline.learned is not None:  # the pair model that never saw this part
            pipeline.learned.model = RootModel(pair_folds / part)
        if linker_folds is not None and pipeline.linker is not None:  # the linker that never saw this part
            pipeline.linker.model = LinkModel(linker_folds / part)
        out[part] = [(a.document.doc_id, list(a.events)) for a in pipeline.analyse(docs)]
        print(f"coded part {part}: {len(docs)} documents", file=sys.stderr)
    return out


def examples(bench: Path, coded: dict[str, list[tuple[str, list[Any]]]]) -> dict[str, list[tuple[list[str], int, dict[str, Any]]]]:
    """part -> [(features, right?, the event's contract record)] for every complete proposed event."""
    from dyads.contract import event_record
    from dyads.events.verifier import document_features

    scorer = load_module(bench.parent / "exhaustive_score.py", "exhaustive_score")
    out: dict[str, list[tuple[list[str], int, dict[str, Any]]]] = {}
    for part, docs in coded.items():
        gold = json.loads((bench / part / "gold.json").read_text(encoding="utf-8"))
        texts = {d["id"]: d["text"] for d in map(json.loads, (bench / part / "docs.jsonl").read_text(encoding="utf-8").splitlines()) if d}
        rows = []
        for _doc_id, events in docs:
            complete = [e for e in events if e.target is not None]
            for e, feats in zip(complete, document_features(complete)):
                rec = event_record(e)
                if not scorer.in_text(rec, texts):
                    continue
                right = any(scorer.matches(rec, g) for g in gold["events"])
                rows.append((feats, int(right), rec))
        out[part] = rows
    return out


def fit(rows: list[tuple[list[str], int, Any]], c: float, min_count: int) -> tuple[float, dict[str, float]]:
    from sklearn.linear_model import LogisticRegression

    counts = Counter(f for feats, _, _ in rows for f in set(feats))
    vocab = sorted(f for f, n in counts.items() if n >= min_count)
    index = {f: k for k, f in enumerate(vocab)}
    from scipy.sparse import lil_matrix

    x = lil_matrix((len(rows), len(vocab)))
    for n, (feats, _, _) in enumerate(rows):
        for f in set(feats):
            if f in index:
                x[n, index[f]] = 1.0
    y = [label for _, label, _ in rows]
    model = LogisticRegression(C=c, max_iter=2000)
    model.fit(x.tocsr(), y)
    weights = {f: round(float(w), 5) for f, w in zip(vocab, model.coef_[0]) if abs(w) > 1e-6}
    return float(model.intercept_[0]), weights


def raw_score(bias: float, weights: dict[str, float], feats: list[str]) -> float:
    import math

    z = bias + sum(weights.get(f, 0.0) for f in set(feats))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def isotonic(scores: list[float], labels: list[int]) -> tuple[list[float], list[float]]:
    """Step map: increasing score thresholds and the probability from each on (scikit-learn's fit)."""
    from sklearn.isotonic import IsotonicRegression

    iso = IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip").fit(scores, labels)
    xs = [float(x) for x in iso.X_thresholds_]
    ys = [round(float(y), 3) for y in iso.y_thresholds_]
    # keep one threshold per distinct probability (the first score that reaches it)
    tx, ty = [0.0], [ys[0]]
    for x, y in zip(xs, ys):
        if y != ty[-1]:
            tx.append(round(x, 6))
            ty.append(y)
    return tx, ty


def apply_map(tx: list[float], ty: list[float], s: float) -> float:
    from dyads.events.verifier import interpolate

    return interpolate(tx, ty, s)


def reliability(scored: list[tuple[float, int]]) -> list[tuple[float, float, int, float, float]]:
    """Per bin of `BINS`: (low, high, events, mean probability, share right) of (probability, right?) pairs."""
    out = []
    for lo, hi in BINS:
        inb = [(pr, lab) for pr, lab in scored if lo <= pr < hi]
        n = len(inb)
        out.append((lo, hi, n, sum(pr for pr, _ in inb) / n if n else 0.0, sum(lab for _, lab in inb) / n if n else 0.0))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("bench", type=Path)
    ap.add_argument("--out", type=Path, default=Path("src/dyads/data/models/verifier"))
    ap.add_argument("--cache", type=Path)
    ap.add_argument("--C", type=float, default=0.1)
    ap.add_argument("--min-count", type=int, default=2)
    ap.add_argument("--set", action="append", default=[], help="a pipeline setting NAME=VALUE while coding (e.g. root_model_threshold=0.6)")
    ap.add_argument("--pair-folds", type=Path, help="code part X with the pair model in DIR/X (tools/train_real_pairs.py)")
    ap.add_argument("--linker-folds", type=Path, help="code part X with the linker in DIR/X (tools/train_linker.py)")
    ap.add_argument("--dump-scored", type=Path, help="write each held-out event's record, probability and label (pickle)")
    ap.add_argument("--report-only", action="store_true", help="print the held-out figures, write nothing")
    a = ap.parse_args()
    if a.cache and a.cache.is_file():
        coded = pickle.loads(a.cache.read_bytes())
    else:
        coded = code_parts(a.bench, dict(item.partition("=")[::2] for item in a.set), a.pair_folds, a.linker_folds)
        if a.cache:
            a.cache.parent.mkdir(parents=True, exist_ok=True)
            a.cache.write_bytes(pickle.dumps(coded))
    data = examples(a.bench, coded)
    gold = {p: [g for g in json.loads((a.bench / p / "gold.json").read_text(encoding="utf-8"))["events"]
                if not g.get("background")] for p in PARTS}
    gold_counts = {p: len(gold[p]) for p in PARTS}
    scorer = load_module(a.bench.parent / "exhaustive_score.py", "exhaustive_score")
    held: dict[str, list[float]] = {}
    for part in PARTS:
        train = [r for p in PARTS if p != part for r in data[p]]
        bias, weights = fit(train, a.C, a.min_count)
        held[part] = [raw_score(bias, weights, feats) for feats, _, _ in data[part]]
    # calibration of held-out scores: each part's map fitted on the other parts' held-out scores
    calibrated: dict[str, list[float]] = {}
    for part in PARTS:
        xs = [s for p in PARTS if p != part for s in held[p]]
        ys = [lab for p in PARTS if p != part for _, lab, _ in data[p]]
        tx, ty = isotonic(xs, ys)
        calibrated[part] = [apply_map(tx, ty, s) for s in held[part]]
    print("held out (each part scored by a model and a calibration map that never saw it):")
    for floor in FLOORS:
        cells, tot_hit, tot_kept, tot_ok = [], 0, 0, 0
        for part in PARTS:
            kept = [rec for (_, _, rec), pr in zip(data[part], calibrated[part]) if pr >= floor]
            ok = sum(1 for (_, lab, _), pr in zip(data[part], calibrated[part]) if pr >= floor and lab)
            hit = sum(1 for g in gold[part] if any(scorer.matches(e, g) for e in kept))
            cells.append(f"{part} R{hit / gold_counts[part]:.2f} P{(ok / len(kept) if kept else 0):.2f}")
            tot_hit, tot_kept, tot_ok = tot_hit + hit, tot_kept + len(kept), tot_ok + ok
        print(f"  floor {floor:.1f}: all R{tot_hit / sum(gold_counts.values()):.3f} P{tot_ok / max(1, tot_kept):.3f} "
              f"({tot_kept} events) | " + " | ".join(cells))
    if a.dump_scored:  # for error analysis: every held-out event with its probability and label
        a.dump_scored.write_bytes(pickle.dumps({part: [(rec, pr, lab) for (_, lab, rec), pr in zip(data[part], calibrated[part])]
                                                for part in PARTS}))
    # the working loop's one number: the most recall any single floor keeps at a target precision
    curve = []
    for step in range(100):
        floor = step / 100
        kept = {part: [(rec, lab) for (_, lab, rec), pr in zip(data[part], calibrated[part]) if pr >= floor] for part in PARTS}
        n_kept = sum(len(v) for v in kept.values())
        ok = sum(lab for v in kept.values() for _, lab in v)
        hit = sum(1 for part in PARTS for g in gold[part] if any(scorer.matches(rec, g) for rec, lab in kept[part] if lab))
        curve.append((floor, hit / sum(gold_counts.values()), ok / n_kept if n_kept else 0.0))
    for target in (0.7, 0.75, 0.8):
        best = max(((r, f, pr) for f, r, pr in curve if pr >= target), default=None)
        print(f"recall at precision >= {target:.2f}: " + (f"{best[0]:.3f} (floor {best[1]:.2f}, P {best[2]:.3f})" if best else "none"))
    print("calibration of held-out probabilities (all parts):")
    allp = [(pr, lab) for part in PARTS for (_, lab, _), pr in zip(data[part], calibrated[part])]
    for lo, hi, n, mean, right in reliability(allp):
        print(f"  {lo:.1f}-{min(hi, 1.0):.1f}: {n} events, mean probability {mean:.2f}, right {right:.2f}")
    print("calibration per part (bins of at least 20 events; 'off' = |right - mean probability| > 0.1):")
    for part in PARTS:
        bins = reliability([(pr, lab) for (_, lab, _), pr in zip(data[part], calibrated[part])])
        print(f"  {part}: " + " | ".join(f"{lo:.1f}-{min(hi, 1.0):.1f} n{n} p{mean:.2f} r{right:.2f}{' off' if abs(right - mean) > 0.1 else ''}"
                                       for lo, hi, n, mean, right in bins if n >= 20))
    if a.report_only:
        return
    bias, weights = fit([r for p in PARTS for r in data[p]], a.C, a.min_count)
    tx, ty = isotonic([s for p in PARTS for s in held[p]], [lab for p in PARTS for _, lab, _ in data[p]])
    a.out.mkdir(parents=True, exist_ok=True)
    (a.out / "weights.json").write_text(json.dumps(
        {"bias": round(bias, 5), "weights": dict(sorted(weights.items())), "calibration": {"scores": tx, "probabilities": ty}},
        indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
    (a.out / "training.json").write_text(json.dumps({
        "trained_on": "news_train parts a-f (real annotated news, read by path; no text shipped)",
        "examples": sum(len(v) for v in data.values()), "right": sum(lab for v in data.values() for _, lab, _ in v),
        "C": a.C, "min_count": a.min_count, "features": len(weights)}, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {a.out}/weights.json ({len(weights)} features)", file=sys.stderr)


if __name__ == "__main__":
    main()
