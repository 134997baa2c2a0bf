"""The arguments of an event as written: the noun phrases that fill its source and target roles,
whether or not they resolve to a known actor ("killed 15 army trainees", "attacked an army camp").
They make every event traceable to who and what the sentence names, and are what argument-tagged
corpora (S/T spans) measure."""

from __future__ import annotations

from spacy.tokens import Doc as SpacyDoc
from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from dyads.events.roles import ACT_NOUNS, PLACE_NOUNS
from dyads.events.syntax import children, noun_phrase, object_lemmas, objects_of, preps_of
from dyads.model import Mention, Span

# Objects that name the act rather than whom it is aimed at ("issued a warning to", "expressed hopes")
ACT_OBJECTS = {"warning", "lawsuit", "suit", "case", "condolence", "condolences", "concern", "hope", "invitation",
               "training", "ban", "restriction", "talk", "talks", "appeal", "support", "aid", "assistance", "sympathy",
               "solidarity", "gratitude", "thanks", "message", "letter", "call", "visit", "trip", "ultimatum",
               "responsibility", "credit", "deadline", "accusation", "allegation", "charge"}
# How a target was found when it is the clause's own argument (not one inferred from context)
SYNTACTIC_TARGETS = {"object", "prep", "object-event-author", "complement-object-event-author", "complement-subject",
                     "participants", "co-participant", "object-agent",
                     "wished-subject", "obligated-subject", "judged-subject", "possessor-undergoes", "governor-prep",
                     "governor-object", "inherited-object", "inherited-prep", "complement-object", "complement-prep"}


def _token_at(doc: SpacyDoc, m: Mention, offset: int, sent: SpacySpan) -> Token | None:
    """The head token of a mention in the predicate's own sentence (a source carried over from an
    earlier sentence has no phrase here)."""
    if not (sent.start_char + offset <= m.start and m.end <= sent.end_char + offset):
        return None
    span = doc.char_span(m.start - offset, m.end - offset, alignment_mode="expand")
    return span.root if span is not None else None


def argument_phrases(
    verb: Token, sent: SpacySpan, sources: list[Mention], targets: list[Mention], tgt_how: str, preps: frozenset[str],
    offset: int, act_words: frozenset[str], predicate_objects: frozenset[str] = frozenset(), reaction: bool = False,
) -> tuple[Span | None, Span | None]:
    """The source and target arguments as written: the noun phrases holding the resolved actors,
    or, when the clause names no actor as target, its object or prepositional argument
    ("killed 15 army trainees", "strikes on the last rebel bastion")."""
    doc = verb.doc
    source = noun_phrase(_token_at(doc, sources[0], offset, sent), offset, act_words) if sources else None
    target: Span | None = None
    if targets and tgt_how.endswith("object-event-author"):
        # "rejected a request from the Times": the argument is the act named, its author inside it
        obj = next(iter(objects_of(verb)), None)
        target = noun_phrase(obj, offset) if obj is not None else None
    if target is None and targets and tgt_how.split(":")[0] in SYNTACTIC_TARGETS:
        target = noun_phrase(_token_at(doc, targets[0], offset, sent), offset, act_words)
    if target is None:  # what the clause itself names as its object, even when context names the actor
        arg = _named_argument(verb, preps, act_words, predicate_objects | ACT_OBJECTS, reaction)
        target = noun_phrase(arg, offset, act_words | predicate_objects)
    return source, target


def _named_argument(
    verb: Token, preps: frozenset[str], act_words: frozenset[str], predicate_objects: frozenset[str], reaction: bool,
) -> Token | None:
    """The noun the clause names as its target argument when no actor fills the role, in order:
    - an object that is part of the predicate ("issued a warning", "imposed a curfew", "claimed
      responsibility", "signed an agreement": ``predicate_objects``) gives way to whom it is addressed: a
      preposition of the object or of the object's clause ("sanctions against X", "a ban imposed on X"),
      else of the verb ("gave money to X");
    - a reaction's object naming an act is the act reacted to ("rejected an offer from the rebels",
      "defended the country's policies"); other verbs' objects naming an act are part of the predicate;
    - otherwise the object, then the verb's prepositional recipients ("killed 15 army trainees");
    - last, the place the act happened in ("imposed a curfew in parts of the region", "surrendered in X").
    """
    objects = objects_of(verb) + children(verb, "dative")
    recipients = [o for p, o in preps_of(verb) if p in preps and p not in ("in", "at")]
    places = [o for p, o in preps_of(verb) if p == "in" and _is_place(o)]
    acts = [o for o in objects if _names_the_act(o, predicate_objects)]
    named = [o for o in objects if _names_the_act(o, act_words)]
    if not acts and reaction and named:
        args, allow_acts = named, True
    elif acts or (acts := named):
        addressed = [o for obj in acts for p, o in [*preps_of(obj), *(po for a in children(obj, "acl") for po in preps_of(a))]
                     if p in preps | {"on", "against", "to", "for"} and p not in ("in", "at")]
        places = [o for obj in acts for p, o in preps_of(obj) if p == "in" and _is_place(o)] + places
        args, allow_acts = addressed + recipients, True
    else:
        args, allow_acts = objects + recipients, False
    return next((a for a in args + places if a.pos_ in ("NOUN", "PROPN") and a.ent_type_ not in ("DATE", "TIME")
                 and (allow_acts or a.lemma_.lower() not in ACT_NOUNS)), None)


def _is_place(tok: Token) -> bool:
    """Whether a prepositional object names a place ("parts of Kashmir", "the Maradi region of Niger"):
    a place entity or place noun in it, or a bare name (the small model often misses local names)."""
    return any(t.ent_type_ in ("GPE", "LOC", "FAC") or t.lemma_.lower() in PLACE_NOUNS for t in tok.subtree) or (
        tok.pos_ == "PROPN" and tok.ent_type_ in ("", "GPE", "LOC", "FAC", "PERSON"))


def _names_the_act(noun: Token, words: frozenset[str]) -> bool:
    return bool(object_lemmas(noun) & words)
