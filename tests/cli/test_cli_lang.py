"""`dyads ingest --lang`, `dyads code --lang` and the language `dyads docs` shows."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dyads.cli.main import main
from spine_support import write

EN = "Mexico sends food to Cuba\ndate 2026-02-03\n\nMexico sent 1,500 tons of food to Cuba on Tuesday, the foreign ministry said.\n"
ES = ("México envía alimentos a Cuba\ndate 2026-02-03\n\nMéxico envió el martes 1.500 toneladas de alimentos a Cuba, "
      "informó la cancillería en un comunicado difundido por la noche.\n")


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _langs(capsys: pytest.CaptureFixture[str], db: str) -> dict[str, str | None]:
    code, out, _ = _run(capsys, "docs", "--db", db, "--format", "jsonl")
    assert code == 0
    return {d["doc_id"]: d["lang"] for d in map(json.loads, out.splitlines())}


def test_ingest_detects_and_lang_overrides(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = tmp_path / "in"
    write(corpus / "en.txt", EN)
    write(corpus / "es.txt", ES)
    db = str(tmp_path / "x.duckdb")
    code, out, _ = _run(capsys, "ingest", str(corpus), "--db", db, "--no-progress")
    assert code == 0 and "2 written" in out
    assert _langs(capsys, db) == {"en": "en", "es": "es"}
    # told Spanish: the English article is stored (and coded) again, the Spanish one is unchanged
    code, out, _ = _run(capsys, "ingest", str(corpus), "--db", db, "--no-progress", "--lang", "es-MX")
    assert code == 0 and "1 written, 1 unchanged" in out
    assert _langs(capsys, db) == {"en": "es", "es": "es"}
    # detection again: back to English
    code, out, _ = _run(capsys, "ingest", str(corpus), "--db", db, "--no-progress")
    assert code == 0 and "1 written, 1 unchanged" in out and _langs(capsys, db)["en"] == "en"


def test_bad_lang_arguments_are_refused_before_reading(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / "en.txt", EN)
    db = str(tmp_path / "x.duckdb")
    with pytest.raises(SystemExit):
        main(["ingest", str(tmp_path / "en.txt"), "--db", db, "--lang", "english"])
    assert "argument --lang: expected a two-letter ISO 639-1 code such as en or es, not 'english'" in capsys.readouterr().err
    code, _, err = _run(capsys, "ingest", str(tmp_path / "en.txt"), "--db", db, "--lang", "es", "--engine", "spark")
    assert code == 2 and "--lang goes with the local engine" in err
    assert not Path(db).exists()


def test_code_records_name_the_language(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "code", "--text", EN.split("\n\n", 1)[1], "--date", "2026-02-03")
    assert code == 0
    recs = [json.loads(x) for x in out.splitlines()]
    assert recs and all(r["lang"] == "en" for r in recs)
    code, out, _ = _run(capsys, "code", "--text", EN.split("\n\n", 1)[1], "--lang", "EN")
    assert code == 0 and all(json.loads(x)["lang"] == "en" for x in out.splitlines())
