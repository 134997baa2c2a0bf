"""Dependency-tree helpers the coder uses: who is the subject of a predicate (through passive,
control, coordination and relative clauses), which tokens are its objects and prepositions."""

from __future__ import annotations

from spacy.tokens import Span, Token

from dyads.model import Span as TextSpan

SUBJ = {"nsubj", "csubj", "expl"}
PASS_SUBJ = {"nsubjpass", "csubjpass"}
DECLARING = {"declare", "announce", "say", "confirm", "state"}  # "X announced a deal had been reached with Y"
RELATIVE = {"that", "which", "who", "whom", "whose"}
OBJECT_CONTROL = {"force", "urge", "ask", "order", "persuade", "pressure", "push", "compel", "press",
                  "call", "tell", "invite", "allow", "help", "encourage", "warn", "require", "oblige", "get",
                  "bully", "coerce", "blackmail", "lobby"}


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in PASS_SUBJ or c.dep_ == "auxpass" for c in verb.children)


def children(tok: Token, *deps: str) -> list[Token]:
    return [c for c in tok.children if c.dep_ in deps]


def with_conjuncts(tok: Token) -> list[Token]:
    """``tok`` and its coordinated siblings, also where the parser hung the coordination on an
    apposition ("Cuba's president Díaz-Canel and China's President Xi held ...")."""
    out = [tok, *[c for c in tok.conjuncts if c.i > tok.i]]
    for ap in (c for c in tok.children if c.dep_ == "appos"):
        out += [c for c in ap.conjuncts if c.i > ap.i and c not in out]
    return out


def agent_of(verb: Token) -> Token | None:
    for c in verb.children:
        if c.dep_ == "agent":
            for o in c.children:
                if o.dep_ == "pobj":
                    return o
    return None


# Verbs of feeling: in "X was concerned by Y" the subject feels, the "by" phrase names the cause
PSYCH_VERBS = {"concern", "worry", "alarm", "trouble", "dismay", "disappoint", "outrage", "appal", "appall", "anger",
               "incense", "shock", "disturb", "sadden", "concerned", "worried", "alarmed", "troubled", "outraged"}


def _subject_left_behind(verb: Token) -> tuple[Token | None, str]:
    """A main verb the parser left without a subject after a long comma-separated opening, having
    hung the real subject onto a coordination there ("While X applauded the decision to indict Y,
    Israel and its supporters condemned it"): the coordinated nouns right before the verb, after the
    last comma, are its subject."""
    doc = verb.doc
    last = doc[verb.i - 1] if verb.i > 0 else None
    if last is None or last.pos_ not in ("NOUN", "PROPN") or last.dep_ != "conj":
        return None, "none"
    first = last
    while first.dep_ == "conj" and first.head.i < first.i and first.i > 0 and doc[first.i - 1].text != ",":
        first = first.head  # back through "Israel and its supporters" to its first noun
    if first.left_edge.i == 0 or doc[first.left_edge.i - 1].text != "," or first.dep_ != "conj":
        return None, "none"
    return first, "subject-after-comma"


def coordinated_with(verb: Token) -> Token:
    """The verb a coordinated verb shares its clause with. A finite verb the parser hung on an infinitive
    ("urged allies to speed up deliveries and accused Moscow of ...") is coordinated with the verb that
    governs the infinitive: a past or present tense cannot continue a "to" infinitive."""
    head = verb.head
    if verb.tag_ in ("VBD", "VBZ") and head.tag_ == "VB" and head.dep_ == "xcomp" \
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in head.children):
        return head.head
    return head


def _name_before_date(verb: Token) -> Token | None:
    """"Azerbaijan Sunday accused Armenia": news style puts the day between subject and verb, and the
    parser reads the name as a compound of the day (an adverbial or the subject). The name is the subject."""
    for c in verb.children:
        if c.i < verb.i and c.ent_type_ == "DATE" and c.dep_ in ("npadvmod", *SUBJ):
            names = [n for n in c.children if n.dep_ == "compound" and n.i < c.i and n.ent_type_ != "DATE"]
            if names:
                return names[-1]
    return None


