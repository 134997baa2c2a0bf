"""The quality gate's scorer, on hand-built records (the gold run itself is `dyads eval gold` in CI)."""

from __future__ import annotations

from typing import Any

from dyads.evaluation import actor_matches, check_baseline, score


def rec(doc: str, src: str, tgt: str | None, root: str, text: str, modality: str = "asserted", eid: str = "e") -> dict[str, Any]:
    return {
        "event_id": eid, "doc_id": doc, "root": root, "modality": modality,
        "source": {"country": src, "code": src, "actor_id": src},
        "target": {"country": tgt, "code": tgt, "actor_id": tgt} if tgt else None,
        "evidence": {"text": text}, "attribution": {"kind": "author", "speaker": None},
    }


GOLD = [
    {"doc_id": "d", "cue": "threatened Mexico", "source": "USA", "target": "MEX", "root": "13", "modality": "threatened", "speaker": None},
    {"doc_id": "d", "cue": "held talks", "source": "CHN", "target": "CUB", "root": "04", "sym": True, "speaker": None},
    {"doc_id": "d", "cue": "condemned", "source": "CUB", "target": "USA", "root": "11", "speaker": None},
]


def test_hits_direction_errors_and_negatives():
    events = [
        rec("d", "USA", "MEX", "13", "Trump threatened Mexico.", "threatened", "e1"),
        rec("d", "CUB", "CHN", "04", "Xi and Díaz-Canel held talks.", eid="e2"),  # symmetric: either direction
        rec("d", "USA", "CUB", "11", "Cuba condemned the order.", eid="e3"),  # swapped
        rec("n", "JOR", None, "19", "Jordan fired a shot.", eid="e4"),
    ]
    rep = score(GOLD, {"n"}, events)
    m = rep.metrics()
    assert (m["hits"], m["direction_errors"], m["negative_doc_events"]) == (2, 1, 1)
    assert m["modality_accuracy"] == 1.0
    assert m["per_root_recall"] == {"04": "1/1", "11": "0/1", "13": "1/1"}


def test_igo_codes_match_by_code_or_id():
    assert actor_matches({"country": None, "code": "IGOUNOIAE", "actor_id": "iaea"}, "IGOIAEA")
    assert actor_matches({"country": None, "code": "IGOEEC", "actor_id": "eu"}, "IGOEU")
    assert not actor_matches({"country": "USA", "code": "USA", "actor_id": "USA"}, "IGOEU")


def test_baseline_floors_and_ceilings():
    metrics = {"recall": 0.6, "precision": 0.7, "modality_accuracy": 0.9, "attribution_accuracy": 1.0,
               "direction_errors": 2, "negative_doc_events": 0}
    failures = check_baseline(metrics, {"recall": 0.65, "direction_errors": 1, "_comment": "x"})
    assert len(failures) == 2 and "recall" in failures[0]
