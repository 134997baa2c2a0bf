"""Incremental analysis: after an ingest wrote documents W, update stories, syndication and
contradictions near what changed, with the same result as a full rebuild (`build.rebuild`).

Why this is exact. `stories.cluster` is a greedy sweep in (date, event_id) order (undated last),
separately per class of compatible roots, and an event only ever joins a group holding a member
whose date is compatible with its own. So the sweep's state just before key k is the stored
stories cut at k, and only groups with a member that can still match ("open") matter. For each
root class that W touches (its new events and its previously stored ones):

1. k0 = the smallest changed key. The state = stored stories with an open member at k0, cut at k0.
2. Re-sweep the class's events from k0 on (read once for windows after all changed keys, then in
   pages if a sweep runs further); an old event remembers its stored story. A group is *clean*
   while it equals a stored story's prefix (all its members come from that story, in order).
3. At the first unchanged event where every open group is clean, stop: up to the next changed
   key the stored sweep and the new one see the same candidates, so the stored stories stand.
   Groups that differ are closed by then (they can take no later event). Continue with step 1
   at the next changed key, so late arrivals cost their neighbourhood, not the rest of time.
4. Rewrite only the stories that changed (and their contradictions).

A class holding undated events is re-clustered whole (undated events are compared with every
story of the class). Stories whose documents changed canonical copy are re-summarised.
"""

from __future__ import annotations

import json
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from dyads.analysis import contradictions, incremental_syndication
from dyads.analysis.persist import analysis_transaction, contradiction_rows, story_event_rows, story_rows
from dyads.analysis.rows import MATCH_COLUMNS, MATCH_JOIN, DocRow, EventRow, event_from_record, evidence_texts, match_row
from dyads.analysis.similarity import DATE_WINDOW_DAYS, lowest_day
from dyads.analysis.stories import cluster, root_class, summarise
from dyads.analysis.sweep import Key, StoredStories, key_of, sweep
from dyads.store.bulk import insert_rows
from dyads.store.duck import Store

_IDS = "(SELECT unnest(?))"
_PAGE = 2000


def _pages(store: Store, roots: tuple[str, ...], k0: Key, written: set[str]) -> Iterator[tuple[EventRow, str | None]]:
    """The class's dated events from k0 on, in key order, with their stored story (None for W).
    Pages start small and double: most segments converge after a few events."""
    start, op, size = k0, ">=", 32
    while True:
        # the page's events first (a top-N over the class's flat columns), then their sentences:
        # joining the sentences before the LIMIT cost a join over every later event of the class
        _, rows = store.query(f"""
            WITH page AS (SELECT event_id FROM events WHERE root IN {_IDS} AND date IS NOT NULL
                          AND (date > ? OR (date = ? AND event_id {op} ?)) ORDER BY date, event_id LIMIT {size})
            SELECT {MATCH_COLUMNS}, se.story_id FROM page JOIN events e USING (event_id) {MATCH_JOIN}
            LEFT JOIN story_events se USING (event_id) ORDER BY e.date, e.event_id""",
                              [list(roots), start[0], start[0], start[1]])
        page = [match_row(row) for row in rows]
        fixed = evidence_texts(store, page)
        for e, row in zip(page, rows):
            e = fixed.get(e.event_id, e)
            yield e, (None if e.doc_id in written else row[-1])
        if len(rows) < size:
            return
        start, op, size = (rows[-1][2], rows[-1][0]), ">", min(size * 2, _PAGE)


_AHEAD_DAYS = 14  # events read ahead of each changed key in the class's one bulk read


def _union(ranges: list[list[str]]) -> list[list[str]]:
    """Overlapping [lo, hi] string ranges merged (the same strings fall in the result)."""
    out: list[list[str]] = []
    for lo, hi in sorted(ranges):
        if out and lo <= out[-1][1]:
            out[-1][1] = max(out[-1][1], hi)
        else:
            out.append([lo, hi])
    return out


def _ahead_windows(starts: list[Key]) -> list[list[str]]:
    """Merged date ranges [k, k + 14 days] after the changed keys (``hi`` ends in "~" so that it
    sorts after every date string of its last day)."""
    return _union([[k[0], (day + timedelta(days=_AHEAD_DAYS)).isoformat() + "~" if (day := lowest_day(k[0])) else k[0] + "~"]
                   for k in starts])


