"""Modality (done / denied / threatened / promised / hypothetical / uncertain) and attribution
(author, quote, reported speech, "according to") of a predicate, read from the dependency tree."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Span, Token

from dyads.events.lexicon import Lexicon
from dyads.events.syntax import coordinated_with, in_quotes, subject_of
from dyads.model import Attribution, Mention, Modality

FUTURE_AUX = {"will", "shall", "'ll", "wo", "would", "'d"}  # "would" is future-in-the-past unless an "if" governs
HYPOTHETICAL_AUX = {"may", "might", "could", "should", "must"}  # "must/should do": required, not done
MAX_CLIMB = 6
ACCUSING = {"accuse", "blame", "charge", "suspect", "allege", "condemn", "criticise", "criticize", "fault"}
REQUEST_VERBS = {"demand", "urge", "ask", "appeal", "request", "press", "call", "insist", "plead", "implore", "want"}


def _has_neg(tok: Token) -> bool:
    return any(c.dep_ == "neg" or c.lower_ in ("never",) for c in tok.children)


def modality_of(verb: Token, lex: Lexicon, root: str) -> tuple[Modality, str]:
    """(modality, cue). Climbs from the predicate through its governors up to a reporting verb."""
    threat = set(lex.modality.get("threat", ()))
    intention = set(lex.modality.get("intention", ()))
    uncertain = set(lex.modality.get("uncertain", ()))
    reporting = set(lex.modality.get("reporting_verbs", ()))
    denial = set(lex.modality.get("denial", ()))
    if _has_neg(verb):
        return "negated", "not"
    if any(c.dep_ == "dobj" and any(d.lower_ == "no" and d.dep_ == "det" for d in c.children) for c in verb.children):
        return "negated", "no"  # "recognises no law", "sent no aid"
    tok: Token = verb
    if any(c.dep_ == "advcl" and any(m.lower_ in ("if", "unless") for m in c.children if m.dep_ == "mark") for c in verb.children) \
            and any(c.dep_ == "aux" and c.lower_ in ("would", "could", "might", "may") for c in verb.children):
        return "hypothetical", "if"
    via_xcomp = False  # "will continue providing": the governor's future tense carries down
    for _ in range(MAX_CLIMB):
        for c in tok.children:
            low = c.lower_
            if c.dep_ == "advmod" and low in uncertain:
                return "uncertain", low
            if c.dep_ == "mark" and low in ("if", "unless", "whether"):
                return ("uncertain" if low == "whether" else "hypothetical"), low
            if c.dep_ == "aux" and low in FUTURE_AUX and (tok.i == verb.i or via_xcomp):
                return "intended", low
            if c.dep_ == "aux" and low in HYPOTHETICAL_AUX and (tok.i == verb.i or via_xcomp):
                return "hypothetical", low
        head = coordinated_with(tok) if tok.dep_ == "conj" else tok.head
        if head.i == tok.i or tok.dep_ not in ("xcomp", "ccomp", "advcl", "conj", "acomp", "prep", "pcomp", "pobj", "acl"):
            break
        hl = head.lemma_.lower()
        if hl in ACCUSING and tok.dep_ in ("prep", "pcomp"):
            return "uncertain", hl  # "accused Azerbaijan of violating the truce": alleged, not established
        if tok.dep_ != "conj":
            if hl in threat:
                return "threatened", hl
            if hl in REQUEST_VERBS and tok.dep_ in ("ccomp", "xcomp"):
                return "hypothetical", hl  # "demanded that the Council meet": asked for, not done
            if hl in denial and tok.dep_ == "ccomp":
                return "negated", hl
            if _has_neg(head) and tok.dep_ in ("xcomp",):
                return "negated", "not " + hl
            if hl in intention or (head.pos_ == "ADJ" and hl in {"willing", "ready", "prepared", "determined", "due", "set", "expected", "scheduled", "poised", "eager", "keen"}):
                return "intended", hl
            if hl in uncertain:
                return "uncertain", hl
            if hl in reporting:
                break  # the claim's content: modality is the content's own
        via_xcomp = tok.dep_ in ("xcomp", "conj") and (tok.i == verb.i or via_xcomp)  # "should publish ... and impose"
        tok = head
    if root == "13":
        return "threatened", verb.lemma_.lower()
    if root == "03":  # a promise, offer or agreement to act is about the future
        return "intended", verb.lemma_.lower()
    return "asserted", ""


CONTRASTING = {"while", "whereas", "although", "though", "whilst"}  # marks of a clause that asserts on its own


def attribution_of(
    verb: Token, lex: Lexicon, mention_at: Callable[[Token], Mention | None], sent: Span,
) -> Attribution:
    """Who says so: the subject of a governing reporting verb, an "according to" source, or the author."""
    reporting = set(lex.modality.get("reporting_verbs", ()))
    quoted = in_quotes(verb, sent)
    tok = verb
    for _ in range(MAX_CLIMB):
        head = tok.head
        if head.i == tok.i:
            break
        if tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in CONTRASTING for c in tok.children):
            break  # "Mikati called for pressure on Israel, while France renewed calls ...": a clause of its own
        if head.lemma_.lower() in reporting and (tok.dep_ in ("ccomp", "xcomp", "advcl", "parataxis", "oprd")
                                                 or (tok.dep_ == "prep" and head.lemma_.lower() in ACCUSING)):
            subj, _ = subject_of(head)
            speaker = mention_at(subj) if subj is not None else None
            return Attribution(kind="quote" if quoted else "reported", speaker=speaker, cue=head.text)
        tok = head
    # reporting verb elsewhere in the sentence governing the quote ("'...', he said.")
    for t in sent:
        if t.lemma_.lower() in reporting and t.dep_ in ("ROOT", "parataxis"):
            if t.i == verb.i:
                continue
            subj, _ = subject_of(t)
            if subj is not None and (quoted or t.i > verb.i):
                return Attribution(kind="quote" if quoted else "reported", speaker=mention_at(subj), cue=t.text)
    for t in sent:
        if t.lower_ == "according" and t.nbor(1).lower_ == "to" if t.i + 1 < len(t.doc) else False:
            to = t.nbor(1)
            for o in to.children:
                if o.dep_ == "pobj":
                    return Attribution(kind="reported", speaker=mention_at(o), cue="according to")
            return Attribution(kind="reported", speaker=None, cue="according to")
    if quoted:
        return Attribution(kind="quote", speaker=None, cue=None)
    return Attribution(kind="author", speaker=None, cue=None)
