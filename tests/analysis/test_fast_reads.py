"""Read paths that filter in SQL give exactly what filtering every event in Python gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from dyads.analysis.rows import load_events
from dyads.analysis.timeline import timeline
from dyads.analysis.timeline_sql import timeline_in_store
from dyads.store import Store, views
from dyads.store.analysis_tables import story_of


@pytest.mark.parametrize("actors", [["USA"], ["CUB", "MEX"], ["usagov"], ["pemex"], ["CHN", "CUB"], ["RUS"], ["XXX"]])
def test_timeline_in_store_equals_timeline_over_all_events(overlap_db: Path, actors: list[str]) -> None:
    b = actors[1] if len(actors) > 1 else None
    with Store.open(overlap_db, read_only=True) as s:
        every = load_events(s)
        for by in ("day", "week", "month"):
            for dedupe in (False, True):
                want = timeline(every, actors[0], b, by, dedupe)  # type: ignore[arg-type]
                assert timeline_in_store(s, actors[0], b, by, dedupe) == want  # type: ignore[arg-type]
                assert want.points or actors == ["XXX"]


def test_events_view_joins_the_story_of_each_event(overlap_db: Path) -> None:
    with Store.open(overlap_db, read_only=True) as s:
        recs, links = views.events(s), story_of(s)
        one = views.event(s, recs[0]["event_id"])
    assert recs and all(r["story_id"] == links[r["event_id"]] for r in recs)
    assert one == recs[0]


def test_event_lines_equal_encoded_records(overlap_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from dyads.cli.main import main
    from dyads.cli.output import jsonl

    with Store.open(overlap_db, read_only=True) as s:
        for kw in ({}, {"actor": "CUB"}, {"since": "2026-02-01", "until": "2026-02"}):
            jsonl(views.events(s, **kw))
            want = capsys.readouterr().out
            assert want and "".join(line + "\n" for line in views.event_lines(s, **kw)) == want
    assert main(["events", "--db", str(overlap_db), "--format", "jsonl", "--actor", "MEX"]) == 0
    out = capsys.readouterr().out
    with Store.open(overlap_db, read_only=True) as s:
        jsonl(views.events(s, actor="MEX"))
    assert out == capsys.readouterr().out and '"story_id": "st-' in out
