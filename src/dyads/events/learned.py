"""A learned root classifier for actor pairs the rules left without an event.

Rules plateau: a verb the lexicon lacks, a construction no pattern foresaw, a parse that hides
the link. For every pair of actors in a sentence that no rule event connects (either way), a
linear classifier (multinomial logistic regression over the pair's parse-path features, see
`dyads.events.pair_features`; trained on the team-written corpus in ``training/`` by
``tools/train_root_model.py``) predicts a CAMEO root or ``NONE``. A prediction above the threshold becomes an event coded to the root's
generic code, triggered at the word that links the two actors in the parse, with modality and
attribution read from there as for rule events, and ``rule`` naming the model and its
probability.

Reads: the parsed document, its mentions, the events the rules found.
Writes: extra `Event`s (never changes a rule event).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from spacy.tokens import Doc, Token

from dyads.actors.resolver import DocActors
from dyads.deadline import check
from dyads.events.claims import attribution_of, modality_of
from dyads.events.lexicon import Lexicon, data_dir
from dyads.events.logistic import read_weights
from dyads.events.pair_features import head_token, link_of, pair_features, token_evidence
from dyads.events.pairs import Candidate, actor_key, candidates
from dyads.model import Document, Event

NONE = "NONE"
MODEL_NAME = "roots"


def default_model_path() -> Path:
    return data_dir() / "models" / MODEL_NAME


@dataclass(frozen=True)
class Prediction:
    root: str
    probability: float


class RootModel:
    """Multinomial logistic regression over presence features (weights as JSON, no pickle):
    features of a candidate pair → (root or NONE, probability)."""

    def __init__(self, path: Path) -> None:
        data = read_weights(path, "root model", "tools/train_root_model.py")
        self.path = path
        self.labels: list[str] = list(data["labels"])
        self.bias: list[float] = [float(b) for b in data["bias"]]
        self.weights: dict[str, list[float]] = data["weights"]

    def predict(self, rows: Sequence[Sequence[str]]) -> list[Prediction]:
        out: list[Prediction] = []
        for feats in rows:
            scores = list(self.bias)
            for f in set(feats):
                w = self.weights.get(f)
                if w is not None:
                    scores = [a + b for a, b in zip(scores, w)]
            top = max(scores)
            exp = [math.exp(x - top) for x in scores]
            # the likeliest root other than NONE, with its own probability: a pair read as 40 % consult
            # and 55 % nothing is offered as consult at 0.40 (the threshold and the verifier decide)
            k = max((n for n in range(len(exp)) if self.labels[n] != NONE), key=exp.__getitem__, default=0)
            out.append(Prediction(self.labels[k], exp[k] / sum(exp)))
        return out


class LearnedCoder:
    def __init__(self, model: RootModel, lexicon: Lexicon, threshold: float, make_id: Callable[[Event], str],
                 lexical_root: Callable[[Token], str | None], covered_threshold: float = 2.0) -> None:
        self.model = model
        self.lexical_root = lexical_root
        self.lex = lexicon
        self.threshold = threshold
        self.covered_threshold = covered_threshold
        self.make_id = make_id

    def _roots(self) -> Callable[[Token], str | None]:
        """``lexical_root`` remembered by token index, for the pairs of one parsed document: their
        paths share most tokens, and matching a verb against the lexicon is the costly part."""
        memo: dict[int, str | None] = {}

        def root(tok: Token) -> str | None:
            if tok.i not in memo:
                memo[tok.i] = self.lexical_root(tok)
            return memo[tok.i]

        return root

    def code(self, parsed: Doc, document: Document, actors: DocActors, events: Sequence[Event], offset: int = 0,
             first_sentence: int = 0) -> list[Event]:
        """``offset``/``first_sentence``: where ``parsed`` starts in the document (text, sentences)."""
        # the roots the rules gave each pair of each sentence: the model adds a pair's other reading only
        # when it is much surer of it (the verifier then weighs both)
        covered: dict[tuple[int, frozenset[str]], set[str]] = {}
        for e in events:
            if e.target is not None:
                covered.setdefault((e.sentence_index, frozenset((actor_key(e.source), actor_key(e.target)))), set()).add(e.code.root)
        sources_with_act = {(e.sentence_index, actor_key(e.source)) for e in events}
        mentions = sorted(actors.mentions, key=lambda m: m.start)
        pending: list[tuple[int, frozenset[str], Candidate]] = []
        for n, sent in enumerate(parsed.sents):
            check()  # the document's time budget (`dyads.deadline`), per sentence
            k = first_sentence + n
            for c in candidates(mentions, offset + sent.start_char, offset + sent.end_char):
                pair = frozenset((actor_key(c.source), actor_key(c.target)))
                if (k, pair) in covered and self.covered_threshold > 1.0:
                    continue
                pending.append((k, pair, c))
        if not pending:
            return []
        roots = self._roots()
        preds = self.model.predict([pair_features(parsed, c, roots, offset) for _, _, c in pending])
        best: dict[tuple[int, frozenset[str]], tuple[Prediction, Candidate]] = {}
        for (k, pair, c), p in zip(pending, preds):
            if p.root == NONE or p.probability < self.threshold:
                continue
            ruled = covered.get((k, pair))
            if ruled is not None and (p.root in ruled or p.probability < self.covered_threshold):
                continue
            if (k, actor_key(c.source)) in sources_with_act and p.root in ("01", "02"):
                continue  # the source's act in this sentence is already coded; a statement is its framing
            key = (k, pair)
            if key not in best or p.probability > best[key][0].probability:
                best[key] = (p, c)
        out: list[Event] = []
        for (k, _), (p, c) in sorted(best.items(), key=lambda kv: (kv[0][0], kv[1][1].source.start)):
            ev = self._event(parsed, document, actors, k, c, p, offset)
            if ev is not None:
                out.append(ev)
        return out

    def arbitrate(self, parsed: Doc, events: Sequence[Event], margin: float, offset: int = 0) -> list[Event]:
        """Second opinion on rule events whose pattern was only a verb's default reading: where the
        model reads the same pair as another root with probability ≥ ``margin``, its root wins
        (the rule's trigger and roles stay; ``rule`` records the override)."""
        out: list[Event] = []
        todo = [(n, Candidate(ev.source, ev.target, ev.evidence.sentence.start, ev.evidence.sentence.end))
                for n, ev in enumerate(events) if ev.target is not None and ":default" in ev.rule.split(";")[0]]
        roots = self._roots()
        feats = [pair_features(parsed, c, roots, offset) for _, c in todo]
        preds = dict(zip((n for n, _ in todo), self.model.predict(feats)))
        for n, ev in enumerate(events):
            p = preds.get(n)
            if p is not None and p.root not in (NONE, ev.code.root) and p.probability >= margin:
                code = self.lex.code(f"{p.root}0")
                ev = replace(ev, code=code, rule=f"{ev.rule}; root=model:{MODEL_NAME} p={p.probability:.2f} over {ev.code.code}")
                ev = replace(ev, event_id=self.make_id(ev))
            out.append(ev)
        return out

    def _event(self, parsed: Doc, document: Document, actors: DocActors, k: int, c: Candidate, p: Prediction,
               offset: int = 0) -> Event | None:
        src = head_token(parsed, c.source.start - offset, c.source.end - offset)
        tgt = head_token(parsed, c.target.start - offset, c.target.end - offset)
        if src is None or tgt is None:
            return None
        trigger = link_of(src, tgt)
        sent = trigger.sent
        code = self.lex.code(f"{p.root}0")
        modality, cue = modality_of(trigger, self.lex, code.root)
        attribution = attribution_of(trigger, self.lex, actors.at, sent)
        rule = f"model:{MODEL_NAME} p={p.probability:.2f}; trigger=link; source=pair; target=pair"
        if cue:
            rule += f"; modality-cue={cue}"
        ev = Event(
            event_id="", doc_id=document.doc_id, date=document.date, date_precision=document.date_precision,
            source=c.source, target=c.target, code=code, modality=modality, attribution=attribution,
            evidence=token_evidence(trigger, src, tgt, offset),
            rule=rule, confidence=round(0.25 + 0.5 * p.probability, 2), sentence_index=k,
        )
        return Event(**{**ev.__dict__, "event_id": self.make_id(ev)})
