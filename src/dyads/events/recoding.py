"""Codes CAMEO gives a predicate by what governs it, not by its own words: a commitment to a
cooperative act is an intent to it ("agreed to lift the ban" = 0354), a refusal of it a rejection
("refused to lift the ban" = 1244), a promise not to use force an intent to de-escalate (0356), not
recognising something a rejection (120), a retaliation an act in kind with what it answers.

The intent and refusal tables are data (``cameo/intents.yaml``), the English cues in ``modality.yaml``.
A mixin of `dyads.events.coder.Coder` (it reads the coder's lexicon matching and noun entries).
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from dyads.events.lexicon import Lexicon, NounEntry
from dyads.events.matching import Match
from dyads.events.roles import FORCE_ROOTS
from dyads.model import CameoCode, Modality

# Negations coded as acts of their own (see Recoding._negation_recoded)
COMMISSIVES = {"pledge", "promise", "undertake", "commit", "vow", "agree", "guarantee", "swear", "assure"}
ACCEPTING = {"recognize", "recognise", "accept", "endorse", "approve", "acknowledge", "ratify"}
RETALIATING = {"retaliate", "respond", "reciprocate"}
KIND_ROOTS = {"16"}  # measures a retaliation answers in kind (economic and diplomatic ones)
FUTURE_AUX = {"will", "wo", "would", "shall"}


class Recoding:
    """Needs the coder's ``lex``, ``match`` and ``_noun_entry``."""

    lex: Lexicon

    def match(self, verb: Token) -> Match | None:
        raise NotImplementedError  # the coder's (LexiconMatching)

    def _noun_entry(self, tok: Token) -> NounEntry | None:
        raise NotImplementedError  # the coder's

    def _recoded(
        self, verb: Token, code: CameoCode, m: Match, modality: Modality, cue: str, governor: Token | None,
    ) -> tuple[CameoCode, Match, Modality, str]:
        """The code, match, modality and cue of a predicate after what governs it is read."""
        if modality == "negated":
            code, modality, cue = self._negation_recoded(verb, code, modality, cue)
        elif modality == "intended" and cue in self.lex.modality.get("commitment", ()) and governor is None \
                and verb.dep_ == "xcomp" and verb.head.lemma_.lower() == cue \
                and (intent := self._mapped(code, self.lex.intents)) is not None:
            code, m = intent, replace(m, rule=f"{m.rule}+intent-to:{code.code}")
        if governor is None and (refusal := self._refusal(verb, code, modality)) is not None:
            m = replace(m, rule=f"{m.rule}+refusal-of:{code.code}")
            code, modality, cue = refusal, "asserted", ""
        return code, m, modality, cue

    def _in_kind(self, verb: Token, code: CameoCode) -> CameoCode:
        """"China retaliated against the US decision to impose duties": a retaliation answers in kind —
        against economic measures (16) it is one, whatever the verb's default says."""
        for t in verb.subtree:
            if t.i <= verb.i or t.dep_ in ("conj", "ccomp", "advcl") and t.head.i == verb.i:
                continue  # what follows the verb in its own clause
            lexical = self._lexical_code(t)
            if lexical is not None and lexical.root in KIND_ROOTS and lexical.root != code.root:
                return lexical
        return code

    def _lexical_code(self, tok: Token) -> CameoCode | None:
        if tok.pos_ in ("VERB", "AUX"):
            m = self.match(tok)
            return self.lex.code(m.code) if m is not None else None
        entry = self._noun_entry(tok) if tok.pos_ == "NOUN" else None
        return self.lex.code(entry.code) if entry is not None else None

    def _mapped(self, code: CameoCode, table: dict[str, str]) -> CameoCode | None:
        """CAMEO codes a commitment to a cooperative act as an intent (03) and a refusal of it as a
        rejection (12), each act with its own code ("agreed to lift the ban" = 0354, "refused to lift the
        ban" = 1244): ``table`` maps act codes, or their longest listed prefix, to those codes. Only the
        act a commitment or refusal governs directly is recoded."""
        for prefix in (code.code, code.code[:3], code.root):
            if prefix in table:
                return self.lex.code(table[prefix])
        return None

    def _refusal(self, verb: Token, code: CameoCode, modality: Modality) -> CameoCode | None:
        """A cooperative act refused: governed directly by a refusal verb ("refused to lift the ban"), or
        negated in the future ("will not release the pilots"). A past negation ("has not released") is no
        act at all and is left as it is."""
        refused = verb.dep_ == "xcomp" and verb.head.lemma_.lower() in self.lex.modality.get("refusal", ())
        future_not = modality == "negated" and any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in verb.children)
        return self._mapped(code, self.lex.refusals) if refused or future_not else None

    def _negation_recoded(self, verb: Token, code: CameoCode, modality: Modality, cue: str) -> tuple[CameoCode, Modality, str]:
        """Negations CAMEO codes as acts of their own: a promise not to use force is an intent to
        de-escalate ("both sides undertook not to use force" = 0356), and refusing to recognise or
        accept is a rejection ("does not recognise the court's jurisdiction" = 120)."""
        commissive = next((a for a in verb.ancestors if a.lemma_.lower() in COMMISSIVES), None)
        if code.root in FORCE_ROOTS and commissive is not None:
            return self.lex.code("0356"), "intended", f"{commissive.lemma_.lower()}+not"
        if verb.lemma_.lower() in ACCEPTING and code.root in ("03", "04", "05", "08"):
            return self.lex.code("120"), "asserted", "not+accept"
        return code, modality, cue
