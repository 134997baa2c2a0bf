from __future__ import annotations

import io
import json

from dyads.cli import output
from dyads.cli.explain import explain


def test_table_truncates_and_aligns() -> None:
    buf = io.StringIO()
    output.table([{"a": "x" * 100, "b": None}, {"a": "short\nline", "b": {"k": 1}}], ("a", "b"), out=buf, width=10)
    lines = buf.getvalue().splitlines()
    assert lines[0].startswith("a ") and lines[1].startswith("-" * 10)
    assert lines[2].startswith("x" * 9 + "\u2026")
    assert "short line" in lines[3] and '{"k": 1}' in lines[3]


def test_jsonl_and_csv() -> None:
    buf = io.StringIO()
    output.jsonl([{"a": "é", "n": 1}], out=buf)
    assert buf.getvalue() == '{"a": "é", "n": 1}\n'
    buf = io.StringIO()
    output.csv_rows([{"a": {"b": 1, "c": [1, 2]}, "d": None}], out=buf)
    head, row = buf.getvalue().splitlines()
    assert head == "a.b,a.c,d" and row == '1,"[1, 2]",'


def test_default_stream_is_looked_up_at_call_time(capsys) -> None:  # type: ignore[no-untyped-def]
    output.jsonl([{"x": 1}])
    output.table([{"x": 1}], ("x",))
    out = capsys.readouterr().out
    assert json.loads(out.splitlines()[0]) == {"x": 1} and "x" in out.splitlines()[1]


TEXT = "Intro. Russia condemned the strikes on Venezuela. Outro."


def record() -> dict:  # type: ignore[type-arg]
    start = TEXT.index("Russia")
    end = TEXT.index("Outro") - 1
    def actor(word: str, code: str) -> dict:  # type: ignore[type-arg]
        s = TEXT.index(word)
        return {"text": word, "actor_id": code, "name": word, "country": code, "sector": None, "code": code,
                "how": "alias", "start": s, "end": s + len(word)}
    t = TEXT.index("condemned")
    return {"event_id": "ev-1", "doc_id": "d", "date": "2026-01-04", "date_precision": "day",
            "source": actor("Russia", "RUS"), "target": actor("Venezuela", "VEN"), "cameo": "111", "root": "11",
            "cameo_name": "Criticize or denounce", "goldstein": -2.0, "quad_class": 3,
            "plover": {"event_type": "ACCUSE", "mode": None}, "modality": "asserted",
            "attribution": {"kind": "author", "speaker": None, "cue": None},
            "evidence": {"text": TEXT[start:end], "start": start, "end": end,
                         "trigger": {"text": "condemned", "start": t, "end": t + 9}},
            "quantities": [{"text": "157 prisoners", "value": 157.0, "unit": "person", "per": None}],
            "framing": [], "rule": "verb:condemn", "confidence": 0.8}


def test_explain_marks_roles_and_trigger() -> None:
    out = explain(record(), TEXT)
    assert "[SOURCE Russia] <<condemned>> the strikes on [TARGET Venezuela]." in out
    assert "Intro" not in out.splitlines()[2] and "Outro" not in out.splitlines()[2]
    assert "rule     verb:condemn" in out
    assert "CAMEO 111 Criticize or denounce; Goldstein -2.0; QuadClass 3; PLOVER ACCUSE" in out
    assert "quantities 157 prisoners = 157 person" in out


def test_explain_without_target() -> None:
    rec = record()
    rec["target"] = None
    out = explain(rec, TEXT)
    assert "target   none" in out and "[TARGET" not in out
