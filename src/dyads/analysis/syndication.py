"""Near-duplicate documents: the same wire story republished on several sites.

Method: each document body (title line dropped) becomes a set of word 5-gram shingles. Two
documents are copies when the *containment* |A ∩ B| / min(|A|, |B|) is at least
``THRESHOLD`` (0.7): a trimmed copy (dateline edited, last paragraph cut) is still contained
in the original. Copies are grouped transitively (union-find); the canonical document of a
group is the earliest dated one; among those, the fullest text (copies trim, rarely add);
then the smallest doc_id, so it is stable across runs.

Invariant: only documents in a group of two or more get a `SyndicationLink`; the canonical
document links to itself with similarity 1.0. Candidate pairs come from an inverted index of
shingles, so the cost is proportional to shared shingles, not to all pairs. Shingles are kept as
64-bit hashes: the store holds the same index (`doc_shingles`) so that ingest updates it
incrementally (`dyads.analysis.incremental_syndication`) with the same result.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from dyads.analysis.rows import DocRow

SHINGLE = 5
THRESHOLD = 0.7
MIN_SHINGLES = 20  # shorter texts are never judged copies: too little evidence
MAX_DF = 50  # shingles shared by more documents than this are boilerplate and ignored
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class SyndicationLink:
    doc_id: str
    canonical_doc_id: str
    similarity: float


def body(doc: DocRow) -> str:
    """The text without its title line, so a retitled copy still matches."""
    text = doc.text
    if doc.title and text.startswith(doc.title):
        text = text[len(doc.title):]
    return text


def shingle_hash(gram: str) -> int:
    """A stable signed 64-bit hash of one shingle (the stored index keeps hashes, not strings;
    the in-memory path uses the same hashes so both give identical groups)."""
    return int.from_bytes(hashlib.blake2b(gram.encode("utf-8"), digest_size=8).digest(), "little", signed=True)


def shingles(text: str, n: int = SHINGLE) -> frozenset[int]:
    words = [w.lower() for w in _WORD.findall(text)]
    return frozenset(shingle_hash(" ".join(words[i:i + n])) for i in range(max(0, len(words) - n + 1)))


def containment(a: frozenset[int], b: frozenset[int]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def edges(sets: Mapping[str, frozenset[int]], threshold: float = THRESHOLD) -> list[tuple[str, str, float]]:
    """Pairs (a < b) whose containment over counted shingles reaches ``threshold``. A shingle
    counts when 2..MAX_DF indexed documents hold it; documents under MIN_SHINGLES are not indexed."""
    index: dict[int, list[str]] = defaultdict(list)
    for doc_id, sh in sets.items():
        if len(sh) >= MIN_SHINGLES:
            for s in sh:
                index[s].append(doc_id)
    shared: dict[tuple[str, str], int] = defaultdict(int)
    for ids in index.values():
        if 1 < len(ids) <= MAX_DF:
            for i, a in enumerate(ids):
                for b in ids[i + 1:]:
                    shared[(a, b) if a < b else (b, a)] += 1
    out = []
    for (a, b), n in sorted(shared.items()):
        sim = n / min(len(sets[a]), len(sets[b]))
        if sim >= threshold:
            out.append((a, b, sim))
    return out


def components(nodes: Sequence[str], pairs: Sequence[tuple[str, str]]) -> list[list[str]]:
    """Connected components (union-find) with two or more members, each sorted, in a fixed order."""
    parent = {d: d for d in nodes}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        parent[find(a)] = find(b)
    groups: dict[str, list[str]] = defaultdict(list)
    for d in nodes:
        groups[find(d)].append(d)
    return sorted((sorted(g) for g in groups.values() if len(g) > 1), key=lambda g: g[0])


def canonical_of(members: Sequence[DocMeta]) -> DocMeta:
    """The earliest dated copy; then the fullest text; then the smallest doc_id."""
    return min(members, key=lambda d: (d.date or "9999", -d.n_shingles, d.doc_id))


@dataclass(frozen=True)
class DocMeta:
    """What choosing a canonical copy needs about a document."""

    doc_id: str
    date: str | None
    n_shingles: int


def shingle_sets(docs: Sequence[DocRow]) -> dict[str, frozenset[int]]:
    return {d.doc_id: shingles(body(d)) for d in docs}


def detect(docs: Sequence[DocRow], threshold: float = THRESHOLD,
           sets: Mapping[str, frozenset[int]] | None = None,
           translated: Sequence[tuple[str, str, float]] = ()) -> list[SyndicationLink]:
    """Group copies of one text; returns one link per document in a group (canonical included).
    ``translated``: pairs (a, b, score) of translated copies (`dyads.analysis.translation`), grouped as
    copies too; a translation's similarity is its score (its shingles hardly overlap)."""
    sets = sets if sets is not None else shingle_sets(docs)
    meta = {d.doc_id: DocMeta(d.doc_id, d.date, len(sets[d.doc_id])) for d in docs}
    scores = {(a, b): s for a, b, s in translated}
    pairs = [(a, b) for a, b, _ in edges(sets, threshold)] + list(scores)
    links: list[SyndicationLink] = []
    for group in components([d.doc_id for d in docs], pairs):
        canon = canonical_of([meta[d] for d in group])
        for d in group:
            sim = 1.0 if d == canon.doc_id else max(containment(sets[d], sets[canon.doc_id]),
                                                    scores.get((min(d, canon.doc_id), max(d, canon.doc_id)), 0.0))
            links.append(SyndicationLink(d, canon.doc_id, round(sim, 4)))
    return sorted(links, key=lambda link: (link.canonical_doc_id, link.doc_id))


def canonical_map(links: Sequence[SyndicationLink]) -> dict[str, str]:
    """doc_id -> canonical doc_id for documents in a group (others map to themselves by absence)."""
    return {link.doc_id: link.canonical_doc_id for link in links}
