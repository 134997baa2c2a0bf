"""Code a key-event benchmark (news_real, news_dev layout) and score it with its own scorer.

usage: python benchmarks/news_eval.py ../shared/benchmarks/news_real [--out events.jsonl] [--missed]
       [--docs ID,ID] [--no-model] [--lang es]

Reads DIR/docs.jsonl through the same JSONL reader `dyads ingest` uses, codes every document
with the default pipeline (no store), writes the event contract records to --out, then runs
DIR/../news_score.py on them against DIR/gold.json. The benchmark texts stay outside the repo.
--lang sets every document's language (news_es: ``--lang es``), as ingest's detection would.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

from dyads.contract import event_record
from dyads.ingest import IngestError, iter_documents
from dyads.model import Document
from dyads.pipeline import Pipeline
from dyads.settings import Settings, load


def read_docs(bench: Path, settings: Settings) -> list[Document]:
    """The documents of ``bench/docs.jsonl`` through the reader `dyads ingest` uses; bad lines are
    reported on stderr and skipped."""
    docs = []
    for item in iter_documents([bench / "docs.jsonl"], settings.max_file_bytes):
        if isinstance(item, IngestError):
            print(f"error: {item}", file=sys.stderr)
            continue
        docs.append(item)
    return docs


def code_dir(bench: Path, settings: Settings, lang: str | None = None) -> list[dict[str, Any]]:
    docs = read_docs(bench, settings)
    if lang is not None:
        docs = [replace(d, lang=lang) for d in docs]
    out = []
    for a in Pipeline(settings).analyse(docs):
        for w in a.warnings:
            print(f"warning: {a.document.doc_id}: {w}", file=sys.stderr)
        out += [event_record(e) for e in a.events]
    return out


def load_scorer(bench: Path) -> Any:
    spec = importlib.util.spec_from_file_location("news_score", bench.parent / "news_score.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("bench", type=Path)
    ap.add_argument("--out", type=Path, default=Path("out/news_events.jsonl"))
    ap.add_argument("--docs", help="comma-separated doc ids to score")
    ap.add_argument("--missed", action="store_true", help="list the gold events not found")
    ap.add_argument("--no-model", action="store_true", help="rules only (learned root classifier off)")
    ap.add_argument("--lang", help="the documents' language (ISO 639-1, e.g. es); default: as read (None = English)")
    a = ap.parse_args()
    overrides: dict[str, Any] = {"progress": False}
    if a.no_model:
        overrides["root_model"] = False
    settings = load(**overrides)
    events = code_dir(a.bench, settings, a.lang)
    a.out.parent.mkdir(parents=True, exist_ok=True)
    with a.out.open("w", encoding="utf-8") as fh:
        for e in events:
            fh.write(json.dumps(e, ensure_ascii=False) + "\n")
    scorer = load_scorer(a.bench)
    gold = json.loads((a.bench / "gold.json").read_text(encoding="utf-8"))
    res = scorer.score(events, gold, set(a.docs.split(",")) if a.docs else None)
    for k, v in res.items():
        if k != "missed":
            print(f"{k}: {v}")
    if a.missed:
        print("missed:")
        for m in res["missed"]:
            print("  ", m)


if __name__ == "__main__":
    main()
