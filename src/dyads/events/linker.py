"""A learned argument linker: lexicon words that name an act, left by the rules without both sides.

The rules link a verb or event noun to its source and target through a handful of syntactic paths
(subject, object, "on"/"with"/"to" phrases, a possessor, ...). Real news hides the link more often
than that: a parse error, an apposition, a participle, a nominal in a list, the day between the
subject and its verb. For every word of a sentence the lexicon reads as an act (a verb pattern or an
event noun, `dyads.events.coder.Coder._lexical_code`) that no complete rule event uses as trigger,
and every ordered pair of distinct actors the sentence names (`dyads.events.pairs.candidates`), a
logistic model scores whether that pair is the act's source and target. The best pair of a word
becomes an event when its probability reaches the threshold: coded as the lexicon codes the word,
modality and attribution read from the word as for rule events, and ``rule`` naming the model, the
word and the probability (``linker:<lemma> p=0.71``).

The model is trained on real annotated news (``tools/train_linker.py``: news_train, one model per
held-out part for evaluation and one on all parts that ships); features are the parse paths from
the word to each actor and how each actor was resolved, never the article's words beyond the
trigger's lemma.

Reads: the parsed piece, its mentions, the events the rules (and context) found.
Writes: extra `Event`s (never changes another event).
"""

from __future__ import annotations

from collections.abc import Callable, Container, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from spacy.tokens import Doc, Token

from dyads.actors.resolver import DocActors
from dyads.deadline import check
from dyads.events.claims import attribution_of, modality_of
from dyads.events.lexicon import Lexicon, data_dir
from dyads.events.link_features import link_features, word_features
from dyads.events.logistic import presence_probability, read_weights
from dyads.events.pair_features import head_token, token_evidence
from dyads.events.pairs import Candidate, actor_key, candidates
from dyads.events.syntax import agent_of, is_passive
from dyads.model import CameoCode, Document, Event

MODEL_NAME = "linker"
MAX_TRIGGERS_PER_SENTENCE = 12  # bounded cost: a sentence is read for at most this many act words
CLAUSE_BOUNDARIES = {"advcl", "relcl", "acl", "parataxis", "csubj", "ROOT"}  # a clause of its own: another act
PLACE_PREPS = {"in", "at", "near", "inside", "across", "outside", "throughout", "within"}  # a place, not a party


def default_linker_path() -> Path:
    return data_dir() / "models" / MODEL_NAME


class LinkModel:
    """Binary logistic regression over presence features (weights as JSON): P(pair is the act's dyad)."""

    def __init__(self, path: Path) -> None:
        data = read_weights(path, "linker", "tools/train_linker.py")
        self.path = path
        self.bias = float(data["bias"])
        self.weights: dict[str, float] = {k: float(v) for k, v in data["weights"].items()}

    def probability(self, features: Sequence[str]) -> float:
        return presence_probability(self.bias, self.weights, features)


@dataclass(frozen=True)
class LinkCandidate:
    """One act word of a sentence and one ordered actor pair that may be its dyad."""

    sentence_index: int
    trigger: Token
    code: CameoCode
    pair: Candidate
    features: list[str]


