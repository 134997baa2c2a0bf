"""Features of (act word, source, target) for the learned argument linker (`dyads.events.linker`).

What tells the dyad of an act word: the parse path from the word to each actor (the dependency
labels climbed and descended, the preposition that introduces an actor), where each actor stands
(before or after the word, the nearest one), how each was resolved, and the act's CAMEO root with
each of those (a sanction's target follows "on", a meeting's partner "with"). One function serves
training and coding.

Reads: the parsed sentence, the word, the two actors' head tokens and mentions. Writes: presence
features (strings) for a linear model.
"""

from __future__ import annotations

from collections.abc import Container, Sequence

from spacy.tokens import Token

from dyads.events.clause import clause_of
from dyads.events.pair_features import link_of
from dyads.events.pairs import Candidate
from dyads.model import CameoCode

MAX_PATH = 4


def _chain(tok: Token, stop: Token) -> list[Token]:
    """``tok`` and its ancestors up to, not including, ``stop`` (at most MAX_PATH + 1)."""
    out: list[Token] = []
    cur = tok
    for _ in range(MAX_PATH + 1):
        if cur.i == stop.i:
            break
        out.append(cur)
        if cur.head.i == cur.i:
            break
        cur = cur.head
    return out


def path(word: Token, actor: Token) -> tuple[str, str]:
    """(path, preposition): the dependency labels from the word up to where it meets the actor, then
    down to the actor ("^" climbs, "v" descends), and the preposition governing the actor if any."""
    meet = link_of(word, actor)
    up = _chain(word, meet)
    down = _chain(actor, meet)[::-1]
    labels = "".join(f"^{t.dep_}" for t in up) + ("=" if meet.i != word.i else "") + "".join(f"v{t.dep_}" for t in down)
    prep = next((t.lower_ for t in down if t.dep_ == "prep" or t.pos_ == "ADP"), "-")
    if actor.dep_ == "pobj" and actor.head.pos_ == "ADP":
        prep = actor.head.lower_
    return labels[:40], prep


def _position(word: Token, actor: Token, others: list[int]) -> str:
    """Before or after the word, and whether no other actor stands between them."""
    lo, hi = sorted((word.i, actor.i))
    nearest = not any(lo < i < hi for i in others)
    return f"{'before' if actor.i < word.i else 'after'}{'-nearest' if nearest else ''}"


def _distance(a: Token, b: Token) -> int:
    d = abs(a.i - b.i)
    return 0 if d <= 2 else 1 if d <= 5 else 2 if d <= 10 else 3


def word_features(word: Token, code: CameoCode, coded: Container[int]) -> list[str]:
    """The act word's own features, the same for every pair it is read with. ``coded``: character
    offsets (in the parsed piece) of words other events were read from."""
    root, lemma = code.root, word.lemma_.lower()
    clause, form = clause_of(word)
    governor = next((a for a in word.ancestors if a.idx in coded), None)
    under = "none" if governor is None else "head" if governor.i == word.head.i else "above"
    return [
        f"root={root}", f"pos={word.pos_}", f"dep={word.dep_}", f"lemma={lemma}",
        f"passive={'yes' if any(c.dep_ in ('nsubjpass', 'auxpass') for c in word.children) else 'no'}",
        f"clause={clause}", f"form={form}", f"pos_clause={word.pos_}|{clause}", f"root_clause={root}|{clause}",
        f"under_event={under}", f"under_dep={under}|{word.dep_}",
    ]


def link_features(word: Token, s: Token, t: Token, pair: Candidate, code: CameoCode, n_pairs: int,
                  of_word: Sequence[str]) -> list[str]:
    """``of_word``: `word_features` of ``word``; the pair's own features are added to them."""
    root, lemma = code.root, word.lemma_.lower()
    s_path, s_prep = path(word, s)
    t_path, t_prep = path(word, t)
    others = [x.i for x in (s, t)]
    s_pos = _position(word, s, [i for i in others if i != s.i])
    t_pos = _position(word, t, [i for i in others if i != t.i])
    s_how = pair.source.how.split("+")[0]
    t_how = pair.target.how.split("+")[0]
    subj = next((c for c in word.children if c.dep_ in ("nsubj", "nsubjpass", "poss", "agent")), None)
    return [
        *of_word,
        f"s_path={s_path}", f"t_path={t_path}", f"s_prep={s_prep}", f"t_prep={t_prep}",
        f"s_pos={s_pos}", f"t_pos={t_pos}", f"order={s_pos.split('-')[0]}|{t_pos.split('-')[0]}",
        f"s_dist={_distance(word, s)}", f"t_dist={_distance(word, t)}",
        f"s_how={s_how}", f"t_how={t_how}",
        f"s_sec={pair.source.actor.sector or pair.source.actor.kind}",
        f"t_sec={pair.target.actor.sector or pair.target.actor.kind}",
        f"root_tprep={root}|{t_prep}", f"root_sprep={root}|{s_prep}", f"root_order={root}|{s_pos}|{t_pos}",
        f"pos_spath={word.pos_}|{s_path}", f"pos_tpath={word.pos_}|{t_path}",
        f"pairs={min(n_pairs, 6) // 2}",
        f"own_subject={'none' if subj is None else 'source' if subj.i == s.i else 'target' if subj.i == t.i else 'other'}",
        f"path_len={min(len(s_path) // 3, 3)}|{min(len(t_path) // 3, 3)}",
        f"lemma_tprep={lemma}|{t_prep}", f"lemma_spath={lemma}|{s_path}", f"lemma_tpath={lemma}|{t_path}",
    ]
