"""Recompute the derived analysis tables from the store's documents and events.

`compute` is pure (rows in, `AnalysisResult` out); `rebuild` reads the store, computes, and
replaces the derived tables (and the shingle index) in one transaction. Rebuilding twice on the same store gives
identical tables (ids are content hashes; clustering order is fixed).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from dyads.analysis import contradictions, stories, syndication, translation
from dyads.analysis.persist import write_full
from dyads.analysis.rows import DocRow, EventRow, load_documents, load_events
from dyads.store.analysis_tables import stories as stored
from dyads.store.duck import Store


@dataclass(frozen=True)
class AnalysisResult:
    syndication: tuple[syndication.SyndicationLink, ...]
    stories: tuple[stories.Story, ...]
    contradictions: tuple[contradictions.Contradiction, ...]
    shingle_sets: Mapping[str, frozenset[int]] = field(default_factory=dict)
    edges: tuple[tuple[str, str, float], ...] = ()


def compute(events: Sequence[EventRow], docs: Sequence[DocRow]) -> AnalysisResult:
    sets = syndication.shingle_sets(docs)
    translated = translation.document_edges(docs, events, sets)
    links = syndication.detect(docs, sets=sets, translated=translated)
    canonical = syndication.canonical_map(links)
    sts = stories.build_stories(events, docs, canonical)
    cts = contradictions.find(sts, events, docs, canonical)
    return AnalysisResult(tuple(links), tuple(sts), tuple(cts), sets, tuple(syndication.edges(sets)) + tuple(translated))


def load_stories(store: Store, story_ids: Sequence[str] | None = None) -> list[stories.Story]:
    """The stored stories (or only ``story_ids``) as `Story` values (same order as `stories.build_stories`)."""
    only = " WHERE story_id IN (SELECT unnest(?))" if story_ids is not None else ""
    _, rows = store.query(f"SELECT story_id, event_id FROM story_events{only} ORDER BY story_id, event_id",
                          [list(story_ids)] if story_ids is not None else [])
    members: dict[str, list[str]] = {}
    for sid, eid in rows:
        members.setdefault(sid, []).append(eid)
    return [stories.Story(
        story_id=r["story_id"], root=r["root"], cameo=r["cameo"], source=r["source"], target=r["target"],
        first_date=r["first_date"], last_date=r["last_date"], event_ids=tuple(members.get(r["story_id"], ())),
        doc_ids=tuple(r["doc_ids"]), outlets=tuple(r["outlets"]), reports=r["reports"],
        independent_reports=r["independent_reports"], quad_class=r["quad_class"], goldstein=r["goldstein"],
        headline=r["headline"]) for r in stored(store, story_ids=story_ids)]


def rebuild(store: Store) -> AnalysisResult:
    """Recompute stories, syndication and contradictions and store them (one transaction)."""
    events = load_events(store)
    result = compute(events, load_documents(store))
    write_full(store, result.stories, events, result.syndication, result.contradictions, result.shingle_sets,
               result.edges)
    return result
