"""Document context for events: what one sentence leaves unsaid, the article has said already.

Reads: one document's events in text order and its actor mentions (already given countries
from context by `dyads.actors.document_context`).
Writes: the same events, refined:

- an unnamed addressee ("asked parties to ...") is no target;
- **target from context**: an outward act whose clause names no target ("Israel launched strikes
  against ports", "reiterated its concern over the policies") takes another state named in the
  same sentence, else the counterpart of the source in the article's running dyad (the latest
  earlier event between the source's state and another).

Every inference is marked in ``rule`` (``target=context-sentence``, ``target=running-dyad``)
and lowers the event's confidence: these are
the article's reading, not the clause's.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span

from dyads.events.pairs import actor_key, can_act
from dyads.events.roles import RECIPROCAL_VERBS
from dyads.model import Event, Mention

# Acts that need no addressee, or whose addressee is usually domestic: never given one from context.
NO_CONTEXT_TARGET_ROOTS = {"01", "14"}
PRONOUNS = {"he", "she", "it", "they", "him", "her", "them", "his", "its", "their", "theirs", "we", "us", "our"}
LOCATIVE_WORDS = {"in", "at", "near", "from", "across", "inside", "outside"}
OFFICE_PREPS = {"to", "at", "for", "in", "from"}
GATHERINGS = {"summit", "conference", "forum", "meeting", "meetings"}
SENTENCE_PENALTY = 0.15
RUNNING_PENALTY = 0.25
RUNNING_WINDOW = 12  # sentences back in which an earlier event still sets the running dyad
AHEAD_WINDOW = 2  # sentences ahead in which a lead's counterpart may be named
AHEAD_PENALTY = 0.3
# Only verbal acts (appeals, offers, talks, demands, criticism, threats) look ahead: a strike or a
# seizure with no target in its own text is not aimed at whoever the next lines happen to name.
AHEAD_ROOTS = {"02", "03", "04", "05", "10", "11", "12", "13"}


@dataclass(frozen=True)
class DocContext:
    """The parts of a document the context rules look at (``parsed``: its spaCy parse, if any)."""

    text: str
    mentions: Sequence[Mention]
    parsed: Doc | None = None
    offset: int = 0  # where ``parsed`` starts in ``text`` (a long text is parsed in pieces)

    def span(self, start: int, end: int) -> Span | None:
        """The parsed tokens over document offsets ``start``..``end``."""
        if self.parsed is None:
            return None
        return self.parsed.char_span(start - self.offset, end - self.offset, alignment_mode="expand")


def _key(m: Mention | None) -> str | None:
    return actor_key(m) if m is not None else None


class ContextRefiner:
    def __init__(self, make_id: Callable[[Event], str]) -> None:
        self.make_id = make_id

    # -- targets -------------------------------------------------------------------------------
    def _in_sentence(self, ev: Event, ctx: DocContext) -> Mention | None:
        src = _key(ev.source)
        speaker = _key(ev.attribution.speaker)
        trig = ev.evidence.trigger.start
        lo, hi = ev.evidence.sentence.start, ev.evidence.sentence.end
        after: list[Mention] = []
        before: list[Mention] = []
        others = self._other_parties(ev, ctx)
        for m in ctx.mentions:
            if not (lo <= m.start < hi) or not can_act(m) or (m.actor.country and m.actor.country == ev.source.actor.country):
                continue
            if _key(m) in (src, speaker) or m.start < ev.source.end and m.end > ev.source.start:
                continue
            if not self._may_be_addressee(m, ctx, lo) or any(a <= m.start < b for a, b in others):
                continue
            (after if m.start > trig else before).append(m)
        if after:
            return min(after, key=lambda m: m.start - trig)
        if before:
            return max(before, key=lambda m: m.start)
        return None

    @staticmethod
    def _other_parties(ev: Event, ctx: DocContext) -> list[tuple[int, int]]:
        """Character ranges no addressee is taken from: the source's own phrase ("Kenya's envoy to the
        African Union"), its coordinated partners ("Chile and Peru voted against") and the subjects of
        the clauses above the act (in "Kenya's envoy to the AU, Ms Otieno, said Nairobi regretted the
        move", the AU sits in the speaker's phrase)."""
        if ctx.parsed is None:
            return []
        trig = ctx.span(ev.evidence.trigger.start, ev.evidence.trigger.end)
        src = ctx.span(ev.source.start, ev.source.end)
        at = ctx.offset
        out: list[tuple[int, int]] = []
        if src is not None:
            out += [(at + c.left_edge.idx, at + c.idx + len(c.text)) for c in src.root.conjuncts]  # "the United States"
            for prep in (c for c in src.root.children if c.dep_ == "prep" and c.lower_ in OFFICE_PREPS):
                edge = prep.right_edge  # "the ambassador to the UN": where the source serves, not whom it addresses
                out.append((at + prep.idx, at + edge.idx + len(edge.text)))
        if trig is not None:
            for up in trig.root.ancestors:
                for subj in (c for c in up.children if c.dep_ in ("nsubj", "nsubjpass")):
                    if not (at + subj.left_edge.idx <= ev.source.start < at + subj.right_edge.idx + len(subj.right_edge)):
                        out.append((at + subj.left_edge.idx, at + subj.right_edge.idx + len(subj.right_edge)))
        return out

    @staticmethod
    def _may_be_addressee(m: Mention, ctx: DocContext, sentence_start: int) -> bool:
        """Mentions that name an actor but not one acted upon: venues ("talks in Geneva"),
        stances ("Iran-backed rebels"), pronouns and possessives ("their campaign")."""
        prev = [w.lower() for w in ctx.text[max(sentence_start, m.start - 16):m.start].split()]
        while prev and prev[-1] in ("the", "a", "an"):
            prev.pop()  # "in the Dominican Republic" is as much a venue as "in Geneva"
        if prev and prev[-1] in LOCATIVE_WORDS:
            return False
        words = m.text.lower().split()
        after = ctx.text[m.end:m.end + 14].lower().split()
        if (words and words[-1] in GATHERINGS) or (after and after[0].strip(".,;:") in GATHERINGS):
            return False  # "the Arab League Summit", "the ASEAN meeting": a gathering, not an addressee
        if ctx.text[m.end:m.end + 1] == "-" or m.text.lower() in PRONOUNS:
            return False
        if ctx.parsed is not None:  # "cancels Cuba oil shipment": a modifier of a thing names no addressee
            span = ctx.span(m.start, m.end)
            if span is not None and span.root.dep_ in ("compound", "amod", "nmod") and span.root.head.pos_ == "NOUN":
                return False
            if span is not None and span.root.dep_ in ("nsubj", "nsubjpass"):
                return False  # "..., while Russia rejected the proposal": an actor of its own clause
        return True

    @staticmethod
    def _counterpart(ev: Event, other: Event) -> Mention | None:
        """The other party of ``other``'s dyad when ``ev``'s source is one of its two parties."""
        if other.target is None:
            return None
        src, s, t = _key(ev.source), _key(other.source), _key(other.target)
        if s == src and t != src:
            return other.target
        if t == src and s != src:
            return other.source
        return None

    def _running(self, ev: Event, history: Sequence[Event]) -> Mention | None:
        for prior in reversed(history):
            if ev.sentence_index - prior.sentence_index > RUNNING_WINDOW:
                break
            if (found := self._counterpart(ev, prior)) is not None:
                return found
        return None

    def _ahead(self, ev: Event, later: Sequence[Event]) -> Mention | None:
        """The lead's counterpart named just after it ("Sheinbaum agreed to send troops to the border.
        The offer came after Trump threatened tariffs on Mexico"): the first later dyad of the source."""
        for nxt in later:
            if nxt.sentence_index - ev.sentence_index > AHEAD_WINDOW:
                break
            if nxt.sentence_index > ev.sentence_index and (found := self._counterpart(ev, nxt)) is not None:
                return found
        return None

    @staticmethod
    def _with_target(ev: Event, found: Mention, how: str, penalty: float) -> Event:
        """``ev`` with a target from context, marked in its rule and less confident."""
        # one final target per rule trace: a reading the clause gave up on stays as ``target-tried``
        parts = [p.strip() for p in ev.rule.split(";")]
        tried = [p[len("target="):] for p in parts if p.startswith("target=") and p != "target=none"]
        kept = [p for p in parts if not p.startswith("target=")] + [f"target={how}"] + [f"target-tried={t}" for t in tried]
        rule = "; ".join(kept)
        return replace(ev, target=found, rule=rule, confidence=round(max(0.05, ev.confidence - penalty), 2))

    def _look_ahead(self, events: list[Event]) -> list[Event]:
        out: list[Event] = []
        for i, ev in enumerate(events):
            if ev.target is None and ev.code.root in AHEAD_ROOTS and can_act(ev.source) \
                    and "source=quote-speaker" not in ev.rule:
                found = self._ahead(ev, events[i + 1:])
                if found is not None and _key(found) != _key(ev.source):
                    ev = self._with_target(ev, found, "running-dyad-ahead", AHEAD_PENALTY)
                    ev = replace(ev, event_id=self.make_id(ev))
            out.append(ev)
        return out

    def refine(self, events: Sequence[Event], ctx: DocContext) -> list[Event]:
        return self._look_ahead(self._refine(events, ctx))

    def _refine(self, events: Sequence[Event], ctx: DocContext) -> list[Event]:
        out: list[Event] = []
        for ev in events:
            changed = False
            if ev.target is not None and ev.target.actor.country is None and ev.target.how == "agent" \
                    and ev.target.actor.sector not in ("IGO",):
                ev = replace(ev, target=None)  # "asked parties to ...": an unnamed addressee is no dyad
                changed = True
            # an act noun under a light verb ("launched an offensive", "imposed restrictions") whose own phrase
            # names no target is not aimed at whoever else the text names (on news_train 2 of 20 such were right);
            # under a reciprocal one ("X and Y agreed to a prisoner exchange") each party is the other's
            light = "source=support-verb" in ev.rule and not any(f"support-verb:{v}" in ev.rule for v in RECIPROCAL_VERBS)
            if ev.target is None and ev.code.root not in NO_CONTEXT_TARGET_ROOTS and can_act(ev.source) and not light:
                found, how, penalty = self._in_sentence(ev, ctx), "context-sentence", SENTENCE_PENALTY
                if found is None:
                    found, how, penalty = self._running(ev, out), "running-dyad", RUNNING_PENALTY
                if found is not None:
                    ev = self._with_target(ev, found, how, penalty)
                    changed = True
            if changed:
                ev = replace(ev, event_id=self.make_id(ev))
            if ev.target is not None and _key(ev.target) == _key(ev.source):
                continue  # context gave the source its own side back
            if ev.target is None and "source=quote-speaker" in ev.rule:
                continue  # "we" read through the speaker is kept only for acts aimed at someone
            out.append(ev)
        return out