def subject_of(verb: Token, depth: int = 0) -> tuple[Token | None, str]:
    """The logical subject of ``verb`` and how it was found (for the event's rule trace)."""
    if depth > 6:
        return None, "none"
    if verb.lemma_.lower() in PSYCH_VERBS and verb.tag_ == "VBN":  # "X was concerned by Y": X feels it
        if verb.dep_ in ("acomp", "xcomp") and verb.head.pos_ in ("VERB", "AUX"):
            subj, _ = subject_of(verb.head, depth + 1)
            return subj, "experiencer"
        if children(verb, *PASS_SUBJ):
            return children(verb, *PASS_SUBJ)[0], "experiencer"
    if is_passive(verb):
        agent = agent_of(verb)
        if agent is not None:
            return agent, "passive-agent"
        if children(verb, *PASS_SUBJ):
            head = verb.head
            if verb.dep_ == "ccomp" and head.lemma_.lower() in DECLARING and any(
                    c.dep_ == "prep" and c.lower_ == "with" for c in verb.children):
                # "she announced that a truce was agreed with the rebels": whoever announces it is a party
                subj, _ = subject_of(head, depth + 1)
                return subj, "declaring-party"
            return None, "passive-no-agent"  # "after Maduro is captured": the capturer is not the clause's subject
    subjects = [c for c in verb.children if c.dep_ in SUBJ]
    named = _name_before_date(verb) if all(c.ent_type_ == "DATE" for c in subjects) else None
    if named is not None:
        return named, "subject-before-date"
    if subjects:
        # of two, the one nearest before the verb ("MANILA (AFP) — The Philippines summoned ...": a dateline
        # parsed as a second subject)
        c = max((c for c in subjects if c.i < verb.i), key=lambda c: c.i, default=subjects[0]) if len(subjects) > 1 \
            else subjects[0]
        if c.lower_ in RELATIVE and verb.dep_ == "relcl":
            return verb.head, "relative"
        return c, "subject"
    dep, head = verb.dep_, verb.head
    if head.i == verb.i:
        return _subject_left_behind(verb)
    if dep == "relcl":
        return head, "relative"
    if dep in ("acomp", "attr") or (dep == "xcomp" and head.pos_ == "ADJ"):
        # "China is willing to walk together": the adjective's subject is the predicate's
        subj, _ = subject_of(head if head.pos_ in ("VERB", "AUX") else head.head, depth + 1)
        return subj, "subject-control"
    if dep == "xcomp" and head.pos_ == "ADJ":
        subj, _ = subject_of(head.head, depth + 1) if head.head.i != head.i else (None, "none")
        return subj, "subject-control"
    if dep == "xcomp" and is_passive(head) and agent_of(head) is None and children(head, *PASS_SUBJ):
        return children(head, *PASS_SUBJ)[0], "raised-subject"  # "X and Y were expected to meet"
    if dep == "xcomp":
        objs = children(head, "dobj")
        if objs and head.lemma_.lower() in OBJECT_CONTROL:
            return objs[0], "object-control"
        subj, _ = subject_of(head, depth + 1)
        return subj, "subject-control"
    if dep == "conj" and head.pos_ in ("VERB", "AUX"):
        subj, how = subject_of(coordinated_with(verb), depth + 1)
        return subj, f"conj-{how}"
    if verb.tag_ == "VBN" and dep in ("advcl", "acl", "conj") and agent_of(verb) is not None:
        return agent_of(verb), "passive-agent"  # "..., hosted by Turkey"
    if dep == "pcomp" and verb.tag_ == "VBG" and head.dep_ == "prep" and head.lower_ in ("of", "for", "with") \
            and head.head.pos_ == "VERB":
        objs = children(head.head, "dobj")  # "accused the UAE of supplying drones": the accused supplies
        if objs:
            return objs[0], "accused-object"
    if dep == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) and head.pos_ in ("VERB", "AUX") \
            and children(head, "dobj"):  # a purpose of doing something to something, not "rose to meet a corner"
        if head.lemma_.lower() in OBJECT_CONTROL:
            return children(head, "dobj")[0], "object-control"  # "is bullying Mexico to cut it off": Mexico would cut
        subj, _ = subject_of(head, depth + 1)  # "will send a delegation to consult with US officials"
        return subj, "purpose"
    if dep == "advcl" and verb.tag_ == "VBN" and agent_of(verb) is None:
        return None, "passive-participle"  # "Asked about the call, she said ...": she was asked; the asker is unknown
    if dep in ("advcl", "pcomp") and verb.tag_ in ("VBG", "VBN"):
        subj, _ = subject_of(head, depth + 1)
        return subj, "participle"
    if dep == "acl" and verb.tag_ == "VBG":
        return head, "participle-acl"
    if dep == "acl" and head.dep_ == "ROOT" and head.pos_ in ("NOUN", "PROPN") and children(verb, "dobj") \
            and agent_of(verb) is None:
        # "The Iraqi air force carried out three strikes ...": the parser took the main verb for a
        # modifier of the subject (a transitive verb with its object is no passive participle)
        return head, "root-noun-subject"
    if dep == "acl" and verb.tag_ == "VBN":
        agent = agent_of(verb)
        if agent is not None:
            return agent, "passive-agent"
    return None, "none"