class _ClassEvents:
    """The class's events in the windows after its changed keys (read in bulk by `_read_near`);
    a sweep that runs past a window continues with paged reads (`_pages`)."""

    def __init__(self, store: Store, roots: tuple[str, ...], windows: list[list[str]],
                 items: list[tuple[EventRow, str | None]], written: set[str], last: str) -> None:
        self.windows, self.items = windows, items
        self.keys = [key_of(e) for e, _ in items]
        self.store, self.roots, self.written = store, roots, written
        self.last = last  # the class's latest date: no page is read after a window that reaches it

    def from_key(self, k0: Key) -> Iterator[tuple[EventRow, str | None]]:
        """The class's dated events from k0 on, in key order, with their stored story (None for W)."""
        hi = next((w[1] for w in self.windows if w[0] <= k0[0] <= w[1]), None)
        if hi is None:
            yield from _pages(self.store, self.roots, k0, self.written)
            return
        for e, sid in self.items[bisect_left(self.keys, k0):]:
            if (e.date or "") > hi:
                break
            yield e, (None if e.doc_id in self.written else sid)
        if self.last > hi:
            yield from _pages(self.store, self.roots, (hi, ""), self.written)


def _streamed(store: Store, sql: str, params: list[Any]) -> Iterator[tuple[Any, ...]]:
    """Rows of a query fetched a chunk at a time: record texts are decoded as they come instead
    of all being held at once (the peak memory of a batch's update)."""
    cur = store.con.execute(sql, params)
    while rows := cur.fetchmany(_PAGE):
        yield from rows


def _decoded(seen: dict[str, EventRow], row: tuple[Any, ...]) -> EventRow:
    if row[0] not in seen:
        seen[row[0]] = match_row(row)
    return seen[row[0]]


def _read_near(store: Store, plans: list[tuple[tuple[str, ...], list[Key]]], written: set[str]
               ) -> list[tuple[StoredStories, _ClassEvents]]:
    """For every dated class to re-sweep (roots, changed keys), in two queries for all of them:
    the stored stories open near its changed keys and its events in the windows after them."""
    story_w: list[list[object]] = [[], [], [], []]  # class index, root, lo, hi
    event_w: list[list[object]] = [[], [], [], []]
    windows = [_ahead_windows(keys) for _, keys in plans]
    for cid, (roots, keys) in enumerate(plans):
        # a stored story is near when a member falls in [changed key's day - 3, changed key]: the
        # union of those ranges, so that the range join meets a few windows, not every changed key
        near = _union([[(low - timedelta(days=DATE_WINDOW_DAYS)).isoformat() if (low := lowest_day(k[0])) else "", k[0]]
                       for k in keys])
        for root in roots:
            for lo, hi in near:
                for col, v in zip(story_w, (cid, root, lo, hi)):
                    col.append(v)
            for lo, hi in windows[cid]:
                for col, v in zip(event_w, (cid, root, lo, hi)):
                    col.append(v)
    unnest = "WITH w AS (SELECT unnest(?) AS cid, unnest(?) AS root, unnest(?) AS lo, unnest(?) AS hi)"
    decoded: dict[str, EventRow] = {}  # an event read by both queries is decoded once (rows are immutable)
    stories: list[dict[str, list[EventRow]]] = [{} for _ in plans]
    for row in _streamed(store, f"""{unnest},
        near AS (SELECT DISTINCT w.cid, s.story_id FROM story_events s JOIN w ON s.root = w.root
                 AND s.date <= w.hi AND s.date >= w.lo WHERE s.date IS NOT NULL)
        SELECT {MATCH_COLUMNS}, near.cid, se.story_id FROM story_events se JOIN near USING (story_id)
        JOIN events e USING (event_id) {MATCH_JOIN} WHERE e.date IS NOT NULL AND e.doc_id NOT IN {_IDS}""",
                             [*story_w, sorted(written)]):
        stories[row[-2]].setdefault(row[-1], []).append(_decoded(decoded, row))
    items: list[list[tuple[EventRow, str | None]]] = [[] for _ in plans]
    for row in _streamed(store, f"""{unnest}
        SELECT {MATCH_COLUMNS}, w.cid, se.story_id FROM events e JOIN w ON e.root = w.root AND e.date >= w.lo
        AND e.date <= w.hi {MATCH_JOIN} LEFT JOIN story_events se USING (event_id) ORDER BY w.cid, e.date, e.event_id""", event_w):
        items[row[-2]].append((_decoded(decoded, row), row[-1]))
    fixed = evidence_texts(store, list(decoded.values()))
    if fixed:  # rare: an evidence span that is not a stored sentence
        stories = [{sid: [fixed.get(e.event_id, e) for e in m] for sid, m in by.items()} for by in stories]
        items = [[(fixed.get(e.event_id, e), sid) for e, sid in cls] for cls in items]
    _, rows = store.query(f"SELECT root, max(date) FROM events WHERE root IN {_IDS} GROUP BY root",
                          [sorted({r for roots, _ in plans for r in roots})])
    latest = {r: d or "" for r, d in rows}
    return [(StoredStories(stories[i]), _ClassEvents(store, roots, windows[i], items[i], written,
                                                     max(latest.get(r, "") for r in roots)))
            for i, (roots, _) in enumerate(plans)]


