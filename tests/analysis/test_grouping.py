"""Bounded story clustering (issue 9, item 7): the index and the representatives give the same
stories as comparing every member of every group, and the comparisons stay bounded when one
bucket (one dyad, root and day) holds thousands of events. Comparisons are counted, never timed."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from analysis_helpers import ev

from dyads.analysis import grouping
from dyads.analysis.grouping import MAX_CANDIDATES, MAX_REPRESENTATIVES, MatchStats, StoryGroup
from dyads.analysis.rows import EventRow
from dyads.analysis.similarity import evidence_similarity, same_happening
from dyads.analysis.stories import cluster, place_ok, root_class, span_ok

SENTENCES = [
    "Mexico sent food to Cuba on Tuesday, the foreign ministry said.",
    "Mexico sent food and medicine to Cuba on Tuesday, officials said.",
    "The United States condemned the shipment and threatened new sanctions.",
    "Cuba thanked Mexico for its solidarity and criticised Washington.",
    "Russian artillery shelled the border town overnight.",
    "Officials met in Geneva.",
]


def _brute(events: list[EventRow]) -> list[list[str]]:
    """The reference: every event against every member of every group of its root class (groups
    closed by date are still compared; `same_happening` rejects them)."""
    groups: list[list[EventRow]] = []
    for e in sorted(events, key=lambda e: (e.date is None, e.date or "", e.event_id)):
        best, best_sim = -1, -1.0
        for i, members in enumerate(groups):
            if root_class(members[0].root) != root_class(e.root):
                continue
            sims = [evidence_similarity(e, m) for m in members if same_happening(e, m)]
            if sims and max(sims) > best_sim and span_ok(members, e) and place_ok(members, e, max(sims)):
                best, best_sim = i, max(sims)
        if best < 0:
            groups.append([e])
        else:
            groups[best].append(e)
    return [[m.event_id for m in g] for g in groups]


def _ids(groups: list[list[EventRow]]) -> list[list[str]]:
    return [[m.event_id for m in g] for g in groups]


def _random_events(rng: random.Random, n: int) -> list[EventRow]:
    actors = ["MEX", "CUB", "USA", "RUS"]
    out = []
    for k in range(n):
        source = rng.choice(actors)
        target = rng.choice([None, *[a for a in actors if a != source]])
        day = rng.choice([None, "2026-02", *(f"2026-02-{d:02d}" for d in range(1, 15))])
        evidence = rng.choice(SENTENCES) + (f" Extra {rng.choice(['talks', 'aid', 'fuel'])}." if rng.random() < 0.3 else "")
        out.append(ev(f"e{k:04d}", f"d{k % 17}", source, target, rng.choice(["042", "071", "111", "180", "190", "200"]),
                      date=day, evidence=evidence))
    return out


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_index_finds_every_group_a_brute_force_sweep_would_choose(monkeypatch: pytest.MonkeyPatch, seed: int) -> None:
    """With the caps lifted, the keyed candidates and per-signature representatives change nothing
    (dyads, untargeted sources, near-identical text across actors, undated and month dates)."""
    monkeypatch.setattr(grouping, "MAX_REPRESENTATIVES", 10**6)
    monkeypatch.setattr(grouping, "MAX_CANDIDATES", 10**6)
    events = _random_events(random.Random(seed), 400)
    got = _ids(cluster(events))
    assert got == _brute(events)
    assert 1 < len(got) < len(events) // 2


def test_one_giant_bucket_gives_the_brute_force_groups_with_fewer_comparisons() -> None:
    """A long report repeating one paragraph: 600 events of a few dyads on one day. Equal members
    are compared once, so the default caps do not bite and the groups are exactly the reference's."""
    rng = random.Random(7)
    pairs = [("MEX", "CUB", "071"), ("USA", "MEX", "111"), ("CUB", "MEX", "042"), ("CUB", None, "111")]
    events = []
    for k in range(600):
        s, t, code = rng.choice(pairs)
        events.append(ev(f"e{k:04d}", "long", s, t, code, evidence=SENTENCES[k % 4]))
    stats = MatchStats()
    got = _ids(cluster(events, stats))
    assert got == _brute(events)
    assert len(got) <= 8
    assert stats.comparisons <= len(events) * 8  # the unbounded sweep made ~ n^2 / (2 * groups)