class Linker:
    def __init__(self, model: LinkModel, lexicon: Lexicon, lexical_code: Callable[[Token], CameoCode | None],
                 threshold: float, make_id: Callable[[Event], str]) -> None:
        self.model = model
        self.lex = lexicon
        self.lexical_code = lexical_code
        self.threshold = threshold
        self.make_id = make_id

    def candidates(self, parsed: Doc, actors: DocActors, events: Sequence[Event], offset: int = 0,
                   first_sentence: int = 0) -> Iterator[LinkCandidate]:
        """Every (act word without a complete event, actor pair) of the piece, with its features."""
        # the dyads read at each trigger of a complete event (its offset in the parsed piece)
        dyads: dict[int, set[frozenset[str]]] = {}
        for e in events:
            if e.target is not None:
                dyads.setdefault(e.evidence.trigger.start - offset, set()).add(frozenset((actor_key(e.source), actor_key(e.target))))
        used = dyads.keys()
        # a word inside another event's reading ("imposed sanctions": the noun of a coded verb) is told apart
        coded = used | {e.evidence.trigger.start - offset for e in events}
        mentions = sorted(actors.mentions, key=lambda m: m.start)
        for n, sent in enumerate(parsed.sents):
            check()  # the document's time budget, per sentence
            pairs = candidates(mentions, offset + sent.start_char, offset + sent.end_char)
            if not pairs:
                continue
            heads = [(p, head_token(parsed, p.source.start - offset, p.source.end - offset),
                      head_token(parsed, p.target.start - offset, p.target.end - offset)) for p in pairs]
            words = 0
            for tok in sent:
                if tok.pos_ not in ("VERB", "NOUN") or tok.idx in used:
                    continue
                code = self.lexical_code(tok)
                if code is None:
                    continue
                words += 1
                if words > MAX_TRIGGERS_PER_SENTENCE:
                    break
                reading = _reading_of(tok, used)
                # the dyads already read there: the same act again between them is one act, not two
                # ("threatened to impose tariffs on Mexico", "imposed sanctions on Iran")
                told = set(dyads.get(reading.idx, set())) if reading is not None else set()
                for c in tok.children:  # "warned that its army would strike": the warning is that act's reading
                    if c.dep_ in ("ccomp", "xcomp") and c.idx in used:
                        told |= dyads[c.idx]
                own = _own_source(tok)
                of_word = word_features(tok, code, coded)  # the word's own features, once for all its pairs
                if own is not None and tok.pos_ == "NOUN" and tok.lemma_.lower() in self.lex.patient_nouns:
                    own = None  # "his arrest": the possessor undergoes the act (the target rule below holds it)
                for p, s, t in heads:
                    if s is None or t is None or tok.i in (s.i, t.i):
                        continue
                    if frozenset((actor_key(p.source), actor_key(p.target))) in told:
                        continue
                    if own is not None and not _within(s, own):
                        continue  # a word with its own subject (or agent) acts for that subject only
                    if _venue(t, self._declared_preps(tok)) or _venue(s, frozenset()):
                        continue  # "a meeting in the Dominican Republic": where it happens, not with whom
                    yield LinkCandidate(first_sentence + n, tok, code, p, link_features(tok, s, t, p, code, len(heads), of_word))

    def _declared_preps(self, tok: Token) -> frozenset[str]:
        """The prepositions the word's lexicon entry names for its target ("fire at", "talks in")."""
        lemma = tok.lemma_.lower()
        entry = self.lex.verbs.get(lemma) if tok.pos_ == "VERB" else self.lex.nouns.get(lemma)
        return entry.target_prep if entry is not None else frozenset()

    def code(self, parsed: Doc, document: Document, actors: DocActors, events: Sequence[Event], offset: int = 0,
             first_sentence: int = 0) -> list[Event]:
        best: dict[int, tuple[float, LinkCandidate]] = {}
        for c in self.candidates(parsed, actors, events, offset, first_sentence):
            p = self.model.probability(c.features)
            if p >= self.threshold and (c.trigger.i not in best or p > best[c.trigger.i][0]):
                best[c.trigger.i] = (p, c)
        return [self._event(parsed, document, actors, c, p, offset) for _, (p, c) in sorted(best.items())]

    def _event(self, parsed: Doc, document: Document, actors: DocActors, c: LinkCandidate, p: float,
               offset: int) -> Event:
        tok, sent = c.trigger, c.trigger.sent
        modality, cue = modality_of(tok, self.lex, c.code.root)
        attribution = attribution_of(tok, self.lex, actors.at, sent)
        rule = f"{MODEL_NAME}:{tok.lemma_.lower()} p={p:.2f}; trigger=lexicon; source=linked; target=linked"
        if cue:
            rule += f"; modality-cue={cue}"
        s = head_token(parsed, c.pair.source.start - offset, c.pair.source.end - offset)
        t = head_token(parsed, c.pair.target.start - offset, c.pair.target.end - offset)
        ev = Event(
            event_id="", doc_id=document.doc_id, date=document.date, date_precision=document.date_precision,
            source=c.pair.source, target=c.pair.target, code=c.code, modality=modality, attribution=attribution,
            evidence=token_evidence(tok, s, t, offset),
            rule=rule, confidence=round(0.25 + 0.5 * p, 2), sentence_index=c.sentence_index,
        )
        return replace(ev, event_id=self.make_id(ev))


def _reading_of(word: Token, triggers: Container[int]) -> Token | None:
    """The complete event's trigger whose reading the word belongs to: the word is its object or in a
    phrase of it ("imposed sanctions"), or in its clausal complement ("threatened to impose tariffs",
    "promised to send aid"). A clause of its own (adverbial, relative, coordinated) is not."""
    tok = word
    for _ in range(8):
        if tok.dep_ in CLAUSE_BOUNDARIES or (tok.dep_ == "conj" and tok.pos_ in ("VERB", "AUX")) or tok.head.i == tok.i:
            return None
        tok = tok.head
        if tok.idx in triggers:
            return tok
    return None


def _venue(actor: Token, declared: frozenset[str]) -> bool:
    """Whether the actor is named as a place ("in", "at", "near" ...) its word does not take as a target."""
    prep = actor.head if actor.dep_ == "pobj" else None
    return prep is not None and prep.lower_ in PLACE_PREPS and prep.lower_ not in declared


def _own_source(word: Token) -> Token | None:
    """The word's own grammatical source: a verb's subject ("by"-agent when passive), a noun's possessor
    ("Russia's attack"), else None."""
    if word.pos_ == "NOUN":
        return next((c for c in word.children if c.dep_ == "poss"), None)
    if word.pos_ != "VERB":
        return None
    agent = agent_of(word)
    if agent is not None or is_passive(word):
        return agent  # a passive without its agent leaves the doer unsaid
    return next((c for c in word.children if c.dep_ in ("nsubj", "csubj")), None)


def _within(tok: Token, phrase_head: Token) -> bool:
    """Whether ``tok`` is ``phrase_head`` or inside its phrase."""
    return tok.i == phrase_head.i or any(a.i == phrase_head.i for a in tok.ancestors)

