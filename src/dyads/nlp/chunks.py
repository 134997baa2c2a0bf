"""Parsing texts of any length: long texts are parsed in chunks cut at paragraph boundaries and
joined back into one `Doc` whose character offsets are offsets into the whole text.

Invariant: the chunks of a text concatenate to exactly that text, so ``doc.text == text`` and
every ``start_char``/``end_char`` downstream still indexes the stored document text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from spacy.language import Language
from spacy.tokens import Doc

# Well under spaCy's 1,000,000-character `max_length`, and small enough that one chunk's
# parser and NER memory stay modest.
CHUNK_CHARS = 100_000

# Preferred cut points, best first: after a blank line, after a line break, after a sentence end,
# after any whitespace.
_CUTS = (re.compile(r"\n[ \t]*\n\s*"), re.compile(r"\n\s*"), re.compile(r"[.!?]['\"\u201d)]?\s+"), re.compile(r"\s+"))


def split_chunks(text: str, max_chars: int = CHUNK_CHARS) -> list[str]:
    """``text`` as contiguous pieces of at most ``max_chars`` (cut at the best boundary in reach)."""
    pieces: list[str] = []
    start = 0
    while len(text) - start > max_chars:
        window = text[start:start + max_chars]
        cut = 0
        for pattern in _CUTS:
            ends = [m.end() for m in pattern.finditer(window, max_chars // 2) if m.end() < len(window)]
            if ends:
                cut = ends[-1]
                break
        cut = cut or max_chars  # no whitespace at all in the window: a hard cut
        pieces.append(text[start:start + cut])
        start += cut
    pieces.append(text[start:])
    return pieces


def parse_texts(nlp: Language, texts: Sequence[str], batch_size: int = 16, n_process: int = 1,
                max_chars: int = CHUNK_CHARS) -> Iterator[Doc]:
    """One `Doc` per text, in order, through one `nlp.pipe` stream (workers fork once)."""
    max_chars = min(max_chars, nlp.max_length)
    owners: list[int] = []
    pieces: list[str] = []
    for i, text in enumerate(texts):
        chunks = split_chunks(text, max_chars)
        pieces += chunks
        owners += [i] * len(chunks)
    current: list[Doc] = []
    current_owner = 0
    for owner, doc in zip(owners, nlp.pipe(pieces, batch_size=batch_size, n_process=n_process)):
        if owner != current_owner and current:
            yield _join(current, texts[current_owner])
            current = []
        current_owner = owner
        current.append(doc)
    if current:
        yield _join(current, texts[current_owner])


def _join(docs: list[Doc], text: str) -> Doc:
    if len(docs) == 1:
        return docs[0]
    cut = sum(int(d.user_data.pop("dyads_cut_sentences", 0)) for d in docs)  # from_docs cannot merge it
    joined = Doc.from_docs(docs, ensure_whitespace=False)
    if joined.text != text:  # the offsets invariant; a failure here is a bug, not bad input
        raise RuntimeError("chunked parse does not reproduce the text")
    joined.user_data["dyads_cut_sentences"] = cut
    return joined
