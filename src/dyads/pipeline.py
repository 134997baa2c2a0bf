"""The document pipeline: nlp → actors → events, one `Analysis` per `Document`.

This module wires the stages; it does not know about storage. The store and the CLI call it.
Cost is bounded: texts of any length are parsed and coded in paragraph pieces (`dyads.nlp.chunks`),
sentences are cut at `MAX_SENTENCE_TOKENS` before parsing, at most `MAX_EVENTS_PER_SENTENCE`
events are kept per sentence and `MAX_EVENTS_PER_DOCUMENT` per document (each bound that bites is a
warning on the `Analysis`), and the coder
looks back on at most `HISTORY_EVENTS` earlier events.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import partial
from itertools import groupby
from typing import Any, Protocol, TypeVar

from spacy.tokens import Doc as SpacyDoc
from spacy.tokens import Span as SpacySpan

from dyads.actors.document_context import DocumentContext
from dyads.actors.gazetteer import Gazetteer, default_gazetteer
from dyads.actors.registry import Registry
from dyads.actors.resolver import DocActors, Resolver
from dyads.actors.spanish import SpanishResolver
from dyads.deadline import Deadline, DocumentTimeout, check, within
from dyads.events.clause import mark_clauses
from dyads.events.coder import Coder
from dyads.events.context import ContextRefiner, DocContext
from dyads.events.framing import discard_reason, framing_marks
from dyads.events.ids import id_of
from dyads.events.learned import LearnedCoder, RootModel, default_model_path
from dyads.events.lexicon import Lexicon, default_lexicon
from dyads.events.linker import Linker, LinkModel, default_linker_path
from dyads.events.spanish import SpanishCoder
from dyads.events.verifier import Verifier, default_verifier_path
from dyads.model import Actor, Analysis, Document, Event, FramingMark, Mention, Sentence, Span
from dyads.nlp import ModelNotInstalled, load_model
from dyads.nlp.chunks import Piece, parse_pieces
from dyads.nlp.pipeline import MAX_SENTENCE_TOKENS
from dyads.places.locator import DocumentPlaces, Locator
from dyads.settings import Settings

POLITICAL_SECTORS = {"GOV", "MIL", "COP", "IGO", "LEG", "JUD", "SPY", "REB", "INS"}
MAX_EVENTS_PER_SENTENCE = 12
# Events one document may give: far more than any article or report gives (a 1 MB report of varied
# prose gives a few thousand); a text dense with coded acts by construction stops being coded there,
# which bounds the memory of its analysis and of its single-transaction write (issue 9, item 7).
MAX_EVENTS_PER_DOCUMENT = 20_000
# Earlier events the coder may look back on (answers, reactions, "the attack"): far more than any news
# article has, while a book-length text does not make each event scan all those before it.
HISTORY_EVENTS = 250

# Called with a document whose analysis failed and the exception; the document is then skipped.
OnError = Callable[[Document, Exception], None]
T = TypeVar("T")
# Languages coded besides English (ISO 639-1), each with its own model, dictionaries and coder; a
# document of any other language, or of unknown language (None), is coded as English.
CODED_LANGUAGES = {"es"}


def language_of(document: Document) -> str:
    return document.lang if document.lang in CODED_LANGUAGES else "en"


class _Resolving(Protocol):
    def resolve(self, doc: SpacyDoc, doc_id: str, date: str | None, offset: int = 0) -> DocActors: ...


class _Coding(Protocol):
    def code_sentence(self, sent: SpacySpan, sent_index: int, doc: Document, actors: DocActors, offset: int = 0,
                      history: list[Event] | None = None) -> list[Event]: ...


@dataclass(frozen=True)
class _Tools:
    """What codes one language: its parser, actor resolver, coder and lexicon; the stages only the
    English path has (document actors, context rules, learned coder, places, verifier: each trained
    or written on English) are None for another language."""

    lang: str
    nlp: Any
    resolver: _Resolving
    coder: _Coding
    lexicon: Lexicon
    document_actors: DocumentContext | None = None
    context: ContextRefiner | None = None
    learned: LearnedCoder | None = None
    locator: Locator | None = None
    verifier: Verifier | None = None
    linker: Linker | None = None


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
        self.locator = Locator(self.gazetteer) if self.settings.locate_events else None
        self.learned: LearnedCoder | None = None
        if self.settings.root_model:
            model = RootModel(default_model_path())
            self.learned = LearnedCoder(model, self.lexicon, self.settings.root_model_threshold, id_of,
                                        self.coder.lexical_root, self.settings.root_model_second_reading)
        self.verifier = Verifier(default_verifier_path()) if self.settings.verifier else None
        self.linker: Linker | None = None
        if self.settings.linker:
            self.linker = Linker(LinkModel(default_linker_path()), self.lexicon, self.coder.lexical_code,
                                 self.settings.linker_threshold, id_of)
        self._spanish: _Tools | str | None = None  # loaded on the first Spanish document; str: why not

    def tools(self, lang: str) -> _Tools | str:
        """The tools for ``lang``, or the one-line reason they are missing. English reads this
        pipeline's attributes on each call (a caller may replace ``learned``); Spanish is loaded once."""
        if lang == "en":
            return _Tools("en", self.nlp, self.resolver, self.coder, self.lexicon, self.document_actors, self.context,
                          self.learned, self.locator, self.verifier, self.linker)
        if self._spanish is None:
            try:
                nlp = load_model(self.settings.model_es)
            except ModelNotInstalled as exc:
                self._spanish = str(exc)
            else:
                gazetteer = default_gazetteer(self.settings.actors_file, "es")
                lexicon = default_lexicon("es")
                self._spanish = _Tools("es", nlp, SpanishResolver(gazetteer, self.registry), SpanishCoder(lexicon), lexicon)
        return self._spanish

    def seed(self, learned: Iterable[Actor]) -> None:
        """Actors learned in earlier runs (from the store), so their names resolve in every document
        of this run (what a document of this run learns serves that document only: `Registry`)."""
        for actor in learned:
            for alias in actor.aliases or (actor.name,):
                self.registry.seed(actor, alias)

    def analyse(self, documents: Iterable[Document], on_error: OnError | None = None) -> Iterator[Analysis]:
        """One `Analysis` per document, in order. Without ``on_error`` any failure propagates; with
        it, a document whose parsing or coding raises is reported there and skipped, and the rest go on."""
        docs = list(documents) if not isinstance(documents, list) else documents
        for lang, run in groupby(docs, key=language_of):  # runs of one language, in the documents' order
            tools = self.tools(lang)
            if isinstance(tools, str):  # that language's model is not installed: no events, one line each
                for d in run:
                    yield Analysis(d, (), (), (), (), None, (f"{d.doc_id}: not coded: {tools}",))
                continue
            yield from self._analyse_run(list(run), tools, on_error)

    def _analyse_run(self, docs: list[Document], tools: _Tools, on_error: OnError | None) -> Iterator[Analysis]:
        done = 0
        while done < len(docs):
            rest = docs[done:]
            current: _DocumentWork | None = None
            try:
                for piece in parse_pieces(tools.nlp, [d.text for d in rest], self.settings.batch_size, self.settings.n_process):
                    if current is None:
                        current = _DocumentWork(self, rest[piece.index], tools)
                    if not current.failed:
                        self._guarded(partial(current.add, piece), current, on_error)
                    if current.failed and not piece.last:
                        # the document failed (its time budget, most often): its remaining pieces are never
                        # parsed; the stream starts again after it, so a failed document costs its budget
                        done += 1
                        break
                    if piece.last:
                        done += 1
                        finished = self._guarded(current.finish, current, on_error) if not current.failed else None
                        current = None
                        if finished is not None:
                            yield finished
            except Exception as exc:  # the parser failed inside a batch: the next document goes alone
                if on_error is None:
                    raise
                work = _DocumentWork(self, docs[done], tools)
                done += 1  # progress is certain: every failure moves past one document
                try:
                    with within(work.deadline):
                        for piece in parse_pieces(tools.nlp, [work.document.text]):
                            work.add(piece)
                        alone = work.finish()
                except Exception as again:
                    on_error(work.document, again if isinstance(again, DocumentTimeout) else exc)
                    continue
                yield alone

    @staticmethod
    def _guarded(step: Callable[[], T], work: _DocumentWork, on_error: OnError | None) -> T | None:
        """``step()`` within the document's time budget (`dyads.deadline`); with ``on_error``, a
        failure (`DocumentTimeout` included) is reported once and marks the document failed."""
        if on_error is None:
            with within(work.deadline):
                return step()
        try:
            with within(work.deadline):
                return step()
        except Exception as exc:
            work.failed = True
            on_error(work.document, exc)
            return None


