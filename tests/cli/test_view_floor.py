"""The summary views' confidence floor (setting ``view_min_confidence``): top dyads, relations, the
network and the stories list count only events at least that likely to be right, unless the analyst
asks for another floor; events, exports and SQL keep every stored event."""

from __future__ import annotations

import json
from typing import Any

import pytest

from dyads.cli.main import main
from dyads.settings import Settings
from dyads.store import Store


def _json(capsys: pytest.CaptureFixture[str], *argv: str) -> Any:
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


def _dyad_counts(db: str, floor: float) -> dict[tuple[str, str], int]:
    with Store.open(db, read_only=True) as store:
        rows = store.query("SELECT source_code, coalesce(target_code, '-'), count(*) FROM events "
                           "WHERE confidence >= ? GROUP BY 1, 2", [floor])[1]
    return {(s, t): int(n) for s, t, n in rows}


def test_the_default_floor_is_documented_in_the_settings() -> None:
    assert Settings().view_min_confidence == 0.5 and Settings().min_confidence < Settings().view_min_confidence


def test_top_dyads_count_events_at_the_floor(sample_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    default = _json(capsys, "stats", "--db", sample_db)
    every = _json(capsys, "stats", "--db", sample_db, "--min-confidence", "0")
    at_floor, stored = _dyad_counts(sample_db, 0.5), _dyad_counts(sample_db, 0.0)
    assert sum(stored.values()) > sum(at_floor.values()) > 0  # the sample has events on both sides of 0.5
    for row in default["top_dyads"]:
        assert row["events"] == at_floor[(row["source"], row["target"])]
    for row in every["top_dyads"]:
        assert row["events"] == stored[(row["source"], row["target"])]
    assert default["events"] == every["events"] == sum(stored.values())  # the counts of what is stored do not move


def test_network_counts_events_at_the_floor(sample_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    default = _json(capsys, "network", "--db", sample_db, "--format", "json")
    every = _json(capsys, "network", "--db", sample_db, "--format", "json", "--min-confidence", "0")
    strict = _json(capsys, "network", "--db", sample_db, "--format", "json", "--min-confidence", "0.9")
    total = [sum(e["events"] for e in n["edges"]) for n in (strict, default, every)]
    assert total[0] <= total[1] < total[2]
    with Store.open(sample_db, read_only=True) as store:
        n = store.query("SELECT count(*) FROM events WHERE confidence >= 0.5 AND target_actor_id IS NOT NULL AND "
                        "coalesce(source_country, source_actor_id) <> coalesce(target_country, target_actor_id)")[1][0][0]
    assert total[1] == n


def test_stories_list_keeps_stories_with_an_event_at_the_floor(sample_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    default = _json(capsys, "stories", "--db", sample_db, "--format", "json")
    every = _json(capsys, "stories", "--db", sample_db, "--format", "json", "--min-confidence", "0")
    with Store.open(sample_db, read_only=True) as store:
        stored = store.query("SELECT count(*) FROM stories")[1][0][0]
        best = dict(store.query("SELECT se.story_id, max(e.confidence) FROM story_events se "
                                "JOIN events e ON e.event_id = se.event_id GROUP BY 1")[1])
    assert len(every) == stored > len(default) > 0
    assert all(best[s["story_id"]] >= 0.5 for s in default)
    assert {s["story_id"] for s in every if best[s["story_id"]] >= 0.5} == {s["story_id"] for s in default}


def test_events_keep_every_stored_event(sample_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["events", "--db", sample_db, "--format", "jsonl"]) == 0
    listed = [line for line in capsys.readouterr().out.splitlines() if line.strip()]
    assert len(listed) == sum(_dyad_counts(sample_db, 0.0).values())
