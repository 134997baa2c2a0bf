"""Incremental analysis: after an ingest wrote documents W, update stories, syndication and
contradictions near what changed, with the same result as a full rebuild (`build.rebuild`).

Why this is exact. `stories.cluster` is a greedy sweep in (date, event_id) order (undated last),
separately per class of compatible roots, and an event only ever joins a group holding a member
whose date is compatible with its own. So the sweep's state just before key k is the stored
stories cut at k, and only groups with a member that can still match ("open") matter. For each
root class that W touches (its new events and its previously stored ones):

1. k0 = the smallest changed key. The state = stored stories with an open member at k0, cut at k0.
2. Re-sweep the class's events from k0 on, reading them in pages; an old event remembers its
   stored story. A group is *clean* while it equals a stored story's prefix.
3. Past the last changed key, stop as soon as every open group is clean: from there on the
   stored sweep and the new one see the same candidates, so the stored stories stand.
4. Rewrite only the stories that changed (and their contradictions).

A class holding undated events is re-clustered whole (undated events are compared with every
story of the class). Stories whose documents changed canonical copy are re-summarised.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import timedelta

from dyads.analysis import contradictions, incremental_syndication
from dyads.analysis.persist import contradiction_rows, story_event_rows, story_rows
from dyads.analysis.rows import DocRow, EventRow, event_from_record
from dyads.analysis.similarity import COMPATIBLE_ROOTS, DATE_WINDOW_DAYS, evidence_similarity, lowest_day, may_match_later
from dyads.analysis.stories import cluster, same_happening, span_ok, story_id_for, summarise
from dyads.store.bulk import insert_rows
from dyads.store.duck import Store

_IDS = "(SELECT unnest(?))"
_PAGE = 2000
Key = tuple[str, str]  # (date, event_id) of a dated event


def root_class(root: str) -> tuple[str, ...]:
    """The roots whose events may share a story with ``root`` (itself included), sorted."""
    return tuple(sorted({root, *(r for pair in COMPATIBLE_ROOTS if root in pair for r in pair)}))


@dataclass
class _Group:
    members: list[EventRow]
    stored: str | None  # the stored story this group is a prefix of, when clean
    clean: bool = True


def _key(e: EventRow) -> Key:
    return (e.date or "", e.event_id)


def _before(alias: str) -> str:
    return f"({alias}.date < ? OR ({alias}.date = ? AND {alias}.event_id < ?))"


def _state(store: Store, roots: tuple[str, ...], k0: Key, written: list[str]) -> list[_Group]:
    """Stored stories with an open member at k0, cut at k0, in creation order."""
    low = lowest_day(k0[0])
    low_s = (low - timedelta(days=DATE_WINDOW_DAYS)).isoformat() if low else ""
    _, rows = store.query(f"""
        SELECT se.story_id, e.record FROM story_events se JOIN events e USING (event_id)
        WHERE se.story_id IN (SELECT s.story_id FROM story_events s WHERE s.root IN {_IDS} AND s.date IS NOT NULL
                              AND {_before('s')} AND (s.date >= ? OR starts_with(?, s.date)))
          AND e.date IS NOT NULL AND {_before('e')} AND e.doc_id NOT IN {_IDS}""",
        [list(roots), k0[0], k0[0], k0[1], low_s, k0[0], k0[0], k0[0], k0[1], written])
    by_story: dict[str, list[EventRow]] = {}
    for sid, rec in rows:
        by_story.setdefault(sid, []).append(event_from_record(json.loads(rec)))
    groups = [_Group(sorted(m, key=_key), sid) for sid, m in by_story.items()]
    return sorted(groups, key=lambda g: _key(g.members[0]))


def _pages(store: Store, roots: tuple[str, ...], k0: Key, written: set[str]) -> Iterator[tuple[EventRow, str | None]]:
    """The class's dated events from k0 on, in key order, with their stored story (None for W)."""
    start, op = k0, ">="
    while True:
        _, rows = store.query(f"""
            SELECT e.record, se.story_id, e.date, e.event_id FROM events e LEFT JOIN story_events se USING (event_id)
            WHERE e.root IN {_IDS} AND e.date IS NOT NULL AND (e.date > ? OR (e.date = ? AND e.event_id {op} ?))
            ORDER BY e.date, e.event_id LIMIT {_PAGE}""", [list(roots), start[0], start[0], start[1]])
        for rec, sid, _, _ in rows:
            e = event_from_record(json.loads(rec))
            yield e, (None if e.doc_id in written else sid)
        if len(rows) < _PAGE:
            return
        start, op = (rows[-1][2], rows[-1][3]), ">"


def _sweep(store: Store, roots: tuple[str, ...], changed: list[Key], written: set[str],
           broken: set[str]) -> tuple[set[str], list[list[EventRow]]]:
    """Re-sweep one dated class from the first changed key (module doc, steps 1-3).
    Returns (stored story ids to drop, groups to write)."""
    k0, k_last = min(changed), max(changed)
    groups = _state(store, roots, k0, sorted(written))
    active = list(groups)
    for e, sid in _pages(store, roots, k0, written):
        d = e.date or ""
        active = [g for g in active if any(may_match_later(m.date or "", d) for m in g.members)]
        if _key(e) > k_last and all(g.clean and g.stored not in broken for g in active):
            break
        best, best_sim = None, -1.0
        for g in active:
            sims = [evidence_similarity(e, m) for m in g.members if same_happening(e, m)]
            if sims and max(sims) > best_sim and span_ok(g.members, e):
                best, best_sim = g, max(sims)
        if best is None:
            starts = sid is not None and sid == story_id_for(e.event_id)
            best = _Group([e], sid if starts else None, clean=starts)
            groups.append(best)
            active.append(best)
        else:
            best.members.append(e)
            best.clean = best.clean and sid is not None and sid == best.stored
        if sid is not None and sid != best.stored:
            broken.add(sid)
    dirty = [g for g in groups if not g.clean or g.stored in broken]
    drop = set(broken) | {g.stored for g in dirty if g.stored}
    return drop, [g.members for g in dirty]


