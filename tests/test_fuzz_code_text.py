"""Property-based fuzzing of `code_text` (issue 9): short generated texts in the shape of news
sentences must code without an unhandled exception, and every record keeps the export contract's
offset invariant. Short inputs, because each goes through spaCy."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dyads.api import code_text
from dyads.ingest import IngestError
from dyads.ingest.readers import parse_plain

WORDS = st.sampled_from(["Mexico", "Cuba", "the United States", "China", "Russia", "President", "Sheinbaum", "said",
                         "sent", "condemned", "threatened", "sanctions", "food", "on", "Tuesday", "not", "would",
                         "1,500", "tons", "barrels", "\u00e9", ",", ".", "\"", "\n", "\n\n", "-", "(", ")", "'s"])
TEXTS = st.one_of(st.lists(WORDS, min_size=1, max_size=30).map(" ".join), st.text(min_size=1, max_size=60))


@settings(max_examples=800, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(TEXTS, st.one_of(st.none(), st.just("2026-02-10")))
def test_code_text_never_raises(settings: Any, pipeline: Any, text: str, date: str | None) -> None:
    try:
        doc_text = parse_plain(text, "stdin").text
    except IngestError:  # an empty or blank text: the CLI refuses it before coding
        return
    for rec in code_text(text, settings, date=date):
        ev = rec["evidence"]
        assert doc_text[ev["start"]:ev["end"]] == ev["text"]
        assert doc_text[ev["trigger"]["start"]:ev["trigger"]["end"]] == ev["trigger"]["text"]