def objects_of(verb: Token) -> list[Token]:
    """Direct objects; for a passive verb its grammatical subject is the object."""
    found = children(verb, "dobj", "obj")
    if is_passive(verb) and verb.lemma_.lower() not in PSYCH_VERBS:  # "he was concerned by": he feels, not undergoes
        found = children(verb, *PASS_SUBJ) + found
    if verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.pos_ in ("NOUN", "PROPN"):
        found = [verb.head, *found]  # "a statement released by the ministry", "sanctions imposed by X": the noun undergoes it
    if (verb.dep_ == "relcl" and not found and verb.head.pos_ in ("NOUN", "PROPN")
            and any(c.dep_ == "nsubj" and c.lower_ not in RELATIVE for c in verb.children)):
        found = [verb.head]  # "the tariff he had imposed on Mexico": the antecedent is what was imposed
    return found


def preps_of(tok: Token) -> list[tuple[str, Token]]:
    """(preposition, object) pairs hanging off ``tok`` ("on Cuba", "to Havana", "with Beijing")."""
    out: list[tuple[str, Token]] = []
    for c in tok.children:
        if c.dep_ in ("prep", "dative") and c.pos_ == "ADP":
            for p in [c, *(x for x in c.children if x.dep_ == "conj" and x.pos_ == "ADP")]:  # "in and around X"
                for o in p.children:
                    if o.dep_ in ("pobj", "pcomp"):
                        out.append((c.lower_, o))
                        for oc in o.conjuncts:
                            out.append((c.lower_, oc))
        elif c.dep_ == "dative":
            out.append(("", c))
    return out


def phrase_lemmas(tok: Token) -> set[str]:
    """Lemmas naming a noun: its own, and with compound/amod modifiers ("medical supply")."""
    lemma = tok.lemma_.lower()
    out = {lemma, tok.lower_}
    mods = [c for c in tok.lefts if c.dep_ in ("compound", "amod")]
    if mods:
        out.add(" ".join([*(m.lemma_.lower() for m in mods), lemma]))
        out.add(" ".join([mods[-1].lemma_.lower(), lemma]))
    return out


def object_lemmas(tok: Token) -> set[str]:
    """``phrase_lemmas`` plus the noun with its "of" complement ("state of emergency", "state of siege")."""
    return phrase_lemmas(tok) | {f"{tok.lemma_.lower()} of {po.lemma_.lower()}" for p, po in preps_of(tok) if p == "of"}


