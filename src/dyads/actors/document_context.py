"""Actors from the whole document: what one noun phrase leaves open, the article settled earlier.

Runs after the `Resolver` over one document, before events are coded, so rules and the learned
classifier see the same refined actors:

- **bodies named again by their head noun**: "the Fund", "the court", "the bloc" after the
  International Monetary Fund, the International Criminal Court, ... take that organisation
  (the latest earlier organisation whose name holds the noun); "the group", "the militia" the
  latest armed or political movement named before;
- **groups placed by their phrase**: "farmers in Punjab", "troops from Chad" take the place's
  country;
- **offices without a country**: "the ministry", "the authorities", "Vice Commerce Minister
  Wang" take the country of the same office named earlier with one ("the Syrian Foreign
  Ministry" ... "the ministry"), else — for state offices and people — the article's focus
  state (the state most named so far, when one clearly leads).

Every change is marked in the mention's ``how`` (``+context-country:same-office``,
``+context-country:focus``, ``body-named-again``), with the earlier phrase as evidence.

Reads: the parsed document, its `DocActors`, the gazetteer's countries.
Writes: the same `DocActors`, mentions replaced in place (index and plural readings too).
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from dataclasses import replace

from spacy.tokens import Doc, Span

from dyads.actors.gazetteer import Gazetteer
from dyads.actors.resolver import DocActors, group_actor
from dyads.model import Actor, Mention

STATE_SECTORS = {"GOV", "MIL", "COP", "LEG", "JUD", "SPY"}
# Offices that stand for "the state in focus" when nothing closer names their country
FOCUS_OFFICES = {"government", "authorities", "authority", "ministry", "junta", "regime", "cabinet", "police",
                 "army", "military", "presidency", "administration", "parliament", "court"}
# "the Minister of Foreign Affairs": an office named by its title alone
OFFICE_TITLES = {"minister", "secretary", "president", "premier", "chancellor", "spokesperson", "spokesman", "spokeswoman"}
# "the North", "the South": a state named again by the first word of its name
COMPASS = {"north", "south", "east", "west"}
# Verbs by which a body speaks (a spokesperson in the next sentence speaks for it)
SPEAKING_VERBS = {"say", "state", "announce", "tell", "warn", "add", "declare", "note", "stress"}
# Head nouns by which an article names a body again ("the Fund", "the court")
BODY_NOUNS = {"fund", "court", "council", "alliance", "bloc", "union", "commission", "agency", "bank", "organisation",
              "organization", "community", "assembly", "tribunal", "mission", "league", "forum", "secretariat"}


# "the group", "the militia": the armed or political movement named before (Houthis, Hamas, M23)
GROUP_NOUNS = {"group", "militia", "movement", "faction"}
NON_STATE_SECTORS = {"REB", "INS", "OPP", "PTY", "SEP", "UAF"}


def _head_word(text: str) -> str:
    words = text.lower().replace("’s", "").replace("'s", "").split()
    return words[-1] if words else ""


class DocumentContext:
    def __init__(self, gazetteer: Gazetteer) -> None:
        self.g = gazetteer

    def refine(self, parsed: Doc, actors: DocActors, doc_id: str, offset: int = 0) -> None:
        """``offset``: where ``parsed`` starts in the document text (mention offsets are document-wide)."""
        self._bodies_named_again(parsed, actors, doc_id, offset)
        self._halves_named_again(parsed, actors, doc_id, offset)
        done: list[Mention] = []
        swap: dict[int, Mention] = {}
        ordered = sorted(actors.mentions, key=lambda x: (x.start, x.end))
        voices = self._voices(parsed, actors, offset)
        for m in ordered:
            new = voices.get(id(m)) or self._placed(m, parsed, actors, offset) or self._with_country(m, done, ordered)
            if new is not m:  # identity: same object
                swap[id(m)] = new
            done.append(new)
        if swap:
            actors.mentions[:] = [swap.get(id(m), m) for m in actors.mentions]
            for i, m in list(actors.by_token.items()):
                actors.by_token[i] = swap.get(id(m), m)
            for i, ms in list(actors.plural.items()):
                actors.plural[i] = [swap.get(id(m), m) for m in ms]

    # -- bodies ---------------------------------------------------------------------------------
    def _bodies_named_again(self, parsed: Doc, actors: DocActors, doc_id: str, offset: int) -> None:
        orgs = sorted((m for m in actors.mentions if m.actor.kind == "organisation"), key=lambda m: m.start)
        if not orgs:
            return
        sent_of = {t.i: k for k, s in enumerate(parsed.sents) for t in s}
        for tok in parsed:
            lemma = tok.lemma_.lower()
            if tok.pos_ not in ("NOUN", "PROPN") or lemma not in BODY_NOUNS | GROUP_NOUNS or tok.dep_ == "compound":
                continue
            if not any(c.lower_ == "the" for c in tok.children):
                continue
            current = actors.at(tok)
            if current is not None and (current.actor.country or current.actor.kind == "organisation"):
                continue
            earlier = [m for m in orgs if m.end <= tok.idx + offset and (
                lemma in {w.lower() for w in m.actor.name.split()}
                or (lemma in GROUP_NOUNS and m.actor.sector in NON_STATE_SECTORS))]
            if not earlier:
                continue
            body = earlier[-1]
            left = min([tok.i, *(c.i for c in tok.lefts if c.dep_ in ("det", "amod", "compound"))])
            start, end = parsed[left].idx, tok.idx + len(tok)
            m = Mention(doc_id=doc_id, sentence_index=sent_of[tok.i], start=start + offset, end=end + offset,
                        text=parsed.text[start:end],
                        actor=body.actor, how="body-named-again", evidence=body.text)
            if current is not None:
                actors.mentions.remove(current)
            actors.add(m, range(left, tok.i + 1))

    def _halves_named_again(self, parsed: Doc, actors: DocActors, doc_id: str, offset: int) -> None:
        """"the North", "the South" after North Korea, South Sudan: the state named before whose name
        begins with that word (never a bare compass word with no such state in view)."""
        states = sorted((m for m in actors.mentions if m.actor.kind == "country"), key=lambda m: m.start)
        if not states:
            return
        sent_of = {t.i: k for k, s in enumerate(parsed.sents) for t in s}
        for tok in parsed:
            if tok.lower_ not in COMPASS or not tok.is_title or tok.dep_ == "compound" or actors.at(tok) is not None:
                continue
            if not any(c.lower_ == "the" and c.dep_ == "det" for c in tok.children):
                continue
            earlier = [m for m in states if m.end <= tok.idx + offset and m.actor.name.lower().startswith(f"{tok.lower_} ")]
            if not earlier:
                continue
            state = earlier[-1]
            left = min(c.i for c in [tok, *tok.lefts] if c.dep_ in ("det",) or c.i == tok.i)
            start, end = parsed[left].idx, tok.idx + len(tok)
            actors.add(Mention(doc_id=doc_id, sentence_index=sent_of[tok.i], start=start + offset, end=end + offset,
                               text=parsed.text[start:end], actor=state.actor, how="state-named-again",
                               evidence=state.text), range(left, tok.i + 1))

    # -- spokespeople ---------------------------------------------------------------------------
    def _voices(self, parsed: Doc, actors: DocActors, offset: int) -> dict[int, Mention]:
        """"NATO said grain exports had helped. 'We call on Russia ...,' spokesperson Ana Lind said.":
        a spokesperson named with no body speaks for whoever spoke in the sentence before (the
        subject of its reporting verb), when that is a state or an organisation."""
        out: dict[int, Mention] = {}
        spokespeople = [m for m in actors.mentions if m.actor.kind == "person" and m.actor.country is None
                        and m.actor.sector in STATE_SECTORS and any(r.title == "spokesperson" for r in m.actor.roles)]
        if not spokespeople:
            return out  # the usual case: no sentence walk at all
        sents = list(parsed.sents)
        starts = [offset + s.start_char for s in sents]
        by_sentence: dict[int, list[Mention]] = {}
        for m in spokespeople:
            by_sentence.setdefault(bisect_right(starts, m.start) - 1, []).append(m)
        for k, people in sorted(by_sentence.items()):
            if k < 1:
                continue
            body = self._speaker_of(sents[k - 1], actors)
            if body is None:
                continue
            a = body.actor
            for m in people:
                if a.kind == "organisation":
                    actor = replace(m.actor, country=a.country, sector=a.sector or "IGO", code=a.code)
                else:
                    state = self.g.countries.get(a.country or "")
                    if state is None:
                        continue
                    actor = replace(m.actor, country=state.country, code=f"{state.code}{m.actor.sector or ''}")
                out[id(m)] = replace(m, actor=actor, how=f"{m.how}+voice-of:previous-speaker", evidence=body.text)
        return out

    @staticmethod
    def _speaker_of(sent: Span, actors: DocActors) -> Mention | None:
        for tok in sent:
            if tok.lemma_.lower() not in SPEAKING_VERBS:
                continue
            for subj in (c for c in tok.children if c.dep_ == "nsubj"):
                m = actors.at(subj)
                if m is not None and (m.actor.kind in ("organisation", "country") or m.actor.sector in STATE_SECTORS | {"IGO"}):
                    return m
        return None

    # -- countries ------------------------------------------------------------------------------
    def _placed(self, m: Mention, parsed: Doc, actors: DocActors, offset: int) -> Mention | None:
        """"farmers in Punjab", "opposition parties in Malawi", "troops from Chad": an unplaced
        group takes the country of the place its phrase names."""
        if m.actor.country is not None or m.actor.kind != "group" or m.actor.sector in (None, "IGO"):
            return None
        span = parsed.char_span(m.start - offset, m.end - offset, alignment_mode="expand")
        if span is None:
            return None
        for prep in (c for c in span.root.children if c.dep_ == "prep" and c.lower_ in ("in", "from", "of")):
            for o in (c for c in prep.children if c.dep_ == "pobj"):
                place = actors.at(o)
                if place is None or not place.actor.country:
                    continue
                state = self.g.countries.get(place.actor.country)
                if state is not None:
                    return replace(m, actor=group_actor(self.g, state, m.actor.sector),
                                   how=f"{m.how}+context-country:place", evidence=m.evidence or place.text)
        return None

    @staticmethod
    def _needs_country(m: Mention) -> bool:
        a = m.actor
        return a.country is None and a.sector in STATE_SECTORS and a.kind in ("group", "person")

    @staticmethod
    def _focus(before: list[Mention]) -> str | None:
        counts: Counter[str] = Counter(  # pronouns and other references are not namings
            m.actor.country for m in before
            if m.actor.country and "coreference" not in m.how
            and (m.actor.kind in ("country", "group") or m.actor.sector in STATE_SECTORS))
        top = counts.most_common(2)
        if not top or (len(top) == 2 and top[0][1] == top[1][1]):
            return None  # no state in focus, or two equally named: no guess
        return top[0][0]

    def _with_country(self, m: Mention, before: list[Mention], everything: list[Mention]) -> Mention:
        if not self._needs_country(m):
            return m
        head = _head_word(m.text)
        # a person is matched by the office they hold: "Ambassador Joel Meyer" after "the French ambassador"
        offices = {head} if m.actor.kind != "person" else {r.title.split()[-1] for r in m.actor.roles if r.title}
        country: str | None = None
        how, evidence = "", ""
        for prior in reversed(before):
            if prior.actor.country and offices and _head_word(prior.text) in offices:
                country, how, evidence = prior.actor.country, "same-office", prior.text
                break
        office = head in FOCUS_OFFICES or (m.how == "agent" and bool(OFFICE_TITLES & set(m.text.lower().split())))
        if country is None and (office or m.actor.kind == "person"):
            # the one state its own sentence has named so far ("Ethiopian authorities declared ..., and the army
            # sent ..."); else the state most named so far; in an article's first lines, the state most named in it
            # (not for people: a minister named by title alone is often the visitor in a foreign capital)
            country, how = None, "focus"
            if m.actor.kind != "person":
                country, how = self._focus([p for p in before if p.sentence_index == m.sentence_index]), "focus-sentence"
            if country is None:
                country, how = self._focus(before) or self._focus(everything), "focus"
        state = self.g.countries.get(country) if country else None
        if state is None:
            return m
        if m.actor.kind == "person":
            actor: Actor = replace(m.actor, country=state.country, code=f"{state.code}{m.actor.sector or ''}")
        else:
            actor = group_actor(self.g, state, m.actor.sector)
        return replace(m, actor=actor, how=f"{m.how}+context-country:{how}", evidence=m.evidence or evidence)
