"""Parsing texts of any length: a long text is parsed as pieces cut at paragraph boundaries, each
piece a `Doc` with the character offset where it starts in the whole text.

Invariant: the pieces of a text concatenate to exactly that text, so a piece's ``start_char``
plus its offset is an offset into the stored document text. Later stages take that offset
(`Resolver.resolve(..., offset=)`, `Coder.code_sentence(..., offset=)`). Working piece by piece
keeps every per-token and per-event cost bounded by the piece, not the document, so the whole
text costs time linear in its length.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

# Far under spaCy's 1,000,000-character `max_length`. The size trades context for cost: coreference
# (pronouns, "the minister") is resolved within a piece, while the coder's cost per event grows with
# the piece. At 10,000 characters (~1,700 words, longer than most news articles, which stay one
# piece) a 100 kB text costs about 1.5x spaCy's own parse (docs/benchmarks.md, hostile input).
CHUNK_CHARS = 10_000
# Characters per spaCy batch at most (about): what spaCy allocates for a batch grows with its text
# and stays in the process's heap afterwards. 16 pieces of 10,000 characters left +441 MiB after a
# 300 kB text, 4 pieces +124 MiB, at the same CPU. News articles (a few thousand characters) keep
# the configured batch size.
BATCH_CHARS = 40_000

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


@dataclass(frozen=True)
class Piece:
    """One parsed piece of text number ``index``: ``doc`` starts at character ``offset`` of that text."""

    index: int
    offset: int
    doc: Doc
    last: bool  # the text's final piece


def parse_pieces(nlp: Language, texts: Sequence[str], batch_size: int = 16, n_process: int = 1,
                 max_chars: int | None = None) -> Iterator[Piece]:
    """The pieces of each text (at most ``max_chars``, default `CHUNK_CHARS`; every text has at
    least one, an empty text one empty piece), in order, through one `nlp.pipe` stream (workers
    fork once). Pieces are produced lazily, so a long text never has all its `Doc`s in memory; a
    stream with long pieces is parsed in smaller batches (about ``BATCH_CHARS`` each)."""
    max_chars = min(max_chars or CHUNK_CHARS, nlp.max_length)
    plan: list[tuple[int, int, bool]] = []  # (text index, offset, last) per chunk, in stream order
    chunks: list[str] = []
    for i, text in enumerate(texts):
        pieces = split_chunks(text, max_chars)
        offset = 0
        for k, chunk in enumerate(pieces):
            chunks.append(chunk)
            plan.append((i, offset, k == len(pieces) - 1))
            offset += len(chunk)
    longest = max((len(c) for c in chunks), default=0)
    batch_size = max(1, min(batch_size, BATCH_CHARS // max(longest, 1)))
    for (index, offset, last), doc in zip(plan, nlp.pipe(chunks, batch_size=batch_size, n_process=n_process)):
        yield Piece(index, offset, doc, last)
