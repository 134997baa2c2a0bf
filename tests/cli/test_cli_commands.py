"""`dyads` sub-commands run in-process through `dyads.cli.main.main`, output captured with capsys."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from dyads.cli.main import main
from spine_support import write

CONTRACT_KEYS = {"event_id", "doc_id", "date", "date_precision", "background", "source", "target", "cameo", "root", "cameo_name",
                 "goldstein", "quad_class", "plover", "modality", "attribution", "evidence", "quantities", "framing",
                 "rule", "confidence", "location", "lang"}
OPTIONAL_KEYS = {"story_id"}
LOCATION_KEYS = {"name", "geonames_id", "country", "admin1", "lat", "lon", "precision", "how", "resolved", "text", "span"}
ACTOR_KEYS = {"text", "actor_id", "name", "country", "sector", "code", "how", "start", "end"}
MODALITIES = {"asserted", "negated", "threatened", "intended", "hypothetical", "uncertain"}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def jsonl(out: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def check_location(loc: dict[str, Any] | None) -> None:
    if loc is not None:
        assert set(loc) == LOCATION_KEYS and loc["precision"] in ("point", "admin1", "country", "sea")
        assert -90 <= loc["lat"] <= 90 and -180 <= loc["lon"] <= 180 and loc["span"]["text"] == loc["text"]


def check_actor(a: dict[str, Any]) -> None:
    assert ACTOR_KEYS <= set(a) <= ACTOR_KEYS | {"place"}  # a city or region actor's own place
    check_location(a.get("place"))
    assert isinstance(a["text"], str) and a["text"]
    assert isinstance(a["actor_id"], str) and isinstance(a["name"], str) and isinstance(a["code"], str) and a["code"]
    assert a["country"] is None or isinstance(a["country"], str)
    assert a["sector"] is None or isinstance(a["sector"], str)


def check_record(rec: dict[str, Any]) -> None:
    assert CONTRACT_KEYS <= set(rec) <= CONTRACT_KEYS | OPTIONAL_KEYS
    check_location(rec["location"])
    assert rec["event_id"].startswith("ev-") and isinstance(rec["doc_id"], str)
    assert rec["date"] is None or isinstance(rec["date"], str)
    assert rec["date_precision"] in (None, "day", "month", "year", "inferred")
    assert (rec["date"] is None) == (rec["date_precision"] is None)
    check_actor(rec["source"])
    if rec["target"] is not None:
        check_actor(rec["target"])
    assert isinstance(rec["cameo"], str) and rec["cameo"].isdigit() and len(rec["cameo"]) >= 2
    assert rec["root"] == rec["cameo"][:2] and 1 <= int(rec["root"]) <= 20  # leading zero kept: "04", not 4
    assert isinstance(rec["goldstein"], float) and -10 <= rec["goldstein"] <= 10
    assert rec["quad_class"] in (1, 2, 3, 4)
    assert set(rec["plover"]) == {"event_type", "mode"}
    assert rec["modality"] in MODALITIES
    att = rec["attribution"]
    assert set(att) == {"kind", "speaker", "cue"} and att["kind"] in ("author", "quote", "reported")
    if att["speaker"] is not None:
        check_actor(att["speaker"])
    ev = rec["evidence"]
    assert set(ev) == {"text", "start", "end", "trigger", "source_phrase", "target_phrase"}
    assert set(ev["trigger"]) == {"text", "start", "end"}
    for phrase in (ev["source_phrase"], ev["target_phrase"]):  # the arguments as written, inside the sentence
        assert phrase is None or (set(phrase) == {"text", "start", "end"} and ev["start"] <= phrase["start"] < phrase["end"] <= ev["end"])
    assert all(isinstance(ev[k], int) for k in ("start", "end")) and ev["start"] < ev["end"]
    assert ev["trigger"]["text"] and ev["trigger"]["text"] in ev["text"]
    for q in rec["quantities"]:
        assert set(q) == {"text", "value", "unit", "per"} and isinstance(q["value"], (int, float))
    assert isinstance(rec["rule"], str) and rec["rule"]
    assert isinstance(rec["confidence"], float) and 0.0 <= rec["confidence"] <= 1.0


# -- ingest ----------------------------------------------------------------------------------

def test_ingest_folder_with_a_bad_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = tmp_path / "in"
    write(corpus / "a.txt", "Russia condemns strikes\ndate 2026-01-04\n\nRussia condemned the US strikes on Venezuela.\n")
    write(corpus / "b.txt", "China backs Cuba\ndate 2026-02-04\n\nChina promised continued aid to Cuba.\n")
    write(corpus / "batch.jsonl", json.dumps({"id": "j1", "title": "Iran talks", "date": "2026-01-22", "outlet": "Wire",
                                              "url": "https://w.example/j1",
                                              "text": "Iran allowed IAEA inspectors to return to two sites."}) + "\n")
    bad = write(corpus / "bad.txt", "Caf\u00e9 con leche en La Habana.".encode("latin-1"))
    db = str(tmp_path / "x.duckdb")
    code, out, err = run(capsys, "ingest", str(corpus), "--db", db, "--no-progress")
    assert code == 1
    assert str(bad) in err and "invalid UTF-8" in err
    assert "3 documents read: 3 written" in out and "1 errors" in out
    code, out, _ = run(capsys, "docs", "--db", db, "--format", "jsonl")
    assert code == 0
    docs = jsonl(out)
    assert [d["doc_id"] for d in docs] == ["a", "b", "j1"]
    for d in docs:
        assert list(d) == ["doc_id", "title", "date", "url", "outlet", "lang", "text"]
    assert docs[2] == {"doc_id": "j1", "title": "Iran talks", "date": "2026-01-22", "url": "https://w.example/j1",
                       "outlet": "Wire", "lang": "en", "text": "Iran talks\n\nIran allowed IAEA inspectors to return to two sites."}
    # second run: nothing new; the bad file is still reported
    code, out, err = run(capsys, "ingest", str(corpus), "--db", db, "--no-progress")
    assert code == 1 and "0 written, 3 unchanged" in out and str(bad) in err


def test_ingest_clean_folder_exit_0_and_max_file_bytes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = tmp_path / "in"
    write(corpus / "a.txt", "Russia condemns strikes\ndate 2026-01-04\n\nRussia condemned the US strikes on Venezuela.\n")
    db = str(tmp_path / "x.duckdb")
    assert run(capsys, "ingest", str(corpus), "--db", db, "--no-progress")[0] == 0
    code, out, err = run(capsys, "ingest", str(corpus), "--db", str(tmp_path / "y.duckdb"), "--no-progress",
                         "--max-file-bytes", "20")
    assert code == 1 and "max_file_bytes" in err and "a.txt" in err


def test_ingest_missing_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "ingest", str(tmp_path / "nothing"), "--db", str(tmp_path / "x.duckdb"), "--no-progress")
    assert code == 1 and "nothing" in err and "no such file" in err


# -- reading the sample store ----------------------------------------------------------------

def test_events_jsonl_contract(sample_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "events", "--db", sample_db, "--format", "jsonl")
    assert code == 0
    records = jsonl(out)
    assert len(records) > 50
    for rec in records:
        check_record(rec)
    assert len({r["event_id"] for r in records}) == len(records)
    assert any(r["quantities"] for r in records)
    assert any(r["attribution"]["speaker"] for r in records)
    assert any(r["cameo"].startswith("0") for r in records)  # leading zeros survive JSON


def test_events_actor_filter(sample_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    everything = jsonl(run(capsys, "events", "--db", sample_db, "--format", "jsonl")[1])
    usa = jsonl(run(capsys, "events", "--db", sample_db, "--format", "jsonl", "--actor", "USA")[1])
    assert 0 < len(usa) < len(everything)
    for rec in usa:
        sides = [s for s in (rec["source"], rec["target"]) if s]
        assert any(s["actor_id"] == "USA" or s["country"] == "USA" or s["code"].startswith("USA") for s in sides)
    pemex = jsonl(run(capsys, "events", "--db", sample_db, "--format", "jsonl", "--actor", "MEX")[1])
    assert pemex and not {r["event_id"] for r in pemex} <= {r["event_id"] for r in usa}


def test_events_since_until(sample_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    recs = jsonl(run(capsys, "events", "--db", sample_db, "--format", "jsonl", "--since", "2026-02-03", "--until", "2026-02-05")[1])
    assert recs
    assert all(r["date"] and "2026-02-03" <= r["date"][:10] <= "2026-02-05" for r in recs)
    later = jsonl(run(capsys, "events", "--db", sample_db, "--format", "jsonl", "--since", "2026-02-09")[1])
    assert later and all(r["date"] >= "2026-02-09" for r in later)
    none = jsonl(run(capsys, "events", "--db", sample_db, "--format", "jsonl", "--until", "1999-12-31")[1])
    assert none == []


def test_events_table_and_csv(sample_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "events", "--db", sample_db, "--doc", "pemex_shipment_paused")
    assert code == 0
    header = out.splitlines()[0].split()
    assert header[:5] == ["event_id", "date", "source", "src_text", "cameo"]
    assert all("pemex_shipment_paused" in line for line in out.splitlines()[2:])
    code, out, _ = run(capsys, "events", "--db", sample_db, "--format", "csv", "--doc", "pemex_shipment_paused")
    first = out.splitlines()[0].split(",")
    assert code == 0 and "event_id" in first and "source.code" in first and "evidence.trigger.text" in first


def test_show_marks_trigger_and_rule(sample_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    rec = jsonl(run(capsys, "events", "--db", sample_db, "--format", "jsonl", "--doc", "xi_diaz_canel_call")[1])[0]
    code, out, _ = run(capsys, "show", rec["event_id"], "--db", sample_db)
    assert code == 0
    trig = rec["evidence"]["trigger"]["text"]
    assert f"<<{trig}>>" in out
    assert f"rule     {rec['rule']}" in out
    assert f"[SOURCE {rec['source']['text']}]" in out
    assert rec["event_id"] in out and f"CAMEO {rec['cameo']}" in out
    code, out, _ = run(capsys, "show", rec["event_id"], "--db", sample_db, "--format", "json")
    assert code == 0 and json.loads(out)["event_id"] == rec["event_id"]


def test_show_unknown_event(sample_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "show", "ev-0000", "--db", sample_db)
    assert code == 1 and "ev-0000" in err


def test_stats_json(sample_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "stats", "--db", sample_db)
    assert code == 0
    st = json.loads(out)
    assert st["documents"] == 25 and st["events"] > 50 and st["discarded_documents"] >= 2
    for key in ("sentences", "mentions", "actors", "quantities", "framing", "events_by_root", "top_dyads"):
        assert key in st


def test_actors_jsonl(sample_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "actors", "--db", sample_db, "--format", "jsonl")
    rows = jsonl(out)
    assert code == 0 and rows and {"actor_id", "name", "mentions", "resolved_by"} <= set(rows[0])


def test_read_commands_on_missing_store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = str(tmp_path / "missing.duckdb")
    for cmd in ("events", "docs", "stats"):
        code, _, err = run(capsys, cmd, "--db", missing)
        assert code == 2 and "no such store" in err
    assert not Path(missing).exists()


# -- store-less commands ---------------------------------------------------------------------

def test_code_text_without_store(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "code", "--text", "Russia condemned the US strikes on Venezuela on Monday.", "--date", "2026-01-05")
    assert code == 0
    recs = jsonl(out)
    assert recs
    for rec in recs:
        check_record(rec)
        assert rec["doc_id"] == "stdin" and rec["date"] is not None
    assert any(r["source"]["country"] == "RUS" and r["root"] == "11" for r in recs)
    assert not Path("dyads.duckdb").exists()  # cwd is a fresh temp dir: nothing was stored


def test_code_empty_text(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "code", "--text", "   ")
    assert code == 2 and "no text" in err


def test_code_stdin(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("China promised continued aid to Cuba.\n"))
    code, out, _ = run(capsys, "code")
    assert code == 0 and all(r["doc_id"] == "stdin" for r in jsonl(out))


def test_check_data(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "check-data")
    assert code == 0, err
    assert "data files OK" in out and "countries:" in out


def test_settings_command(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "settings", "--db", "elsewhere.duckdb")
    assert code == 0
    line = next(x for x in out.splitlines() if x.startswith("db "))
    assert "'dyads.duckdb'" in line and "'elsewhere.duckdb'" in line


def test_version_and_usage(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0 and "dyads" in capsys.readouterr().out
    with pytest.raises(SystemExit) as exc:
        main([])
    assert exc.value.code == 2


# -- settings precedence through the CLI -----------------------------------------------------

def test_cli_settings_precedence(sample_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    missing = str(tmp_path / "missing.duckdb")
    Path("dyads.toml").write_text(f'[dyads]\ndb = "{sample_db}"\n', encoding="utf-8")
    code, out, _ = run(capsys, "stats")  # config file in the working directory
    assert code == 0 and json.loads(out)["documents"] == 25
    monkeypatch.setenv("DYADS_DB", missing)  # env beats the config file
    code, _, err = run(capsys, "stats")
    assert code == 2 and "missing.duckdb" in err
    code, out, _ = run(capsys, "stats", "--db", sample_db)  # flag beats env
    assert code == 0
    other = tmp_path / "other.toml"
    other.write_text(f'db = "{missing}"\n', encoding="utf-8")
    monkeypatch.delenv("DYADS_DB")
    code, _, err = run(capsys, "stats", "--config", str(other))  # --config picks another file
    assert code == 2 and "missing.duckdb" in err


def test_bad_config_is_a_clean_error(capsys: pytest.CaptureFixture[str]) -> None:
    Path("dyads.toml").write_text("db = [unclosed\n", encoding="utf-8")
    code, _, err = run(capsys, "stats")
    assert code == 2 and "invalid TOML" in err
    Path("dyads.toml").write_text("colour = 'blue'\n", encoding="utf-8")
    code, _, err = run(capsys, "stats")
    assert code == 2 and "unknown setting 'colour'" in err
