"""The Spark engine's pure parts, without a JVM: actor reconciliation and blocked story clustering."""

from __future__ import annotations

from collections import defaultdict

import pytest

from dyads.analysis.build import compute
from dyads.analysis.rows import EventRow, load_documents, load_events
from dyads.analysis.stories import cluster
from dyads.model import Actor, Role
from dyads.spark.blocks import ROOT_CLASS, block_key, stories_from_groups
from dyads.spark.partition import month_of
from dyads.spark.reconcile import reconcile
from dyads.store import Store


def _person(name: str, country: str | None, alias: str, title: str) -> Actor:
    return Actor(actor_id="learned:" + name.lower().replace(" ", "-"), name=name, kind="person", country=country,
                 sector="GOV", code=f"{country or ''}GOV", aliases=(alias,), roles=(Role(title, "GOV"),), how="title")


def test_learned_actors_merge_by_normalised_name_first_partition_wins() -> None:
    cuba = Actor("CUB", "Cuba", "country", "CUB", None, "CUB")
    first = _person("Bruno Rodriguez", None, "Bruno Rodriguez", "minister")
    later = _person("Bruno Rodriguez", "CUB", "Bruno Rodríguez", "foreign minister")
    other = _person("Ana Diaz", "MEX", "Ana Diaz", "senator")
    actors, evidence = reconcile([([cuba, first], {first.actor_id: "s1"}),
                                  ([cuba, later, other], {later.actor_id: "s2", other.actor_id: "s3"})])
    by_id = {a.actor_id: a for a in actors}
    assert sorted(by_id) == ["CUB", "learned:ana-diaz", "learned:bruno-rodriguez"]
    merged = by_id["learned:bruno-rodriguez"]
    assert merged.name == "Bruno Rodriguez" and merged.country == "CUB" and merged.code == "CUBGOV"
    assert merged.aliases == ("Bruno Rodriguez",)  # "Bruno Rodríguez" is the same normalised name
    assert [r.title for r in merged.roles] == ["minister", "foreign minister"]
    assert evidence == {"learned:bruno-rodriguez": "s1", "learned:ana-diaz": "s3"}


def test_root_classes_group_the_violence_roots_only() -> None:
    assert ROOT_CLASS["18"] == ROOT_CLASS["19"] == ROOT_CLASS["20"] == "18"
    assert len(set(ROOT_CLASS.values())) == 18
    assert month_of("2026-02-03") == "2026-02" and month_of(None) == month_of("2026") == "unknown"


def test_blocked_clustering_gives_the_same_stories(sample_db: str) -> None:
    with Store.open(sample_db, read_only=True) as store:
        events, docs = load_events(store), load_documents(store)
    blocks: dict[str, list[EventRow]] = defaultdict(list)
    for e in reversed(events):  # block order and input order must not matter
        blocks[block_key(e)].append(e)
    groups = [g for block in blocks.values() for g in cluster(block)]
    whole = compute(events, docs)
    canonical = {link.doc_id: link.canonical_doc_id for link in whole.syndication}
    assert stories_from_groups(groups, docs, canonical) == list(whole.stories)
    assert len(blocks) > 3


def test_missing_java_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    from dyads.spark import engine

    monkeypatch.delenv("JAVA_HOME", raising=False)
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(ValueError, match="needs Java 17 or newer"):
        engine.session("local[1]")
