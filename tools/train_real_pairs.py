#!/usr/bin/env python3
"""Train the pair root classifier (dyads.events.learned) on real annotated news and the team corpus.

usage: python tools/train_real_pairs.py ../shared/benchmarks/news_train [--team training/roots]
       [--folds out/pair_folds] [--out src/dyads/data/models/roots] [--C 0.3] [--min-count 2]

Needs scikit-learn (the `train` extra). Every candidate pair of resolved actors in a sentence
(dyads.events.pairs, the pairs the coder asks the model about) is one example: labelled with the
root of an annotated event of that sentence (the gold cue lies in it) whose source and target
tokens the pair's actors carry (either way for symmetric events), NONE otherwise. The features
are the coder's own (dyads.events.pair_features), computed inside the real pipeline, so the model
learns on exactly what it will see (coreference and document context included).

Writes one model per held-out part under --folds (fold X never saw part X: the verifier's
training codes part X with it), and the shipped model, trained on every part and the team
corpus, to --out. Only feature names and weights are written; no benchmark text.
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
from train_root_model import examples as team_examples  # noqa: E402
from train_root_model import load_records, train  # noqa: E402
from train_verifier import load_module  # noqa: E402

PARTS = "abcdef"


def real_examples(bench: Path) -> dict[str, list[tuple[list[str], str]]]:
    """part -> [(features, label)] for every candidate pair of every sentence of news_train."""
    from dyads.events.learned import LearnedCoder
    from dyads.events.pair_features import pair_features
    from dyads.events.pairs import candidates
    from dyads.ingest import IngestError, iter_documents
    from dyads.pipeline import Pipeline
    from dyads.settings import load

    scorer = load_module(bench.parent / "news_score.py", "news_score")
    captured: list[tuple[str, str, Any, Any, list[str]]] = []

    class Capturing(LearnedCoder):
        def code(self, parsed: Any, document: Any, actors: Any, events: Any, offset: int = 0, first_sentence: int = 0) -> list[Any]:
            mentions = sorted(actors.mentions, key=lambda m: m.start)
            roots = self._roots()
            for sent in parsed.sents:
                lo, hi = offset + sent.start_char, offset + sent.end_char
                for c in candidates(mentions, lo, hi):
                    captured.append((document.doc_id, document.text[lo:hi], c.source, c.target,
                                     pair_features(parsed, c, roots, offset)))
            return []

    settings = load(progress=False, verifier=False, root_model=True)
    pipe = Pipeline(settings)
    assert pipe.learned is not None
    pipe.learned = Capturing(pipe.learned.model, pipe.lexicon, 1.0, pipe.learned.make_id, pipe.coder.lexical_root)

    def tokens(m: Any) -> set[str]:
        a = m.actor
        return set(scorer.actor_tokens({"country": a.country, "code": a.code, "sector": a.sector, "name": a.name, "text": m.text}))

    out: dict[str, list[tuple[list[str], str]]] = {}
    for part in PARTS:
        gold = json.loads((bench / part / "gold.json").read_text(encoding="utf-8"))["events"]
        by_doc: dict[str, list[dict[str, Any]]] = {}
        for g in gold:
            by_doc.setdefault(g["doc"], []).append(g)
        captured.clear()
        docs = [d for d in iter_documents([bench / part / "docs.jsonl"], settings.max_file_bytes) if not isinstance(d, IngestError)]
        for _ in pipe.analyse(docs):
            pass
        rows = []
        for doc_id, sentence, src, tgt, feats in captured:
            s, t = tokens(src), tokens(tgt)
            label = "NONE"
            for g in by_doc.get(doc_id, []):
                if g["cue"] not in sentence:
                    continue
                fwd = bool(s & set(g["src"])) and bool(t & set(g["tgt"]))
                rev = g.get("sym") and bool(s & set(g["tgt"])) and bool(t & set(g["src"]))
                if fwd or rev:
                    label = str(g["roots"][0]).zfill(2)
                    break
            rows.append((feats, label))
        out[part] = rows
        print(f"part {part}: {len(rows)} pairs, {sum(1 for _, y in rows if y != 'NONE')} labelled with a root", file=sys.stderr)
    return out


def evaluate_folds(real: dict[str, list[tuple[list[str], str]]], team: list[tuple[list[str], str]], c: float,
                   min_count: int) -> None:
    """Pair-level held-out figures: of the annotated pairs of each part, how many the model that never saw
    the part reads with the right root at each probability, and how many unannotated pairs it offers."""
    from dyads.events.learned import NONE, RootModel

    totals: Counter[str] = Counter()
    for part in PARTS:
        model, _ = train(team + [r for p in PARTS if p != part for r in real[p]], [], min_count, 0, (c,))
        rm = RootModel.__new__(RootModel)
        rm.labels, rm.bias, rm.weights = model["labels"], model["bias"], model["weights"]
        preds = rm.predict([f for f, _ in real[part]])
        for (_, y), pr in zip(real[part], preds):
            for t in (0.3, 0.5, 0.7):
                if pr.probability >= t:
                    totals[f"offered@{t}"] += 1
                    totals[f"right@{t}"] += y != NONE and pr.root == y
                    totals[f"wrong@{t}"] += y == NONE or pr.root != y
            totals["annotated"] += y != NONE
    print(f"C={c}: annotated pairs {totals['annotated']}; " + "; ".join(
        f"p>={t}: offered {totals[f'offered@{t}']}, right root {totals[f'right@{t}']}, wrong {totals[f'wrong@{t}']}"
        for t in (0.3, 0.5, 0.7)))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("bench", type=Path)
    ap.add_argument("--team", type=Path, default=Path("training/roots"))
    ap.add_argument("--folds", type=Path, default=Path("out/pair_folds"))
    ap.add_argument("--out", type=Path, default=Path("src/dyads/data/models/roots"))
    ap.add_argument("--C", type=float, default=0.3)
    ap.add_argument("--min-count", type=int, default=2)
    ap.add_argument("--no-team", action="store_true", help="real annotated pairs only (to compare)")
    ap.add_argument("--evaluate", action="store_true", help="print pair-level leave-one-part-out figures only")
    ap.add_argument("--cache", type=Path, help="keep the extracted examples here (feature work without re-parsing)")
    a = ap.parse_args()
    if a.cache and a.cache.is_file():
        real, team = pickle.loads(a.cache.read_bytes())
    else:
        real = real_examples(a.bench)
        team_rows, _ = team_examples(load_records(a.team))
        team = [(f, y) for _, f, y in team_rows]
        if a.cache:
            a.cache.parent.mkdir(parents=True, exist_ok=True)
            a.cache.write_bytes(pickle.dumps((real, team)))
    print(f"team corpus: {len(team)} pairs", file=sys.stderr)
    if a.no_team:
        team = []
    if a.evaluate:
        evaluate_folds(real, team, a.C, a.min_count)
        return
    for part in PARTS:
        rows = team + [r for p in PARTS if p != part for r in real[p]]
        model, _ = train(rows, [], a.min_count, 0, (a.C,))
        (a.folds / part).mkdir(parents=True, exist_ok=True)
        (a.folds / part / "weights.json").write_text(json.dumps(model, separators=(",", ":")) + "\n", encoding="utf-8")
    model, _ = train(team + [r for p in PARTS for r in real[p]], [], a.min_count, 0, (a.C,))
    a.out.mkdir(parents=True, exist_ok=True)
    (a.out / "weights.json").write_text(json.dumps(model, separators=(",", ":")) + "\n", encoding="utf-8")
    labels = Counter(y for p in PARTS for _, y in real[p])
    meta = {"trained_on": "team corpus (training/roots) + news_train parts a-f (real annotated news, read by path; no text shipped)",
            "team_pairs": len(team), "real_pairs": sum(len(v) for v in real.values()), "real_labels": dict(labels.most_common()),
            "C": a.C, "min_count": a.min_count, "features": len(model["weights"])}
    (a.out / "training.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {a.out}/weights.json and folds in {a.folds}", file=sys.stderr)


if __name__ == "__main__":
    main()
