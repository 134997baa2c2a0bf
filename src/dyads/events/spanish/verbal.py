"""Verbal predicates of the Spanish coder: the verb's code from the lexicon (patterns on its objects,
complements and case words), its source (subject, clause chain, passive "por" agent, previous
sentence, quoted speaker), its target ("a" objects, obliques, clitics, the governed act's), its
modality and the acts it governs (threats, promises, requests, denials, refusals)."""

from __future__ import annotations

from spacy.tokens import Token

from dyads.actors.resolver import DocActors
from dyads.events.spanish.base import (
    COERCION_ROOTS,
    FORCE_ROOTS,
    POSTED,
    REACTION_ROOTS,
    TARGET_CASES,
    Reading,
    SpanishBase,
    pattern_fits,
    source_phrase,
)
from dyads.events.ud import (
    agent_child,
    arguments,
    case_of,
    chain_subject,
    complement_verbs,
    is_clitic,
    is_passive,
    lemma_of,
    negated,
    reflexive_only,
)
from dyads.model import CameoCode, Mention, Modality


class VerbalReadings(SpanishBase):
    def _verbal(self, verb: Token, actors: DocActors) -> Reading | None:
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
        pattern = next((p for p in entry.patterns if pattern_fits(p, obj_lemmas, comp_lemmas, cases)), None)
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
        reading = Reading(verb, cameo, rule, sources, source_how, targets, target_how)
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
            if lemma_of(a) in POSTED:  # "llamó a consultas a su cónsul en Lima": the host state
                posts = [o for o in args if case_of(o) == "en"] + [o for o in a.children if case_of(o) == "en"]
                found = other([m for o in posts for m in self._mentions(o, actors)])
                if found:
                    return found, "posted-in"
        for a in args if deep else ():
            # "pidió el fin de los combates y la salida de las tropas vecinas", "arrestó a tres
            # sospechosos, uno de ellos un turista belga": an actor deeper in the object phrase
            coercion_place = not reaction and a.dep_ in ("obl", "nmod") and case_of(a) in ("en", "sobre", "contra", "dentro", "del", "de")
            if a.dep_ == "obj" and not is_clitic(a) or reaction and a.dep_ == "obl" and case_of(a) in cases or coercion_place:
                found = other([m for t in a.subtree if t.i != a.i and (m := actors.at(t)) is not None])
                if found:
                    return found[:1], "inside-object-phrase"
        for conj in (c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"):
            # "optó por echar a los diplomáticos y cerrar sus consulados en Perú y Uruguay": shared objects
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
