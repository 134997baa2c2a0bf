"""Document context for events: what one sentence leaves unsaid, the article has said already.

Reads: one document's events in text order, its actor mentions, the gazetteer's countries.
Writes: the same events, refined:

- **country from context**: an agent the text names only by its office ("the ministry",
  "the authorities", "Vice Commerce Minister Wang") takes the country of the same office named
  earlier with its country ("the Syrian Foreign Ministry" ... "the ministry"), else, for
  state offices, the article's focus country (the state most named so far);
- **target from context**: an outward act whose clause names no target ("Israel launched strikes
  against ports", "reiterated its concern over the policies") takes another state named in the
  same sentence, else the counterpart of the source in the article's running dyad (the latest
  earlier event between the source's state and another).

Every inference is marked in ``rule`` (``target=context-sentence``, ``target=running-dyad``,
``+context-country`` in the mention's ``how``) and lowers the event's confidence: these are
the article's reading, not the clause's.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from dyads.actors.gazetteer import Gazetteer
from dyads.actors.resolver import group_actor
from dyads.events.pairs import actor_key, can_act
from dyads.model import Actor, Event, Mention

# Acts that need no addressee, or whose addressee is usually domestic: never given one from context.
NO_CONTEXT_TARGET_ROOTS = {"01", "14"}
STATE_SECTORS = {"GOV", "MIL", "COP", "LEG", "JUD", "SPY"}
# Offices that stand for "the state in focus" when nothing closer names their country
FOCUS_OFFICES = {"government", "authorities", "authority", "ministry", "junta", "regime", "cabinet", "police",
                 "army", "military", "presidency", "administration", "parliament", "court", "foreign ministry"}
PRONOUNS = {"he", "she", "it", "they", "him", "her", "them", "his", "its", "their", "theirs", "we", "us", "our"}
LOCATIVE_WORDS = {"in", "at", "near", "from", "across", "inside", "outside"}
SENTENCE_PENALTY = 0.15
RUNNING_PENALTY = 0.25
RUNNING_WINDOW = 12  # sentences back in which an earlier event still sets the running dyad


@dataclass(frozen=True)
class DocContext:
    """The parts of a document the context rules look at."""

    text: str
    mentions: Sequence[Mention]


def _key(m: Mention | None) -> str | None:
    return actor_key(m) if m is not None else None


def _head(m: Mention) -> str:
    words = m.text.lower().replace("’s", "").replace("'s", "").split()
    return words[-1] if words else ""


class ContextRefiner:
    def __init__(self, gazetteer: Gazetteer, make_id: Callable[[Event], str]) -> None:
        self.g = gazetteer
        self.make_id = make_id

    # -- countries ------------------------------------------------------------------------------
    def _needs_country(self, m: Mention) -> bool:
        a = m.actor
        return a.country is None and a.sector in STATE_SECTORS and a.kind in ("group", "person")

    def _focus(self, ctx: DocContext, before: int) -> str | None:
        counts: Counter[str] = Counter()
        for m in ctx.mentions:
            if m.start >= before:
                break
            if m.actor.country and (m.actor.kind in ("country", "group") or m.actor.sector in STATE_SECTORS):
                counts[m.actor.country] += 1
        top = counts.most_common(2)
        if not top or (len(top) == 2 and top[0][1] == top[1][1]):
            return None  # no state in focus, or two equally named: no guess
        return top[0][0]

    def with_country(self, m: Mention, ctx: DocContext) -> Mention:
        if not self._needs_country(m):
            return m
        head = _head(m)
        country: str | None = None
        how = ""
        for prior in reversed([p for p in ctx.mentions if p.start < m.start]):
            if prior.actor.country and _head(prior) == head and head:
                country, how = prior.actor.country, "same-office"
                break
        if country is None and (head in FOCUS_OFFICES or m.actor.kind == "person"):
            country, how = self._focus(ctx, m.start), "focus"
        state = self.g.countries.get(country) if country else None
        if state is None:
            return m
        if m.actor.kind == "person":
            actor: Actor = replace(m.actor, country=state.country, code=f"{state.code}{m.actor.sector or ''}")
        else:
            actor = group_actor(self.g, state, m.actor.sector)
        return replace(m, actor=actor, how=f"{m.how}+context-country:{how}")

    # -- targets -------------------------------------------------------------------------------
    def _in_sentence(self, ev: Event, ctx: DocContext) -> Mention | None:
        src = _key(ev.source)
        speaker = _key(ev.attribution.speaker)
        trig = ev.evidence.trigger.start
        lo, hi = ev.evidence.sentence.start, ev.evidence.sentence.end
        after: list[Mention] = []
        before: list[Mention] = []
        for m in ctx.mentions:
            if not (lo <= m.start < hi) or not can_act(m) or (m.actor.country and m.actor.country == ev.source.actor.country):
                continue
            if _key(m) in (src, speaker) or m.start < ev.source.end and m.end > ev.source.start:
                continue
            if not self._may_be_addressee(m, ctx, lo):
                continue
            (after if m.start > trig else before).append(m)
        if after:
            return min(after, key=lambda m: m.start - trig)
        if before:
            return max(before, key=lambda m: m.start)
        return None

    @staticmethod
    def _may_be_addressee(m: Mention, ctx: DocContext, sentence_start: int) -> bool:
        """Mentions that name an actor but not one acted upon: venues ("talks in Geneva"),
        stances ("Iran-backed rebels"), pronouns and possessives ("their campaign")."""
        prev = ctx.text[max(sentence_start, m.start - 12):m.start].split()
        if prev and prev[-1].lower() in LOCATIVE_WORDS:
            return False
        if ctx.text[m.end:m.end + 1] == "-" or m.text.lower() in PRONOUNS:
            return False
        return True

    @staticmethod
    def _running(ev: Event, history: Sequence[Event]) -> Mention | None:
        src = _key(ev.source)
        for prior in reversed(history):
            if ev.sentence_index - prior.sentence_index > RUNNING_WINDOW:
                break
            if prior.target is None:
                continue
            s, t = _key(prior.source), _key(prior.target)
            if s == src and t != src:
                return prior.target
            if t == src and s != src:
                return prior.source
        return None

    def refine(self, events: Sequence[Event], ctx: DocContext) -> list[Event]:
        out: list[Event] = []
        for ev in events:
            source = self.with_country(ev.source, ctx)
            target = self.with_country(ev.target, ctx) if ev.target is not None else None
            changed = source is not ev.source or target is not ev.target
            ev = replace(ev, source=source, target=target) if changed else ev
            if ev.target is not None and ev.target.actor.country is None and ev.target.how == "agent" \
                    and ev.target.actor.sector not in ("IGO",):
                ev = replace(ev, target=None)  # "asked parties to ...": an unnamed addressee is no dyad
                changed = True
            if ev.target is None and ev.code.root not in NO_CONTEXT_TARGET_ROOTS and can_act(ev.source):
                found, how, penalty = self._in_sentence(ev, ctx), "context-sentence", SENTENCE_PENALTY
                if found is None:
                    found, how, penalty = self._running(ev, out), "running-dyad", RUNNING_PENALTY
                if found is not None:
                    rule = ev.rule.replace("target=none", f"target={how}") if "target=none" in ev.rule \
                        else f"{ev.rule}; target={how}"
                    ev = replace(ev, target=found, rule=rule, confidence=round(max(0.05, ev.confidence - penalty), 2))
                    changed = True
            if changed:
                ev = replace(ev, event_id=self.make_id(ev))
            if ev.target is not None and _key(ev.target) == _key(ev.source):
                continue  # context gave the source its own side back
            out.append(ev)
        return out
