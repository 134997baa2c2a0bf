"""Clear errors and honest output at the command line (issue 9 items 8, 10, 11)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from dyads.cli.main import main
from dyads.store import Store, StoreError
from spine_support import FullDisk, write


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# -- item 8: dates that are not dates are refused, not passed on ----------------------------------

@pytest.mark.parametrize("argv", [
    ("code", "--text", "Mexico sent food to Cuba.", "--date", "yesterday"),
    ("code", "--text", "Mexico sent food to Cuba.", "--date", "2026-02-30"),
    ("events", "--since", "yesterday"),
    ("events", "--until", "next week"),
])
def test_bad_date_arguments_are_one_line_errors(sample_db: str, capsys: pytest.CaptureFixture[str], argv: tuple[str, ...]) -> None:
    code, out, err = run(capsys, *argv, "--db", sample_db)
    assert code == 2 and not out
    assert err.count("\n") == 1 and "expected a date as YYYY-MM-DD" in err and argv[-1] in err


def test_wrong_json_type_at_ingest_names_file_and_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = write(tmp_path / "in.jsonl", json.dumps({"id": "a", "text": 12345}) + "\n"
              + json.dumps({"id": "b", "text": "Mexico sent food to Cuba on Tuesday.", "date": "yesterday"}) + "\n")
    code, out, err = run(capsys, "ingest", str(p), "--db", str(tmp_path / "s.duckdb"), "--no-progress")
    assert code == 1 and "1 written" in out
    assert f"error: {p}:1: field 'text': expected a string or null, got a number" in err
    assert f"warning: {p}:2: date 'yesterday' not understood" in err


# -- item 10: one line naming the cause; --debug for the traceback ----------------------------------

@pytest.mark.parametrize("sql", ["SELEC 1", "SELECT nosuchcolumn FROM events", "SELECT * FROM nosuchtable"])
def test_sql_mistakes_are_one_line(sample_db: str, capsys: pytest.CaptureFixture[str], sql: str) -> None:
    code, out, err = run(capsys, "sql", sql, "--db", sample_db)
    assert code == 2 and not out and err.count("\n") == 1 and err.startswith("error: SQL error: ")
    assert "Traceback" not in err


def test_unexpected_errors_are_one_line_and_debug_shows_the_traceback(
        sample_db: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    from dyads.store import views

    def boom(*a: Any, **k: Any) -> Any:
        raise KeyError("first line\nsecond line")

    monkeypatch.setattr(views, "stats", boom)
    code, _, err = run(capsys, "stats", "--db", sample_db)
    assert code == 1 and err.count("\n") == 1 and "KeyError" in err and "--debug" in err
    with pytest.raises(KeyError):
        main(["--debug", "stats", "--db", sample_db])


def test_a_full_disk_reports_the_cause_not_the_failed_rollback(tmp_db: str, pipeline: Any) -> None:
    from dyads.ingest.readers import parse_plain

    analyses = list(pipeline.analyse([parse_plain("T\n\nMexico sent food to Cuba.\n", "a")]))
    with Store.open(tmp_db) as store:
        real = store.con
        store.con = FullDisk(real)  # type: ignore[assignment]
        with pytest.raises(StoreError) as info:
            store.write(analyses)
        store.con = real
        assert "No space left on device" in str(info.value) and "rollback" not in str(info.value)
        assert "\n" not in str(info.value)


# -- item 11: the small ones ------------------------------------------------------------------------

def test_events_table_shows_event_id(sample_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "events", "--db", sample_db)
    assert code == 0 and out.split()[0] == "event_id"
    first_id = out.splitlines()[2].split()[0]
    assert run(capsys, "show", first_id, "--db", sample_db)[0] == 0


def test_actor_filter_takes_a_country_name(sample_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    _, by_code, _ = run(capsys, "events", "--actor", "CUB", "--db", sample_db, "--format", "jsonl")
    _, by_name, _ = run(capsys, "events", "--actor", "cuba", "--db", sample_db, "--format", "jsonl")
    assert by_code.strip() and by_name == by_code


def test_stats_as_a_table(sample_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "stats", "--db", sample_db, "--format", "table")
    assert code == 0 and out.startswith("what") and "documents" in out and "events_by_root" in out


def test_evidence_has_no_trailing_blank_lines(sample_db: str) -> None:
    with Store.open(sample_db, read_only=True) as store:
        rows = store.query("SELECT record FROM events")[1]
        texts = store.query("SELECT text FROM sentences")[1]
    assert all(json.loads(r[0])["evidence"]["text"] == json.loads(r[0])["evidence"]["text"].rstrip() for r in rows)
    assert all(t[0] == t[0].rstrip() for t in texts)


def test_relations_have_only_countries(sample_db: str) -> None:
    from dyads.store import views

    with Store.open(sample_db, read_only=True) as store:
        rows = views.relations(store, limit=100)
    assert rows and all(len(r["source"]) == 3 and r["source"].isupper() for r in rows)
    assert all(len(r["target"]) == 3 and r["target"].isupper() for r in rows)
    assert not {r["source"] for r in rows} & {"GOV", "OPP", "MIL"}


def test_gexf_export_counts_nodes(sample_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "export", "gexf", "--out", str(tmp_path / "n.gexf"), "--db", sample_db)
    assert code == 0 and " nodes written to " in err
