"""The document pipeline: nlp → actors → events, one `Analysis` per `Document`.

This module wires the stages; it does not know about storage. The store and the CLI call it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace

from dyads.actors.document_context import DocumentContext
from dyads.actors.gazetteer import Gazetteer, default_gazetteer
from dyads.actors.registry import Registry
from dyads.actors.resolver import Resolver
from dyads.events.coder import Coder, id_of
from dyads.events.context import ContextRefiner, DocContext
from dyads.events.framing import discard_reason, framing_marks
from dyads.events.learned import LearnedCoder, RootModel, default_model_path
from dyads.events.lexicon import Lexicon, default_lexicon
from dyads.model import Actor, Analysis, Document, Event, FramingMark, Sentence
from dyads.nlp import load_model
from dyads.settings import Settings

POLITICAL_SECTORS = {"GOV", "MIL", "COP", "IGO", "LEG", "JUD", "SPY", "REB", "INS"}


@dataclass
class Pipeline:
    settings: Settings
    gazetteer: Gazetteer = field(init=False)
    lexicon: Lexicon = field(init=False)
    registry: Registry = field(default_factory=Registry)

    def __post_init__(self) -> None:
        self.gazetteer = default_gazetteer(self.settings.actors_file)
        self.lexicon = default_lexicon()
        self.nlp = load_model(self.settings.model)
        self.resolver = Resolver(self.gazetteer, self.registry)
        self.coder = Coder(self.lexicon)
        self.document_actors = DocumentContext(self.gazetteer)
        self.context = ContextRefiner(id_of)
        self.learned: LearnedCoder | None = None
        if self.settings.root_model:
            model = RootModel(default_model_path())
            self.learned = LearnedCoder(model, self.lexicon, self.settings.root_model_threshold, id_of,
                                        self.coder.lexical_root)

    def seed(self, learned: Iterable[Actor]) -> None:
        """Actors learned in earlier runs (from the store), so names resolve across documents."""
        for actor in learned:
            for alias in actor.aliases or (actor.name,):
                self.registry.learn(actor, alias, "")

    def analyse(self, documents: Iterable[Document]) -> Iterator[Analysis]:
        docs = list(documents) if not isinstance(documents, list) else documents
        texts = (d.text for d in docs)
        for document, parsed in zip(docs, self.nlp.pipe(texts, batch_size=self.settings.batch_size, n_process=self.settings.n_process)):
            yield self._analyse_one(document, parsed)

    def _analyse_one(self, document: Document, parsed) -> Analysis:  # type: ignore[no-untyped-def]
        actors = self.resolver.resolve(parsed, document.doc_id, document.date)
        self.document_actors.refine(parsed, actors, document.doc_id)
        sentences: list[Sentence] = []
        events: list[Event] = []
        framing: list[FramingMark] = []
        political = sum(1 for m in actors.mentions if (m.actor.sector in POLITICAL_SECTORS or m.actor.kind == "person"))
        discarded = discard_reason(self.lexicon, document.text, political)
        for k, sent in enumerate(parsed.sents):
            sentences.append(Sentence(document.doc_id, k, sent.start_char, sent.end_char, sent.text))
            marks = framing_marks(self.lexicon, document.doc_id, k, sent.text, sent.start_char)
            framing += marks
            if discarded:
                continue
            events += [_with_framing(ev, marks) for ev in self.coder.code_sentence(sent, k, document, actors, history=events)]
        mentions = sorted(actors.mentions, key=lambda m: m.start)
        events = self.context.refine(events, DocContext(document.text, mentions, parsed))
        if self.learned is not None and not discarded:
            if self.settings.root_model_arbitrate < 1.0:
                events = self.learned.arbitrate(parsed, events, self.settings.root_model_arbitrate)
            events += self.learned.code(parsed, document, actors, events)
        events = [ev for ev in events if ev.confidence >= self.settings.min_confidence]
        return Analysis(document, tuple(sentences), tuple(actors.mentions), tuple(_dedupe(events)), tuple(framing), discarded)


def _with_framing(ev: Event, marks: list[FramingMark]) -> Event:
    if not marks:
        return ev
    return replace(ev, framing=tuple(m.span for m in marks))


def _dedupe(events: list[Event]) -> list[Event]:
    seen: dict[str, Event] = {}
    for e in events:
        seen.setdefault(e.event_id, e)
    return list(seen.values())
