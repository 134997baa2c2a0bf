"""Incremental analysis equals a full rebuild on corpus/sample + corpus/overlap.

The documents of the session store (coded once by the fixture) are copied into a fresh store
in shuffled batches, so later batches carry both older and newer dates than what is stored;
after each batch `incremental.update` runs, and at the end every analysis table must equal
what `build.rebuild` computes from scratch on the same rows. Removing and re-adding a document
(the replaced-document path) is checked the same way. No spaCy: rows are copied, not re-coded.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from dyads.analysis.build import rebuild
from dyads.analysis.incremental import root_class, update
from dyads.analysis.similarity import may_match_later
from dyads.store import Store
from dyads.store.analysis_tables import analysis_stale
from dyads.store.schema import DOC_TABLES

ANALYSIS = {
    "stories": "SELECT * FROM stories ORDER BY story_id",
    "story_events": "SELECT * FROM story_events ORDER BY event_id",
    "syndication": "SELECT * FROM syndication ORDER BY doc_id",
    "contradictions": "SELECT * FROM contradictions ORDER BY contradiction_id",
    "edges": "SELECT a, b, round(similarity, 9) FROM syndication_edges ORDER BY a, b",
    "shingles": "SELECT doc_id, count(*), sum(shingle) FROM doc_shingles GROUP BY 1 ORDER BY 1",
}


def _tables(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    return {name: store.query(sql)[1] for name, sql in ANALYSIS.items()}


def _copy_docs(store: Store, src: Path, doc_ids: list[str], undated: bool = True) -> None:
    con = store.con
    con.execute(f"ATTACH '{src}' AS src (READ_ONLY)")
    try:
        for table in ("documents", *DOC_TABLES):
            extra = "" if undated or table != "events" else " AND date IS NOT NULL"
            con.execute(f"INSERT INTO {table} SELECT * FROM src.{table} WHERE doc_id IN (SELECT unnest(?)){extra}",
                        [doc_ids])
    finally:
        con.execute("DETACH src")


def _remove_doc(store: Store, doc_id: str) -> None:
    for table in (*DOC_TABLES, "documents"):
        store.con.execute(f"DELETE FROM {table} WHERE doc_id = ?", [doc_id])


def _full(path: Path, tmp: Path, live: Store | None = None) -> dict[str, list[tuple[Any, ...]]]:
    """The analysis a full rebuild gives on a copy of the store at ``path`` (checkpointed first
    when it is still open as ``live``, so the copy holds every committed row)."""
    if live is not None:
        live.con.execute("CHECKPOINT")
    ref = tmp / f"ref-{path.name}"
    ref.write_bytes(path.read_bytes())
    with Store.open(ref) as s:
        rebuild(s)
        return _tables(s)


def _fresh(tmp: Path, name: str) -> Store:
    store = Store.open(tmp / name)
    assert analysis_stale(store)  # a new or upgraded store starts stale...
    rebuild(store)  # ...so its first analysis is a full pass
    assert not analysis_stale(store)
    return store


@pytest.mark.parametrize(("seed", "undated"), [(1, True), (2, True), (3, False)])
def test_incremental_batches_equal_full_rebuild(overlap_db: Path, tmp_path: Path, seed: int, undated: bool) -> None:
    with Store.open(overlap_db, read_only=True) as src:
        ids = [r[0] for r in src.query("SELECT doc_id FROM documents ORDER BY doc_id")[1]]
    random.Random(seed).shuffle(ids)
    name = f"inc{seed}.duckdb"
    with _fresh(tmp_path, name) as store:
        for k in range(0, len(ids), 9):
            _copy_docs(store, overlap_db, ids[k:k + 9], undated)
            update(store, ids[k:k + 9])
        got = _tables(store)
    want = _full(tmp_path / name, tmp_path)
    assert got["stories"] and got["syndication"] and got["contradictions"]
    for table in ANALYSIS:
        assert got[table] == want[table], table


def test_removing_and_readding_documents_equals_full_rebuild(overlap_db: Path, tmp_path: Path) -> None:
    with Store.open(overlap_db, read_only=True) as src:
        ids = [r[0] for r in src.query("SELECT doc_id FROM documents ORDER BY doc_id")[1]]
        copies = [r[0] for r in src.query("SELECT doc_id FROM syndication ORDER BY doc_id")[1]]
    name = "rm.duckdb"
    with _fresh(tmp_path, name) as store:
        _copy_docs(store, overlap_db, ids)
        update(store, ids)
        gone = [copies[0], ids[len(ids) // 2]]  # a canonical wire copy and an ordinary article
        for d in gone:
            _remove_doc(store, d)
        update(store, gone)
        removed = _tables(store)
        assert removed == _full(tmp_path / name, tmp_path, store)
        _copy_docs(store, overlap_db, gone)
        update(store, gone)
        readded = _tables(store)
    assert readded == _full(tmp_path / name, tmp_path)
    assert removed != readded


def test_open_groups_and_root_classes() -> None:
    assert root_class("19") == ("18", "19", "20") and root_class("04") == ("04",)
    assert may_match_later("2026-02-02", "2026-02-05") and not may_match_later("2026-02-02", "2026-02-06")
    assert not may_match_later("2026-02-06", "2026-02-09")  # within 3 days, but the next calendar week
    assert may_match_later("2026-01-30", "2026-02") and not may_match_later("2026-01-28", "2026-02")
    assert may_match_later("2026-02", "2026-02") and not may_match_later("2026-02", "2026-02-01")
    assert may_match_later("2026", "2026") and not may_match_later("2026", "2026-01")
    assert may_match_later("", "2026-12-31")  # an undated member matches by evidence, any time


def _unpruned_cluster(events: list[Any]) -> list[list[Any]]:
    """The clustering before date pruning: every event against every group of its roots."""
    from dyads.analysis.similarity import evidence_similarity
    from dyads.analysis.stories import _compatible_roots, place_ok, same_happening, span_ok

    groups: list[list[Any]] = []
    by_root: dict[str, list[int]] = {}
    for e in sorted(events, key=lambda e: (e.date is None, e.date or "", e.event_id)):
        best, best_sim = -1, -1.0
        for i in sorted({i for r in {e.root, *_compatible_roots(e.root)} for i in by_root.get(r, [])}):
            sims = [evidence_similarity(e, m) for m in groups[i] if same_happening(e, m)]
            if sims and max(sims) > best_sim and span_ok(groups[i], e) and place_ok(groups[i], e, max(sims)):
                best, best_sim = i, max(sims)
        if best < 0:
            groups.append([e])
            by_root.setdefault(e.root, []).append(len(groups) - 1)
        else:
            groups[best].append(e)
    return groups


def test_date_pruned_clustering_equals_unpruned(overlap_db: Path) -> None:
    """Copies of the corpus events shifted by 0-9 days and to month precision: many open and
    closing groups, the same stories with and without pruning."""
    from dataclasses import replace
    from datetime import date, timedelta

    from dyads.analysis.rows import load_events
    from dyads.analysis.stories import cluster

    with Store.open(overlap_db, read_only=True) as s:
        base = load_events(s)
    events = []
    for k in range(4):
        for e in base:
            d = e.date
            if d and len(d) == 10:
                d = (date.fromisoformat(d) + timedelta(days=3 * k)).isoformat()
                d = d[:7] if k == 3 and e.event_id < "ev-4" else d
            events.append(replace(e, event_id=f"{e.event_id}-{k}", date=d))
    got = [[m.event_id for m in g] for g in cluster(events)]
    assert got == [[m.event_id for m in g] for g in _unpruned_cluster(events)]
    assert len(got) < len(events)


def test_stale_or_bulk_analysis_is_a_full_rebuild(overlap_db: Path, tmp_path: Path) -> None:
    """`api.analyse_written`: incremental normally; a full pass when bulk or when the stored
    analysis is stale (then the flag is cleared)."""
    from dyads.api import analyse_written
    from dyads.store.analysis_tables import set_analysis_stale

    with Store.open(overlap_db, read_only=True) as src:
        ids = [r[0] for r in src.query("SELECT doc_id FROM documents ORDER BY doc_id")[1]]
    with _fresh(tmp_path, "stale.duckdb") as store:
        _copy_docs(store, overlap_db, ids[:30])
        set_analysis_stale(store, True)  # as after an interrupted ingest: nothing analysed yet
        analyse_written(store, ids[:30])
        assert not analysis_stale(store)
        _copy_docs(store, overlap_db, ids[30:])
        analyse_written(store, ids[30:], bulk=True)
        got = _tables(store)
    assert got == _full(tmp_path / "stale.duckdb", tmp_path)


def test_cli_ingest_bulk_flag_sets_the_setting() -> None:
    from dyads.cli.main import _settings, build_parser

    args = build_parser().parse_args(["ingest", "x", "--bulk"])
    assert _settings(args).bulk_load is True
    assert _settings(build_parser().parse_args(["ingest", "x"])).bulk_load is False


def test_update_for_documents_without_events_changes_nothing(overlap_db: Path, tmp_path: Path) -> None:
    with Store.open(overlap_db, read_only=True) as src:
        ids = [r[0] for r in src.query("SELECT doc_id FROM documents ORDER BY doc_id")[1]]
    with _fresh(tmp_path, "noop.duckdb") as store:
        _copy_docs(store, overlap_db, ids)
        update(store, ids)
        before = _tables(store)
        assert update(store, ["no-such-document"]) == (0, 0)
        assert _tables(store) == before


def test_evidence_not_a_stored_sentence_is_read_from_the_record(overlap_db: Path, tmp_path: Path) -> None:
    """The sweep reads an event's evidence from the stored sentence with the same offsets; when
    none has them (here: sentences shifted by one character), it reads the record instead, and
    the update still equals a full rebuild (which reads records only)."""
    with Store.open(overlap_db, read_only=True) as src:
        ids = [r[0] for r in src.query("SELECT doc_id FROM documents ORDER BY doc_id")[1]]
    random.Random(11).shuffle(ids)
    with _fresh(tmp_path, "evid.duckdb") as store:
        for k in range(0, len(ids), 15):
            _copy_docs(store, overlap_db, ids[k:k + 15], undated=False)
            store.con.execute("UPDATE sentences SET start_char = start_char + 1 WHERE doc_id IN (SELECT unnest(?)) "
                              "AND idx % 2 = 0", [ids[k:k + 15]])
            update(store, ids[k:k + 15])
        unmatched = store.query("""SELECT count(*) FROM events e LEFT JOIN sentences s ON s.doc_id = e.doc_id
            AND s.idx = e.sentence_index AND s.start_char = e.evidence_start WHERE s.doc_id IS NULL""")[1][0][0]
        got = _tables(store)
    assert unmatched > 50
    assert got == _full(tmp_path / "evid.duckdb", tmp_path)


def test_update_under_a_too_small_memory_cap_runs_again_uncapped(overlap_db: Path, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """`Store.capped`: with a cap far below what DuckDB needs, the update runs uncapped: the same
    analysis as a full rebuild, and the store's memory limit is its default again afterwards."""
    from dyads.analysis import incremental

    with Store.open(overlap_db, read_only=True) as src:
        ids = [r[0] for r in src.query("SELECT doc_id FROM documents ORDER BY doc_id")[1]]
    monkeypatch.setattr(incremental, "UPDATE_MEMORY_LIMITS", ("1KB", "2KB"))
    with _fresh(tmp_path, "cap.duckdb") as store:
        default = store.query("SELECT current_setting('memory_limit')")[1][0][0]
        _copy_docs(store, overlap_db, ids)
        update(store, ids)
        assert store.query("SELECT current_setting('memory_limit')")[1][0][0] == default
        got = _tables(store)
    assert got["stories"] and got == _full(tmp_path / "cap.duckdb", tmp_path)


