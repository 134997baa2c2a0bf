"""The coder reads trigger, quantity and date spans from the tokens concerned (issue 9, item 7:
rebuilding `Doc.text` or `Span.ents` from a whole 10,000-character piece per event made long
texts cost events x piece). The spans must be exactly what the whole-piece reads gave."""

from __future__ import annotations

from typing import Any

from dyads.events.coder import Coder, _date_ents

TEXT = ("On Monday Mexico sent 1,500 tons of rice to Cuba. The United States said on 3 February that "
        "it would answer within two weeks, and Russia sent 20,000 barrels a day last month. "
        "Cuba thanked Mexico on Tuesday")


def test_date_entities_of_a_sentence_are_those_spacy_gives(pipeline: Any) -> None:
    doc = pipeline.nlp(TEXT)
    for sent in doc.sents:
        want = [(e.start, e.end, e.root.i) for e in sent.ents if e.label_ == "DATE"]
        assert [(e.start, e.end, e.root.i) for e in _date_ents(sent)] == want
    assert sum(len(_date_ents(s)) for s in doc.sents) >= 3


def test_trigger_and_quantity_text_are_slices_of_the_piece(pipeline: Any) -> None:
    doc = pipeline.nlp(TEXT)
    verbs = [t for t in doc if t.pos_ == "VERB"]
    assert len(verbs) >= 3
    found = []
    for verb in verbs:
        trig = Coder._trigger(verb, 100)
        assert doc.text[trig.start - 100:trig.end - 100] == trig.text == verb.text
        for q in Coder._quantities(verb, verb.sent, 100):
            assert doc.text[q.start - 100:q.end - 100] == q.text
            found.append(q.unit)
    assert {"ton", "barrel"} <= set(found)