def _word(k: int) -> str:
    """A content word of k's own (letters only: digits are not words)."""
    return "".join(chr(ord("a") + int(c)) for c in f"{k:05d}")


def _distinct(k: int) -> str:
    return f"Mexico shipped cargo{_word(k)} to Cuba."


def test_comparisons_per_event_are_bounded_in_one_ever_growing_story() -> None:
    """3,000 reports of one dyad on one day, every sentence different: one story, and each event is
    compared with at most MAX_REPRESENTATIVES of its members (brute force: 4.5 million)."""
    events = [ev(f"e{k:05d}", f"d{k}", "MEX", "CUB", "071", evidence=_distinct(k)) for k in range(3000)]
    stats = MatchStats()
    groups = cluster(events, stats)
    assert len(groups) == 1 and len(groups[0]) == 3000
    assert stats.comparisons <= len(events) * MAX_REPRESENTATIVES


def test_comparisons_per_event_are_bounded_among_many_open_stories() -> None:
    """2,000 untargeted acts of one source on one day that share no words: 2,000 open stories on one
    key, of which each event is compared with at most MAX_CANDIDATES."""
    events = [ev(f"e{k:05d}", f"d{k}", "MEX", None, "071", evidence=f"Cargo{_word(k)} moved{_word(k)}.")
              for k in range(2000)]
    stats = MatchStats()
    groups = cluster(events, stats)
    assert len(groups) == 2000
    assert stats.comparisons <= len(events) * MAX_CANDIDATES


def test_a_group_keeps_its_most_recent_distinct_members_and_its_week() -> None:
    members = [ev(f"e{k:03d}", "d", "MEX", "CUB", "071", date=f"2026-02-0{2 + k % 5}", evidence=_distinct(k))
               for k in range(MAX_REPRESENTATIVES + 5)]
    g = StoryGroup(members)
    assert len(g.reps) == MAX_REPRESENTATIVES
    assert list(g.reps.values())[-1] is members[-1]  # the oldest fell out first
    g.add(members[-1])  # an equal member refreshes its representative, it adds none
    assert len(g.reps) == MAX_REPRESENTATIVES
    far = ev("x", "d", "MEX", "CUB", "071", date="2026-02-09")  # Monday 2 to Friday 6, then Monday 9
    assert g.span_ok(far) == span_ok(members, far) is False
    near = ev("y", "d", "MEX", "CUB", "071", date="2026-02-08")  # Sunday: the same week
    assert g.span_ok(near) == span_ok(members, near) is True


def test_incremental_equals_full_rebuild_when_the_caps_bite(overlap_db: Path, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """With the caps shrunk to 1 so that they change the corpus's stories, the incremental
    update (shuffled batches) still gives exactly the stories of a full rebuild."""
    from test_incremental import ANALYSIS, _copy_docs, _fresh, _full, _tables

    from dyads.analysis.incremental import update
    from dyads.analysis.rows import load_events
    from dyads.store import Store

    with Store.open(overlap_db, read_only=True) as src:
        ids = [r[0] for r in src.query("SELECT doc_id FROM documents ORDER BY doc_id")[1]]
    random.Random(5).shuffle(ids)
    with monkeypatch.context() as caps:
        caps.setattr(grouping, "MAX_REPRESENTATIVES", 1)
        caps.setattr(grouping, "MAX_CANDIDATES", 1)
        with _fresh(tmp_path, "capped.duckdb") as store:
            for k in range(0, len(ids), 9):
                _copy_docs(store, overlap_db, ids[k:k + 9], undated=False)
                update(store, ids[k:k + 9])
            got = _tables(store)
            events = load_events(store)
            capped = _ids(cluster(events))
        want = _full(tmp_path / "capped.duckdb", tmp_path)
    assert capped != _ids(cluster(events))  # the caps did change the stories
    assert got["stories"]
    for table in ANALYSIS:
        assert got[table] == want[table], table
