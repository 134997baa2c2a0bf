"""Learned people: a document's actors depend on its own text and the store, not on the documents
read before it in the same run (so one process and Spark partitions agree, in any order)."""

from __future__ import annotations

from dyads.actors.registry import Registry, merge_actor
from dyads.api import ingest
from dyads.model import Actor, Document, Role
from dyads.pipeline import Pipeline
from dyads.settings import Settings
from dyads.store import Store

INTRODUCES = Document("intro", "Kenya's Interior Minister Zola Mbeki visited Kampala on Monday.", date="2026-03-02")
SURNAME_ONLY = Document("surname", "Mbeki signed a security agreement with Uganda on Tuesday.", date="2026-03-03")


def _events(pipeline: Pipeline, docs: list[Document]) -> dict[str, set[tuple[str, str | None, str]]]:
    out = {}
    for a in pipeline.analyse(docs):
        out[a.document.doc_id] = {(e.source.actor.code, e.target.actor.code if e.target else None, e.code.code) for e in a.events}
    pipeline.registry.begin_document()  # the shared pipeline's next user starts clean
    return out


def test_a_person_learned_in_one_document_does_not_resolve_a_surname_in_another(pipeline: Pipeline) -> None:
    forward = _events(pipeline, [INTRODUCES, SURNAME_ONLY])
    backward = _events(pipeline, [SURNAME_ONLY, INTRODUCES])
    assert forward == backward  # order independent
    assert not any(src.startswith("KEN") for src, _, _ in forward["surname"])
    assert any(src.startswith("KEN") for src, _, _ in forward["intro"])


def test_a_person_learned_in_an_earlier_run_resolves_a_surname_and_keeps_their_record(tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "a.jsonl").write_text(f'{{"id": "intro", "text": "{INTRODUCES.text}", "date": "2026-03-02"}}\n')
    (tmp_path / "b.jsonl").write_text(f'{{"id": "surname", "text": "{SURNAME_ONLY.text}", "date": "2026-03-03"}}\n')
    settings = Settings(progress=False, db=str(tmp_path / "s.duckdb"))
    assert ingest([tmp_path / "a.jsonl"], settings).ok
    assert ingest([tmp_path / "b.jsonl"], settings).ok
    with Store.open(settings.db, read_only=True) as store:
        _, rows = store.query("SELECT source_code, target_code, cameo FROM events WHERE doc_id = 'surname'")
        (person,) = store.dicts("SELECT * FROM actors WHERE actor_id = 'learned:zola-mbeki'")
    assert ("KENCOP", "UGA", "057") in rows
    # the later run named the person by surname only: what the first run learned of them stays
    assert "interior minister" in person["roles"] and person["evidence"] == INTRODUCES.text


def _person(country: str | None, alias: str, role: str) -> Actor:
    return Actor(actor_id="learned:zola-mbeki", name="Zola Mbeki", kind="person", country=country,
                 sector="COP" if country else None, code=f"{country or ''}COP", aliases=(alias,),
                 roles=(Role(title=role, sector="COP"),), how="title")


def test_the_run_keeps_every_person_learned_merged_by_id() -> None:
    reg = Registry()
    reg.begin_document()
    reg.learn(_person(None, "Zola Mbeki", "minister"), "Zola Mbeki", "s1")
    reg.begin_document()
    assert reg.get("mbeki") is None  # the next document does not see it
    reg.learn(_person("KEN", "Minister Mbeki", "interior minister"), "Zola Mbeki", "s2")
    (only,) = reg.actors()
    assert only == merge_actor(_person(None, "Zola Mbeki", "minister"), _person("KEN", "Minister Mbeki", "interior minister"))
    assert (only.country, only.aliases, len(only.roles)) == ("KEN", ("Zola Mbeki", "Minister Mbeki"), 2)
    assert reg.evidence == {"learned:zola-mbeki": "s1"}


def test_seeded_people_serve_every_document_and_are_not_rewritten() -> None:
    reg = Registry()
    reg.seed(_person("KEN", "Zola Mbeki", "minister"), "Zola Mbeki")
    reg.begin_document()
    assert reg.get("mbeki") is not None and reg.may_start("mbeki")
    assert reg.actors() == []
