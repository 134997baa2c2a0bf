"""Near-duplicate documents: the same wire story republished on several sites.

Method: each document body (title line dropped) becomes a set of word 5-gram shingles. Two
documents are copies when the *containment* |A ∩ B| / min(|A|, |B|) is at least
``THRESHOLD`` (0.7): a trimmed copy (dateline edited, last paragraph cut) is still contained
in the original. Copies are grouped transitively (union-find); the canonical document of a
group is the earliest dated one; among those, the fullest text (copies trim, rarely add);
then the smallest doc_id, so it is stable across runs.

Invariant: only documents in a group of two or more get a `SyndicationLink`; the canonical
document links to itself with similarity 1.0. Candidate pairs come from an inverted index of
shingles, so the cost is proportional to shared shingles, not to all pairs.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
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


def shingles(text: str, n: int = SHINGLE) -> frozenset[str]:
    words = [w.lower() for w in _WORD.findall(text)]
    return frozenset(" ".join(words[i:i + n]) for i in range(max(0, len(words) - n + 1)))


def containment(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def detect(docs: Sequence[DocRow], threshold: float = THRESHOLD) -> list[SyndicationLink]:
    """Group copies of one text; returns one link per document in a group (canonical included)."""
    sets = {d.doc_id: shingles(body(d)) for d in docs}
    index: dict[str, list[str]] = defaultdict(list)
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
    parent = {d.doc_id: d.doc_id for d in docs}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    best: dict[str, float] = {}
    for (a, b), n in sorted(shared.items()):
        sim = n / min(len(sets[a]), len(sets[b]))
        if sim >= threshold:
            parent[find(a)] = find(b)
            best[a] = max(best.get(a, 0.0), sim)
            best[b] = max(best.get(b, 0.0), sim)
    groups: dict[str, list[DocRow]] = defaultdict(list)
    for d in docs:
        groups[find(d.doc_id)].append(d)
    links: list[SyndicationLink] = []
    for members in groups.values():
        if len(members) < 2:
            continue
        canon = min(members, key=lambda d: (d.date or "9999", -len(sets[d.doc_id]), d.doc_id))
        for d in sorted(members, key=lambda d: d.doc_id):
            sim = 1.0 if d is canon else containment(sets[d.doc_id], sets[canon.doc_id])
            links.append(SyndicationLink(d.doc_id, canon.doc_id, round(sim, 4)))
    return sorted(links, key=lambda link: (link.canonical_doc_id, link.doc_id))


def canonical_map(links: Sequence[SyndicationLink]) -> dict[str, str]:
    """doc_id -> canonical doc_id for documents in a group (others map to themselves by absence)."""
    return {link.doc_id: link.canonical_doc_id for link in links}
