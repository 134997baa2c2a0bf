"""The document pipeline: nlp → actors → events, one `Analysis` per `Document`.

This module wires the stages; it does not know about storage. The store and the CLI call it.
Cost is bounded: texts of any length are parsed and coded in paragraph pieces (`dyads.nlp.chunks`),
sentences are cut at `MAX_SENTENCE_TOKENS` before parsing, and at most `MAX_EVENTS_PER_SENTENCE`
events are kept per sentence; each bound that bites is a warning on the `Analysis`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace

from dyads.actors.gazetteer import Gazetteer, default_gazetteer
from dyads.actors.registry import Registry
from dyads.actors.resolver import Resolver
from dyads.events.coder import Coder
from dyads.events.framing import discard_reason, framing_marks
from dyads.events.lexicon import Lexicon, default_lexicon
from dyads.model import Actor, Analysis, Document, Event, FramingMark, Mention, Sentence, Span
from dyads.nlp import load_model
from dyads.nlp.chunks import Piece, parse_texts
from dyads.nlp.pipeline import MAX_SENTENCE_TOKENS
from dyads.settings import Settings

POLITICAL_SECTORS = {"GOV", "MIL", "COP", "IGO", "LEG", "JUD", "SPY", "REB", "INS"}
MAX_EVENTS_PER_SENTENCE = 12

# Called with a document whose analysis failed and the exception; the document is then skipped.
OnError = Callable[[Document, Exception], None]


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

    def seed(self, learned: Iterable[Actor]) -> None:
        """Actors learned in earlier runs (from the store), so names resolve across documents."""
        for actor in learned:
            for alias in actor.aliases or (actor.name,):
                self.registry.learn(actor, alias, "")

    def analyse(self, documents: Iterable[Document], on_error: OnError | None = None) -> Iterator[Analysis]:
        """One `Analysis` per document, in order. Without ``on_error`` any failure propagates; with
        it, a document whose parsing or coding raises is reported there and skipped, and the rest go on."""
        docs = list(documents) if not isinstance(documents, list) else documents
        done = 0
        while done < len(docs):
            rest = docs[done:]
            stream = parse_texts(self.nlp, [d.text for d in rest], self.settings.batch_size, self.settings.n_process)
            try:
                for document, parsed in zip(rest, stream):
                    done += 1
                    if (analysis := self._guarded(document, parsed, on_error)) is not None:
                        yield analysis
            except Exception as exc:  # the parser failed inside a batch: the next document goes alone
                if on_error is None:
                    raise
                document = docs[done]
                done += 1  # progress is certain: every failure moves past one document
                try:
                    parsed = next(iter(parse_texts(self.nlp, [document.text])))
                except Exception:
                    on_error(document, exc)
                    continue
                if (analysis := self._guarded(document, parsed, on_error)) is not None:
                    yield analysis

    def _guarded(self, document: Document, parsed: list[Piece], on_error: OnError | None) -> Analysis | None:
        if on_error is None:
            return self._analyse_one(document, parsed)
        try:
            return self._analyse_one(document, parsed)
        except Exception as exc:
            on_error(document, exc)
            return None

    def _analyse_one(self, document: Document, pieces: list[Piece]) -> Analysis:
        """Actors, sentences, framing and events of one document, piece by piece (one piece unless the
        text is long); offsets are shifted into the whole text, sentence numbers run on."""
        resolved = [(offset, doc, self.resolver.resolve(doc, document.doc_id, document.date, offset=offset))
                    for offset, doc in pieces]
        mentions: list[Mention] = []
        sentences: list[Sentence] = []
        events: list[Event] = []
        framing: list[FramingMark] = []
        first_sentence = 0
        for _, doc, actors in resolved:
            mentions += [replace(m, sentence_index=m.sentence_index + first_sentence) for m in actors.mentions]
            first_sentence += sum(1 for _ in doc.sents)
        political = sum(1 for m in mentions if (m.actor.sector in POLITICAL_SECTORS or m.actor.kind == "person"))
        discarded = discard_reason(self.lexicon, document.text, political)
        warnings: list[str] = []
        if cut := sum(int(doc.user_data.get("dyads_cut_sentences", 0)) for _, doc in pieces):
            warnings.append(f"{cut} run(s) of over {MAX_SENTENCE_TOKENS} words without a sentence end were cut into sentences")
        capped = 0
        k = 0
        for offset, doc, actors in resolved:
            for sent in doc.sents:
                text = sent.text.rstrip()  # a sentence ends at its last character, not after the blank lines that follow
                start = offset + sent.start_char
                sentences.append(Sentence(document.doc_id, k, start, start + len(text), text))
                marks = framing_marks(self.lexicon, document.doc_id, k, sent.text, start)
                framing += marks
                if not discarded:
                    kept = [ev for ev in self.coder.code_sentence(sent, k, document, actors, offset=offset, history=events)
                            if ev.confidence >= self.settings.min_confidence]
                    if len(kept) > MAX_EVENTS_PER_SENTENCE:  # most confident first; the order of the rest is kept
                        capped += 1
                        best = set(map(id, sorted(kept, key=lambda e: -e.confidence)[:MAX_EVENTS_PER_SENTENCE]))
                        kept = [ev for ev in kept if id(ev) in best]
                    events += [_with_framing(ev, marks) for ev in kept]
                k += 1
        if capped:
            warnings.append(f"{capped} sentence(s) gave over {MAX_EVENTS_PER_SENTENCE} events; the most confident were kept")
        return Analysis(document, tuple(sentences), tuple(mentions), tuple(_dedupe(events)), tuple(framing), discarded,
                        tuple(warnings))


def _with_framing(ev: Event, marks: list[FramingMark]) -> Event:
    """The event with the sentence's framing marks and its evidence sentence without trailing blanks."""
    sentence = ev.evidence.sentence
    if sentence.text != sentence.text.rstrip():
        text = sentence.text.rstrip()
        ev = replace(ev, evidence=replace(ev.evidence, sentence=Span(text, sentence.start, sentence.start + len(text))))
    if not marks:
        return ev
    return replace(ev, framing=tuple(m.span for m in marks))


def _dedupe(events: list[Event]) -> list[Event]:
    seen: dict[str, Event] = {}
    for e in events:
        seen.setdefault(e.event_id, e)
    return list(seen.values())

