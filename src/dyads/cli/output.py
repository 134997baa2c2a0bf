"""Rendering rows as a text table, JSON lines or CSV."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Sequence
from typing import Any, TextIO


def printable(value: Any) -> Any:
    """``value`` (any type DuckDB returns) as JSON-ready data: nested lists, tuples and dicts (structs,
    maps with keys of any type) keep their shape; dates, times, intervals, decimals, UUIDs and blobs
    inside them become their text. Strings, numbers, booleans and None are returned as they are."""
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if isinstance(value, dict):
        return {k if isinstance(k, str) else str(printable(k)): printable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [printable(v) for v in value]
    if isinstance(value, (bytearray, memoryview)):
        return str(bytes(value))
    return str(value)


def _cell(v: Any, width: int) -> str:
    s = "" if v is None else (json.dumps(v, ensure_ascii=False) if isinstance(v, (dict, list)) else str(v))
    s = s.replace("\n", " ")
    return s if len(s) <= width else s[: width - 1] + "\u2026"


def table(rows: Sequence[dict[str, Any]], columns: Sequence[str], out: TextIO | None = None, width: int = 48) -> None:
    out = out or sys.stdout  # looked up per call, so redirect_stdout/capsys see the output
    cells = [[_cell(r.get(c), width) for c in columns] for r in rows]
    widths = [max([len(c), *(len(row[i]) for row in cells)]) for i, c in enumerate(columns)]
    out.write("  ".join(c.ljust(w) for c, w in zip(columns, widths)).rstrip() + "\n")
    out.write("  ".join("-" * w for w in widths) + "\n")
    for row in cells:
        out.write("  ".join(v.ljust(w) for v, w in zip(row, widths)).rstrip() + "\n")


def jsonl(rows: Sequence[dict[str, Any]], out: TextIO | None = None) -> None:
    out = out or sys.stdout
    for r in rows:
        out.write(json.dumps(r, ensure_ascii=False, default=str) + "\n")


def flat(record: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in record.items():
        key = f"{prefix}{k}"
        if isinstance(v, dict):
            out.update(flat(v, key + "."))
        elif isinstance(v, list):
            out[key] = json.dumps(v, ensure_ascii=False)
        else:
            out[key] = v
    return out


def csv_rows(rows: Sequence[dict[str, Any]], out: TextIO | None = None) -> None:
    out = out or sys.stdout
    flats = [flat(r) for r in rows]
    cols: list[str] = []
    for f in flats:
        cols += [k for k in f if k not in cols]
    w = csv.DictWriter(out, fieldnames=cols, extrasaction="ignore")
    w.writeheader()
    w.writerows(flats)


def emit(rows: Sequence[dict[str, Any]], fmt: str, columns: Sequence[str]) -> None:
    if fmt == "jsonl":
        jsonl(rows)
    elif fmt == "csv":
        csv_rows(rows)
    else:
        table(rows, columns)


def event_row(e: dict[str, Any]) -> dict[str, Any]:
    s, t = e.get("source") or {}, e.get("target") or {}
    speaker = (e.get("attribution") or {}).get("speaker") or {}
    return {
        "event_id": e["event_id"], "date": e.get("date"), "source": s.get("code") or s.get("name"),
        "src_text": s.get("text"), "cameo": e["cameo"], "name": e.get("cameo_name"),
        "target": t.get("code") or t.get("name") if t else None, "tgt_text": t.get("text") if t else None,
        "modality": e["modality"], "said_by": speaker.get("text"), "trigger": e["evidence"]["trigger"]["text"],
        "doc_id": e["doc_id"],
    }


EVENT_COLUMNS = ("date", "source", "src_text", "cameo", "name", "target", "tgt_text", "modality", "said_by", "trigger", "doc_id")
