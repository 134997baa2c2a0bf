"""The arguments of an event as written: the noun phrases that fill its source and target roles,
whether or not they resolve to a known actor ("killed 15 army trainees", "attacked an army camp").
They make every event traceable to who and what the sentence names, and are what argument-tagged
corpora (S/T spans) measure."""

from __future__ import annotations

from spacy.tokens import Doc as SpacyDoc
from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from dyads.events.roles import ACT_NOUNS
from dyads.events.syntax import children, noun_phrase, objects_of, preps_of
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
    offset: int, act_words: frozenset[str],
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
        objects = objects_of(verb) + children(verb, "dative")
        recipients = [o for p, o in preps_of(verb) if p in preps and p not in ("in", "at")]
        if any(_names_the_act(o, act_words) for o in objects):
            # "issued a warning to X", "lifted a ban imposed on X": the object names the act itself;
            # its addressee stands in a preposition, of the verb, the object or the object's clause
            recipients += [o for obj in objects for p, o in [*preps_of(obj), *(po for a in children(obj, "acl")
                                                                              for po in preps_of(a))]
                           if p in preps | {"on", "against", "to", "for"} and p not in ("in", "at")]
            args = recipients
        else:
            args = objects + recipients
        arg = next((a for a in args if a.pos_ in ("NOUN", "PROPN") and a.ent_type_ not in ("DATE", "TIME")
                    and a.lemma_.lower() not in ACT_NOUNS), None)
        target = noun_phrase(arg, offset, act_words)
    return source, target


def _names_the_act(noun: Token, act_words: frozenset[str]) -> bool:
    low = noun.lemma_.lower()
    return low in act_words or low in ACT_OBJECTS
