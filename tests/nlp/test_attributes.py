"""The lookup forms of the model's attribute ruler and lemmatizer leave every token as the
originals do (`dyads.nlp.attributes`), and `load_model` uses them in place of the originals."""

from __future__ import annotations

from typing import Any

import pytest
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from dyads.nlp import load_model
from dyads.nlp.attributes import cached_lemmas, compile_ruler
from dyads.settings import Settings

# Texts that reach the ruler's special rules: two-token patterns ("gonna", "ain't", "let's",
# "there is"), DEP-conditioned ones ("I"/"it" as subject and object, auxiliaries, "but" as an
# adverb, "that" as a pronoun), LOWER+TAG exceptions ("gets"/"got"), whitespace tokens, a regex
# ("y'all"), and ordinary news prose.
TEXTS = [
    "Iran and the US held talks in Muscat on Saturday.\n\nThe ministers said they were gonna meet again.",
    "It ain't over, and y'all know it. Let's go, c'mon on.  There is no deal; there were threats.",
    "I told him that I had done it, but he gets angry and got nothing.\n\n\n   That is all I saw.",
    "Police fired tear gas at protesters who had gathered near the parliament, officials said.",
    "HAVANA, Feb. 6 - Cuba's president thanked China for its donation of rice, which was announced on Tuesday.",
]


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_model(Settings().model)


def _tokens(doc: Doc) -> list[tuple[Any, ...]]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.is_sent_start) for t in doc]


def _parsed(nlp: Language) -> list[Doc]:
    """The texts through the components that come before the ruler."""
    before = nlp.pipe_names[:nlp.pipe_names.index("dyads_attributes")]
    with nlp.select_pipes(enable=before):
        return list(nlp.pipe(TEXTS))


def test_load_model_swaps_in_the_lookup_forms(nlp: Language) -> None:
    assert "dyads_attributes" in nlp.pipe_names and "dyads_lemmas" in nlp.pipe_names
    assert "attribute_ruler" in nlp.disabled and "lemmatizer" in nlp.disabled
    assert nlp.pipe_names.index("dyads_attributes") < nlp.pipe_names.index("dyads_lemmas") < nlp.pipe_names.index("ner")


def test_fast_ruler_and_cached_lemmas_match_the_originals(nlp: Language) -> None:
    ruler, lemmatizer = nlp.get_pipe("attribute_ruler"), nlp.get_pipe("lemmatizer")
    fast, cached = nlp.get_pipe("dyads_attributes"), nlp.get_pipe("dyads_lemmas")
    for doc in _parsed(nlp):
        original, ours = doc.copy(), doc.copy()
        lemmatizer(ruler(original))
        cached(fast(ours))
        cached(fast(doc))  # a second pass over the same words reads the lemma cache
        assert _tokens(ours) == _tokens(original)
        assert _tokens(doc) == _tokens(original)


def test_the_special_rules_fire(nlp: Language) -> None:
    doc = nlp("We were gonna leave. There is a deal. It ain't so.")
    by_text = {t.text: t for t in doc}
    assert by_text["gon"].lemma_ == "go" and by_text["na"].lemma_ == "to"  # a two-token pattern, both indices
    assert by_text["is"].pos_ == "VERB"  # "there is": the second token of an expletive pattern
    assert by_text["ai"].lemma_ == "be"  # TAG + LOWER on the first token, a regex on the second


def test_a_pattern_it_does_not_read_keeps_spacys_ruler(nlp: Language) -> None:
    ruler = AttributeRuler(nlp.vocab)
    ruler.add([[{"LOWER": "a"}, {"LOWER": "b"}, {"LOWER": "c"}]], {"LEMMA": "abc"})  # three tokens
    assert compile_ruler(ruler) is None
    ruler = AttributeRuler(nlp.vocab)
    ruler.add([[{"LOWER": "a", "OP": "+"}]], {"LEMMA": "a"})  # an operator
    assert compile_ruler(ruler) is None
    ruler = AttributeRuler(nlp.vocab)
    ruler.add([[{"SHAPE": "Xxxx"}]], {"POS": "PROPN"})  # an attribute it does not read
    assert compile_ruler(ruler) is None
    ruler = AttributeRuler(nlp.vocab)
    ruler.add([[{"TAG": "NN"}]], {"POS": "NOUN"})
    assert compile_ruler(ruler) is not None


def test_later_rules_win_as_in_spacy(nlp: Language) -> None:
    ruler = AttributeRuler(nlp.vocab)
    ruler.add([[{"LOWER": "talks"}]], {"LEMMA": "first"})
    ruler.add([[{"TAG": "NNS"}]], {"LEMMA": "second", "POS": "NOUN"})
    ruler.add([[{"LOWER": "talks", "TAG": "NNS"}]], {"POS": "PROPN"})
    fast = compile_ruler(ruler)
    assert fast is not None
    doc = Doc(nlp.vocab, words=["talks", "resumed"], tags=["NNS", "VBD"])
    original = doc.copy()
    ruler(original)
    fast(doc)
    assert _tokens(doc) == _tokens(original)
    assert (doc[0].lemma_, doc[0].pos_) == ("second", "PROPN")


def test_cached_lemmas_keep_a_lemma_the_ruler_set(nlp: Language) -> None:
    cached = cached_lemmas(nlp.get_pipe("lemmatizer"))
    assert cached is not None
    doc = Doc(nlp.vocab, words=["talks", "talks"], tags=["NNS", "NNS"], pos=["NOUN", "NOUN"])
    doc[0].lemma_ = "negotiation"
    cached(doc)
    assert [t.lemma_ for t in doc] == ["negotiation", "talk"]


def test_the_pipeline_stays_picklable(nlp: Language) -> None:
    """spaCy's workers receive the pipeline pickled under the "spawn" start method (macOS, Windows)."""
    import pickle

    text = "There is a deal, y'all know it ain't over. The ministers were gonna meet."
    copy = pickle.loads(pickle.dumps(nlp))
    assert copy.pipe_names == nlp.pipe_names
    assert _tokens(copy(text)) == _tokens(nlp(text))
