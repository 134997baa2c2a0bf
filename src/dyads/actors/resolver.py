"""Resolve actor mentions in a parsed document.

Reads: a spaCy ``Doc`` (tokens, POS, dependencies, entities) and the `Gazetteer`.
Writes: `Mention`s at noun-phrase level, and a token index the event coder queries.

How a mention is resolved is recorded in ``Mention.how``: ``alias`` (dictionary name),
``metonym``, ``country+agent`` ("the Cuban government"), ``title`` / ``apposition`` (a person
learned from the text, with the phrase as evidence), ``surname`` (a person seen earlier in the
document or learned in an earlier one), ``coreference`` (pronoun or definite description).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import NamedTuple

from spacy.tokens import Doc, Span, Token

from dyads.actors.coreference import FOCUS_SECTORS, NEUTRAL_PAIR_NOUNS, Coreference, MakeMention
from dyads.actors.gazetteer import Entry, Gazetteer, role_on
from dyads.actors.names import name_key
from dyads.actors.people import HONORIFICS, PeopleLearning
from dyads.actors.registry import Registry
from dyads.model import Actor, Mention

MAX_ALIAS_TOKENS = 7
STATE_NAMES = {"name", "metonym", "place"}
LEADER_BODIES = {"administration", "government", "regime", "cabinet", "presidency"}  # "the administration" = the last leader's
GATHERINGS = {"summit", "conference", "forum"}
HEAD_NOUNS = {"head", "chief", "boss", "leader", "leadership"}  # "the head of the IMF"
STATE_NOUNS = {"country", "nation", "homeland", "motherland"}  # "his country" is the country of whoever "his" is
STANCE_PREFIXES = {"anti", "pro", "non", "ex"}
REGIONAL_PREFIXES = {"Latin", "South", "North", "Central", "Pan", "African", "Anglo", "Native", "Ibero"}
# Things whose national modifier makes a military actor: "American warplanes struck ..."
MILITARY_NOUNS = {"warplane", "jet", "fighter", "bomber", "drone", "warship", "destroyer", "frigate", "submarine",
                  "carrier", "helicopter", "tank", "missile", "artillery", "aircraft", "gunboat", "vessel", "battery"}
SECTOR_PRIORITY = ("GOV", "MIL", "COP", "JUD", "LEG", "IGO", "SPY")  # a president who also leads the party acts as GOV
OTHER_SIDE_NOUNS = {"counterpart", "counterparts"}  # "his counterpart": an office of another state than his
NOT_STATE_ENTS = {"PERSON", "ORG", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT"}
STATE_CAPACITIES = {"name", "adjective", "demonym", "metonym"}  # ways of naming a state (not a person or a place in it)



class _Tok(NamedTuple):
    """What name matching reads of a token (read once per document: each ``doc[i]`` builds a Token)."""
    text: str
    idx: int
    is_punct: bool
    is_space: bool


@dataclass
class DocActors:
    """Mentions of one document and the token → mention index the event coder uses."""

    mentions: list[Mention] = field(default_factory=list)
    by_token: dict[int, Mention] = field(default_factory=dict)
    plural: dict[int, list[Mention]] = field(default_factory=dict)

    def add(self, m: Mention, tokens: range) -> None:
        self.mentions.append(m)
        for i in tokens:
            self.by_token[i] = m

    def at(self, token: Token) -> Mention | None:
        return self.by_token.get(token.i)

    def all_at(self, token: Token) -> list[Mention]:
        """Several actors for one phrase ("the two sides"), else the one mention, else none."""
        if token.i in self.plural:
            return self.plural[token.i]
        m = self.by_token.get(token.i)
        return [m] if m else []


def _group_actor(g: Gazetteer, country: Actor, sector: str | None) -> Actor:
    if sector is None:
        return country
    return Actor(
        actor_id=f"{country.actor_id}-{sector}", name=f"{country.name} ({sector})", kind="group",
        country=country.country, sector=sector, code=f"{country.code}{sector}",
    )


group_actor = _group_actor  # public name: a country's sector group ("CUB GOV"), for other stages


def _dated(actor: Actor, date: str | None) -> Actor:
    """A person's sector and code as of the article's date (the term in force)."""
    if actor.kind != "person" or not actor.roles or actor.country is None:
        return actor
    role = role_on(actor, date, prefer=SECTOR_PRIORITY)
    sector = role.sector if role else None
    return replace(actor, sector=sector, code=f"{actor.country or ''}{sector or ''}")


class Resolver(PeopleLearning, Coreference):
    def __init__(self, gazetteer: Gazetteer, registry: Registry | None = None) -> None:
        self.g = gazetteer
        self.registry = registry or Registry()
        self._state_sents: set[int] = set()  # per document: sentences naming a state unambiguously

    # -- matching -----------------------------------------------------------------------
    def _longest_at(self, doc: Doc, i: int, toks: list[_Tok], text: str) -> tuple[Span, list[Entry]] | None:
        """``toks``/``text``: `_Tok` of every token and ``doc.text``, read once per document (a
        ``doc[i:j]`` span per candidate n-gram was the cost; its text is ``text[start:end]``)."""
        first = toks[i].text
        if not first[:1].isupper():
            return None  # every n-gram below starts with this word, so this also covers them
        key = name_key(first)
        if key not in self.g.first_words and not self.registry.may_start(key):
            return None  # no dictionary or learned name starts with this word
        start = toks[i].idx
        for j in range(min(len(doc), i + MAX_ALIAS_TOKENS), i, -1):
            last = toks[j - 1]
            if last.is_punct and j - i > 1 or last.is_space:
                continue
            name = text[start:last.idx + len(last.text)]
            entries = self.g.lookup(name) or self.registry.lookup(name)
            if entries:
                return doc[i:j], entries
        return None

    def names_in(self, doc: Doc) -> list[tuple[Span, list[Entry]]]:
        """The dictionary and learned names in ``doc`` (`_match`), for resolvers of other languages."""
        return self._match(doc)

    def _match(self, doc: Doc) -> list[tuple[Span, list[Entry]]]:
        """Longest dictionary (and learned-name) matches, left to right, no overlaps.

        A match yields to one starting a token later that reaches further: "President Lee" is
        an alias, but in "President Lee Jae-myung" the full name is the better match.
        """
        out: list[tuple[Span, list[Entry]]] = []
        toks = [_Tok(t.text, t.idx, t.is_punct, t.is_space) for t in doc]
        text = doc.text
        i = 0
        while i < len(doc):
            found = self._longest_at(doc, i, toks, text)
            if found is not None and found[0].end - i > 1:
                later = self._longest_at(doc, i + 1, toks, text)
                if later is not None and later[0].end > found[0].end:
                    found = None
            if found:
                out.append(found)
                i = found[0].end
            else:
                i += 1
        return out

    def _choose(self, span: Span, entries: list[Entry], seen: set[str]) -> Entry | None:
        ent = span[0].ent_type_
        for e in entries:
            if e.capacity == "person" and not e.strong:
                weak = [x for x in entries if x.capacity == "person"]
                full = next((x for x in self._ents if x.start <= span.start < x.end and x.label_ == "PERSON"), None)
                if full is not None and (full.start < span.start or full.end > span.end):
                    extra = {name_key(t.text) for t in full if t.i < span.start or t.i >= span.end}
                    if not extra <= set(name_key(e.actor.name).split()):
                        continue  # "Maria Lopez" is not Vladimir Padrino López
                if e.actor.actor_id in seen or (len(weak) == 1 and ent == "PERSON"):
                    return e
                continue
            if e.capacity in ("name", "metonym", "demonym", "adjective", "place"):
                if e.ambiguous and ent in NOT_STATE_ENTS and not self._possessor_of_office(span) \
                        and not (e.capacity == "name" and self._bare_state_name(span)):
                    continue
                if span.start > 0 and span.doc[span.start - 1].text in REGIONAL_PREFIXES:
                    continue  # "Latin American", "North American": a region, not the state
                if span.start > 1 and span.doc[span.start - 1].text == "-" and span.doc[span.start - 2].lower_ in STANCE_PREFIXES:
                    continue  # "anti-Cuban mafia", "pro-Russian separatists": a stance towards the state
                head = span.root.head
                if (
                    span.root.dep_ == "compound" and head.pos_ == "PROPN" and head.i >= span.end
                    and head.ent_type_ in NOT_STATE_ENTS and not self.g.lookup(head.text)
                    and head.lemma_.lower() not in self.g.agents and head.text.lower() not in self.g.titles
                ):
                    continue  # "Darlington Rovers", "Washington Post": part of another name
            return e
        return None

    def _sent(self, tok: Token) -> Span:
        return self._sents[self._sent_index[tok.i]]

    def _sent_index_of(self, tok: Token) -> int:
        return self._sent_index[tok.i]

    def _possessor_of_office(self, span: Span) -> bool:
        """"Niger's junta", "Jordan's foreign minister": a name that owns a state office is the state."""
        root = span.root
        if root.dep_ != "poss" and not (span.end < len(span.doc) and span.doc[span.end].tag_ == "POS"):
            return False
        head = root.head
        return self.g.agents.get(head.lemma_.lower()) in FOCUS_SECTORS or head.lower_ in self.g.titles

    def _elided_pair(self, head: Token, mods: list[Token]) -> list[Actor] | None:
        """Two states named with one shared head word ("North and South Korea"): each modifier with the
        head is a state's name."""
        first = next((t for t in mods if any(c.dep_ == "conj" and c.i == head.i - 1 for c in t.children)), None)
        if first is None or not any(c.dep_ == "cc" for c in first.children):
            return None
        found = [self.g.lookup(f"{t.text} {head.text}") for t in (first, head.doc[head.i - 1])]
        actors = [es[0].actor for es in found if es and es[0].capacity == "name"]
        return actors if len(actors) == 2 and actors[0].actor_id != actors[1].actor_id else None

    def _bare_state_name(self, span: Span) -> bool:
        """An ambiguous state name the model took for a person or a body, standing alone (no first name,
        surname or other name word beside it) in a sentence about states: "Chad offered to deploy troops",
        "In neighbouring Niger, the ruling junta expelled ..." (a person is seldom named by one bare word)."""
        doc = span.doc
        beside = [doc[i] for i in (span.start - 1, span.end) if 0 <= i < len(doc)]
        if any(t.pos_ == "PROPN" for t in beside):
            return False
        ent = next((x for x in self._ents if x.start <= span.start < x.end), None)
        return ent is not None and ent.start == span.start and ent.end == span.end and self._state_context(self._sent(span[0]))

    def _state_context(self, sent: Span) -> bool:
        """Whether a sentence talks about states: a state named unambiguously, an office title or a
        state agent noun in it."""
        if self._sent_index[sent.start] in self._state_sents:
            return True
        for t in sent:
            low = t.lower_
            if low in self.g.titles and self.g.titles[low][0] in FOCUS_SECTORS | {"IGO"}:
                return True
            if self.g.agents.get(t.lemma_.lower()) in FOCUS_SECTORS and t.pos_ == "NOUN":
                return True
        return False

    # -- main entry -----------------------------------------------------------------------
    def resolve(self, doc: Doc, doc_id: str, date: str | None, offset: int = 0) -> DocActors:
        """``offset`` is added to character offsets (when ``doc`` covers part of a text)."""
        out = DocActors()
        self._subject_starts: set[int] = set()
        self._plural: dict[int, list[Mention]] = out.plural
        seen: set[str] = set()
        base: dict[int, tuple[Span, Entry]] = {}
        # Token.sent and Doc.ents are recomputed on every access; index them once per document
        sents = list(doc.sents)
        self._sent_index = [0] * len(doc)
        self._sents: list[Span] = sents
        for k, sent in enumerate(sents):
            for i in range(sent.start, sent.end):
                self._sent_index[i] = k
        self._ents = list(doc.ents)
        matches = self._match(doc)
        # countries named unambiguously somewhere in the text ("Jordanian", "Amman") license
        # their ambiguous names ("Jordan"); otherwise those need state context in the sentence
        licensed = {e.actor.country for _, es in matches for e in es[:1] if not e.ambiguous and e.actor.country}
        # sentences naming a state unambiguously ("Azerbaijan", "Armenian", "Baku") talk about states
        self._state_sents = {
            self._sent_index[span.start] for span, es in matches
            if es and not es[0].ambiguous and es[0].actor.kind == "country" and es[0].capacity in STATE_CAPACITIES
        }
        for span, entries in matches:
            entry = self._choose(span, entries, seen)
            if entry is None:
                continue
            if (entry.ambiguous and entry.capacity == "name" and entry.actor.country not in licensed
                    and not self._state_context(self._sent(span[0]))
                    and not (licensed and span[0].ent_type_ == "GPE") and not self._possessor_of_office(span)):
                # "Jordan scored": a player until a state is in view — an office in the sentence, the
                # state named unambiguously in the text, or the parser's reading as a place in a text
                # that names other states
                continue
            for t in span:
                base[t.i] = (span, entry)
            if entry.capacity == "person":
                seen.add(entry.actor.actor_id)
        recent: list[Mention] = []
        text = doc.text  # Doc.text is rebuilt from the tokens on every access

        def sidx(tok: Token) -> int:
            return self._sent_index[tok.i]

        def mk(tokens: list[Token], actor: Actor, how: str, evidence: str = "") -> Mention:
            start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
            return Mention(
                doc_id=doc_id, sentence_index=sidx(tokens[0]), start=start + offset, end=end + offset,
                text=text[start:end], actor=_dated(actor, date), how=how, evidence=evidence,
            )

        for head in doc:
            if head.pos_ not in ("NOUN", "PROPN", "PRON") or head.dep_ == "compound" and head.head.pos_ in ("NOUN", "PROPN"):
                if not (head.pos_ == "PROPN" and head.i in base and head.dep_ == "compound" and head.head.i not in base
                        and head.head.pos_ == "PROPN" and head.head.ent_type_ not in NOT_STATE_ENTS):
                    continue
            mods = self._modifiers(head)
            if head.i in base and base[head.i][1].capacity in STATE_NAMES:
                # "Cuba China steps up aid": a neighbouring state name is its own mention, not a modifier
                mods = [t for t in mods if not (t.i in base and base[t.i][1].capacity in STATE_NAMES
                                                and base[t.i][1].actor.actor_id != base[head.i][1].actor.actor_id)]
            phrase = [*mods, head]
            mention = self._resolve_phrase(doc, head, mods, base, recent, mk, date)
            if mention is not None:
                lo = min(t.i for t in phrase)
                out.add(mention, range(lo, head.i + 1))
                if head.dep_ in ("nsubj", "nsubjpass") or (head.dep_ == "conj" and head.head.dep_ in ("nsubj", "nsubjpass")):
                    self._subject_starts.add(mention.start)  # "Iran and the US held talks": both act
                if mention.how not in ("coreference", "agent"):
                    recent.append(mention)
        # standalone matches not covered by a phrase (e.g. inside titles of appositions)
        for i, (span, entry) in base.items():
            covering = [out.by_token[k] for k in range(span.start, span.end) if k in out.by_token]
            if i not in out.by_token and entry.capacity in ("person", "organisation", "name", "metonym", "place") \
                    and not any(c.start < span.start_char + offset for c in covering):
                # (a phrase reaching further left, "South Korea's Joint Chiefs", keeps its reading)
                m = mk(list(span), _entry_actor(self.g, entry), "alias")
                out.add(m, range(span.start, span.end))
        out.mentions.sort(key=lambda m: (m.start, m.end))
        return out

    def _resolve_phrase(
        self, doc: Doc, head: Token, mods: list[Token], base: dict[int, tuple[Span, Entry]],
        recent: list[Mention], mk: MakeMention, date: str | None,
    ) -> Mention | None:
        phrase = [*mods, head]
        hit = base.get(head.i)
        text_low = head.lower_
        if head.pos_ == "PRON":
            return self._coref(head, recent, mk)
        if head.lemma_.lower() in GATHERINGS:
            return None  # "the Arab League Summit", "the ASEAN meeting": a gathering, not an actor
        if hit and hit[1].capacity == "organisation" and hit[1].actor.country and hit[1].actor.sector:
            other = self._country_in([t for t in mods if t.i not in range(hit[0].start, hit[0].end)], base)
            if other is not None and other.country != hit[1].actor.country:
                # "South Korea's Joint Chiefs of Staff", "Kenya's Senate": the same institution of another state
                return mk(phrase, _group_actor(self.g, other, hit[1].actor.sector), "country+agent")
        if hit and hit[1].capacity in ("person", "organisation"):
            return mk(phrase, hit[1].actor, "alias")
        ent = head.ent_type_
        if head.pos_ == "PROPN" and not hit and ent != "PERSON" and self._has_title_apposition(head):
            ent = "PERSON"  # "Ana Torres, Chile's deputy foreign minister": the apposition says it is a person
        if head.pos_ == "PROPN" and ent == "PERSON" and not hit:
            name = next((e for e in self._ents if e.start <= head.i < e.end and e.label_ == "PERSON"), None)
            first = name.start if name is not None else head.i
            # the whole name when the model tagged only part of it ("Samia Suluhu Hassan" as two pieces):
            # the proper nouns compounded onto it, up to a title word, a courtesy title or a known name
            while first > 0 and doc[first - 1].pos_ == "PROPN" and doc[first - 1].dep_ == "compound" \
                    and (first - 1) not in base and doc[first - 1].lower_ not in self.g.titles \
                    and name_key(doc[first - 1].text) not in HONORIFICS:
                first -= 1
            name = doc[first:max(head.i + 1, name.end if name is not None else 0)]
            if name is not None:
                learned = self._from_title_or_apposition(doc, head, name, mods, base)
                if learned is not None:
                    return mk(phrase, learned[0], learned[1], learned[2])
                known = self.registry.lookup(name.text)
                if known:
                    return mk(phrase, known[0].actor, "surname")
            return None
        if head.lemma_.lower() in ("island", "island nation", "island state") and any(t.lower_ == "the" for t in head.lefts):
            isle = self._island(head, recent)
            if isle is not None:
                return mk(phrase, isle, "coreference", "the island")
        if hit and hit[1].capacity == "name" and (pair := self._elided_pair(head, mods)):
            # "North and South Korea": two states sharing one head word
            self._plural[head.i] = [mk(phrase, a, "alias") for a in pair]
            return self._plural[head.i][0]
        if hit and hit[1].capacity in ("name", "metonym", "demonym", "place") and not mods:
            entry = hit[1]
            actor = _entry_actor(self.g, entry)
            return mk(phrase, actor, "metonym" if entry.capacity == "metonym" else "alias")
        if head.pos_ == "NOUN" or (hit is None and head.pos_ == "PROPN"):
            title = self._title_of([t for t in phrase if t.i not in base or t.i == head.i])
            sector = self._agent_sector([t for t in phrase if t.i not in base])
            if title is None and sector is None:
                if hit:
                    return mk(phrase, _entry_actor(self.g, hit[1]), "alias")
                if head.lemma_.lower() in HEAD_NOUNS and (org := self._pp_org(head, base)) is not None:
                    return mk(phrase, org, "organisation+agent")  # "the head of the United Nations" acts for it
                if head.lemma_.lower() in NEUTRAL_PAIR_NOUNS and (plural := self._plural_reference(head, recent)):
                    # "both sides agreed": the two in view, people or states
                    self._plural[head.i] = [mk(phrase, m.actor, "coreference", m.text) for m in plural]
                    return self._plural[head.i][0]
                country = self._country_in(mods, base)
                if country is None and head.lemma_.lower() in STATE_NOUNS:  # "her country's oil shipments"
                    own = self._possessor_country(mods, recent, mk)
                    if own is None and head.tag_ == "NN" and not [t for t in mods if t.lower_ != "the"] \
                            and any(c.lower_ == "the" for c in head.lefts) and (state := self._the_country(head, recent)):
                        return mk(phrase, state, "coreference", "the country")  # "an arms embargo on the country"
                    return mk(phrase, own, "coreference", "possessor's country") if own is not None else None
                if country is None or head.pos_ not in ("NOUN", "PROPN") or head.ent_type_ == "DATE":
                    return None  # "Iraqi Kurds" is a group of Iraq; "Azerbaijan Sunday" is Azerbaijan and a day
                military = head.lemma_.lower() in MILITARY_NOUNS
                return mk(phrase, _group_actor(self.g, country, "MIL" if military else None), "country+noun")
            other_side = head.lemma_.lower() in OTHER_SIDE_NOUNS
            country = self._country_in(mods, base) or self._pp_country(head, base, {"of", "from"} if other_side else {"of"}) or (
                self._pp_country(head, base, {"in"}) if sector in FOCUS_SECTORS else None)  # "the government in Havana"
            if other_side and country is not None and (more := self._pp_countries(head, base, {"from", "of"})):
                # "his counterparts from Nepal and Bhutan": one counterpart of each
                self._plural[head.i] = [mk(phrase, _group_actor(self.g, c, sector), "country+agent") for c in more]
                return self._plural[head.i][0]
            if country is None and head.lemma_.lower() in LEADER_BODIES:
                country = self._leader_named(mods, base)  # "the Trump administration", "Modi's government"
            if title and title[0].split()[-1] == text_low.rstrip("s"):
                person = self._appositive_person(doc, head)
                listed = base.get(person.root.i) if person is not None else None
                if listed is not None and listed[1].capacity == "person":  # "Our Foreign Minister, Bruno Rodríguez"
                    return mk(phrase, listed[1].actor, "apposition", self._sent(head).text)
                if person is not None:
                    actor = self._learn_person(person, title, country, "apposition", self._sent(head).text)
                    return mk(phrase, actor, "apposition", self._sent(head).text)
                if country is None or any(t.lower_ == "the" for t in head.lefts):
                    ref = self._definite(title, country, recent)
                    if ref is not None:
                        return mk(phrase, ref.actor, "coreference", ref.text)
            if country is None and not other_side:  # a counterpart is never of its possessor's state
                country = self._possessor_country(mods, recent, mk)  # "her government", "its army"
            if country is None:
                org = self._org_in(mods, base)
                if org is not None:  # "the EU's foreign policy chief" acts for the EU
                    return mk(phrase, org, "organisation+agent")
                plural = self._plural_reference(head, recent)
                if plural:
                    self._plural[head.i] = [mk(phrase, m.actor, "coreference", m.text) for m in plural]
                    return self._plural[head.i][0]
                if any(t.lower_ == "the" for t in head.lefts) and sector in FOCUS_SECTORS:
                    place = self._recent_country(head, recent) or (
                        self._leader_country(head, recent) if head.lemma_.lower() in LEADER_BODIES else None)
                    if place is not None:  # "In Havana, the government blamed ..."
                        return mk(phrase, _group_actor(self.g, place, sector), "coreference", self._sent(head).text)
                generic = sector or (title[1] if title else None)
                if generic is None or generic == "BUS" or (head.pos_ != "NOUN" and title is None):
                    return None  # "two tankers", "the firm": too vague to act as a business actor
                # "protesters", "rebels", "the police": a sector with no known country (CAMEO's ---REB)
                return mk(phrase, Actor(actor_id=generic, name=f"unidentified ({generic})", kind="group", country=None,
                                        sector=generic, code=generic), "agent")
            group_sector = sector or (title[1] if title else None)
            if group_sector == "IGO":  # "the Indian high commissioner": a state's envoy, not the UN's
                group_sector = "GOV"
            others = self._coordinated_countries(mods, base) or self._pp_coordinated(head, base, country)
            if others:  # "Russian and Ukrainian delegations": one phrase, two actors
                self._plural[head.i] = [mk(phrase, _group_actor(self.g, c, group_sector), "country+agent")
                                        for c in [country, *others]]
                return self._plural[head.i][0]
            return mk(phrase, _group_actor(self.g, country, group_sector), "country+agent")
        if hit:
            return mk(phrase, _entry_actor(self.g, hit[1]), "alias")
        return None

def _entry_actor(g: Gazetteer, entry: Entry) -> Actor:
    if entry.capacity in ("metonym",) and entry.sector:
        return _group_actor(g, entry.actor, entry.sector)
    return entry.actor
