#!/usr/bin/env python3
"""Train the argument linker (dyads.events.linker) on real annotated news, leave-one-part-out.

usage: python tools/train_linker.py ../shared/benchmarks/news_train [--folds out/linker_folds]
       [--out src/dyads/data/models/linker] [--cache out/linker_rows.pkl] [--C 0.3] [--evaluate]

Needs scikit-learn (the `train` extra). Every (act word, ordered actor pair) the linker would read
in news_train — words the lexicon reads as acts with no complete rule event, pairs of distinct
actors of the sentence, exactly as the shipped pipeline computes them — is one example, labelled
right when an annotated event of that sentence has the word in its trigger, the lexicon's root
among its roots, and the pair's actors as its source and target (either way when symmetric).

Prints, per held-out part, how many annotated events the model that never saw the part would add
and how many wrong events, at several thresholds; writes one model per held-out part under
--folds (train_verifier --linker-folds codes part X with fold X) and the shipped model, trained
on every part, to --out. Only feature names and weights are written; no benchmark text.
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from train_verifier import fit, load_module  # noqa: E402

PARTS = "abcdef"
THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7)
Row = tuple[list[str], int, tuple[str, int], str]  # features, right?, (doc, trigger start), gold event key


def extract(bench: Path) -> dict[str, list[Row]]:
    """part -> one row per candidate, from the real pipeline (the linker itself only records)."""
    from dyads.events.linker import Linker
    from dyads.ingest import IngestError, iter_documents
    from dyads.pipeline import Pipeline
    from dyads.settings import load

    scorer = load_module(bench.parent / "news_score.py", "news_score")
    captured: list[tuple[str, str, int, int, Any, Any, str, list[str]]] = []

    class Recording(Linker):
        def code(self, parsed: Any, document: Any, actors: Any, events: Any, offset: int = 0, first_sentence: int = 0) -> list[Any]:
            open_words = {(c.trigger.i, c.pair.source.start, c.pair.target.start)
                          for c in self.candidates(parsed, actors, events, offset, first_sentence)}
            for c in self.candidates(parsed, actors, [], offset, first_sentence):
                sent = c.trigger.sent
                # every act word teaches linking; only those the rules left open are scored
                is_open = (c.trigger.i, c.pair.source.start, c.pair.target.start) in open_words
                feats = c.features if is_open else [f for f in c.features if not f.startswith("under_")]
                captured.append((document.doc_id, sent.text, offset + sent.start_char, offset + c.trigger.idx,
                                 c.pair.source, c.pair.target, c.code.root, feats + ([] if is_open else ["ruled"])))
            return []

    settings = load(progress=False, verifier=False, root_model=False, linker=True)
    pipe = Pipeline(settings)
    assert pipe.linker is not None
    pipe.linker = Recording(pipe.linker.model, pipe.lexicon, pipe.coder.lexical_code, 1.0, pipe.linker.make_id)

    def tokens(m: Any) -> set[str]:
        a = m.actor
        return set(scorer.actor_tokens({"country": a.country, "code": a.code, "sector": a.sector, "name": a.name, "text": m.text}))

    out: dict[str, list[Row]] = {}
    for part in PARTS:
        gold = [g for g in json.loads((bench / part / "gold.json").read_text(encoding="utf-8"))["events"] if not g.get("background")]
        by_doc: dict[str, list[tuple[int, dict[str, Any]]]] = {}
        for n, g in enumerate(gold):
            by_doc.setdefault(g["doc"], []).append((n, g))
        captured.clear()
        docs = [d for d in iter_documents([bench / part / "docs.jsonl"], settings.max_file_bytes) if not isinstance(d, IngestError)]
        for _ in pipe.analyse(docs):
            pass
        rows: list[Row] = []
        for doc_id, sentence, sent_start, trig_start, src, tgt, root, feats in captured:
            s, t = tokens(src), tokens(tgt)
            key = ""
            for n, g in by_doc.get(doc_id, []):
                if root not in g["roots"] or not _trigger_covers(sentence, sent_start, g, trig_start):
                    continue
                fwd = bool(s & set(g["src"])) and bool(t & set(g["tgt"]))
                rev = g.get("sym") and bool(s & set(g["tgt"])) and bool(t & set(g["src"]))
                if fwd or rev:
                    key = f"{part}:{n}"
                    break
            rows.append((feats, int(bool(key)), (doc_id, trig_start), key))
        out[part] = rows
        print(f"part {part}: {len(rows)} candidates, {sum(r[1] for r in rows)} right", file=sys.stderr)
    return out


def _trigger_covers(sentence: str, sent_start: int, g: dict[str, Any], trig_start: int) -> bool:
    """Whether the annotated trigger (inside its cue, inside the sentence) covers the word at ``trig_start``."""
    at = sentence.find(g["cue"])
    while at >= 0:
        k = g["cue"].find(g["trigger"])
        lo = sent_start + at + max(k, 0)
        hi = lo + (len(g["trigger"]) if k >= 0 else len(g["cue"]))
        if lo <= trig_start < hi:
            return True
        at = sentence.find(g["cue"], at + 1)
    return False


def chosen(rows: list[Row], probs: list[float], threshold: float) -> list[tuple[Row, float]]:
    """What the linker would emit: per act word, its best pair at or above the threshold."""
    best: dict[tuple[str, int], tuple[Row, float]] = {}
    for r, p in zip(rows, probs):
        if p >= threshold and (r[2] not in best or p > best[r[2]][1]):
            best[r[2]] = (r, p)
    return list(best.values())


def main() -> None:
    from train_verifier import raw_score

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("bench", type=Path)
    ap.add_argument("--folds", type=Path, default=Path("out/linker_folds"))
    ap.add_argument("--out", type=Path, default=Path("src/dyads/data/models/linker"))
    ap.add_argument("--cache", type=Path)
    ap.add_argument("--C", type=float, default=0.3)
    ap.add_argument("--min-count", type=int, default=2)
    ap.add_argument("--train-on-ruled", action="store_true", help="also learn from act words the rules linked")
    ap.add_argument("--evaluate", action="store_true", help="print the held-out figures only, write nothing")
    a = ap.parse_args()
    if a.cache and a.cache.is_file():
        data = pickle.loads(a.cache.read_bytes())
    else:
        data = extract(a.bench)
        if a.cache:
            a.cache.parent.mkdir(parents=True, exist_ok=True)
            a.cache.write_bytes(pickle.dumps(data))
    totals: Counter[str] = Counter()
    if not a.train_on_ruled:
        data = {p: [r for r in rows if "ruled" not in r[0]] for p, rows in data.items()}
    for part in PARTS:
        bias, weights = fit([(f, y, None) for p in PARTS if p != part for f, y, _, _ in data[p]], a.C, a.min_count)
        held = [r for r in data[part] if "ruled" not in r[0]]
        probs = [raw_score(bias, weights, r[0]) for r in held]
        for th in THRESHOLDS:
            out = chosen(held, probs, th)
            totals[f"events@{th}"] += len(out)
            totals[f"right@{th}"] += sum(r[1] for r, _ in out)
            totals[f"gold@{th}"] += len({r[3] for r, _ in out if r[3]})
        if not a.evaluate:
            (a.folds / part).mkdir(parents=True, exist_ok=True)
            (a.folds / part / "weights.json").write_text(json.dumps({"bias": round(bias, 5), "weights": weights}) + "\n", encoding="utf-8")
    reachable = len({r[3] for p in PARTS for r in data[p] if r[3] and "ruled" not in r[0]})
    print(f"annotated events reachable by some candidate: {reachable}")
    for th in THRESHOLDS:
        n, ok = totals[f"events@{th}"], totals[f"right@{th}"]
        print(f"held out, threshold {th}: {n} events, {ok} right ({ok / max(1, n):.2f}), {totals[f'gold@{th}']} annotated events found")
    if a.evaluate:
        return
    bias, weights = fit([(f, y, None) for p in PARTS for f, y, _, _ in data[p]], a.C, a.min_count)
    a.out.mkdir(parents=True, exist_ok=True)
    (a.out / "weights.json").write_text(json.dumps({"bias": round(bias, 5), "weights": dict(sorted(weights.items()))},
                                                   indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
    (a.out / "training.json").write_text(json.dumps({
        "trained_on": "news_train parts a-f (real annotated news, read by path; no text shipped)",
        "examples": sum(len(v) for v in data.values()), "right": sum(r[1] for v in data.values() for r in v),
        "C": a.C, "min_count": a.min_count, "features": len(weights)}, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {a.out}/weights.json ({len(weights)} features)", file=sys.stderr)


if __name__ == "__main__":
    main()
