"""Features of a candidate actor pair for the learned root classifier.

What links two actors in a sentence: the word where their paths in the parse meet, the words,
prepositions and dependency labels on those paths, the roots the lexicon gives the verbs and
nouns on them, the actors' grammatical roles and sectors, and the words between them. One
function serves training and coding.

Reads: the parsed sentence's tokens, the pair's mentions, the lexicon (through the coder's
matcher). Writes: a list of string features (presence features for a linear model).
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Token

from dyads.events.pairs import Candidate
from dyads.events.syntax import noun_phrase
from dyads.model import Evidence
from dyads.model import Span as TextSpan

MAX_PATH = 6
MAX_BETWEEN = 10


def head_token(doc: Doc, start: int, end: int) -> Token | None:
    """The syntactic head of the characters ``start``..``end`` of ``doc`` (offsets into ``doc``)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None else None


def token_evidence(trigger: Token, source: Token | None, target: Token | None, offset: int) -> Evidence:
    """An event's evidence read at a trigger token: its sentence, the trigger, and the noun phrases of the
    source and target heads (``offset``: where the parsed piece starts in the document)."""
    sent = trigger.sent
    text = sent.text.rstrip()
    return Evidence(
        sentence=TextSpan(text, offset + sent.start_char, offset + sent.start_char + len(text)),
        trigger=TextSpan(trigger.text, offset + trigger.idx, offset + trigger.idx + len(trigger.text)),
        source_phrase=noun_phrase(source, offset) if source is not None else None,
        target_phrase=noun_phrase(target, offset) if target is not None else None,
    )


def _up(tok: Token) -> list[Token]:
    """``tok`` and its ancestors, nearest first."""
    return [tok, *tok.ancestors]


def _below(tok: Token, link: Token) -> list[Token]:
    """The path from ``tok`` up to, not including, ``link`` (at most MAX_PATH tokens)."""
    chain = _up(tok)
    k = next((n for n, x in enumerate(chain) if x.i == link.i), len(chain))
    return chain[:k][:MAX_PATH]


def link_of(a: Token, b: Token) -> Token:
    """The lowest common ancestor of two tokens: the word that relates them in the parse."""
    seen = {t.i for t in _up(a)}
    return next((t for t in _up(b) if t.i in seen), a.sent.root)


def pair_features(doc: Doc, c: Candidate, lexical_root: Callable[[Token], str | None], offset: int = 0) -> list[str]:
    """``lexical_root(token)``: the CAMEO root the lexicon gives a verb or noun, or None; ``offset``:
    where ``doc`` starts in the document text (the candidate's offsets are document-wide)."""
    s = head_token(doc, c.source.start - offset, c.source.end - offset)
    t = head_token(doc, c.target.start - offset, c.target.end - offset)
    if s is None or t is None:
        return ["unaligned"]
    link = link_of(s, t)
    s_path, t_path = _below(s, link), _below(t, link)
    f = [f"link={link.lemma_.lower()}", f"link_pos={link.pos_}", f"link_dep={link.dep_}",
         f"s_dep={s.dep_}", f"t_dep={t.dep_}", f"s_up={s.head.lemma_.lower()}", f"t_up={t.head.lemma_.lower()}",
         f"deps={'>'.join(x.dep_ for x in s_path)}|{'<'.join(x.dep_ for x in t_path)}",
         f"order={'st' if s.i < t.i else 'ts'}",
         f"s_sec={c.source.actor.sector or c.source.actor.kind}", f"t_sec={c.target.actor.sector or c.target.actor.kind}",
         f"s_how={c.source.how.split('+')[0]}", f"t_how={c.target.how.split('+')[0]}"]
    root = lexical_root(link)
    if root:
        f.append(f"lex_link={root}")
    for x in [*s_path[1:], *t_path[1:], link]:
        lemma = x.lemma_.lower()
        if x.pos_ in ("VERB", "NOUN", "ADJ", "ADP", "PART", "AUX"):
            f.append(f"path={lemma}")
        if x.dep_ == "prep" or x.pos_ == "ADP":
            f.append(f"prep={lemma}")
        if x.pos_ in ("VERB", "NOUN") and x.i != link.i:
            r = lexical_root(x)
            if r:
                f.append(f"lex_path={r}")
        if x.dep_ == "neg" or any(ch.dep_ == "neg" for ch in x.children):
            f.append("neg")
    lo, hi = sorted((s.i, t.i))
    between = [x for x in doc[lo + 1:hi] if x.pos_ in ("VERB", "NOUN", "ADJ", "ADP")][:MAX_BETWEEN]
    f += [f"bw={x.lemma_.lower()}" for x in between]
    for x in between:
        r = lexical_root(x)
        if r:
            f.append(f"lex_bw={r}")
    f.append(f"dist={min(hi - lo, 20) // 4}")
    return f