@dataclass
class _DocumentWork:
    """One document's analysis, built piece by piece (`dyads.nlp.chunks.Piece`): offsets shifted into
    the whole text, sentence numbers running on, each `Doc` dropped once its piece is coded. For a
    document of one piece the non-political check comes first (nothing is coded when discarded);
    for a longer one it needs every piece's mentions, so events are coded and dropped if discarded."""

    pipe: Pipeline
    document: Document
    tools: _Tools
    failed: bool = False
    mentions: list[Mention] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    framing: list[FramingMark] = field(default_factory=list)
    cut: int = 0
    capped: int = 0
    full: bool = False  # MAX_EVENTS_PER_DOCUMENT reached: later sentences are not coded
    discarded: str | None = None
    deadline: Deadline | None = None  # from the first piece on: the budget covers its parsing and coding
    places: DocumentPlaces | None = None

    def __post_init__(self) -> None:
        self.deadline = Deadline.after(self.pipe.settings.max_document_seconds)
        self.pipe.registry.begin_document()  # learned people serve the document that taught them
        if self.tools.locator is not None:
            self.places = self.tools.locator.document(self.document.text)

    def add(self, piece: Piece) -> None:
        pipe, document = self.tools, self.document
        actors = pipe.resolver.resolve(piece.doc, document.doc_id, document.date, offset=piece.offset)
        if pipe.document_actors is not None:
            pipe.document_actors.refine(piece.doc, actors, document.doc_id, offset=piece.offset)
        first = len(self.sentences)
        # sentence numbers run on across pieces (a document's first piece keeps its mentions as they are)
        self.mentions += [replace(m, sentence_index=m.sentence_index + first) for m in actors.mentions] if first \
            else list(actors.mentions)
        self.cut += int(piece.doc.user_data.get("dyads_cut_sentences", 0))
        if piece.offset == 0 and piece.last:
            self.discarded = self._discard_reason()
        coded: list[Event] = []
        for sent in piece.doc.sents:
            check()  # the document's time budget, between sentences (any thread)
            k = len(self.sentences)
            text = sent.text.rstrip()  # a sentence ends at its last character, not after the blank lines that follow
            start = piece.offset + sent.start_char
            self.sentences.append(Sentence(document.doc_id, k, start, start + len(text), text))
            marks = framing_marks(pipe.lexicon, document.doc_id, k, sent.text, start)
            self.framing += marks
            if self.discarded or self.full:
                continue
            # event anaphora looks back; a bounded window (never the whole list copied) keeps cost linear
            recent = (self.events[-HISTORY_EVENTS:] + coded)[-HISTORY_EVENTS:]
            kept = pipe.coder.code_sentence(sent, k, document, actors, offset=piece.offset, history=recent)
            if len(kept) > MAX_EVENTS_PER_SENTENCE:  # most confident first; the order of the rest is kept
                self.capped += 1
                best = set(map(id, sorted(kept, key=lambda e: -e.confidence)[:MAX_EVENTS_PER_SENTENCE]))
                kept = [ev for ev in kept if id(ev) in best]
            coded += [_with_framing(ev, marks) for ev in kept]
        if self.discarded or not coded and pipe.learned is None and pipe.linker is None:
            return
        # what the sentences leave unsaid, the piece supplies (targets from the sentence, the running
        # dyad); then the learned classifier codes the actor pairs no rule linked
        mentions = sorted(actors.mentions, key=lambda m: m.start)
        if pipe.context is not None:
            coded = pipe.context.refine(coded, DocContext(document.text, mentions, piece.doc, piece.offset))
        if pipe.linker is not None:  # act words the rules read but could not link to both sides
            coded += pipe.linker.code(piece.doc, document, actors, coded, piece.offset, first)
        if pipe.learned is not None:
            settings = self.pipe.settings
            if settings.root_model_arbitrate < 1.0:
                coded = pipe.learned.arbitrate(piece.doc, coded, settings.root_model_arbitrate, piece.offset)
            coded += pipe.learned.code(piece.doc, document, actors, coded, piece.offset, first)
        if pipe.lang == "en":  # the trigger's place in its sentence, read with English dependency labels
            coded = mark_clauses(piece.doc, piece.offset, coded)
        if self.places is not None and coded:  # where each act happened (dyads.places)
            coded = self.places.locate(piece.doc, piece.offset, coded, actors.mentions)
        self.events += coded
        if len(self.events) >= MAX_EVENTS_PER_DOCUMENT:
            self.full = True
            del self.events[MAX_EVENTS_PER_DOCUMENT:]

    def _kept(self, events: list[Event]) -> list[Event]:
        """What the document gives: events with both sides resolved (a partial reading is kept only
        when asked, for debugging), scored by the verifier, at or above the confidence floor."""
        settings = self.pipe.settings
        if not settings.keep_partial_events:
            events = [e for e in events if e.target is not None]
        if self.tools.verifier is not None:
            events = self.tools.verifier.verify(events)
        return [e for e in events if e.confidence >= settings.min_confidence]

    def _discard_reason(self) -> str | None:
        political = sum(1 for m in self.mentions if (m.actor.sector in POLITICAL_SECTORS or m.actor.kind == "person"))
        return discard_reason(self.tools.lexicon, self.document.text, political)

    def finish(self) -> Analysis:
        discarded = self.discarded or self._discard_reason()
        warnings: list[str] = []
        if self.cut:
            warnings.append(f"{self.cut} run(s) of over {MAX_SENTENCE_TOKENS} words without a sentence end were cut into sentences")
        if self.capped and not discarded:
            warnings.append(f"{self.capped} sentence(s) gave over {MAX_EVENTS_PER_SENTENCE} events; the most confident were kept")
        if self.full and not discarded:
            warnings.append(f"coding stopped at {MAX_EVENTS_PER_DOCUMENT} events; the sentences after that have none")
        events = () if discarded else tuple(self._kept(_dedupe(self.events)))
        return Analysis(self.document, tuple(self.sentences), tuple(self.mentions), events, tuple(self.framing), discarded,
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

