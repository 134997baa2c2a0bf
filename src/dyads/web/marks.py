"""Highlighting: an evidence sentence or a whole document cut into segments, each tagged with the
role it plays (source, target, trigger) or the events it belongs to. Templates render segments as
escaped text inside marks, so no markup is ever built from article text."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

_PRIORITY = ("trigger", "source", "target")  # where spans overlap, the earlier role wins


def evidence_segments(rec: dict[str, Any]) -> list[dict[str, Any]]:
    """The evidence sentence as [{"text", "role"}] with role None, "source", "target" or "trigger"."""
    ev = rec["evidence"]
    start, text = int(ev["start"]), str(ev["text"])
    roles: list[str | None] = [None] * len(text)
    spans = {"trigger": ev.get("trigger"), "source": rec.get("source"), "target": rec.get("target")}
    for role in reversed(_PRIORITY):
        span = spans[role]
        if not span or span.get("start") is None:
            continue
        for i in range(max(int(span["start"]) - start, 0), min(int(span["end"]) - start, len(text))):
            roles[i] = role
    out: list[dict[str, Any]] = []
    for ch, r in zip(text, roles):
        if out and out[-1]["role"] == r:
            out[-1]["text"] += ch
        else:
            out.append({"text": ch, "role": r})
    return out


def document_segments(text: str, records: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """The document as [{"text", "evidence": [event ids], "trigger": event id or None}]: every
    event's evidence sentence and trigger marked, unmarked text in between."""
    cuts = {0, len(text)}
    for r in records:
        ev = r["evidence"]
        cuts.update((int(ev["start"]), int(ev["end"]), int(ev["trigger"]["start"]), int(ev["trigger"]["end"])))
    points = sorted(c for c in cuts if 0 <= c <= len(text))
    out: list[dict[str, Any]] = []
    for a, b in zip(points, points[1:]):
        if a == b:
            continue
        evidence = [r["event_id"] for r in records if r["evidence"]["start"] <= a and b <= r["evidence"]["end"]]
        trigger = next((r["event_id"] for r in records
                        if r["evidence"]["trigger"]["start"] <= a and b <= r["evidence"]["trigger"]["end"]), None)
        out.append({"text": text[a:b], "evidence": evidence, "trigger": trigger})
    return out
