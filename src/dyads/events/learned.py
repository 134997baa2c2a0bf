"""A learned root classifier for actor pairs the rules left without an event.

Rules plateau: a verb the lexicon lacks, a construction no pattern foresaw, a parse that hides
the link. For every pair of actors in a sentence that no rule event connects (either way), a
small text classifier (spaCy ``textcat``, trained on the team-written corpus in ``training/``
by ``tools/train_root_model.py``) reads the sentence with the two actors marked and predicts a
CAMEO root or ``NONE``. A prediction above the threshold becomes an event coded to the root's
generic code, triggered at the word that links the two actors in the parse, with modality and
attribution read from there as for rule events, and ``rule`` naming the model and its
probability.

Reads: the parsed document, its mentions, the events the rules found.
Writes: extra `Event`s (never changes a rule event).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc, Token

from dyads.actors.resolver import DocActors
from dyads.events.claims import attribution_of, modality_of
from dyads.events.lexicon import Lexicon, data_dir
from dyads.events.pairs import Candidate, actor_key, candidates, marked_text
from dyads.model import Document, Event, Evidence, Span

NONE = "NONE"
MODEL_NAME = "roots"


def default_model_path() -> Path:
    return data_dir() / "models" / MODEL_NAME


@dataclass(frozen=True)
class Prediction:
    root: str
    probability: float


class RootModel:
    """The trained classifier: marked sentence → (root or NONE, probability)."""

    def __init__(self, path: Path) -> None:
        import spacy

        if not (path / "config.cfg").is_file():
            raise FileNotFoundError(f"{path}: no trained root model here (see tools/train_root_model.py)")
        self.path = path
        self.nlp = spacy.load(path)

    def predict(self, texts: Sequence[str]) -> list[Prediction]:
        out: list[Prediction] = []
        for doc in self.nlp.pipe(texts, batch_size=64):
            label, p = max(doc.cats.items(), key=lambda kv: kv[1])
            out.append(Prediction(label, float(p)))
        return out


def _link(a: Token, b: Token) -> Token:
    """The lowest common ancestor of two tokens in the parse: the word that relates them."""
    ancestors = {a.i, *(t.i for t in a.ancestors)}
    for t in [b, *b.ancestors]:
        if t.i in ancestors:
            return t
    return a.sent.root


class LearnedCoder:
    def __init__(self, model: RootModel, lexicon: Lexicon, threshold: float, make_id: Callable[[Event], str]) -> None:
        self.model = model
        self.lex = lexicon
        self.threshold = threshold
        self.make_id = make_id

    def code(self, parsed: Doc, document: Document, actors: DocActors, events: Sequence[Event]) -> list[Event]:
        covered = {(e.sentence_index, frozenset((actor_key(e.source), actor_key(e.target))))
                   for e in events if e.target is not None}
        sources_with_act = {(e.sentence_index, actor_key(e.source)) for e in events}
        mentions = sorted(actors.mentions, key=lambda m: m.start)
        pending: list[tuple[int, Candidate]] = []
        for k, sent in enumerate(parsed.sents):
            for c in candidates(mentions, sent.start_char, sent.end_char):
                pair = frozenset((actor_key(c.source), actor_key(c.target)))
                if (k, pair) in covered:
                    continue
                pending.append((k, c))
        if not pending:
            return []
        preds = self.model.predict([marked_text(document.text, c) for _, c in pending])
        best: dict[tuple[int, frozenset[str]], tuple[Prediction, Candidate]] = {}
        for (k, c), p in zip(pending, preds):
            if p.root == NONE or p.probability < self.threshold:
                continue
            if (k, actor_key(c.source)) in sources_with_act and p.root in ("01", "02"):
                continue  # the source's act in this sentence is already coded; a statement is its framing
            key = (k, frozenset((actor_key(c.source), actor_key(c.target))))
            if key not in best or p.probability > best[key][0].probability:
                best[key] = (p, c)
        out: list[Event] = []
        for (k, _), (p, c) in sorted(best.items(), key=lambda kv: (kv[0][0], kv[1][1].source.start)):
            ev = self._event(parsed, document, actors, k, c, p)
            if ev is not None:
                out.append(ev)
        return out

    def _event(self, parsed: Doc, document: Document, actors: DocActors, k: int, c: Candidate, p: Prediction) -> Event | None:
        src = parsed.char_span(c.source.start, c.source.end, alignment_mode="expand")
        tgt = parsed.char_span(c.target.start, c.target.end, alignment_mode="expand")
        if src is None or tgt is None:
            return None
        trigger = _link(src.root, tgt.root)
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
            evidence=Evidence(
                sentence=Span(sent.text, sent.start_char, sent.end_char),
                trigger=Span(trigger.text, trigger.idx, trigger.idx + len(trigger.text)),
            ),
            rule=rule, confidence=round(0.25 + 0.5 * p.probability, 2), sentence_index=k,
        )
        return Event(**{**ev.__dict__, "event_id": self.make_id(ev)})
