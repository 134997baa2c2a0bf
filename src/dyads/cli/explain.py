"""`dyads show`: the evidence sentence with source, target and trigger marked, and the rule."""

from __future__ import annotations

from typing import Any


def explain(rec: dict[str, Any], text: str) -> str:
    ev = rec["evidence"]
    start, end = ev["start"], ev["end"]
    marks: list[tuple[int, int, str, str]] = []
    for role, key in (("SOURCE", "source"), ("TARGET", "target")):
        a = rec.get(key)
        if a and start <= a.get("start", -1) and a.get("end", 1 << 30) <= end:
            marks.append((a["start"], a["end"], f"[{role} ", "]"))
    trig = ev["trigger"]
    marks.append((trig["start"], trig["end"], "<<", ">>"))
    pieces, pos = [], start
    for s, e, left, right in sorted(marks):
        if s < pos:
            continue
        pieces += [text[pos:s], left, text[s:e], right]
        pos = e
    pieces.append(text[pos:end])
    src, tgt = rec.get("source") or {}, rec.get("target") or {}
    sp = (rec.get("attribution") or {}).get("speaker") or {}
    lines = [
        f"event {rec['event_id']}  doc {rec['doc_id']}  chars {start}-{end}  date {rec.get('date')} ({rec.get('date_precision')})",
        "",
        "  " + "".join(pieces),
        "",
        f"source   {src.get('text')!r} -> {src.get('name')} [{src.get('code')}] (resolved by {src.get('how')})",
        f"target   {tgt.get('text')!r} -> {tgt.get('name')} [{tgt.get('code')}] (resolved by {tgt.get('how')})" if tgt else "target   none",
        f"code     CAMEO {rec['cameo']} {rec.get('cameo_name')}; Goldstein {rec['goldstein']}; QuadClass {rec['quad_class']}; "
        f"PLOVER {rec['plover']['event_type']} {rec['plover']['mode'] or ''}".rstrip(),
        f"modality {rec['modality']}",
        f"claim    {rec['attribution']['kind']}" + (f" by {sp.get('text')!r} ({sp.get('code')})" if sp else "")
        + (f" via {rec['attribution']['cue']!r}" if rec['attribution'].get('cue') else ""),
        f"rule     {rec['rule']}",
        f"confidence {rec['confidence']}",
    ]
    if rec.get("quantities"):
        lines.append("quantities " + "; ".join(f"{q['text']} = {q['value']:g} {q['unit']}" + (f"/{q['per']}" if q['per'] else "") for q in rec["quantities"]))
    if rec.get("framing"):
        lines.append("framing  " + ", ".join(repr(f["text"]) for f in rec["framing"]) + " (outlet's loaded language in this sentence)")
    return "\n".join(lines)
