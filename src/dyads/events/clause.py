"""Where an event's trigger sits in its sentence, for the verifier and the reader of the rule trace.

Whether a word names an act the article reports depends on its place in the sentence as much as on
the word: "Russia attacked Ukraine" (a main clause) tells an act; "during the call" (an act noun in a
scene-setting adjunct) points back at one told elsewhere; "to discuss trade" (a purpose) is an aim;
"if it attacks" a condition; a verb under "said" a claim. This reads that place from the parse, in
coarse kinds that hold across outlets (no word lists of the articles), and writes it into the event's
rule as ``clause=<kind>; form=<kind>``; the verifier learns from held-out parts what each is worth.

Reads: the parsed piece, each event's trigger offsets. Writes: the same events, rule extended.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc, Token

from dyads.model import Event

# prepositions that set a scene around an act noun ("during the talks", "after the strike")
SCENE_PREPS = {"during", "after", "before", "at", "amid", "following", "ahead", "since", "despite", "in"}
NOUN_ROLES = {"nsubj": "subject", "nsubjpass": "subject", "dobj": "object", "ROOT": "root", "compound": "compound",
              "appos": "apposition", "conj": "conjunct", "attr": "attribute"}
VERB_CLAUSES = {"ROOT": "main", "relcl": "relative", "acl": "modifier", "amod": "modifier", "xcomp": "complement",
                "pcomp": "prep-clause", "csubj": "subject-clause", "parataxis": "parataxis"}
SPEECH_LEMMAS = {"say", "tell", "add", "state", "announce", "claim", "report", "note", "stress", "insist", "warn",
                 "write", "declare", "confirm", "allege", "argue", "believe", "think", "hope", "fear", "expect"}


def _conjunct_root(tok: Token) -> Token:
    """A coordinated verb takes the clause of the first verb of its coordination."""
    for _ in range(6):
        if tok.dep_ != "conj" or tok.head.i == tok.i:
            break
        tok = tok.head
    return tok


def _verb_clause(tok: Token) -> str:
    tok = _conjunct_root(tok)
    dep = tok.dep_
    if dep == "advcl":
        marks = {c.lower_ for c in tok.children if c.dep_ in ("mark", "aux")}
        if marks & {"if", "unless"}:
            return "conditional"
        if "to" in marks:
            return "purpose"
        return "adverbial"
    if dep in ("ccomp", "parataxis") and tok.head.lemma_.lower() in SPEECH_LEMMAS:
        return "reported"
    if dep == "ccomp":
        return "complement"
    return VERB_CLAUSES.get(dep, "other")


def _noun_clause(tok: Token) -> str:
    if tok.dep_ == "pobj" and tok.head.dep_ == "prep":
        prep = tok.head.lower_
        if prep == "of" and tok.head.head.pos_ in ("NOUN", "PROPN"):
            return "noun-of-noun"  # "the threat of sanctions": the act is named inside another noun
        return f"pp-{prep}" if prep in SCENE_PREPS else "pp-other"
    return f"noun-{NOUN_ROLES.get(tok.dep_, 'other')}"


def _form(tok: Token) -> str:
    if tok.pos_ in ("NOUN", "PROPN"):
        dets = {c.lower_ for c in tok.children if c.dep_ in ("det", "poss")}
        if any(c.dep_ == "poss" for c in tok.children):
            return "possessed"
        if dets & {"the", "this", "that", "these", "those"}:
            return "definite"
        if dets & {"a", "an", "any", "no"}:
            return "indefinite"
        return "plural" if tok.tag_ == "NNS" else "bare"
    aux = {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}
    if aux & {"will", "would", "shall", "'ll"}:
        return "future"
    if aux & {"may", "might", "could", "should", "must", "can"}:
        return "modal"
    if tok.tag_ == "VBG":
        return "gerund"
    if tok.tag_ == "VB":
        return "infinitive"
    if tok.tag_ in ("VBD", "VBN") or aux & {"has", "have", "had"}:
        return "past"
    return "present"


def clause_of(tok: Token) -> tuple[str, str]:
    """(clause kind, form) of a trigger token; a question mark ending the sentence marks the clause."""
    clause = _noun_clause(tok) if tok.pos_ in ("NOUN", "PROPN") else _verb_clause(tok)
    if tok.sent.text.rstrip().endswith("?"):
        clause = "question"
    return clause, _form(tok)


def mark_clauses(doc: Doc, offset: int, events: Sequence[Event]) -> list[Event]:
    """Each event with ``clause=...; form=...`` of its trigger appended to its rule (once)."""
    out: list[Event] = []
    for ev in events:
        trig = ev.evidence.trigger
        span = doc.char_span(trig.start - offset, trig.end - offset, alignment_mode="expand")
        if span is None or "; clause=" in ev.rule:
            out.append(ev)
            continue
        clause, form = clause_of(span.root)
        out.append(replace(ev, rule=f"{ev.rule}; clause={clause}; form={form}"))
    return out