def _full_rows(store: Store, groups: list[list[EventRow]]) -> list[list[EventRow]]:
    """The groups with their members decoded from the stored records (for summaries and
    contradictions), in the same order."""
    full: dict[str, EventRow] = {}
    ids = sorted({e.event_id for g in groups for e in g})
    for rec, in _streamed(store, f"SELECT record FROM events WHERE event_id IN {_IDS}", [ids]):
        e = event_from_record(json.loads(rec))
        full[e.event_id] = e
    return [[full[e.event_id] for e in g] for g in groups]


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


@dataclass
class _ClassChanges:
    new: list[Key]  # keys of W's events now stored
    removed: list[tuple[Key, str]]  # keys and stored stories of W's previously analysed events
    undated: bool = False


def _changes(store: Store, written: list[str]) -> dict[tuple[str, ...], _ClassChanges]:
    """What W changed, per root class touched (its current events and its previously stored ones)."""
    out: dict[tuple[str, ...], _ClassChanges] = {}
    for root, dt, eid in store.query(f"SELECT root, date, event_id FROM events WHERE doc_id IN {_IDS}", [written])[1]:
        c = out.setdefault(root_class(root), _ClassChanges([], []))
        c.new.append((dt or "", eid))
        c.undated |= dt is None
    for root, dt, eid, sid in store.query(
            f"SELECT root, date, event_id, story_id FROM story_events WHERE doc_id IN {_IDS}", [written])[1]:
        c = out.setdefault(root_class(root), _ClassChanges([], []))
        c.removed.append(((dt or "", eid), sid))
        c.undated |= dt is None
    for roots, c in out.items():
        c.undated |= bool(store.query(f"SELECT count(*) FROM events WHERE root IN {_IDS} AND date IS NULL",
                                      [list(roots)])[1][0][0])
    return out


# DuckDB's memory during an update (`Store.capped`, one thread): the update reads rows spread over
# the whole store, and uncapped DuckDB kept every block it touched (+200-300 MiB at 20,000
# articles). 96 MB with one thread: +131 MiB peak for a batch's update on a 20,000-article store
# against +167 MiB at 128 MB with two threads, at less CPU; 64 MB ran out of memory on some
# batches (and the uncapped rerun then peaked at 738 MiB). A batch that needs more runs again
# under the next limit, then uncapped.
UPDATE_MEMORY_LIMITS = ("96MB", "384MB")


def update(store: Store, written: Sequence[str]) -> tuple[int, int]:
    """Update the analysis after ``written`` documents were (re)stored, in one transaction.
    The stored analysis must be current for everything else (not stale). Returns (stories
    rewritten, stories dropped)."""
    return store.capped(UPDATE_MEMORY_LIMITS, lambda: _update(store, written))


def _update(store: Store, written: Sequence[str]) -> tuple[int, int]:
    ids = sorted(set(written))
    con = store.con
    with analysis_transaction(store):
        recanon = incremental_syndication.update(store, ids)
        drop: set[str] = set()
        groups: list[list[EventRow]] = []
        changes = sorted(_changes(store, ids).items())
        dated = [(roots, c) for roots, c in changes if not c.undated]
        near = _read_near(store, [(roots, sorted(set(c.new) | {k for k, _ in c.removed})) for roots, c in dated],
                          set(ids))
        for (_, c), (stored, ahead) in zip(dated, near):
            d, g = sweep(c.new, c.removed, stored, ahead.from_key)
            drop |= d
            groups += g
        groups = _full_rows(store, groups)  # the sweep read match rows only
        for roots, c in changes:
            if c.undated:
                d, g = _whole_class(store, roots)
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
    return len(stories), len(drop)


__all__ = ["root_class", "update"]
