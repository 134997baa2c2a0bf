from __future__ import annotations

import shutil
from pathlib import Path

from dyads.datacheck import check_all
from dyads.events.lexicon import data_dir


def test_bundled_data_is_valid() -> None:
    problems, counts = check_all()
    assert problems == []
    assert counts["countries"] > 100
    assert counts["cameo codes"] > 200
    assert counts["verb lemmas"] > 50 and counts["verb patterns"] >= counts["verb lemmas"]
    assert counts["organisations"] > 0 and counts["people"] > 0


def test_broken_copy_is_reported(tmp_path: Path) -> None:
    base = tmp_path / "data"
    shutil.copytree(data_dir(), base)
    people = base / "actors" / "people.yaml"
    people.write_text(people.read_text(encoding="utf-8").replace("sector: GOV", "sector: XXX", 1), encoding="utf-8")
    (base / "cameo" / "modality.yaml").write_text("negation: []\n", encoding="utf-8")
    problems, _ = check_all(base)
    assert any("unknown sector 'XXX'" in p or "role sector 'XXX' unknown" in p for p in problems)
    assert any("modality.yaml: threat" in p for p in problems)


def test_unreadable_data_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    problems, _ = check_all(tmp_path)
    assert any(p.startswith("actors: cannot read data") for p in problems)
    assert any(p.startswith("cameo: cannot read data") for p in problems)


def test_a_key_given_twice_is_reported(tmp_path: Path) -> None:
    # YAML keeps the last of two equal keys and drops the first without a word: a lost entry
    base = tmp_path / "data"
    shutil.copytree(data_dir(), base)
    core = base / "cameo" / "verbs_core.yaml"
    core.write_text(core.read_text(encoding="utf-8") + "  free: {default: \"0841\"}\n", encoding="utf-8")
    problems, _ = check_all(base)
    assert any("verbs_core.yaml" in p and "'free' given twice" in p for p in problems)


def test_an_intent_mapped_outside_root_03_is_reported(tmp_path: Path) -> None:
    base = tmp_path / "data"
    shutil.copytree(data_dir(), base)
    (base / "cameo" / "intents.yaml").write_text("intent_of: {\"085\": \"1244\"}\n", encoding="utf-8")
    problems, _ = check_all(base)
    assert any("intents.yaml intent_of: '085' -> '1244'" in p for p in problems)


def test_an_alias_given_twice_is_reported(tmp_path: Path) -> None:
    base = tmp_path / "data"
    shutil.copytree(data_dir(), base)
    people = base / "actors" / "people.yaml"
    people.write_text(people.read_text(encoding="utf-8").replace(
        "aliases: [Vladimir Kolokoltsev, Kolokoltsev]", "aliases: [Vladimir Kolokoltsev, Kolokoltsev, Kolokoltsev]"),
        encoding="utf-8")
    problems, _ = check_all(base)
    assert "people.yaml vladimir-kolokoltsev: duplicate alias 'Kolokoltsev'" in problems
