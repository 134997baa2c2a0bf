"""The arguments of an event as written: the noun phrases that fill its source and target roles,
whether or not they resolve to a known actor ("killed 15 army trainees", "attacked an army camp").
They make every event traceable to who and what the sentence names, and are what argument-tagged
corpora (S/T spans) measure."""

from __future__ import annotations

from collections.abc import Sequence

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
# Prepositions that place an act rather than aim it ("tortured an inmate in western Iran")
LOCATIVES = {"in", "at", "near", "around", "across", "inside", "within", "throughout"}
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
    actor_tokens: Sequence[Token] = (),
) -> tuple[Span | None, Span | None]:
    """The source and target arguments as written: the noun phrases holding the resolved actors,
    or, when the clause names no actor as target, its object or prepositional argument
    ("killed 15 army trainees", "strikes on the last rebel bastion")."""
    doc = verb.doc
    source_tokens = [t for m in sources[:1] if (t := _token_at(doc, m, offset, sent)) is not None]
    source = noun_phrase(source_tokens[0], offset, act_words) if source_tokens else None
    target: Span | None = None
    if targets and tgt_how.endswith("object-event-author"):
        # "rejected a request from the Times": the argument is the act named, its author inside it
        obj = next(iter(objects_of(verb)), None)
        target = noun_phrase(obj, offset) if obj is not None else None
    if target is None and targets and tgt_how.split(":")[0] in SYNTACTIC_TARGETS:
        target = noun_phrase(_token_at(doc, targets[0], offset, sent), offset, act_words)
    if target is None:
        # what the clause itself names: its object or recipient, or an actor it names inside its own noun
        # phrases though not where a target stands ("suspended a tax on U.S. tech companies", "violated a
        # ban by the UN"), whom context will make the target
        arg = _named_argument(verb, preps, act_words, predicate_objects | ACT_OBJECTS, reaction)
        if not targets:
            arg = _actor_in_clause(verb, source_tokens, actor_tokens) or arg
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


def _actor_in_clause(verb: Token, source_tokens: list[Token], actor_tokens: Sequence[Token]) -> Token | None:
    """The first actor (not the source) named in the clause's noun phrases: a better argument than its
    object ("a tax on U.S. companies", "aid handed over to the ministry of health of Ethiopia"); never one
    named as the place of the act ("tortured an inmate to death in western Iran")."""
    skip = {t.i for s in source_tokens for t in s.subtree}
    return next((t for t in actor_tokens if t.i not in skip and t.i != verb.i and _argument_of(t, verb)), None)


def _argument_of(tok: Token, verb: Token) -> bool:
    """Whether ``tok`` stands in one of ``verb``'s noun phrases: reached from the verb through objects,
    prepositions and noun modifiers only, never through another verb's clause."""
    while tok.i != verb.i:
        if tok.dep_ == "prep" and tok.lower_ in LOCATIVES and tok.head.i == verb.i:
            return False  # the place of the act, not its target
        if tok.head.i == tok.i or tok.pos_ in ("VERB", "AUX") or tok.dep_ in ("nsubj", "nsubjpass", "csubj", "appos"):
            return False
        tok = tok.head
    return True


def _is_place(tok: Token) -> bool:
    """Whether a prepositional object names a place ("parts of Kashmir", "the Maradi region of Niger"):
    a place entity or place noun in it, or a bare name (the small model often misses local names)."""
    return any(t.ent_type_ in ("GPE", "LOC", "FAC") or t.lemma_.lower() in PLACE_NOUNS for t in tok.subtree) or (
        tok.pos_ == "PROPN" and tok.ent_type_ in ("", "GPE", "LOC", "FAC", "PERSON"))


def _names_the_act(noun: Token, words: frozenset[str]) -> bool:
    return bool(object_lemmas(noun) & words)
