"""The Spanish coder's shared parts: one predicate's reading (`Reading`), the constants of Spanish
syntax and CAMEO it reads by, and the state and helpers every stage of the coder uses (mentions of a
phrase, attribution, the document's running dyad). See `dyads.events.spanish` for what is read how."""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml
from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from dyads.actors.resolver import DocActors
from dyads.events.lexicon import Lexicon, Pattern, data_dir
from dyads.events.ud import case_of, chain_subject, conjuncts, lemma_of
from dyads.model import Attribution, CameoCode, Event, Mention, Modality

# case words that mark a target ("condenó a Estados Unidos", "sanciones contra Venezuela")
TARGET_CASES = {"a", "contra", "con", "hacia", "ante", "sobre", "entre"}
AUTHOR_CASES = {"de", "por"}  # "el ataque de Israel", "sanciones impuestas por EE.UU."
POSTED = {"embajador", "embajadora", "encargado", "diplomático", "personal", "cónsul"}  # their state is where they serve
# acts about another's act (statements, appeals, demands, disapproval, rejection, threats, reduced
# relations): the author of the act they are about is their target
REACTION_ROOTS = {"01", "02", "10", "11", "12", "13", "16"}
COERCION_ROOTS = {"17", "18", "19", "20"}
FORCE_ROOTS = {"15"}  # a show of force is aimed where it is made ("atracó un submarino en Guantánamo")
# CAMEO: an announced intent to a coercive act is a threat of it (1312 sanctions, 138 military force)
THREAT_OF = {"16": "1312", "17": "130", "18": "138", "19": "138", "20": "138"}
SYMMETRIC_ROOTS = {"03", "04", "05", "06"}
PLAIN_STATEMENTS = {"01", "010"}
NOT_ACTING = {"MED"}  # news agencies and outlets report; they are not parties to what they report
AUTHORITIES = {"GOV", "MIL", "COP", "JUD"}
# "X de <actor>" acts as the actor: "un grupo de buques de guerra rusos", "una veintena de drones rusos"
GROUPS = {"grupo", "flota", "escuadrón", "contingente", "caza", "avión", "unidad", "batallón", "columna", "convoy",
          "delegación", "comitiva", "equipo", "buque", "barco", "dron", "drón", "misil", "cohete", "veintena", "decena",
          "docena", "centenar", "treintena", "serie", "oleada", "enjambre"}
# verbs by which a speaker evaluates something ("calificó ... de", "considera que ... es")
EVALUATING = {"calificar", "considerar", "llamar", "tildar", "tachar", "describir", "definir", "catalogar", "denunciar",
              "condenar", "criticar", "acusar", "afirmar", "decir", "asegurar", "señalar", "sostener", "declarar"}
COPULAR = {"tratar", "ser", "constituir", "suponer", "representar"}  # "se trató de una advertencia"
DURING = {"tras", "después", "durante", "antes", "en"}  # an act named as the time of another is its subject's
MIN_CONFIDENCE = 0.05


@dataclass
class Reading:
    """One predicate's reading before events are built."""
    trigger: Token
    code: CameoCode
    rule: str
    sources: list[Mention]
    source_how: str
    targets: list[Mention]
    target_how: str
    modality: Modality = "asserted"
    cue: str = ""
    governed: set[int] = field(default_factory=set)  # complement verbs whose act this predicate absorbs