# Reports of our own with places: a strike on Kharkiv, a wire copy of it naming Odesa (one story,
# a place contradiction), a strike on Odesa the next day (its own story: it may not join the
# Kharkiv story through the Odesa copy), a later report of the Kharkiv strike, and a meeting told
# with two cities. Coded once; then copied in batches as above.
PLACED = {
    "p1": ("Wire", "2026-02-02", "KYIV, Feb 2 (Wire) - Russian missiles struck an energy plant in Kharkiv overnight, "
                                 "regional officials said on Monday."),
    "p2": ("Coast Daily", "2026-02-03", "Russian drones hit port buildings in Odesa on Tuesday, the city's "
                                        "governor said."),
    "p3": ("Evening Post", "2026-02-03", "Rescuers searched the rubble of the Kharkiv energy plant that Russian "
                                         "missiles struck on Monday."),
    "p4": ("Radio North", "2026-02-02", "KYIV, Feb 2 (Radio North) - Russian missiles struck an energy plant in "
                                        "Odesa overnight, regional officials said on Monday."),
    "p5": ("Wire", "2026-02-04", "Russia's foreign minister met Turkey's foreign minister in Ankara on Wednesday."),
    "p6": ("Coast Daily", "2026-02-04", "Russia's foreign minister met Turkey's foreign minister in Antalya on "
                                        "Wednesday, officials said."),
}


