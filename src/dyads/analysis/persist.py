"""Writing the derived analysis tables. Row layouts live here once, for the full rebuild
(`write_full`) and the incremental update (`dyads.analysis.incremental`).

Invariant: `story_events` carries, per member event, the keys clustering blocks on (doc_id,
root, date), so an update can find the stories near a date without reading the events table.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import asdict
from typing import Any

import duckdb

from dyads.analysis.contradictions import Contradiction
from dyads.analysis.rows import EventRow
from dyads.analysis.stories import Story
from dyads.analysis.syndication import MIN_SHINGLES, SyndicationLink
from dyads.faults import crash_point
from dyads.store.analysis_tables import TABLES, set_analysis_stale
from dyads.store.bulk import insert_rows
from dyads.store.duck import Store, StoreError
from dyads.store.errors import first_line


def story_rows(stories: Iterable[Story]) -> list[list[Any]]:
    return [[s.story_id, s.root, s.cameo, s.source, s.target, s.first_date, s.last_date, s.events, s.reports,
             len(s.doc_ids), s.independent_reports, json.dumps(list(s.outlets), ensure_ascii=False), len(s.outlets),
             json.dumps(list(s.doc_ids)), s.quad_class, s.goldstein, s.headline] for s in stories]


def story_event_rows(stories: Iterable[Story], by_id: Mapping[str, EventRow]) -> list[list[Any]]:
    return [[s.story_id, e, by_id[e].doc_id, by_id[e].root, by_id[e].date] for s in stories for e in s.event_ids]


def contradiction_rows(cts: Iterable[Contradiction]) -> list[list[Any]]:
    return [[c.contradiction_id, c.story_id, c.kind, c.about,
             json.dumps([asdict(s) for s in c.sides], ensure_ascii=False)] for c in cts]


def link_rows(links: Iterable[SyndicationLink]) -> list[list[Any]]:
    return [[x.doc_id, x.canonical_doc_id, x.similarity] for x in links]


def shingle_rows(sets: Mapping[str, frozenset[int]]) -> tuple[list[list[Any]], list[list[Any]]]:
    """(doc_shingles rows, shingle_counts rows) for the documents the index holds."""
    kept = {d: sh for d, sh in sets.items() if len(sh) >= MIN_SHINGLES}
    return [[d, s] for d, sh in sorted(kept.items()) for s in sh], [[d, len(sh)] for d, sh in sorted(kept.items())]


@contextmanager
def analysis_transaction(store: Store) -> Iterator[None]:
    """One transaction over the analysis tables (readers see the old analysis or the new); when the
    block succeeds the analysis is marked current again (every document write marks it stale).
    A failure whose rollback fails too (a full disk ends the transaction) is reported by its cause,
    as `Store.write` does; the analysis stays marked stale and the next ingest rebuilds it."""
    con = store.con
    con.execute("BEGIN TRANSACTION")
    try:
        yield
        set_analysis_stale(store, False)
        crash_point("in-rebuild")
        con.execute("COMMIT")
    except BaseException as exc:
        try:
            con.execute("ROLLBACK")
        except duckdb.Error:  # the failure ended the transaction itself (a full disk): report the cause
            raise StoreError(f"{store.path}: analysis update failed: {first_line(exc)}") from exc
        raise


def write_full(store: Store, stories: Sequence[Story], events: Sequence[EventRow], links: Sequence[SyndicationLink],
               cts: Sequence[Contradiction], sets: Mapping[str, frozenset[int]],
               edges: Sequence[tuple[str, str, float]]) -> None:
    """Replace every analysis table in one transaction (readers see the old analysis or the new)."""
    con = store.con
    by_id = {e.event_id: e for e in events}
    shingle_table, counts = shingle_rows(sets)
    with analysis_transaction(store):
        for table in TABLES:
            con.execute(f"DELETE FROM {table}")
        insert_rows(con, "stories", story_rows(stories))
        insert_rows(con, "story_events", story_event_rows(stories, by_id))
        insert_rows(con, "syndication", link_rows(links))
        insert_rows(con, "contradictions", contradiction_rows(cts))
        insert_rows(con, "doc_shingles", shingle_table)
        insert_rows(con, "shingle_counts", counts)
        insert_rows(con, "syndication_edges", [list(e) for e in edges])