def _whole_class(store: Store, roots: tuple[str, ...]) -> tuple[set[str], list[list[EventRow]]]:
    """Re-cluster a class entirely (it holds undated events)."""
    _, rows = store.query(f"SELECT record FROM events WHERE root IN {_IDS}", [list(roots)])
    _, old = store.query(f"SELECT DISTINCT story_id FROM story_events WHERE root IN {_IDS}", [list(roots)])
    return {r[0] for r in old}, cluster([event_from_record(json.loads(r[0])) for r in rows])


def _docs(store: Store, doc_ids: Sequence[str]) -> tuple[dict[str, DocRow], dict[str, str]]:
    """Document metadata (text left empty: summaries do not need it) and canonical copies."""
    _, rows = store.query(f"SELECT doc_id, date, outlet, title, url, '' FROM documents WHERE doc_id IN {_IDS}",
                          [list(doc_ids)])
    _, canon = store.query(f"SELECT doc_id, canonical_doc_id FROM syndication WHERE doc_id IN {_IDS}", [list(doc_ids)])
    return {r[0]: DocRow(*r) for r in rows}, {d: c for d, c in canon}


def _members(store: Store, story_ids: Sequence[str]) -> list[list[EventRow]]:
    """Stored stories' member events, in sweep order (dated by key, then undated)."""
    _, rows = store.query(f"""SELECT se.story_id, e.record FROM story_events se JOIN events e USING (event_id)
        WHERE se.story_id IN {_IDS}""", [list(story_ids)])
    by: dict[str, list[EventRow]] = {}
    for sid, rec in rows:
        by.setdefault(sid, []).append(event_from_record(json.loads(rec)))
    return [sorted(m, key=lambda e: (e.date is None, e.date or "", e.event_id)) for m in by.values()]


def _changes(store: Store, written: list[str]) -> dict[tuple[str, ...], tuple[list[Key], set[str], bool]]:
    """Per root class touched by W: (changed keys, stored stories of W's old events, has undated)."""
    out: dict[tuple[str, ...], tuple[list[Key], set[str], bool]] = {}

    def add(root: str, dt: str | None, eid: str, sid: str | None) -> None:
        keys, sids, undated = out.setdefault(root_class(root), ([], set(), False))
        keys.append((dt or "", eid))
        if sid:
            sids.add(sid)
        if dt is None:
            out[root_class(root)] = (keys, sids, True)

    for root, dt, eid in store.query(f"SELECT root, date, event_id FROM events WHERE doc_id IN {_IDS}", [written])[1]:
        add(root, dt, eid, None)
    for root, dt, eid, sid in store.query(
            f"SELECT root, date, event_id, story_id FROM story_events WHERE doc_id IN {_IDS}", [written])[1]:
        add(root, dt, eid, sid)
    for roots in out:
        n = store.query(f"SELECT count(*) FROM events WHERE root IN {_IDS} AND date IS NULL", [list(roots)])[1][0][0]
        if n:
            keys, sids, _ = out[roots]
            out[roots] = (keys, sids, True)
    return out


def update(store: Store, written: Sequence[str]) -> tuple[int, int]:
    """Update the analysis after ``written`` documents were (re)stored, in one transaction.
    The stored analysis must be current for everything else (not stale). Returns (stories
    rewritten, stories dropped)."""
    ids = sorted(set(written))
    con = store.con
    con.execute("BEGIN TRANSACTION")
    try:
        recanon = incremental_syndication.update(store, ids)
        drop: set[str] = set()
        groups: list[list[EventRow]] = []
        for roots, (keys, sids, undated) in sorted(_changes(store, ids).items()):
            d, g = _whole_class(store, roots) if undated else _sweep(store, roots, keys, set(ids), set(sids))
            drop |= d
            groups += g
        _, rows = store.query(f"SELECT DISTINCT story_id FROM story_events WHERE doc_id IN {_IDS}", [sorted(recanon)])
        again = sorted({r[0] for r in rows} - drop)
        groups += _members(store, again)
        drop |= set(again)
        doc_ids = sorted({e.doc_id for g in groups for e in g})
        docs, canonical = _docs(store, doc_ids)
        stories = [summarise(g, docs, canonical) for g in groups]
        by_id = {e.event_id: e for g in groups for e in g}
        cts = contradictions.find(stories, list(by_id.values()), list(docs.values()), canonical)
        gone = sorted(drop)
        for table in ("stories", "story_events", "contradictions"):
            con.execute(f"DELETE FROM {table} WHERE story_id IN {_IDS}", [gone])
        insert_rows(con, "stories", story_rows(stories))
        insert_rows(con, "story_events", story_event_rows(stories, by_id))
        insert_rows(con, "contradictions", contradiction_rows(cts))
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return len(stories), len(drop)


__all__ = ["root_class", "update"]
