"""Syndication kept current through the stored shingle index, touching only what changed.

Same result as `syndication.detect` over all kept documents (the test suite compares them):

- ``doc_shingles`` holds each indexed document's shingle hashes, ``shingle_counts`` their
  number, ``syndication_edges`` every pair whose counted containment reaches the threshold.
- After documents W are (re)written or removed, the pairs whose shared count can change are
  those with a document of W, and all pairs among the holders of a shingle that crossed the
  boilerplate limit (held by more than MAX_DF documents before and not after, or the reverse).
  Those *touched* documents get their edges recomputed against the whole index in SQL.
- Groups are connected components of the edges; only the components of touched documents and
  of their former group-mates are relabelled (canonical copy and containment recomputed).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from dyads.analysis.rows import DocRow, EventRow, event_from_record
from dyads.analysis.syndication import (
    MAX_DF,
    MIN_SHINGLES,
    THRESHOLD,
    DocMeta,
    body,
    canonical_of,
    components,
    shingles,
)
from dyads.analysis.translation import LEAD_CHARS, edges, profile, wires
from dyads.store.bulk import insert_rows
from dyads.store.duck import Store

_IDS = "(SELECT unnest(?))"


def _kept_docs(store: Store, doc_ids: Sequence[str]) -> list[DocRow]:
    _, rows = store.query(
        f"SELECT doc_id, date, outlet, title, url, text, lang FROM documents WHERE discarded IS NULL AND doc_id IN {_IDS}",
        [list(doc_ids)])
    return [DocRow(*r) for r in rows]


def _df(store: Store, hashes: list[int]) -> dict[int, int]:
    if not hashes:
        return {}
    _, rows = store.query(f"SELECT shingle, count(*) FROM doc_shingles WHERE shingle IN {_IDS} GROUP BY 1", [hashes])
    return {int(h): int(n) for h, n in rows}


def _reindex(store: Store, written: Sequence[str]) -> set[str]:
    """Replace the index rows of ``written``; return the touched documents (see module doc)."""
    con = store.con
    _, old = store.query(f"SELECT shingle FROM doc_shingles WHERE doc_id IN {_IDS}", [list(written)])
    new_sets = {d.doc_id: shingles(body(d)) for d in _kept_docs(store, written)}
    new_sets = {d: sh for d, sh in new_sets.items() if len(sh) >= MIN_SHINGLES}
    # a shingle's document count after = before - the written documents that held it + those that hold it now
    # (rows are (document, shingle) pairs, each at most once), so the index is counted once, not twice
    delta = Counter(h for sh in new_sets.values() for h in sh)
    delta.subtract(int(r[0]) for r in old)
    affected = sorted(delta.keys())
    before = _df(store, affected)
    con.execute(f"DELETE FROM doc_shingles WHERE doc_id IN {_IDS}", [list(written)])
    con.execute(f"DELETE FROM shingle_counts WHERE doc_id IN {_IDS}", [list(written)])
    insert_rows(con, "doc_shingles", [[d, h] for d, sh in sorted(new_sets.items()) for h in sh])
    insert_rows(con, "shingle_counts", [[d, len(sh)] for d, sh in sorted(new_sets.items())])
    crossed = [h for h in affected if (before.get(h, 0) > MAX_DF) != (before.get(h, 0) + delta[h] > MAX_DF)]
    touched = set(written)
    if crossed:
        _, rows = store.query(f"SELECT DISTINCT doc_id FROM doc_shingles WHERE shingle IN {_IDS}", [crossed])
        touched |= {r[0] for r in rows}
    return touched


def _recompute_edges(store: Store, touched: Sequence[str]) -> None:
    """Drop and recompute every edge with a touched end (counted shingles only)."""
    con = store.con
    con.execute(f"DELETE FROM syndication_edges WHERE a IN {_IDS} OR b IN {_IDS}", [list(touched), list(touched)])
    _, rows = store.query(f"""
        WITH t AS (SELECT ds.doc_id, ds.shingle FROM doc_shingles ds WHERE ds.doc_id IN {_IDS}),
        df AS (SELECT shingle, count(*) AS n FROM doc_shingles WHERE shingle IN (SELECT shingle FROM t) GROUP BY 1),
        pairs AS (
            SELECT least(t.doc_id, o.doc_id) AS a, greatest(t.doc_id, o.doc_id) AS b, count(*) AS shared
            FROM t JOIN df USING (shingle) JOIN doc_shingles o USING (shingle)
            WHERE df.n BETWEEN 2 AND {MAX_DF} AND o.doc_id <> t.doc_id GROUP BY t.doc_id, o.doc_id)
        SELECT DISTINCT p.a, p.b, p.shared / least(ca.n, cb.n) AS sim
        FROM pairs p JOIN shingle_counts ca ON ca.doc_id = p.a JOIN shingle_counts cb ON cb.doc_id = p.b
        WHERE p.shared / least(ca.n, cb.n) >= ?""", [list(touched), THRESHOLD])
    insert_rows(con, "syndication_edges", [list(r) for r in rows])


def _component_of(store: Store, seeds: set[str]) -> tuple[list[str], dict[tuple[str, str], float]]:
    """Every document reachable from ``seeds`` over the edges, and those edges with their similarity."""
    nodes, frontier = set(seeds), set(seeds)
    pairs: dict[tuple[str, str], float] = {}
    while frontier:
        ids = sorted(frontier)
        _, rows = store.query(f"SELECT a, b, similarity FROM syndication_edges WHERE a IN {_IDS} OR b IN {_IDS}",
                              [ids, ids])
        for a, b, sim in rows:  # a pair both copied and translated has two edges: the higher counts
            pairs[(a, b)] = max(pairs.get((a, b), 0.0), float(sim))
        frontier = {x for r in rows for x in r[:2]} - nodes
        nodes |= frontier
    return sorted(nodes), pairs


def update(store: Store, written: Sequence[str]) -> set[str]:
    """Bring the shingle index, edges and links up to date after ``written`` documents changed
    (inside the caller's transaction). Returns the documents whose canonical copy changed."""
    touched = _reindex(store, written)
    _recompute_edges(store, sorted(touched))
    _translated(store, sorted(touched))
    _, rows = store.query(f"""SELECT doc_id, canonical_doc_id FROM syndication WHERE canonical_doc_id IN
        (SELECT canonical_doc_id FROM syndication WHERE doc_id IN {_IDS})""", [sorted(touched)])
    old = {d: c for d, c in rows}
    nodes, pairs = _component_of(store, touched | set(old))
    meta: dict[str, Any] = {}
    if nodes:
        _, mrows = store.query(f"""SELECT d.doc_id, d.date, coalesce(c.n, 0) FROM documents d
            LEFT JOIN shingle_counts c USING (doc_id) WHERE d.doc_id IN {_IDS}""", [nodes])
        meta = {r[0]: DocMeta(r[0], r[1], int(r[2])) for r in mrows}
    links: list[list[Any]] = []
    new: dict[str, str] = {}
    for group in components(nodes, sorted(pairs)):
        canon = canonical_of([meta[d] for d in group])
        shared = _shared_with(store, group, canon.doc_id)
        for d in group:  # a translated copy's similarity is its edge's score (`syndication.detect`)
            sim = 1.0 if d == canon.doc_id else max(shared.get(d, 0) / min(meta[d].n_shingles, canon.n_shingles),
                                                    pairs.get((min(d, canon.doc_id), max(d, canon.doc_id)), 0.0))
            links.append([d, canon.doc_id, round(sim, 4)])
            new[d] = canon.doc_id
    store.con.execute(f"DELETE FROM syndication WHERE doc_id IN {_IDS}", [sorted(set(nodes) | set(old))])
    insert_rows(store.con, "syndication", links)
    return {d for d in set(old) | set(new) if old.get(d) != new.get(d)} | set(written)


def _translated(store: Store, touched: Sequence[str]) -> None:
    """Add the translated-copy edges of ``touched`` documents (`dyads.analysis.translation`), looked for
    among indexed documents dated a day either side and credited to one of their wires."""
    _, rows = store.query(f"SELECT DISTINCT date FROM documents WHERE doc_id IN {_IDS} AND length(date) = 10",
                          [list(touched)])
    days = sorted({(day + timedelta(days=k)).isoformat() for (value,) in rows if (day := _day(value))
                   for k in (-1, 0, 1)})
    if not days:
        return
    _, leads = store.query(f"""SELECT d.doc_id, d.date, d.outlet, d.title, d.url, left(d.text, {LEAD_CHARS}), d.lang
        FROM documents d JOIN shingle_counts USING (doc_id) WHERE d.discarded IS NULL AND d.date IN {_IDS}""", [days])
    heads, ids = [DocRow(*r) for r in leads], frozenset(touched)
    mine = {w for d in heads if d.doc_id in ids for w in wires(d)}
    candidates = sorted(d.doc_id for d in heads if wires(d) & mine)
    if len(candidates) < 2:
        return
    _, recs = store.query(f"SELECT record FROM events WHERE doc_id IN {_IDS}", [candidates])
    by_doc: dict[str, list[EventRow]] = {}
    for (rec,) in recs:
        e = event_from_record(json.loads(rec))
        by_doc.setdefault(e.doc_id, []).append(e)
    found = edges([profile(d, by_doc.get(d.doc_id, ())) for d in _kept_docs(store, candidates)], only=ids)
    insert_rows(store.con, "syndication_edges", [list(e) for e in found])


def _day(value: str) -> date | None:
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _shared_with(store: Store, group: list[str], canon: str) -> dict[str, int]:
    """Shingles each group member shares with the canonical copy (all shingles, counted or not)."""
    _, rows = store.query(f"""SELECT o.doc_id, count(*) FROM doc_shingles c JOIN doc_shingles o USING (shingle)
        WHERE c.doc_id = ? AND o.doc_id IN {_IDS} GROUP BY 1""", [canon, group])
    return {r[0]: int(r[1]) for r in rows}
