from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from dyads.api import code_text
from dyads.settings import Settings

Coded = list[dict[str, Any]]


@pytest.fixture(scope="session")
def code(pipeline: object) -> Callable[..., Coded]:
    """Code a text as `dyads code` does, every reading the rules make kept: no confidence floor and
    partial events too (these tests pin the rules' reading; the verifier's cut and the rule that an
    event needs both sides are tested in test_precision_shapes.py)."""
    settings = Settings(progress=False, min_confidence=0.0, keep_partial_events=True)

    def run(text: str, date: str = "2026-02-05") -> Coded:
        return list(code_text(text, settings, date=date))

    return run


def find(events: Coded, source: str, target: str | None, root: str | None = None) -> dict[str, Any]:
    """The one event from ``source`` to ``target`` country/actor code (and root, if given)."""
    def code_of(a: dict[str, Any] | None) -> str | None:
        return None if a is None else (a.get("country") or a.get("code"))

    hits = [e for e in events if code_of(e["source"]) == source and code_of(e["target"]) == target
            and (root is None or e["root"] == root)]
    assert hits, f"no {source}->{target} {root or ''} event in " + repr(
        [(code_of(e["source"]), e["cameo"], code_of(e["target"])) for e in events])
    return hits[0]
