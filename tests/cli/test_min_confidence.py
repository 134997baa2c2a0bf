"""`--min-confidence`: the verifier's calibrated probability as a filter on ingest, events and export."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dyads.cli.main import main

TEXT = ("Norway summoned the Russian ambassador on Monday. Finland condemned the missile strikes by Russia "
        "and urged China to press Moscow. Estonia expelled two Russian diplomats.\n")


def events(capsys: pytest.CaptureFixture[str], *argv: str) -> list[dict[str, object]]:
    assert main(["events", *argv, "--format", "jsonl"]) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.strip()]


def test_events_and_export_keep_only_the_likelier(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = tmp_path / "baltic.txt"
    doc.write_text(TEXT, encoding="utf-8")
    db = str(tmp_path / "s.duckdb")
    assert main(["ingest", str(doc), "--db", db, "--no-progress", "--min-confidence", "0"]) == 0
    capsys.readouterr()
    every = events(capsys, "--db", db)
    assert every and all(0.0 <= float(e["confidence"]) <= 1.0 for e in every)  # type: ignore[arg-type]
    floor = sorted(float(e["confidence"]) for e in every)[len(every) // 2]  # type: ignore[arg-type]
    kept = events(capsys, "--db", db, "--min-confidence", str(floor))
    assert {e["event_id"] for e in kept} == {e["event_id"] for e in every if float(e["confidence"]) >= floor}  # type: ignore[arg-type]
    assert main(["export", "events-csv", "--db", db, "--min-confidence", str(floor)]) == 0
    rows = capsys.readouterr().out.strip().splitlines()
    assert len(rows) == len(kept) + 1  # the header row
    assert main(["export", "gdelt", "--db", db, "--min-confidence", str(floor), "--no-header"]) == 0
    assert len(capsys.readouterr().out.strip().splitlines()) == len(kept)  # raw GDELT: no header row


def test_a_floor_outside_0_1_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["events", "--db", str(tmp_path / "s.duckdb"), "--min-confidence", "1.5"])
    assert stop.value.code == 2
    assert "expected a number from 0 to 1" in capsys.readouterr().err


def test_ingest_drops_what_is_under_the_floor(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = tmp_path / "baltic.txt"
    doc.write_text(TEXT, encoding="utf-8")
    low, high = str(tmp_path / "low.duckdb"), str(tmp_path / "high.duckdb")
    assert main(["ingest", str(doc), "--db", low, "--no-progress", "--min-confidence", "0"]) == 0
    assert main(["ingest", str(doc), "--db", high, "--no-progress", "--min-confidence", "0.9"]) == 0
    capsys.readouterr()
    assert all(float(e["confidence"]) >= 0.9 for e in events(capsys, "--db", high))  # type: ignore[arg-type]
    assert len(events(capsys, "--db", high)) <= len(events(capsys, "--db", low))
