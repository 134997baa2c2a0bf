"""Nominal predicates of the Spanish coder: event nouns with their author and target ("los ataques
israelíes", "sanciones contra Venezuela", "las conversaciones entre Rusia y China"), intent nouns and
adjectives ("su intención de reunirse", "dispuesta a retomar"), and a speaker's condemnations
("calificó de inaceptable", "se trata de una ridícula provocación")."""

from __future__ import annotations

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from dyads.actors.resolver import DocActors
from dyads.events.spanish.base import (
    AUTHOR_CASES,
    AUTHORITIES,
    COERCION_ROOTS,
    COPULAR,
    DURING,
    EVALUATING,
    THREAT_OF,
    Reading,
)
from dyads.events.spanish.verbal import VerbalReadings
from dyads.events.ud import (
    agent_child,
    arguments,
    case_of,
    chain_subject,
    is_passive,
    lemma_of,
)
from dyads.model import Event, Mention


class NominalReadings(VerbalReadings):
    def _nominal(self, noun: Token, actors: DocActors) -> Reading | None:
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
                    sources, how_s = found, "noun-desde"  # "el disparo de varios misiles desde Siria"
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
                        sources, how_s = found, "noun-desde"  # "el disparo de varios misiles desde Siria"
                        continue
                    if case_of(d) == "entre" and len(found) > 1 and not sources:
                        # "el deshielo de los lazos entre Chile y Bolivia": the two are the parties
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
            # "dejaron Quito tras una visita de tres días", "en su conversación con el canciller"
            subj, how = chain_subject(verb)
            if subj is not None and (found := self._mentions(subj, actors)):
                sources, how_s = found, f"clause-{how}"
        if not sources and lemma in self.lex.patient_nouns:
            # "la policía dijo que la pesquisa terminó con la detención de un belga": authorities
            # reporting an arrest made it
            speaker = self._attribution(noun, noun.sent, actors).speaker
            if speaker is not None and speaker.actor.sector in AUTHORITIES:
                sources, how_s = [speaker], "reporting-authority"
        if entry.support_only and how_s.startswith("support") is False:
            return None
        if not sources:
            return None
        reading = Reading(noun, self.lex.code(entry.code), f"es:noun:{lemma}", sources, how_s, targets, how_t)
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

    def _intent_adjective(self, adj: Token, actors: DocActors) -> Reading | None:
        acts_ = [c for c in adj.children if c.pos_ == "VERB" and c.dep_ in ("xcomp", "advcl", "acl", "ccomp")]
        subj = next((c for c in adj.children if c.dep_ == "nsubj"), None)
        sources = self._mentions(subj, actors) if subj is not None else []
        if not acts_ or not sources:
            return None
        inner = self._verbal(acts_[0], actors)
        code = (self._intent_code(inner.code.code) if inner is not None else None) or "030"
        own = {m.actor.country for m in sources}
        targets = [m for m in (inner.targets if inner is not None else []) if m.actor.country not in own]
        return Reading(adj, self.lex.code(code), f"es:adjective:{adj.lower_}+intent", sources, "subject", targets,
                        "governed" if targets else "none")

    def _intent_noun(self, noun: Token, actors: DocActors) -> Reading | None:
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
        return Reading(noun, self.lex.code(code), f"es:noun:{lemma_of(noun)}+intent-to:{inner.code.code}", sources,
                        f"support-{how}", targets, inner.target_how if targets else "none")

    def _evaluations(self, sent: SpacySpan, actors: DocActors, readings: list[Reading],
                     history: list[Event]) -> list[Reading]:
        """A speaker's condemnation of what another did: "Caracas afirmó que se trata de una ridícula
        provocación", "Trump calificó el proceso judicial de vergonzoso". The speaker: the subject of the
        reporting or evaluating verb, or the "según" source; the target: the author of the thing
        evaluated, else another state in the clause, else the other side of the running dyad.
        One reading per speaker and sentence, none where the sentence already codes the speaker acting."""
        out: list[Reading] = []
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
            out.append(Reading(clause, self.lex.code("111"), f"es:evaluation:{word.lower_}", [speaker], "speaker",
                                [target], how))
        return out
