"""The one actor matcher (`dyads.store.actor_match`): the same events for every spelling of an
actor, in the CLI, the API and the pages, and "did you mean" for an unknown one."""

from __future__ import annotations

import io
import json
from contextlib import redirect_stderr, redirect_stdout
from typing import Any

import pytest

from dyads.cli.main import main
from dyads.store import Store
from dyads.store.actor_match import ActorNotFound, normalise, resolve

CUBA = ("cuba", "CUB", "Cuba")
DIAZ_CANEL = ("Diaz-Canel", "Díaz-Canel", "diaz canel", "miguel-diaz-canel")


def _cli_ids(db: str, *args: str) -> set[str]:
    out = io.StringIO()
    with redirect_stdout(out):
        assert main(["events", "--format", "jsonl", "--db", db, *args]) == 0
    return {json.loads(line)["event_id"] for line in out.getvalue().splitlines()}


def _api_ids(client: Any, **query: str) -> set[str]:
    r = client.get("/api/v1/events", params={**query, "per_page": 500})
    assert r.status_code == 200, r.text
    assert r.json()["total"] <= 500
    return {e["event_id"] for e in r.json()["events"]}


def test_normalise_drops_case_accents_and_hyphens() -> None:
    assert normalise("Díaz-Canel") == normalise("diaz canel") == normalise("DIAZ_CANEL") == "diaz canel"


def test_every_spelling_gives_the_same_events_in_cli_api_and_pages(web_db: str, client: Any) -> None:
    for group in (CUBA, DIAZ_CANEL):
        cli = [_cli_ids(web_db, "--actor", q) for q in group]
        api = [_api_ids(client, actor=q) for q in group]
        assert cli[0] and all(ids == cli[0] for ids in cli + api), group
        for q in group:  # the pages count the same events
            page = client.get("/events", params={"actor": q})
            assert page.status_code == 200 and f"{len(cli[0])} match" in page.text, q
            assert client.get(f"/actor/{q}").status_code == 200
    cuba, diaz = _cli_ids(web_db, "--actor", "cuba"), _cli_ids(web_db, "--actor", "Díaz-Canel")
    assert diaz < cuba  # a country includes its people
    own = _cli_ids(web_db, "--actor", "cuba", "--own")
    assert own < cuba and not own & diaz  # only the state's own organs: no people
    assert _api_ids(client, actor="cuba", own="true") == own


def test_actor_profile_and_timeline_agree_across_spellings(web_db: str, client: Any) -> None:
    counts = set()
    for q in DIAZ_CANEL:
        out = io.StringIO()
        with redirect_stdout(out):
            assert main(["actor", q, "--format", "json", "--db", web_db]) == 0
        counts.add(json.loads(out.getvalue())["events"])
        counts.add(client.get(f"/api/v1/actors/{q}").json()["profile"]["events"])
    assert len(counts) == 1 and counts.pop() > 0
    a = client.get("/api/v1/timeline", params={"a": "usa", "b": "cuba"}).json()
    b = client.get("/api/v1/timeline", params={"a": "USA", "b": "CUB"}).json()
    assert a["points"] == b["points"] and a["points"]
    assert client.get("/dyad/usa/cuba").status_code == 200


def test_partial_names_and_unknown_actors(web_db: str, client: Any) -> None:
    with Store.open(web_db, read_only=True) as store:
        xi = resolve(store, "Xi")
        assert "xi-jinping" in xi.actor_ids and not any("xinhua" in a for a in xi.actor_ids)
        with pytest.raises(ActorNotFound) as err:
            resolve(store, "Diaz Canell")
    assert ("miguel-diaz-canel", "Miguel Díaz-Canel") in err.value.suggestions
    r = client.get("/api/v1/actors/Diaz%20Canell")
    assert r.status_code == 404 and r.json()["suggestions"][0]["actor_id"] == "miguel-diaz-canel"
    assert client.get("/api/v1/events", params={"actor": "Cubba"}).status_code == 404
    page = client.get("/actor/Cubba")
    assert page.status_code == 404 and "Did you mean" in page.text and "/actor/CUB" in page.text
    err_out = io.StringIO()
    with redirect_stderr(err_out):
        assert main(["actor", "Cubba", "--db", web_db]) == 2
    line = err_out.getvalue().strip()
    assert "\n" not in line and "unknown actor 'Cubba'; did you mean Cuba (CUB)" in line
