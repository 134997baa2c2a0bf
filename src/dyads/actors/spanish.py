"""Actor mentions in Spanish text (Universal Dependencies parse), into the same `DocActors` index.

Names are matched as in English (`Resolver.names_in`: longest dictionary matches over capitalised
n-grams, accents optional), against a gazetteer built with the Spanish names of the same actors
(`dyads.actors.gazetteer.build(lang="es")`), so an actor id never depends on the language.
What Spanish writes differently is read here:

- demonym adjectives follow the noun and are lower case: "el Gobierno cubano", "buques rusos";
- a state office is a noun with the state after it: "el canciller de México", "el Ejército de Israel";
- a title in apposition names its holder: "el presidente ruso, Vladímir Putin" is Putin;
- a bare title or state body ("el canciller", "la cancillería") is the one of a seat named in its
  sentence ("Desde Teherán, el Ministerio ..."), else of the state last acting as a subject, else of
  the state last named; "su país" / "nuestros representantes" are the speaker's state;
- "los dos países", "ambos líderes" are the two states (or leaders' states) last named.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from dyads.actors.gazetteer import Entry, Gazetteer
from dyads.actors.registry import Registry
from dyads.actors.resolver import DocActors, Resolver, _dated, _entry_actor, group_actor
from dyads.model import Actor, Mention

NOUN_POS = {"NOUN", "PROPN"}
OF_STATE = {"de", "del"}  # "el Gobierno de Cuba", "el canciller del país"
# a state's agent named by a plural or a phrase the agent table lists by its head ("las Fuerzas Armadas")
PHRASE_HEADS = {"fuerza", "fuerzas", "ministerio", "ministro", "ministra", "secretario", "secretaria", "jefe", "jefa",
                "primer", "primera", "asamblea", "príncipe", "fuerza aérea"}
LEADS = {"gobierno", "administración", "régimen", "ejecutivo"}  # "el Gobierno de Joe Biden" is the leader's state
PERSON_CAPACITIES = {"person"}
COREFERRING = {"GOV"}  # bodies a bare definite noun names in the state in focus (a bare "la fragata" is as
# often the other side's: military nouns are not guessed, except a named force, "las Fuerzas Aéreas")
PAIR_NOUNS = {"país", "nación", "gobierno", "estado", "parte", "vecino"}  # "los dos países", "ambas naciones"
PAIR_LEADERS = {"líder", "mandatario", "presidente", "jefe", "dirigente"}  # "los dos líderes", "ambos mandatarios"
PAIR_WORDS = {"dos", "ambos", "ambas"}
OWN_STATE = {"país", "nación", "patria", "gobierno"}  # "su país": the state of whoever "su" is
# offices posted abroad: "la embajadora" is as often the other state's as the one last named
ABROAD = {"embajador", "embajadora", "embajada", "diplomático", "delegación", "encargado"}
STATE_CAPACITIES = {"name", "metonym", "place"}


OUR = {"nuestro", "nuestra", "nuestros", "nuestras"}


def acts(tok: Token) -> bool:
    """Whether ``tok`` heads, or names inside, the subject of a clause."""
    for _ in range(3):
        if tok.dep_ in ("nsubj", "nsubj:pass"):
            return True
        if tok.dep_ not in ("flat", "appos", "nmod", "amod") or tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


def case_word(tok: Token) -> str:
    return next((c.lower_ for c in tok.children if c.dep_ == "case"), "")


class SpanishResolver:
    """Spanish mentions. ``resolve`` has the signature of `Resolver.resolve`."""

    def __init__(self, gazetteer: Gazetteer, registry: Registry | None = None) -> None:
        self.g = gazetteer
        self.names = Resolver(gazetteer, registry)

    def resolve(self, doc: Doc, doc_id: str, date: str | None, offset: int = 0) -> DocActors:
        out = DocActors()
        sent_of = [0] * len(doc)
        for k, sent in enumerate(doc.sents):
            for i in range(sent.start, sent.end):
                sent_of[i] = k
        text = doc.text
        seen_people: set[str] = set()

        def mk(tokens: list[Token], actor: Actor, how: str, evidence: str = "") -> Mention:
            start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
            return Mention(doc_id=doc_id, sentence_index=sent_of[tokens[0].i], start=start + offset, end=end + offset,
                           text=text[start:end], actor=_dated(actor, date), how=how, evidence=evidence)

        named: dict[int, Mention] = {}  # token index -> mention of a dictionary name covering it
        for span, entries in self.names.names_in(doc):
            entry = self._choose(span, entries, seen_people)
            if entry is None:
                continue
            if entry.capacity == "person":
                seen_people.add(entry.actor.actor_id)
            how = "metonym" if entry.capacity == "metonym" else "alias"
            m = mk(list(span), _entry_actor(self.g, entry), how)
            for t in span:
                named[t.i] = m
        last_state: Actor | None = None  # the state the text last named
        focus: Actor | None = None  # the state of the last subject: what a bare "el canciller" serves
        seat: tuple[int, Actor] | None = None  # (sentence, state) of a seat named in it: "Desde Teherán, el Ministerio"
        for tok in doc:
            if tok.i in named:
                m = named[tok.i]
                if tok.i == 0 or named.get(tok.i - 1) != m:  # once per name, over all its tokens
                    first = tok.i
                    while first + 1 < len(doc) and named.get(first + 1) == m:
                        first += 1
                    out.add(m, range(tok.i, first + 1))
                if m.actor.country:
                    last_state = self.g.countries.get(m.actor.country) or last_state
                    if acts(tok):
                        focus = last_state
                    if m.how == "metonym" and last_state is not None:
                        seat = (sent_of[tok.i], last_state)
                continue
            if tok.lower_ in self.g.lower_adjectives and (tok.pos_ == "ADJ" or tok.pos_ in NOUN_POS and
                                                          self.g.lower_adjectives[tok.lower_].kind == "organisation"):
                demonym = self.g.lower_adjectives[tok.lower_]
                head = tok.head
                if tok.dep_ == "amod" and head.i != tok.i and head.pos_ in NOUN_POS and head.i not in named \
                        and self._office(head) is not None:
                    continue  # "el Gobierno cubano": the noun carries the mention (below)
                out.add(mk([tok], demonym, "adjective"), range(tok.i, tok.i + 1))  # "ataques israelíes"
                last_state = demonym
                continue
            if tok.pos_ not in NOUN_POS:
                continue
            pairing = tok.lemma_.lower() in PAIR_NOUNS | PAIR_LEADERS and tok.tag_ != "PROPN" \
                and any(t.lower_ in PAIR_WORDS for t in doc[tok.left_edge.i:tok.i])
            if pairing:
                # "Los dos países firmaron un acuerdo"; "los dos líderes": the two leaders' states
                pair = self._last_two_states(out.mentions, people=tok.lemma_.lower() in PAIR_LEADERS)
                if pair:
                    made = [mk([tok], a, "coreference", "los dos") for a in pair]
                    out.add(made[0], range(tok.i, tok.i + 1))
                    out.plural[tok.i] = made
                continue
            if tok.lemma_.lower() in OWN_STATE and any(c.lower_ in ("su", "sus", "nuestro", "nuestra") for c in tok.children):
                own = self._speaker_state(tok, out.mentions, sent_of)  # "su país no aceptará", "nuestra nación"
                if own is not None:
                    out.add(mk([tok], own, "coreference", "su país"), range(tok.i, tok.i + 1))
                continue
            office = self._office(tok)
            if office is None:
                continue
            sector, title = office
            holder = self._appositive_person(tok, named)
            if holder is not None:  # "el presidente ruso, Vladímir Putin"
                out.add(mk([tok], holder.actor, "apposition", text[tok.idx:holder.end - offset]), range(tok.i, tok.i + 1))
                continue
            state = self._state_of(tok, named)
            how = "country+agent"
            definite = any(c.lower_ in ("el", "la", "los", "las") for c in tok.children)
            if state is None and not title and tok.pos_ == "PROPN" and tok.is_title and not definite:
                continue  # "Gobierno" opening an organisation's name we do not know
            if state is None and any(c.lower_ in OUR for c in tok.children):
                state, how = self._root_speaker(tok, named), "coreference"  # "nuestros representantes", declaró Modi
            if state is None and (focus or last_state) is not None and sector in COREFERRING \
                    and tok.lemma_.lower() not in ABROAD and definite:
                # "la cancillería", "el Ministerio de Exteriores", "el mandatario": the state last acting
                here = seat[1] if seat is not None and seat[0] == sent_of[tok.i] else None
                state, how = here or focus or last_state, "coreference"
            elif state is None and focus is not None and sector == "MIL" and definite and tok.pos_ == "PROPN":
                state, how = focus, "coreference"  # "las Fuerzas Aéreas" (a named force): the state last acting
            if state is None:
                continue
            group = "GOV" if sector == "IGO" else sector
            out.add(mk([tok], group_actor(self.g, state, group), how), range(tok.i, tok.i + 1))
            more = self._coordinated_states(tok, state, named)
            if more:  # "los gobiernos de Taiwán y Estados Unidos": one phrase, two actors
                out.plural[tok.i] = [out.by_token[tok.i], *(mk([tok], group_actor(self.g, s, group), how) for s in more)]
            last_state = state
            if acts(tok):
                focus = state
        out.mentions.sort(key=lambda m: (m.start, m.end))
        return out

    def _root_speaker(self, tok: Token, named: dict[int, Mention]) -> Actor | None:
        """The state of the subject of ``tok``'s sentence root ("nuestros representantes ...", declaró Modi)."""
        root = tok.sent.root
        for c in root.children:
            if c.dep_ == "nsubj":
                m = named.get(c.i) or next((named[d.i] for d in c.subtree if d.i in named), None)
                if m is not None and m.actor.country:
                    return self.g.countries.get(m.actor.country)
        return None

    def _speaker_state(self, tok: Token, mentions: list[Mention], sent_of: list[int]) -> Actor | None:
        """The state of the person or state last named before ``tok`` in its sentence (mentions are
        added in token order, so those of its sentence so far are the last ones)."""
        for m in reversed(mentions):
            if m.sentence_index != sent_of[tok.i]:
                return None
            if m.actor.kind in ("person", "country", "group") and m.actor.country:
                return self.g.countries.get(m.actor.country)
        return None

    def _last_two_states(self, mentions: list[Mention], people: bool = False) -> list[Actor]:
        """The two states last named before this point (each once), earlier first; with ``people``,
        the states of the two leaders last named."""
        found: list[Actor] = []
        for m in reversed(mentions):
            if m.actor.kind not in (("person",) if people else ("country", "group")):
                continue  # "según Reuters": an outlet is not one of the two states
            state = self.g.countries.get(m.actor.country or "")
            if state is not None and all(state.actor_id != a.actor_id for a in found):
                found.append(state)
            if len(found) == 2:
                return found[::-1]
        return []

    def _choose(self, span: Span, entries: list[Entry], seen: set[str]) -> Entry | None:
        for e in entries:
            if e.capacity == "person" and not e.strong:
                if e.actor.actor_id in seen or span[0].ent_type_ == "PER":
                    return e
                continue
            if e.capacity == "adjective":
                continue  # capitalised demonyms are read as adjectives (lower_adjectives), not names
            return e
        return None

    def _office(self, tok: Token) -> tuple[str, bool] | None:
        """(sector, is a personal title) when ``tok`` names a state office or body."""
        low, lemma = tok.lower_, tok.lemma_.lower()
        nxt = [c for c in tok.children if c.i == tok.i + 1 or (c.dep_ == "amod" and c.i > tok.i)]
        for words in ([low, *(c.lower_ for c in nxt[:1])], [low]):
            phrase = " ".join(words)
            if phrase in self.g.titles:
                return self.g.titles[phrase][0], True
            if phrase in self.g.agents:
                return self.g.agents[phrase], False
        # "ministro de Exteriores", "jefe del Ejército": title phrases that run through "de"
        for c in tok.children:
            if c.dep_ in ("nmod", "flat") and c.i > tok.i:
                phrase = tok.doc[tok.i:c.i + 1].text.lower()
                if phrase in self.g.titles:
                    return self.g.titles[phrase][0], True
        if lemma in self.g.agents:
            return self.g.agents[lemma], False
        if lemma in self.g.titles:
            return self.g.titles[lemma][0], True
        return None

    def _state_of(self, tok: Token, named: dict[int, Mention]) -> Actor | None:
        """The state an office noun belongs to: its demonym adjective, or a state or leader named in
        its "de" complements ("el ministro de Asuntos Exteriores de Etiopía", "el Gobierno de Joe
        Biden"), up to the first comma (an apposition after it names the holder, not the state)."""
        for c in tok.children:
            if c.dep_ == "amod" and c.lower_ in self.g.lower_adjectives:
                return self.g.lower_adjectives[c.lower_]
        name = [c for c in tok.children if c.dep_ in ("flat", "amod", "nmod") and c.i > tok.i and c.i not in named]
        while name:  # "la Fuerza Aérea Real Tailandesa", "buques de guerra rusos": a demonym inside the phrase
            c = name.pop()
            if c.lower_ in self.g.lower_adjectives:
                return self.g.lower_adjectives[c.lower_]
            if c.dep_ == "nmod" and (c.pos_ != "NOUN" or case_word(c) != "de"):
                continue  # "de guerra", "de Defensa" yes; "en Tel Aviv", a name: no
            name += [d for d in c.children if d.dep_ in ("flat", "amod", "nmod") and d.i > c.i and d.i not in named]
        stack = [c for c in tok.children if c.dep_ in ("nmod", "flat") and c.i > tok.i
                 and (case_word(c) in OF_STATE or c.dep_ == "flat")]
        while stack:
            c = stack.pop(0)
            m = named.get(c.i)
            if m is not None and m.actor.country and (m.actor.kind in ("country", "group")
                                                      or m.actor.kind == "person" and tok.lemma_.lower() in LEADS):
                return self.g.countries.get(m.actor.country)
            stack += [d for d in c.children if d.dep_ in ("nmod", "flat") and d.i > c.i and "," not in
                      tok.doc[c.i:d.i].text]
        return None

    def _coordinated_states(self, tok: Token, first: Actor, named: dict[int, Mention]) -> list[Actor]:
        """The other states coordinated with the first in an office's "de" complement."""
        for c in tok.children:
            m = named.get(c.i)
            if c.dep_ == "nmod" and m is not None and m.actor.country == first.country:
                out: list[Actor] = []
                for d in c.subtree:
                    n = named.get(d.i)
                    if d.dep_ == "conj" and n is not None and n.actor.country and n.actor.country != first.country:
                        state = self.g.countries.get(n.actor.country)
                        if state is not None and all(state.actor_id != a.actor_id for a in out):
                            out.append(state)
                return out
        return []

    @staticmethod
    def _appositive_person(tok: Token, named: dict[int, Mention]) -> Mention | None:
        for c in tok.children:
            if c.dep_ == "appos" and c.i > tok.i:
                m = named.get(c.i)
                if m is not None and m.actor.kind == "person":
                    return m
        return None