class SpanishBase:
    """The lexicon, the cue sets read from its modality data, and the document state (the previous
    sentences' subjects, for dropped subjects)."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lex = lexicon
        mod = lexicon.modality
        self.reporting = set(mod.get("reporting_verbs", ()))
        self.threat = set(mod.get("threat", ()))
        self.intention = set(mod.get("intention", ()))
        self.request = set(mod.get("request", ()))
        self.denial = set(mod.get("denial", ()))
        self.hypothetical = set(mod.get("hypothetical", ()))
        self.governing = self.threat | self.intention | self.request | self.denial
        self.negated_rejections = set(mod.get("negated_rejection", ()))
        self.intent_nouns = set(mod.get("intention_nouns", ()))
        self.intent_adjectives = set(mod.get("intention_adjectives", ()))
        self.checked = checked_verbs()
        self._doc_id = ""
        self._last_subjects: list[Mention] = []  # the previous sentences' subject actors (dropped subjects)

    def _checked(self, r: Reading) -> bool:
        """A reading of a hand-checked lexicon entry (verbs_core.yaml) or of a pattern: only those
        borrow a target from context (the bulk classes are too coarse to trust with a guess)."""
        return r.rule.endswith(":pattern") or "+intent" in r.rule or "+refusal" in r.rule or lemma_of(r.trigger) in self.checked

    @staticmethod
    def _running_dyad(sources: list[Mention], history: list[Event]) -> tuple[list[Mention], str]:
        """A target the sentence leaves unsaid: the other side of the document's latest event
        between the source's state and another ("Israel lanzó un ataque ..." after "cohetes desde
        el Líbano contra Israel")."""
        own = {m.actor.country for m in sources if m.actor.country}
        if not own:
            return [], "none"
        for ev in reversed(history[-12:]):
            if ev.target is None:
                continue
            if ev.source.actor.country in own and ev.target.actor.country not in own and ev.target.actor.country:
                return [ev.target], "running-dyad"
            if ev.target.actor.country in own and ev.source.actor.country not in own and ev.source.actor.country:
                return [ev.source], "running-dyad"
        return [], "none"

    def _attribution(self, verb: Token, sent: SpacySpan, actors: DocActors) -> Attribution:
        tok = verb
        for _ in range(6):
            head = tok.head
            if head.i == tok.i:
                break
            if lemma_of(head) in self.reporting and tok.dep_ in ("ccomp", "parataxis", "xcomp", "advcl"):
                subj, _ = chain_subject(head)
                speaker = actors.at(subj) if subj is not None else None
                return Attribution("reported", speaker, head.text)
            tok = head
        for t in sent:  # "según el Kremlin", "de acuerdo con la cancillería": the noun the phrase marks
            if source_phrase(t):
                speaker = actors.at(t.head)
                if speaker is not None:
                    return Attribution("reported", speaker, "según" if t.lower_ == "según" else "de acuerdo con")
        return Attribution("author", None, None)

    def _mentions(self, tok: Token, actors: DocActors) -> list[Mention]:
        """The actors a phrase names: its head's mention(s), each coordinated noun's, else a name
        inside it (apposition, "de" complement of a state office the resolver left)."""
        out: list[Mention] = []
        for t in conjuncts(tok):
            if (m0 := actors.at(t)) is not None and m0.actor.sector in NOT_ACTING:
                continue
            found = actors.all_at(t)
            if not found:  # "el presidente, Vladímir Putin", "nuestros amigos Israel y Marruecos", "un ciudadano francés"
                found = [m for c in t.children if c.dep_ in ("appos", "flat") and actors.at(c) is not None
                         for m in self._mentions(c, actors)] \
                    or [m for c in t.children if c.dep_ == "amod" and c.i > t.i and (m := actors.at(c)) is not None
                        and m.how == "adjective"][:1] \
                    or [m for c in t.children if c.dep_ == "nmod" and case_of(c) == "de" and lemma_of(t) in GROUPS
                        for m in self._mentions(c, actors)][:1]  # "un grupo de buques de guerra rusos"
            for m in found:
                if all(m.actor.actor_id != x.actor.actor_id for x in out):
                    out.append(m)
        return out


def source_phrase(tok: Token) -> bool:
    """``tok`` opens "según" or "de acuerdo con / a" (the case word of the noun naming a source)."""
    if tok.lower_ == "según":
        return True
    doc = tok.doc
    return tok.lower_ == "de" and tok.i + 2 < len(doc) and doc[tok.i + 1].lower_ == "acuerdo" \
        and doc[tok.i + 2].lower_ in ("con", "a", "al")


def checked_verbs() -> frozenset[str]:
    """The verbs of the hand-checked Spanish file (verbs_core.yaml)."""
    with (data_dir() / "cameo" / "es" / "verbs_core.yaml").open(encoding="utf-8") as fh:
        return frozenset(str(k).lower() for k in (yaml.safe_load(fh).get("verbs") or {}))


def pattern_fits(p: Pattern, objects: set[str], comps: set[str], cases: set[str]) -> bool:
    """Whether a lexicon pattern fits: every key it has must match (object lemmas among the verb's
    objects and obliques, complement verbs, the case words of its arguments)."""
    if p.object and not p.object & objects:
        return False
    if p.xcomp and not p.xcomp & comps:
        return False
    if p.prep and not p.prep & cases:
        return False
    return bool(p.object or p.xcomp or p.prep)
