"""The Spanish event coder: predicates of a UD-parsed Spanish sentence with a source and a target
actor, coded to CAMEO from the Spanish lexicon (``data/cameo/es/``).

Same interface and output as `dyads.events.coder.Coder.code_sentence`; the syntax is read through
`dyads.events.ud`. What Spanish does differently, and how it is read:

- dropped subjects: a verb with no subject takes the subject of its clause chain ("Rusia firmó
  el acuerdo y lo ratificó"), else, in the main clause, the last subject actor of the previous
  sentences of the document ("Rusia acusó a Ucrania. Además, amenazó con represalias.");
- passives: "fue firmado por Venezuela" and "se firmó ... por parte de X": the "por" phrase acts,
  the subject undergoes; with no "por" the act has no known author;
- "a" marks a person or state object ("condenó a Estados Unidos"); a clitic ("le otorgó") stands for
  the "a" phrase beside it or, alone, for the actor last named in the sentence;
- governed acts are not done acts: "amenazó con imponer aranceles" is the threat (coded on
  "amenazó"), "pidió que libere", "negó que atacara" are the request and the denial; "podría
  atacar" and conditionals are hypothetical; the future is intended;
- attribution: the subject of a governing reporting verb ("afirmó que", "aseguró que"), or the
  "según" / "de acuerdo con" phrase of the sentence;
- nominal events: event nouns with their author ("los ataques israelíes", "el ataque de Israel")
  and target ("sanciones contra Venezuela", "las conversaciones entre Rusia y China").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from dyads.actors.resolver import DocActors
from dyads.deadline import check
from dyads.events.ids import event_id
from dyads.events.lexicon import Lexicon, Pattern, data_dir
from dyads.events.spanish_dates import clause_date
from dyads.events.ud import (
    agent_child,
    arguments,
    case_of,
    chain_subject,
    complement_verbs,
    conjuncts,
    is_clitic,
    is_passive,
    lemma_of,
    negated,
    object_heads,
    reflexive_only,
)
from dyads.model import Attribution, CameoCode, Document, Event, Evidence, Mention, Modality, Span

TARGET_CASES = {"a", "contra", "con", "hacia", "ante", "sobre", "entre"}
POSTED = {"embajador", "embajadora", "encargado", "diplomático", "personal", "cónsul"}  # their state is where they serve
REACTION_ROOTS = {"01", "02", "10", "11", "12", "13", "16"}
COERCION_ROOTS = {"17", "18", "19", "20"}
# CAMEO: an announced intent to a coercive act is a threat of it (1312 sanctions, 138 military force)
THREAT_OF = {"16": "1312", "17": "130", "18": "138", "19": "138", "20": "138"}
FORCE_ROOTS = {"15"}  # a show of force is aimed where it is made ("atracó un submarino en Guantánamo")
NOT_ACTING = {"MED"}  # news agencies and outlets report; they are not parties to what they report  # acts about another's act: its author is the target
SYMMETRIC_ROOTS = {"03", "04", "05", "06"}
PLAIN_STATEMENTS = {"01", "010"}
AUTHOR_CASES = {"de", "por"}
GROUPS = {"grupo", "flota", "escuadrón", "contingente", "caza", "avión", "unidad", "batallón", "columna", "convoy",
          "delegación", "comitiva", "equipo", "buque", "barco", "dron", "drón", "misil", "cohete", "veintena", "decena",
          "docena", "centenar", "treintena", "serie", "oleada", "enjambre"}  # "X de <actor>" acts as the actor
# verbs by which a speaker evaluates something ("calificó ... de", "considera que ... es")
EVALUATING = {"calificar", "considerar", "llamar", "tildar", "tachar", "describir", "definir", "catalogar", "denunciar",
              "condenar", "criticar", "acusar", "afirmar", "decir", "asegurar", "señalar", "sostener", "declarar"}
AUTHORITIES = {"GOV", "MIL", "COP", "JUD"}
COPULAR = {"tratar", "ser", "constituir", "suponer", "representar"}  # "se trató de una advertencia"
DURING = {"tras", "después", "durante", "antes", "en"}  # an act named as the time of another is its subject's  # "el ataque de Israel", "sanciones impuestas por EE.UU."
MIN_CONFIDENCE = 0.05


@dataclass
class _Reading:
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


class SpanishCoder:
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

    # -- per sentence -------------------------------------------------------------------
    def code_sentence(self, sent: SpacySpan, sent_index: int, doc: Document, actors: DocActors, offset: int = 0,
                      history: list[Event] | None = None) -> list[Event]:
        if doc.doc_id != self._doc_id:
            self._doc_id, self._last_subjects = doc.doc_id, []
        readings: list[_Reading] = []
        governed: set[int] = set()
        for tok in sent:
            check()
            if tok.pos_ == "VERB" and lemma_of(tok) in self.governing:
                governed |= {c.i for c in complement_verbs(tok)}  # threatened, promised, asked, denied: not done
            if tok.pos_ == "VERB" or (tok.pos_ == "NOUN" and tok.dep_ == "ROOT"):
                r = self._verbal(tok, actors)
                if r is not None:
                    readings.append(r)
        governed |= {i for r in readings for i in r.governed}
        for tok in sent:  # "Colombia estará dispuesta a retomar los intercambios"
            if tok.pos_ == "ADJ" and tok.lower_ in self.intent_adjectives and (r := self._intent_adjective(tok, actors)):
                readings.append(r)
                governed |= {c.i for c in tok.children if c.pos_ == "VERB"}
        readings = [r for r in readings if r.trigger.i not in governed]
        # an object a verb pattern read ("lanzó un ataque", "impuso sanciones") is that verb's act; other
        # objects may name acts of their own ("condenó el ataque israelí", "desplegados en respuesta a un ataque")
        taken = {r.trigger.i for r in readings} | {o.i for r in readings if r.rule.endswith(":pattern")
                                                   for o in object_heads(r.trigger)}
        for tok in sent:
            if tok.pos_ == "NOUN" and tok.i not in taken and tok.head.i not in governed:
                r = self._nominal(tok, actors)
                if r is not None:
                    readings.append(r)
        root = sent.root
        subj, _ = chain_subject(root)
        found = actors.all_at(subj) if subj is not None else []
        if found:
            self._last_subjects = found
        readings += self._evaluations(sent, actors, readings, history or [])
        self._share_sentence_dyad(readings)
        for r in readings:  # "Taiwán informó que el Ejército chino desplegó 125 aeronaves": force reported by its target
            if r.sources and not r.targets and r.code.root in FORCE_ROOTS | COERCION_ROOTS and self._checked(r):
                speaker = self._attribution(r.trigger, sent, actors).speaker
                if speaker is not None and speaker.actor.country and \
                        speaker.actor.country not in {m.actor.country for m in r.sources}:
                    r.targets, r.target_how = [speaker], "reporting-side"
        for r in readings:
            if r.sources and not r.targets and history and r.code.code not in PLAIN_STATEMENTS \
                    and (r.source_how != "clause-chain" or r.rule.endswith(":pattern")) \
                    and (r.trigger.pos_ == "NOUN" or self._checked(r)):
                r.targets, r.target_how = self._running_dyad(r.sources, history)
        self._share_sentence_dyad(readings)
        return [e for r in readings for e in self._events(r, sent, sent_index, doc, actors, offset)]

    def _share_sentence_dyad(self, readings: list[_Reading]) -> None:
        """A clause that names no target shares its sentence's dyad: the target of another clause of the
        same source ("negó toda implicación, advirtiendo sobre las consecuencias"), or the source of a
        clause aimed at it ("responderá con contramedidas si se concreta el arancel anunciado por Trump")."""
        for r in readings:
            if not r.sources or r.targets or r.code.code in PLAIN_STATEMENTS or not self._checked(r):
                continue  # the bulk classes are too coarse to trust with a borrowed target
            own = {m.actor.country for m in r.sources}
            mate = next((x for x in readings if x.targets and {m.actor.country for m in x.sources} == own
                         and x.trigger.i != r.trigger.i), None)
            if mate is not None:
                r.targets, r.target_how = list(mate.targets), "sentence-dyad"
                continue
            aimed = next((x for x in readings if x.sources and x.targets and x.trigger.i != r.trigger.i
                          and {m.actor.country for m in x.targets} == own
                          and not own & {m.actor.country for m in x.sources}), None)
            if aimed is not None:
                r.targets, r.target_how = list(aimed.sources[:1]), "sentence-dyad-answer"

    def _evaluations(self, sent: SpacySpan, actors: DocActors, readings: list[_Reading],
                     history: list[Event]) -> list[_Reading]:
        """A speaker's condemnation of what another did: "Caracas afirmó que se trata de una ridícula
        provocación", "Trump calificó el proceso judicial de vergonzoso". The speaker: the subject of the
        reporting or evaluating verb, or the "según" source; the target: the author of the thing
        evaluated, else another state in the clause, else the other side of the running dyad.
        One reading per speaker and sentence, none where the sentence already codes the speaker acting."""
        out: list[_Reading] = []
        acting = {m.actor.country or m.actor.actor_id for r in readings for m in r.sources}
        for word in sent:
            if lemma_of(word) not in self.lex.evaluations and word.lower_ not in self.lex.evaluations:
                continue
            clause = word
            while clause.pos_ not in ("VERB", "AUX") and clause.head.i != clause.i:
                clause = clause.head
            speaker = self._attribution(clause, sent, actors).speaker
            if speaker is None and lemma_of(clause) in EVALUATING:
                subj, _ = chain_subject(clause)
                speaker = next(iter(self._mentions(subj, actors)), None) if subj is not None else None
            if speaker is None and clause.dep_ == "ROOT" and chain_subject(clause)[0] is None and self._last_subjects:
                speaker = self._last_subjects[0]  # "Se trata de una ridícula provocación": who was speaking
            if speaker is None or (speaker.actor.country or speaker.actor.actor_id) in acting:
                continue
            own = {speaker.actor.country, speaker.actor.actor_id}
            noun = word.head if word.dep_ == "amod" else word
            owners = [m for c in noun.children if case_of(c) in AUTHOR_CASES or c.dep_ == "amod"
                      for m in self._mentions(c, actors)]
            others = [m for t in clause.subtree if (m := actors.at(t)) is not None]
            target = next((m for m in [*owners, *others] if m.actor.country not in own and m.actor.actor_id not in own), None)
            how = "evaluated"
            if target is None:
                found, how = self._running_dyad([speaker], history)
                target = found[0] if found else None
            if target is None:
                continue
            acting.add(speaker.actor.country or speaker.actor.actor_id)
            out.append(_Reading(clause, self.lex.code("111"), f"es:evaluation:{word.lower_}", [speaker], "speaker",
                                [target], how))
        return out

    def _checked(self, r: _Reading) -> bool:
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

    # -- verbal predicates ----------------------------------------------------------------
    def _verbal(self, verb: Token, actors: DocActors) -> _Reading | None:
        lemma = lemma_of(verb)
        entry = self.lex.verbs.get(lemma)
        if entry is None or lemma in self.reporting and lemma not in self.denial and not entry.patterns \
                and ((entry.default or "")[:2] == "01" or lemma not in self.checked):
            return None  # "X dijo", "agregó": the content is coded, not the act of saying
        args = arguments(verb)
        obj_lemmas = {lemma_of(a) for a in args if not is_clitic(a)}
        passive = is_passive(verb)
        subj, how = chain_subject(verb)
        if passive and reflexive_only(verb) and subj is not None and self._mentions(subj, actors):
            passive = False  # "Modi y Xi se reunieron": a reflexive verb with actors as subject is active
        if passive and subj is not None and subj.head.i == verb.i:
            obj_lemmas.add(lemma_of(subj))  # "se firmó un acuerdo": the subject is the object
        comps = complement_verbs(verb)
        comp_lemmas = {lemma_of(c) for c in comps}
        cases = {case_of(a) for a in args}
        pattern = next((p for p in entry.patterns if _fits(p, obj_lemmas, comp_lemmas, cases)), None)
        code = pattern.code if pattern is not None else entry.default
        if code is None:
            return None
        rule = f"es:{lemma}:" + ("pattern" if pattern is not None else "default")
        if passive:
            agent = agent_child(verb)
            sources = self._mentions(agent, actors) if agent is not None else []
            source_how = "passive-agent" if sources else "none"
            patients = self._mentions(subj, actors) if subj is not None and subj.head.i == verb.i else []
        elif subj is None and verb.morph.get("Person", []) == ["1"]:
            # "Llamamos a Varsovia a reflexionar": we, in a quote, are the speaker's side
            speaker = self._attribution(verb, verb.sent, actors).speaker
            sources, source_how, patients = ([speaker], "quote-speaker", []) if speaker is not None else ([], "none", [])
            if not sources and self._last_subjects:  # a quote whose speaker the text named before it
                sources, source_how = list(self._last_subjects[:1]), "quote-previous-speaker"
        else:
            sources = self._mentions(subj, actors) if subj is not None else []
            source_how = how if sources else "none"
            patients = []
            if not sources and verb.morph.get("VerbForm", []) == ["Ger"]:
                sources, source_how = self._gerund_subject(verb, actors)
            if subj is None and verb.dep_ == "ROOT" and self._last_subjects:
                sources, source_how = list(self._last_subjects), "previous-sentence"
        cameo = self.lex.code(code)
        checked = pattern is not None or lemma in self.checked
        targets, target_how = self._targets(verb, args, actors, entry.target_prep | TARGET_CASES, sources,
                                            reaction=cameo.root in REACTION_ROOTS,
                                            deep=checked and cameo.root in REACTION_ROOTS | COERCION_ROOTS | FORCE_ROOTS)
        if patients and not targets:
            targets, target_how = patients, "passive-subject"
        if lemma in self.governing and comps:
            cameo, rule = self._intent(lemma, cameo, rule, comps, actors)
        if not targets and comps and (lemma in self.governing or cameo.root in REACTION_ROOTS):
            # "amenazó con imponer aranceles a México", "denunció que los cazas tailandeses arrojaron bombas"
            targets, target_how = self._complement_targets(lemma, comps, actors, sources)
        reading = _Reading(verb, cameo, rule, sources, source_how, targets, target_how)
        reading.modality, reading.cue = self._modality(verb)
        if reading.modality == "negated" and reading.cue == "no" and (
                verb.morph.get("Tense", []) == ["Fut"] or verb.morph.get("Mood", []) == ["Cnd"]):
            # "no aceptará", "no negociaría": a refusal ("no abordamos el tema" only says it did not happen)
            refused = next((self.lex.refusals[cameo.code[:k]] for k in range(len(cameo.code), 1, -1)
                            if cameo.code[:k] in self.lex.refusals), None)
            if refused is None and lemma in self.negated_rejections:
                refused = "120"
            if refused is not None:
                reading.code, reading.rule = self.lex.code(refused), f"{rule}+refusal-of:{cameo.code}"
                reading.modality = "asserted"
        if lemma in self.threat | self.request | self.denial | self.intention or pattern is not None and pattern.xcomp:
            reading.governed = {c.i for c in comps}  # the threatened, requested, denied act is not done
        return reading

    def _gerund_subject(self, verb: Token, actors: DocActors) -> tuple[list[Mention], str]:
        """A gerund acts for the nearest governing clause whose subject is an actor ("Netanyahu había
        anticipado que la respuesta llegaría, señalando a Irán como instigador")."""
        tok = verb
        for _ in range(4):
            if tok.head.i == tok.i:
                break
            tok = tok.head
            subj, _ = chain_subject(tok)
            if subj is not None and (found := self._mentions(subj, actors)):
                return found, "gerund-governor"
        return [], "none"

    def _targets(self, verb: Token, args: list[Token], actors: DocActors, cases: frozenset[str] | set[str],
                 sources: list[Mention], reaction: bool = False, deep: bool = False) -> tuple[list[Mention], str]:
        """The act's target among the verb's arguments; ``deep``: also an actor inside its object
        phrase (reactions, demands and coercion of hand-checked verbs)."""
        own = {m.actor.actor_id for m in sources} | {m.actor.country for m in sources if m.actor.country}

        def other(found: list[Mention]) -> list[Mention]:
            return [m for m in found if m.actor.actor_id not in own and m.actor.country not in own]

        for a in args:  # "condenó a Estados Unidos", "le otorgó ... al presidente", "contra Venezuela"
            if is_clitic(a) or a.dep_ == "nmod" or any(source_phrase(c) for c in a.children):
                continue  # "según X", "de acuerdo con X" name who says so, not who undergoes
            case = case_of(a)
            if case and case not in cases or case == "por":
                continue
            found = other(self._mentions(a, actors))
            if found:
                return found, f"{a.dep_}-{case or 'bare'}"
            for inner in a.children:  # "sanciones contra Venezuela", "el ataque de Israel", "el ataque israelí"
                if inner.dep_ == "nmod" and case_of(inner) in cases | {"de"} or reaction and inner.dep_ == "amod":
                    found = other(self._mentions(inner, actors))
                    if found:
                        return found, f"inside-object-{case_of(inner) or inner.dep_}"
            if lemma_of(a) in POSTED:  # "llamó a consultas a la embajadora en Tel Aviv": the host state
                posts = [o for o in args if case_of(o) == "en"] + [o for o in a.children if case_of(o) == "en"]
                found = other([m for o in posts for m in self._mentions(o, actors)])
                if found:
                    return found, "posted-in"
        for a in args if deep else ():
            # "exigió el cese de las hostilidades y la retirada de las fuerzas tailandesas", "detuvo a los
            # implicados, entre ellos un ciudadano francés": an actor deeper in the object phrase
            coercion_place = not reaction and a.dep_ in ("obl", "nmod") and case_of(a) in ("en", "sobre", "contra", "dentro", "del", "de")
            if a.dep_ == "obj" and not is_clitic(a) or reaction and a.dep_ == "obl" and case_of(a) in cases or coercion_place:
                found = other([m for t in a.subtree if t.i != a.i and (m := actors.at(t)) is not None])
                if found:
                    return found[:1], "inside-object-phrase"
        for conj in (c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"):
            # "decidió expulsar a los embajadores y retirar a su personal de Argentina, Chile ...": shared objects
            found, how = self._targets(conj, arguments(conj), actors, cases, sources, reaction, deep)
            if found:
                return found, f"conjunct-{how}"
        clitics = {"le", "les"} | ({"lo", "la", "los", "las"} if reaction or deep else set())
        if any(is_clitic(a) and a.lower_ in clitics for a in args):
            # "le otorgó la condecoración", "lo acusó de espionaje": the person or state last named before
            # the verb, in its sentence or the one before
            before = [m for t in verb.sent if t.i < verb.i and (m := actors.at(t)) is not None]
            here = next((m.sentence_index for t in verb.sent if (m := actors.at(t)) is not None), None)
            if not before and here is not None:
                before = [m for m in actors.mentions if m.sentence_index == here - 1]
            before = other(before)
            if before:
                return [before[-1]], "clitic"
        return [], "none"

    def _intent(self, lemma: str, cameo: CameoCode, rule: str, comps: list[Token],
                actors: DocActors) -> tuple[CameoCode, str]:
        """A promise of an act is the intent to it (the shared intents table: "prometió enviar ayuda"
        is 0333, intent to provide humanitarian aid)."""
        if lemma not in self.intention:
            return cameo, rule
        for c in comps:
            inner = self._verbal(c, actors)
            if inner is None:
                continue
            act = inner.code.code
            for k in range(len(act), 1, -1):
                if act[:k] in self.lex.intents:
                    return self.lex.code(self.lex.intents[act[:k]]), f"{rule}+intent-to:{act}"
        return cameo, rule

    def _complement_targets(self, lemma: str, comps: list[Token], actors: DocActors,
                            sources: list[Mention]) -> tuple[list[Mention], str]:
        """The target of a threat, promise, request or denial is the governed act's: "amenazó con
        imponer aranceles a México"; of a request, first the one asked to act ("pidió que Rusia libere")."""
        own = {m.actor.country for m in sources if m.actor.country} | {m.actor.actor_id for m in sources}
        for c in comps:
            if lemma not in self.threat | self.intention:  # asked, accused, denounced: the one said to act
                subj, _ = chain_subject(c)
                found = [m for m in self._mentions(subj, actors) if m.actor.country not in own
                         and m.actor.actor_id not in own] if subj is not None and subj.head.i == c.i else []
                if found:
                    return found, "asked-to-act"
            found, how = self._targets(c, arguments(c), actors, TARGET_CASES, sources)
            if found:
                return found, f"governed-{how}"
        return [], "none"

    def _modality(self, verb: Token) -> tuple[Modality, str]:
        if negated(verb):
            return "negated", "no"
        if any(c.dep_ == "aux" and lemma_of(c) in self.hypothetical for c in verb.children):
            return "hypothetical", next(c.text for c in verb.children if lemma_of(c) in self.hypothetical)
        mood, tense = verb.morph.get("Mood", []), verb.morph.get("Tense", [])
        if mood == ["Cnd"]:
            return "hypothetical", verb.text
        if tense == ["Fut"]:
            return "intended", verb.text
        head = verb.head
        if head.i != verb.i and verb.dep_ in ("xcomp", "ccomp", "advcl"):
            lemma = lemma_of(head)
            if lemma in self.threat:
                return "threatened", head.text
            if lemma in self.request or mood == ["Sub"]:
                return "hypothetical", head.text  # "pidió que Cuba libere": asked for, not done
            if lemma in self.denial:
                return "negated", head.text
            if lemma in self.intention:
                return "intended", head.text
        return "asserted", ""

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

    # -- nominal predicates -------------------------------------------------------------
    def _nominal(self, noun: Token, actors: DocActors) -> _Reading | None:
        lemma = lemma_of(noun)
        amod = next((c for c in noun.children if c.dep_ == "amod" and c.i == noun.i + 1), None)
        entry = (self.lex.nouns.get(f"{lemma} {amod.lower_}") if amod is not None else None) or self.lex.nouns.get(lemma)
        if entry is None:
            return self._intent_noun(noun, actors) if lemma in self.intent_nouns else None
        sources: list[Mention] = []
        targets: list[Mention] = []
        how_s, how_t = "none", "none"
        between = False
        holder = noun
        for _ in range(2):  # "la imposición de sanciones por EE.UU. contra Venezuela": the governing noun too
            for c in holder.children:
                case = case_of(c)
                found = self._mentions(c, actors)
                if not found:
                    continue
                if c.dep_ == "amod" and not sources:
                    sources, how_s = found, "adjective"  # "los ataques israelíes"
                elif case == "de" and lemma in self.lex.patient_nouns and not targets:
                    targets, how_t = found, "patient-de"  # "el arresto de un ciudadano francés"
                elif case in AUTHOR_CASES and not sources and c.i > holder.i:
                    sources, how_s = found, f"noun-{case}"
                elif case == "desde" and not sources and self.lex.code(entry.code).root in COERCION_ROOTS:
                    sources, how_s = found, "noun-desde"  # "el lanzamiento de 30 cohetes desde el Líbano"
                elif case == "entre" and len(found) > 1:
                    sources, targets, how_s, how_t, between = found[:1], found[1:], "between", "between", True
                elif case in entry.target_prep and not targets:
                    targets, how_t = found, f"noun-{case}"
            for c in holder.children:  # "el cierre de su frontera con Camboya": one phrase further down
                if targets or c.dep_ != "nmod":
                    continue
                for d in c.children:
                    if d.dep_ != "nmod" or case_of(d) not in entry.target_prep or not (found := self._mentions(d, actors)):
                        continue
                    if case_of(d) == "desde" and not sources and self.lex.code(entry.code).root in COERCION_ROOTS:
                        sources, how_s = found, "noun-desde"  # "el lanzamiento de 30 cohetes desde el Líbano"
                        continue
                    if case_of(d) == "entre" and len(found) > 1 and not sources:
                        # "la normalización de las relaciones entre Marruecos e Israel": the two are the parties
                        sources, targets, how_s, how_t, between = found[:1], found[1:], "between", "between", True
                    else:
                        targets, how_t = found, f"noun-{case_of(d)}-inner"
                    break
            participles = [c for c in holder.children if c.dep_ in ("acl", "amod")]
            participles += [d for c in holder.children if c.dep_ == "nmod" for d in c.children if d.dep_ in ("acl", "amod")]
            for acl in participles:
                agent = agent_child(acl)  # "el arancel anunciado por su homólogo", "sanciones impuestas por EE.UU."
                if not sources and agent is not None and (found := self._mentions(agent, actors)):
                    sources, how_s = found, "noun-participle-por"
                for o in (c for c in acl.children if c.dep_ == "obl" and case_of(c) in entry.target_prep and not targets):
                    if found := self._mentions(o, actors):  # "... anunciado por Trump sobre las importaciones brasileñas"
                        targets, how_t = found, f"noun-participle-{case_of(o)}"
            if holder.dep_ == "nmod" and case_of(holder) == "de" and holder.head.pos_ == "NOUN":
                holder = holder.head
            else:
                break
        verb = noun.head
        if not sources and noun.dep_ == "obj" and verb.pos_ == "VERB" and (agent := agent_child(verb)) is not None:
            sources, how_s = self._mentions(agent, actors), "noun-verb-por"  # "provocaron condenas por parte de X"
        if noun.dep_ in ("obj", "nsubj") and verb.pos_ == "VERB":
            support = noun.dep_ == "obj" and lemma_of(verb) in self.lex.support_verbs
            if not sources and support:  # "Israel lanzó un ataque contra Hamás", "le manifestó su apoyo"
                subj, how = chain_subject(verb)
                sources, how_s = (self._mentions(subj, actors), f"support-{how}") if subj is not None else ([], "none")
                if not sources and subj is None and verb.dep_ == "ROOT" and self._last_subjects:
                    sources, how_s = list(self._last_subjects), "support-previous-sentence"
            if sources and not targets and (support or is_passive(verb)):  # "A Cuba se le manifestó el respaldo de México"
                targets, how_t = self._targets(verb, [a for a in arguments(verb) if a.i != noun.i], actors,
                                               entry.target_prep | {"a"}, sources)
        if not sources and noun.dep_ in ("obj", "nsubj", "obl") and lemma_of(verb) in COPULAR and verb.dep_ == "ROOT" \
                and self._last_subjects:
            sources, how_s = list(self._last_subjects), "copular-previous-sentence"  # "Se trató de una advertencia"
        if not sources and noun.dep_ == "obl" and case_of(noun) in DURING and verb.pos_ == "VERB":
            # "abandonaron La Habana después de una visita de cinco días", "durante su llamada con Trump"
            subj, how = chain_subject(verb)
            if subj is not None and (found := self._mentions(subj, actors)):
                sources, how_s = found, f"clause-{how}"
        if not sources and lemma in self.lex.patient_nouns:
            # "el Ejecutivo informó que las investigaciones llevaron al arresto de un francés": authorities
            # reporting an arrest made it
            speaker = self._attribution(noun, noun.sent, actors).speaker
            if speaker is not None and speaker.actor.sector in AUTHORITIES:
                sources, how_s = [speaker], "reporting-authority"
        if entry.support_only and how_s.startswith("support") is False:
            return None
        if not sources:
            return None
        reading = _Reading(noun, self.lex.code(entry.code), f"es:noun:{lemma}", sources, how_s, targets, how_t)
        if between:
            reading.rule += "+between"
        gov = noun.head if noun.head.pos_ == "VERB" else noun
        reading.modality, reading.cue = self._modality(gov) if gov.i != noun.i else ("asserted", "")
        return reading

    def _intent_code(self, act: str) -> str | None:
        """The code of an expressed intent to ``act``: the shared intents table, else, for a coercive
        act, the threat of it (an announced blockade is a threat of force)."""
        code = next((self.lex.intents[act[:k]] for k in range(len(act), 1, -1) if act[:k] in self.lex.intents), None)
        return code or THREAT_OF.get(act[:2])

    def _intent_adjective(self, adj: Token, actors: DocActors) -> _Reading | None:
        acts_ = [c for c in adj.children if c.pos_ == "VERB" and c.dep_ in ("xcomp", "advcl", "acl", "ccomp")]
        subj = next((c for c in adj.children if c.dep_ == "nsubj"), None)
        sources = self._mentions(subj, actors) if subj is not None else []
        if not acts_ or not sources:
            return None
        inner = self._verbal(acts_[0], actors)
        code = (self._intent_code(inner.code.code) if inner is not None else None) or "030"
        own = {m.actor.country for m in sources}
        targets = [m for m in (inner.targets if inner is not None else []) if m.actor.country not in own]
        return _Reading(adj, self.lex.code(code), f"es:adjective:{adj.lower_}+intent", sources, "subject", targets,
                        "governed" if targets else "none")

    def _intent_noun(self, noun: Token, actors: DocActors) -> _Reading | None:
        """"manifestó su intención de reunirse nuevamente con Putin": the intent to the act the noun
        governs, by the subject of its verb."""
        acts_ = [c for c in noun.children if c.pos_ == "VERB" and c.dep_ in ("acl", "nmod", "xcomp")]
        verb = noun.head
        if not acts_ or verb.pos_ != "VERB":
            return None
        inner = self._verbal(acts_[0], actors)
        if inner is None:
            return None
        code = self._intent_code(inner.code.code)
        if code is None:
            return None
        subj, how = chain_subject(verb)
        sources = self._mentions(subj, actors) if subj is not None else []
        if not sources:
            return None
        own = {m.actor.country for m in sources}
        targets = [m for m in inner.targets if m.actor.country not in own]
        return _Reading(noun, self.lex.code(code), f"es:noun:{lemma_of(noun)}+intent-to:{inner.code.code}", sources,
                        f"support-{how}", targets, inner.target_how if targets else "none")

    # -- events ---------------------------------------------------------------------------
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

    def _events(self, r: _Reading, sent: SpacySpan, sent_index: int, doc: Document, actors: DocActors,
                offset: int) -> list[Event]:
        if not r.sources or r.code.code in PLAIN_STATEMENTS and not r.targets:
            return []
        slots: list[Mention | None] = list(r.targets) if r.targets else [None]
        pairs: list[tuple[Mention, Mention | None]] = [(s, t) for s in r.sources for t in slots]
        if not r.targets and len(r.sources) > 1 and r.code.root in SYMMETRIC_ROOTS:
            pairs = [(a, b) for a in r.sources for b in r.sources if a.actor.actor_id != b.actor.actor_id]
            r.target_how = "co-participant"
        trig = r.trigger
        trigger = Span(trig.text, trig.idx + offset, trig.idx + len(trig) + offset)
        sentence = Span(sent.text, sent.start_char + offset, sent.end_char + offset)
        attribution = self._attribution(trig, sent, actors)
        day, precision = clause_date(trig, doc.date)
        if day is None:
            day, precision = doc.date, doc.date_precision
        out = []
        for s, t in pairs:
            if t is not None and (t.actor.actor_id == s.actor.actor_id or t.actor.country and t.actor.country == s.actor.country):
                continue  # a state does not act on itself ("el ataque israelí en Israel", "el arresto de un francés por Francia")
            conf = 0.45 + (0.2 if not r.rule.endswith(":default") else 0.1) + (0.15 if t else 0.0)
            conf -= 0.1 if r.source_how not in ("subject", "passive-agent") else 0.0
            conf -= 0.1 if r.modality != "asserted" else 0.0
            conf -= 0.15 if r.target_how == "running-dyad" else 0.0
            conf -= 0.1 if "adjective" in (s.how, t.how if t else "") or "coreference" in (s.how, t.how if t else "") else 0.0
            rule = f"{r.rule}; source={r.source_how}; target={r.target_how if t else 'none'}"
            if r.cue:
                rule += f"; modality-cue={r.cue}"
            src_phrase = Span(s.text, s.start, s.end)
            tgt_phrase = Span(t.text, t.start, t.end) if t is not None else None
            out.append(Event(
                event_id=event_id(doc.doc_id, trigger.start, s.start, s.actor.actor_id, t.start if t else -1,
                                  t.actor.actor_id if t else "", r.code.code),
                doc_id=doc.doc_id, date=day, date_precision=precision, source=s, target=t, code=r.code,  # type: ignore[arg-type]
                modality=r.modality, attribution=attribution,
                evidence=Evidence(sentence, trigger, src_phrase, tgt_phrase), rule=rule,
                confidence=round(max(MIN_CONFIDENCE, min(1.0, conf)), 2), sentence_index=sent_index,
            ))
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
    import yaml

    with (data_dir() / "cameo" / "es" / "verbs_core.yaml").open(encoding="utf-8") as fh:
        return frozenset(str(k).lower() for k in (yaml.safe_load(fh).get("verbs") or {}))


def _fits(p: Pattern, objects: set[str], comps: set[str], cases: set[str]) -> bool:
    """Whether a lexicon pattern fits: every key it has must match (object lemmas among the verb's
    objects and obliques, complement verbs, the case words of its arguments)."""
    if p.object and not p.object & objects:
        return False
    if p.xcomp and not p.xcomp & comps:
        return False
    if p.prep and not p.prep & cases:
        return False
    return bool(p.object or p.xcomp or p.prep)
