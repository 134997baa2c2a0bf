"""Universal Dependencies helpers for the coders of languages parsed with UD labels (Spanish).

The English coder reads ClearNLP labels (dobj, pobj under prep, agent, nsubjpass); a UD parse hangs
the preposition under its noun (``case``) and marks objects ``obj``/``iobj``/``obl``. These helpers
answer the coder's questions on a UD tree: the predicate's subject (through the clause chain),
whether it is passive (periphrastic "fue firmado" or reflexive "se firmó"), its "por" agent, its
objects and the case word of each argument. Tokens are compared by ``.i``.
"""

from __future__ import annotations

from spacy.tokens import Token

SUBJECTS = {"nsubj", "nsubj:pass", "csubj"}
OBJECTS = {"obj", "iobj"}
OBLIQUES = {"obl", "obl:arg", "obl:agent", "nmod"}
CLITICS = {"le", "les", "lo", "la", "los", "las", "me", "te", "nos", "os", "se"}
PASSIVE_AUX = {"ser"}
# clauses that share their governor's subject when they have none of their own ("firmó y ratificó",
# "decidió suspender", "afirmó que atacará", "al anunciar ...")
CHAIN = {"conj", "xcomp", "advcl", "ccomp", "acl", "parataxis"}
# verbs whose object is the subject of their complement ("llevó al Gobierno a convocar")
OBJECT_CONTROL = {"llevar", "obligar", "forzar", "instar", "exhortar", "llamar", "invitar", "ayudar", "permitir",
                  "animar", "empujar", "presionar", "convencer", "autorizar", "impulsar", "incitar", "urgir"}


def lemma_of(tok: Token) -> str:
    """The token's lemma, lower case, without the pronoun es_core_news_sm writes after the lemma of a
    verb with an enclitic ("reunirse" -> "reunir él", "despedirse" -> "despedir él")."""
    return tok.lemma_.lower().split(" ", 1)[0]


def case_of(tok: Token) -> str:
    """The preposition marking ``tok`` ("a", "contra", "por"), lower case; "" when none.
    Contractions count as their preposition: "al" is "a", "del" is "de"."""
    for c in tok.children:
        if c.dep_ in ("case", "mark") and c.i < tok.i:
            low = c.lower_
            return {"al": "a", "del": "de"}.get(low, low)
    return ""


def is_clitic(tok: Token) -> bool:
    return tok.pos_ == "PRON" and tok.lower_ in CLITICS


def reflexive_se(verb: Token) -> bool:
    return any(c.lower_ == "se" and c.i < verb.i + 2 for c in verb.children if c.pos_ == "PRON")


def is_passive(verb: Token) -> bool:
    """Periphrastic ("el acuerdo fue firmado por ...") or reflexive ("se firmó un acuerdo", "se
    acusó al Gobierno") passive."""
    if any(c.dep_ in ("nsubj:pass", "aux:pass", "expl:pass") for c in verb.children):
        return True
    if verb.morph.get("VerbForm", []) == ["Part"] and any(
            c.dep_ in ("aux", "cop") and c.lemma_.lower() in PASSIVE_AUX for c in verb.children):
        return True
    if reflexive_se(verb):
        subj = subject_child(verb)
        if subj is None:  # "se acusó al Gobierno" is impersonal; "se reunió con Netanyahu" has a dropped subject
            return any(c.dep_ in OBJECTS and not is_clitic(c) and case_of(c) in ("", "a") for c in verb.children)
        # "se firmó un acuerdo": the subject is a thing; "Rusia se retiró": the subject acts
        return subj.pos_ == "NOUN" and subj.ent_type_ == ""
    return False


def reflexive_only(verb: Token) -> bool:
    """Passive only by its "se" (no "ser" auxiliary, no passive labels): "se reunieron" may be active."""
    return reflexive_se(verb) and not any(c.dep_ in ("nsubj:pass", "aux:pass", "expl:pass") for c in verb.children) \
        and verb.morph.get("VerbForm", []) != ["Part"]


def subject_child(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in SUBJECTS), None)


def agent_child(verb: Token) -> Token | None:
    """The "por" phrase of a passive ("firmado por Venezuela", "por parte de EE.UU.")."""
    for c in verb.children:
        if c.dep_ in ("obl:agent", "obl", "obj", "nmod") and case_of(c) == "por":
            if c.lower_ == "parte":  # "por parte de X"
                inner = next((d for d in c.children if d.dep_ in ("nmod", "flat") and case_of(d) == "de"), None)
                return inner
            return c
    return None


def chain_subject(verb: Token, limit: int = 6) -> tuple[Token | None, str]:
    """(subject token, how): the verb's own subject, else the subject of the clause it hangs from
    ("Rusia firmó el acuerdo y lo ratificó", "decidió expulsar", "aseguró que responderá")."""
    tok, how = verb, "subject"
    for _ in range(limit):
        subj = subject_child(tok)
        if subj is not None and not (subj.pos_ == "PRON" and subj.lower_ in ("que", "quien", "quienes")):
            return subj, how
        if subj is not None and tok.dep_ == "acl":  # a relative clause: "el país que atacó": the noun it modifies
            return (tok.head if tok.head.i != tok.i else None), "relative"
        # "y que responderá": a "que" the parser took for a subject opens a clause with none of its own
        if tok.dep_ not in CHAIN or tok.head.i == tok.i:
            return None, "none"
        if tok.dep_ == "xcomp" and lemma_of(tok.head) in OBJECT_CONTROL:
            # "llevó al gobierno brasileño a convocar", "instó a Polonia a reabrir": the governor's object acts
            controller = next((c for c in tok.head.children if c.dep_ in OBJECTS and not is_clitic(c) and c.i < tok.i), None)
            if controller is not None:
                return controller, "object-control"
        if tok.dep_ == "acl":
            return (tok.head if tok.head.pos_ in ("NOUN", "PROPN") else None), "relative"
        tok, how = tok.head, "clause-chain"
    return None, "none"


def arguments(verb: Token) -> list[Token]:
    """Objects and obliques of the verb, in text order (clitic pronouns included)."""
    return [c for c in verb.children if c.dep_ in OBJECTS or c.dep_ in OBLIQUES]


def object_heads(verb: Token) -> list[Token]:
    """The nominal objects (not clitics, not "a"-marked persons and states: those are targets)."""
    return [c for c in verb.children if c.dep_ in OBJECTS and not is_clitic(c) and c.pos_ in ("NOUN", "PROPN", "NUM")]


def complement_verbs(verb: Token) -> list[Token]:
    """Verbs of the clauses the verb governs ("amenazó con imponer", "pidió que libere")."""
    return [c for c in verb.children if c.dep_ in ("xcomp", "ccomp", "advcl") and c.pos_ in ("VERB", "AUX")]


def conjuncts(tok: Token) -> list[Token]:
    """``tok`` and its coordinated nouns ("Rusia y China")."""
    out = [tok]
    for c in tok.children:
        if c.dep_ == "conj" and c.i > tok.i:
            out += conjuncts(c)
    return out


def negated(verb: Token) -> bool:
    return any(c.lower_ in ("no", "nunca", "jamás") and c.dep_ in ("advmod", "neg") for c in verb.children)
