"""Quality gate: score the coder against an annotated gold directory.

Gold layout: ``GOLD/docs/*.txt`` (articles) and ``GOLD/events.jsonl`` (key events:
``doc_id, cue, source, target, root, cameo, modality, speaker, sym``; negative documents as
``{"doc_id": ..., "negative": true}``). A system event matches a gold event when it comes from
the same document, its evidence sentence contains the cue, its root is the gold root and its
source/target actors are the gold ones (either direction when ``sym``).
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dyads.contract import event_record
from dyads.ingest import IngestError, iter_documents
from dyads.pipeline import Pipeline
from dyads.settings import Settings

Record = dict[str, Any]


def actor_matches(actor: Record | None, gold: str | None) -> bool:
    if gold is None:
        return actor is None
    if actor is None:
        return False
    if actor.get("country") == gold:
        return True
    if not gold.startswith("IGO"):
        return False
    code, aid = (actor.get("code") or "").upper(), (actor.get("actor_id") or "").lower()
    short = gold[3:].lower()
    eu = short == "eu" and (aid.startswith("european") or code.startswith(("IGOEEC", "IGOEUR")))  # CAMEO's EU codes
    return code.startswith(gold) or aid == short or aid.startswith(short + "-") or eu


def matches(e: Record, g: Record, swap: bool = False) -> bool:
    if e["doc_id"] != g["doc_id"] or e["root"] != g["root"] or g["cue"] not in e["evidence"]["text"]:
        return False
    src, tgt = (g["target"], g["source"]) if swap else (g["source"], g["target"])
    fwd = actor_matches(e["source"], src) and (tgt is None or actor_matches(e["target"], tgt))
    if fwd or swap:
        return fwd
    return bool(g.get("sym")) and actor_matches(e["source"], g["target"]) and actor_matches(e["target"], g["source"])


@dataclass
class Report:
    gold: int = 0
    hits: int = 0
    direction_errors: int = 0
    wrong_code: int = 0
    events_in_gold_docs: int = 0
    matched_events: int = 0
    negative_docs: int = 0
    negative_events: int = 0
    modality_ok: int = 0
    attribution_ok: int = 0
    per_root: dict[str, list[int]] = field(default_factory=dict)
    missed: list[str] = field(default_factory=list)

    def metrics(self) -> dict[str, Any]:
        return {
            "gold_events": self.gold, "hits": self.hits,
            "recall": round(self.hits / self.gold, 3) if self.gold else 0.0,
            "precision": round(self.matched_events / self.events_in_gold_docs, 3) if self.events_in_gold_docs else 0.0,
            "direction_errors": self.direction_errors, "wrong_code": self.wrong_code,
            "modality_accuracy": round(self.modality_ok / self.hits, 3) if self.hits else 0.0,
            "attribution_accuracy": round(self.attribution_ok / self.hits, 3) if self.hits else 0.0,
            "negative_docs": self.negative_docs, "negative_doc_events": self.negative_events,
            "per_root_recall": {r: f"{h}/{n}" for r, (h, n) in sorted(self.per_root.items())},
        }


def load_gold(gold_dir: Path) -> tuple[list[Record], set[str]]:
    path = gold_dir / "events.jsonl"
    if not path.is_file():
        raise FileNotFoundError(f"{path}: gold events file not found")
    events, negatives = [], set()
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path}:{i}: malformed JSON: {exc.msg}") from exc
        if rec.get("negative"):
            negatives.add(rec["doc_id"])
        else:
            events.append(rec)
    return events, negatives


def system_events(gold_dir: Path, settings: Settings) -> list[Record]:
    docs = [d for d in iter_documents([gold_dir / "docs"], settings.max_file_bytes) if not isinstance(d, IngestError)]
    return [event_record(e) for a in Pipeline(settings).analyse(docs) for e in a.events]


def speaker_country(e: Record) -> str | None:
    sp = (e.get("attribution") or {}).get("speaker")
    return sp.get("country") or sp.get("code") if sp else None


def score(gold: list[Record], negatives: set[str], events: list[Record]) -> Report:
    rep = Report(gold=len(gold), negative_docs=len(negatives))
    by_doc: dict[str, list[Record]] = defaultdict(list)
    for e in events:
        by_doc[e["doc_id"]].append(e)
    matched_ids: set[str] = set()
    for g in gold:
        cands = by_doc.get(g["doc_id"], [])
        root_stats = rep.per_root.setdefault(g["root"], [0, 0])
        root_stats[1] += 1
        hit = [e for e in cands if matches(e, g)]
        if hit:
            rep.hits += 1
            root_stats[0] += 1
            matched_ids |= {e["event_id"] for e in hit}
            if any(e["modality"] == g.get("modality", "asserted") for e in hit):
                rep.modality_ok += 1
            gs = g.get("speaker")
            if any((speaker_country(e) == gs) or (gs is None and e["attribution"]["kind"] == "author") for e in hit):
                rep.attribution_ok += 1
            continue
        if not g.get("sym") and any(matches(e, g, swap=True) for e in cands):
            rep.direction_errors += 1
        elif any(g["cue"] in e["evidence"]["text"] and actor_matches(e["source"], g["source"]) for e in cands):
            rep.wrong_code += 1
        rep.missed.append(f"{g['doc_id']}: {g['source']}->{g['target']} {g['root']} {g.get('modality', '')} \"{g['cue']}\"")
    gold_docs = {g["doc_id"] for g in gold}
    in_gold = [e for e in events if e["doc_id"] in gold_docs and e.get("target")]
    rep.events_in_gold_docs = len(in_gold)
    cue_sentences = defaultdict(set)
    for g in gold:
        cue_sentences[g["doc_id"]].add(g["cue"])
    # precision: events in gold docs whose sentence holds a gold cue must match a gold event there
    judged = [e for e in in_gold if any(c in e["evidence"]["text"] for c in cue_sentences[e["doc_id"]])]
    rep.events_in_gold_docs = len(judged)
    rep.matched_events = sum(1 for e in judged if e["event_id"] in matched_ids)
    rep.negative_events = sum(1 for e in events if e["doc_id"] in negatives)
    return rep


def evaluate(gold_dir: Path, settings: Settings) -> Report:
    gold, negatives = load_gold(gold_dir)
    return score(gold, negatives, system_events(gold_dir, settings))


FLOOR_KEYS = ("recall", "precision", "modality_accuracy", "attribution_accuracy")
CEILING_KEYS = ("direction_errors", "negative_doc_events")


def check_baseline(metrics: dict[str, Any], baseline: dict[str, Any]) -> list[str]:
    """Regressions against the pinned baseline (floors for rates, ceilings for error counts)."""
    out = []
    for k in FLOOR_KEYS:
        if isinstance(baseline.get(k), (int, float)) and metrics[k] < baseline[k]:
            out.append(f"{k} {metrics[k]} fell below the floor {baseline[k]}")
    for k in CEILING_KEYS:
        if isinstance(baseline.get(k), (int, float)) and metrics[k] > baseline[k]:
            out.append(f"{k} {metrics[k]} rose above the ceiling {baseline[k]}")
    return out
