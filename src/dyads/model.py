"""The data that flows between stages: small frozen dataclasses.

Invariants kept by every producer:
- offsets (``start``/``end``) are character offsets into ``Document.text``;
- ``Document.text[start:end] == span.text`` for every span;
- nothing here knows about storage or presentation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Modality = Literal["asserted", "negated", "threatened", "intended", "hypothetical", "uncertain"]
AttributionKind = Literal["author", "quote", "reported"]
DatePrecision = Literal["day", "month", "year", "inferred"]  # inferred: a day whose year the text did not give


@dataclass(frozen=True)
class Document:
    """One article as stored: ``text`` is the exact string all offsets refer to."""

    doc_id: str
    text: str
    title: str | None = None
    date: str | None = None  # ISO "YYYY-MM-DD", or None when the article carries no date
    date_precision: DatePrecision | None = None
    url: str | None = None
    outlet: str | None = None
    path: str | None = None
    content_hash: str = ""
    # ISO 639-1 code of the article's language ("en", "es"); None until ingest detects or is told it.
    # The pipeline codes None as English.
    lang: str | None = None


@dataclass(frozen=True)
class Span:
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Sentence:
    doc_id: str
    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Role:
    title: str
    sector: str | None
    start: str | None = None
    end: str | None = None


@dataclass(frozen=True)
class Actor:
    """A canonical actor: a state, an organisation or a person."""

    actor_id: str
    name: str
    kind: Literal["country", "organisation", "person", "group"]
    country: str | None
    sector: str | None
    code: str
    aliases: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()
    how: str = "dictionary"  # dictionary | title | apposition | user | learned


@dataclass(frozen=True)
class Mention:
    """A span of a document resolved to an actor, with how it was resolved."""

    doc_id: str
    sentence_index: int
    start: int
    end: int
    text: str
    actor: Actor
    how: str  # alias | metonym | adjective+agent | title | apposition | coreference | ...
    evidence: str = ""  # the sentence or phrase that justified a learned actor


@dataclass(frozen=True)
class Quantity:
    text: str
    value: float
    unit: str
    per: str | None = None
    start: int = 0
    end: int = 0


@dataclass(frozen=True)
class Attribution:
    kind: AttributionKind
    speaker: Mention | None = None
    cue: str | None = None  # the reporting verb or phrase ("said", "according to")


@dataclass(frozen=True)
class Evidence:
    """Where an event was read: its sentence, its trigger, and the source and target arguments as
    written (the noun phrases filling those roles, whether or not they name a known actor:
    "killed 15 army trainees", "attacked an army camp"); ``None`` when the clause names none."""

    sentence: Span
    trigger: Span
    source_phrase: Span | None = None
    target_phrase: Span | None = None


@dataclass(frozen=True)
class CameoCode:
    code: str
    name: str
    root: str
    goldstein: float
    quad_class: int
    plover_event: str | None
    plover_mode: str | None
    plover_context: str | None = None


PlacePrecision = Literal["point", "admin1", "country", "sea"]


@dataclass(frozen=True)
class Location:
    """Where an event happened (or where a city or region actor is), resolved to a gazetteer entry.

    ``how`` says where the place was read: "in-sentence" (a place in the event's own clause),
    "dateline" (the wire dateline, for acts done where the reporter was), "context" (the same
    act, or a meeting or visit of the same sides, placed by another sentence of the document) or
    "coref" (a meeting or seizure told again: the place a sentence near it gives that happening);
    ``resolved`` says how the name was chosen among its gazetteer entries: "unique", "in-sentence"
    or "document focus" (a country the sentence or the document names), "largest" (population),
    "country only" (the name is a country's), "demonym" (a nationality adjective on a land noun,
    "Iraqi territory"), "coordinated" (places of one country named together, "in Ankara and
    Istanbul": the country). ``span`` is the place name as written, offsets into ``Document.text``.
    ``country`` is ISO 3166-1 alpha-3, "SEA" for open water, None for a region across borders."""

    name: str
    geonames_id: int | None
    country: str | None
    admin1: str | None
    lat: float
    lon: float
    precision: PlacePrecision
    how: str
    resolved: str
    span: Span


@dataclass(frozen=True)
class Event:
    event_id: str
    doc_id: str
    date: str | None
    date_precision: DatePrecision | None
    source: Mention
    target: Mention | None
    code: CameoCode
    modality: Modality
    attribution: Attribution
    evidence: Evidence
    quantities: tuple[Quantity, ...] = ()
    rule: str = ""
    confidence: float = 0.5
    framing: tuple[Span, ...] = field(default_factory=tuple)
    sentence_index: int = 0
    # an act before the article's news (its own earlier date, or told in the past perfect outside
    # reported speech): never dated as the article
    background: bool = False
    location: Location | None = None  # where the act happened, when the text says (dyads.places)
    source_place: Location | None = None  # the source actor's own place when it is a city or region
    target_place: Location | None = None


@dataclass(frozen=True)
class FramingMark:
    """Loaded or opinion language in a sentence: the outlet's voice, not a fact."""

    doc_id: str
    sentence_index: int
    span: Span
    category: str


@dataclass(frozen=True)
class Analysis:
    """Everything the pipeline derived from one document."""

    document: Document
    sentences: tuple[Sentence, ...]
    mentions: tuple[Mention, ...]
    events: tuple[Event, ...]
    framing: tuple[FramingMark, ...] = ()
    discarded: str | None = None  # why the document was judged non-political, if it was
    warnings: tuple[str, ...] = ()  # what was bounded or dropped (cut sentences, capped events), one line each