@pytest.fixture(scope="module")
def placed_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from dyads.api import ingest
    from dyads.settings import Settings

    root = tmp_path_factory.mktemp("placed")
    for name, (outlet, day, text) in PLACED.items():
        (root / f"{name}.txt").write_text(f"Report {name}\ndate {day}\noutlet {outlet}\n\n{text}\n", encoding="utf-8")
    db = root / "placed.duckdb"
    report = ingest([root], Settings(db=str(db), progress=False))
    assert report.ok and report.written == len(PLACED), report.errors
    return db


@pytest.mark.parametrize("seed", [1, 2])
def test_stories_split_by_place_equal_full_rebuild(placed_db: Path, tmp_path: Path, seed: int) -> None:
    with Store.open(placed_db, read_only=True) as src:
        ids = [r[0] for r in src.query("SELECT doc_id FROM documents ORDER BY doc_id")[1]]
        located = src.query("SELECT count(*) FROM events WHERE location_lat IS NOT NULL")[1][0][0]
    assert located >= 4
    random.Random(seed).shuffle(ids)
    name = f"placed{seed}.duckdb"
    with _fresh(tmp_path, name) as store:
        for k in range(0, len(ids), 2):
            _copy_docs(store, placed_db, ids[k:k + 2])
            update(store, ids[k:k + 2])
        got = _tables(store)
        _, kinds = store.query("SELECT DISTINCT kind FROM contradictions")
    want = _full(tmp_path / name, tmp_path)
    for table in ANALYSIS:
        assert got[table] == want[table], table
    assert ("place",) in kinds
    with Store.open(placed_db, read_only=True) as src:
        _, rows = src.query("""SELECT e.doc_id, se.story_id FROM events e JOIN story_events se USING (event_id)
                               WHERE e.root IN ('18', '19', '20')""")
    story = dict(rows)
    assert story["p1"] == story["p4"] and story["p2"] != story["p1"]
