"""Is this event real? A learned check of every coded event, and the confidence it reports.

The rules and the pair classifier propose events; on fully annotated real news about half of
what they propose is wrong (a target copied from context, a figure of speech, a reaction read
as the act reacted to). The verifier scores each proposed event by what the coder knows about
how it was read: which rules fired for its trigger, source and target, how its actors were
resolved, its root and modality, where it sits in the sentence and the article, and whether
the article relates the same two states elsewhere. A logistic regression over those presence
features (``tools/train_verifier.py``, trained leave-one-part-out on real annotated news, never
scored on a part it saw) gives a score; an isotonic map fitted on the held-out scores turns it
into a probability, which becomes the event's ``confidence``: an event at 0.8 is right about
80 % of the time on text like the training news.

Reads: one document's events (after context rules and the pair classifier) and its sentences.
Writes: the same events with ``confidence`` set to the calibrated probability.
Invariant: features depend only on the event, its document's other events and its sentence text,
so the same document gives the same confidences in any batch, process or Spark partition.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from dyads.events.lexicon import data_dir
from dyads.events.logistic import presence_probability, read_weights
from dyads.events.pairs import actor_key
from dyads.model import Event, Mention

MODEL_NAME = "verifier"
QUOTES = ('"', "\u201c", "\u2018")
# the pair classifier's probability, in steps over the range it offers events in (threshold 0.3 up)
MODEL_P_EDGES = (0.4, 0.5, 0.6, 0.7, 0.8, 0.9)


def default_verifier_path() -> Path:
    return data_dir() / "models" / MODEL_NAME


def _bucket(x: float, edges: Sequence[float]) -> int:
    return bisect.bisect_right(edges, x)


def _rule_parts(rule: str) -> list[str]:
    """``verb:impose:object=sanction; source=subject; target=prep`` → kinds of each part."""
    out: list[str] = []
    for part in (p.strip() for p in rule.split(";")):
        if not part:
            continue
        if part.startswith(("verb:", "noun:")):
            kind, _, rest = part.partition(":")
            word = rest.split(":")[0]
            out += [f"trig_kind={kind}", f"trig_word={word}", f"pattern={'default' if rest.endswith(':default') else 'specific'}"]
            out += [f"recode={r.split(':')[0]}" for r in rest.split("+")[1:]]
        elif part.startswith("linker:"):
            word, _, prob = part[len("linker:"):].partition(" p=")
            out += ["linker", f"trig_word={word}"]
            try:
                out.append(f"linker_p={_bucket(float(prob), MODEL_P_EDGES)}")
            except ValueError:
                pass
        elif part.startswith("model:"):
            out.append("model")
            prob = part.split("p=")[-1]
            try:
                out.append(f"model_p={_bucket(float(prob), MODEL_P_EDGES)}")
            except ValueError:
                pass
        elif "=" in part:
            key, _, value = part.partition("=")
            out.append(f"{key}={value.split(':')[0].split(' ')[0]}")
        else:
            out.append(f"part={part.split(':')[0]}")
    return out


def _actor(m: Mention | None, side: str) -> list[str]:
    if m is None:
        return [f"{side}=none"]
    a = m.actor
    return [f"{side}_how={m.how.split('+')[0]}", f"{side}_kind={a.kind}", f"{side}_sec={a.sector or '-'}",
            f"{side}_country={'yes' if a.country else 'no'}"]


@dataclass(frozen=True)
class DocumentFacts:
    """What the whole document says that bears on one event: how often it relates each pair of states."""

    dyads: Counter[frozenset[str]]
    direct_dyads: Counter[frozenset[str]]  # the same, counting only events whose target the clause names
    # directed and by root, events whose target the clause names: does the article read this act of
    # this side on that side anywhere off its own clause (a context target agreeing with one)?
    direct_acts: Counter[tuple[str, str, str]]

    @classmethod
    def of(cls, events: Sequence[Event]) -> DocumentFacts:
        dyads: Counter[frozenset[str]] = Counter()
        direct: Counter[frozenset[str]] = Counter()
        acts: Counter[tuple[str, str, str]] = Counter()
        for e in events:
            pair = _pair(e)
            if pair is None:
                continue
            dyads[pair] += 1
            if _target_kind(e) in DIRECT_TARGETS:
                direct[pair] += 1
                acts[(*_sides(e), e.code.root)] += 1
        return cls(dyads, direct, acts)


DIRECT_TARGETS = ("object", "prep", "co-participant", "between", "pair", "dative")


def _sides(e: Event) -> tuple[str, str]:
    return actor_key(e.source), "-" if e.target is None else actor_key(e.target)


def _pair(e: Event) -> frozenset[str] | None:
    return None if e.target is None else frozenset(_sides(e))


def _target_kind(e: Event) -> str:
    for part in e.rule.split(";"):
        part = part.strip()
        if part.startswith("target="):
            return part[len("target="):].split(":")[0]
    return "-"


def event_features(e: Event, facts: DocumentFacts, same_sentence: int) -> list[str]:
    """Presence features of one proposed event (one function for training and coding)."""
    root = e.code.root
    sent = e.evidence.sentence
    f = [f"root={root}", f"cameo={e.code.code}", f"quad={e.code.quad_class}", f"modality={e.modality}",
         f"attr={e.attribution.kind}", f"root_mod={root}|{e.modality}"]
    parts = _rule_parts(e.rule)
    f += parts
    f += _actor(e.source, "s") + _actor(e.target, "t")
    tk = _target_kind(e)
    s_how = e.source.how.split("+")[0]
    t_how = e.target.how.split("+")[0] if e.target is not None else "none"
    f += [f"root_t={root}|{tk}", f"root_shov={root}|{s_how}", f"t_how_kind={t_how}|{tk}",
          f"s_sec_root={e.source.actor.sector or e.source.actor.kind}|{root}"]
    trig = e.evidence.trigger
    f.append(f"trig={trig.text.lower()}")
    f.append(f"trig_root={trig.text.lower()}|{root}")
    words = len(sent.text.split())
    f.append(f"sent_len={_bucket(words, (8, 15, 25, 40))}")
    f.append(f"headline={'yes' if e.sentence_index == 0 else 'no'}")
    f.append(f"quoted={'yes' if any(q in sent.text for q in QUOTES) else 'no'}")
    f.append(f"same_sentence={min(same_sentence, 4)}")
    f.append(f"rule_conf={_bucket(e.confidence, (0.3, 0.45, 0.6, 0.75))}")
    if e.target is not None:
        gap_s = abs(trig.start - e.source.start)
        gap_t = abs(e.target.start - trig.start)
        f += [f"gap_s={_bucket(gap_s, (20, 50, 100))}", f"gap_t={_bucket(gap_t, (20, 50, 100))}",
              f"t_in_sentence={'yes' if sent.start <= e.target.start < sent.end else 'no'}",
              f"order={'s<t' if e.source.start < e.target.start else 't<s'}"]
        pair = _pair(e)
        if pair is not None:
            f.append(f"doc_dyad={_bucket(facts.dyads[pair], (1, 2, 4))}")
            f.append(f"doc_direct={_bucket(facts.direct_dyads[pair], (0, 1, 3))}")
            s_key, t_key = _sides(e)
            own = 1 if tk in DIRECT_TARGETS else 0  # the event itself, when it is one of them
            f.append(f"doc_same_act={_bucket(facts.direct_acts[(s_key, t_key, root)] - own, (0, 1))}")
            f.append(f"doc_reverse_act={_bucket(facts.direct_acts[(t_key, s_key, root)], (0, 1))}")
            f.append(f"tk_doc_same_act={tk}|{min(facts.direct_acts[(s_key, t_key, root)] - own, 1)}")
            if len(pair) == 1:
                f.append("same_state")
    return f


def document_features(events: Sequence[Event]) -> list[list[str]]:
    """``event_features`` for every event of one document, in order."""
    facts = DocumentFacts.of(events)
    per_sentence = Counter(e.sentence_index for e in events)
    return [event_features(e, facts, per_sentence[e.sentence_index]) for e in events]


def interpolate(scores: Sequence[float], probabilities: Sequence[float], score: float) -> float:
    """The isotonic map read between its steps: linear from one step's start to the next, so that
    nearby scores get nearby probabilities (still monotone; flat beyond the ends)."""
    if not scores:
        return score
    k = bisect.bisect_right(scores, score) - 1
    if k < 0:
        return probabilities[0]
    if k >= len(scores) - 1:
        return probabilities[-1]
    x0, x1, y0, y1 = scores[k], scores[k + 1], probabilities[k], probabilities[k + 1]
    return y0 + (y1 - y0) * (score - x0) / (x1 - x0) if x1 > x0 else y0


class Verifier:
    """Logistic regression over presence features (JSON weights, no pickle) and an isotonic map
    from its score to a probability (``calibration``: increasing score thresholds and the
    probability from each threshold on)."""

    def __init__(self, path: Path) -> None:
        data = read_weights(path, "verifier", "tools/train_verifier.py")
        self.bias = float(data["bias"])
        self.weights: dict[str, float] = {k: float(v) for k, v in data["weights"].items()}
        self.thresholds: list[float] = [float(x) for x in data["calibration"]["scores"]]
        self.probabilities: list[float] = [float(x) for x in data["calibration"]["probabilities"]]

    def score(self, features: Sequence[str]) -> float:
        """The regression's own probability (before calibration)."""
        return presence_probability(self.bias, self.weights, features)

    def calibrated(self, score: float) -> float:
        return interpolate(self.thresholds, self.probabilities, score)

    def verify(self, events: Sequence[Event]) -> list[Event]:
        """The events with ``confidence`` the calibrated probability that each is right."""
        feats = document_features(events)
        return [replace(e, confidence=round(self.calibrated(self.score(f)), 3)) for e, f in zip(events, feats)]