def in_quotes(tok: Token, sent: Span) -> bool:
    """Whether ``tok`` sits inside quotation marks within its sentence ``sent``."""
    opened = False
    for t in sent:
        if t.i >= tok.i:
            break
        if t.text in ("\u201c", "\u201d", '"', "\u2018", "\u2019", "'") and t.text != "'s":
            if t.text in ("\u201c", "\u2018"):
                opened = True
            elif t.text in ("\u201d",):
                opened = False
            elif t.text in ('"',):
                opened = not opened
    return opened


NP_PARTS = {"det", "predet", "amod", "compound", "poss", "nummod", "quantmod", "nmod", "case", "conj", "cc", "advmod"}
CLAUSES = {"relcl", "acl", "advcl", "ccomp", "xcomp"}
NP_PREPS = {"of", "in", "from", "near"}  # "a request from the Times", "the enclave near Damascus"


def noun_phrase(tok: Token | None, offset: int, stop: frozenset[str] | set[str] | None = None) -> TextSpan | None:
    """The noun phrase a word heads or modifies ("the Croatian government's request" for "government"):
    its determiners, modifiers, possessors, coordinated heads, "of"/"in" phrases and a name in
    apposition, without clauses ("... to recognise Jerusalem", "... taken at the meeting"). With ``stop``
    (event nouns), a name inside an "of"/"in" phrase stands for the noun that phrase belongs to, unless
    that noun names an act ("positions in Saudi Arabia", not "the attack in Saudi Arabia")."""
    if tok is None:
        return None
    head = tok
    while head.head.i != head.i:
        up = head.head
        if head.dep_ in ("poss", "compound", "amod", "nmod") and up.pos_ in ("NOUN", "PROPN"):
            head = up  # "the Croatian government's request"
        elif head.dep_ == "pobj" and up.lower_ in ("of", "in", "at", "near") and up.head.pos_ in ("NOUN", "NUM", "PROPN") \
                and up.head.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass", "conj") and stop is not None \
                and not object_lemmas(up.head) & stop:
            head = up.head  # "dozens of demonstrators", "military positions in Saudi Arabia"
        else:
            break
    kept: set[int] = {head.i}
    for c in head.children:
        if c.dep_ == "prep" and any(o.dep_ == "pcomp" for o in c.children):
            continue  # "accused the military of attacking civilians": a clause, not part of the name
        if c.ent_type_ in ("DATE", "TIME") or (c.dep_ == "prep" and any(
                o.dep_ == "pobj" and o.ent_type_ in ("DATE", "TIME") for o in c.children)):
            continue  # "an attack on the parliament in June 2017": when, not who
        if c.dep_ in NP_PARTS or (c.dep_ == "prep" and c.lower_ in NP_PREPS) or (c.dep_ == "appos" and c.pos_ == "PROPN"):
            kept |= {t.i for t in c.subtree}
    # clauses inside the phrase are cut; the head itself stays even when it heads a clause
    for clause in [t for t in head.subtree if t.dep_ in CLAUSES and t.i in kept and t.i != head.i]:
        kept -= {t.i for t in clause.subtree}
    toks = sorted(kept)
    lo_i, hi_i = toks[0], toks[-1]
    doc = head.doc
    while lo_i < hi_i and (doc[lo_i].is_punct or doc[lo_i].is_space):
        lo_i += 1
    while hi_i > lo_i and (doc[hi_i].is_punct or doc[hi_i].is_space or doc[hi_i].dep_ == "cc"):
        if doc[hi_i].text == ")" and any(doc[k].text == "(" for k in range(lo_i, hi_i)):
            break  # "Lesotho Defence Force (LDF)" keeps its closing parenthesis
        hi_i -= 1
    lo, hi = doc[lo_i].idx, doc[hi_i].idx + len(doc[hi_i])
    # the span's own text (the same characters as doc.text[lo:hi]): Doc.text is rebuilt from every token per access
    return TextSpan(doc[lo_i:hi_i + 1].text, lo + offset, hi + offset)
