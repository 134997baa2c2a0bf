"""Issue 21: bidi controls in a text never reach an actor id or name on a page."""

from __future__ import annotations

from typing import Any

from dyads.actors.names import name_key, slug, visible
from dyads.api import code_text


def test_format_characters_are_dropped_from_keys_and_names() -> None:
    assert visible("Ana \u202eTorres\u202c") == "Ana Torres"
    assert slug("Ana \u202eTorres\u202c") == slug("Ana Torres") == "ana-torres"
    assert name_key("Ana\u200b Torres") == "ana torres"


def test_a_learned_person_has_no_bidi_control_in_id_or_name(settings: Any, pipeline: Any) -> None:
    text = "Ana \u202eTorres\u202c, Chile's deputy foreign minister, condemned Peru on Monday."
    actors = [a for e in code_text(text, settings) for a in (e["source"], e["target"]) if a]
    assert actors, "the sentence codes an event"
    for actor in actors:
        for key in ("actor_id", "name"):
            assert not any(c in (actor[key] or "") for c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
    assert any(a["actor_id"] == "learned:ana-torres" for a in actors), actors
