"""The outlet's own voice: loaded language and opinion markers, and non-political text.

Framing marks do not remove events; they flag the sentence so users can separate reported
fact from commentary. Discards mark documents (sports, markets, weather, entertainment) whose
"attacks" and "strikes" are not political events.
"""

from __future__ import annotations

import re
from functools import lru_cache

from dyads.events.lexicon import Lexicon
from dyads.model import FramingMark, Span


@lru_cache(maxsize=4)
def _framing_regex(terms: tuple[str, ...]) -> re.Pattern[str]:
    alts = sorted((re.escape(t) for t in terms), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(alts) + r")(?![\w-])", re.I)


def framing_marks(lex: Lexicon, doc_id: str, sentence_index: int, text: str, offset: int) -> list[FramingMark]:
    if not lex.framing:
        return []
    rx = _framing_regex(tuple(sorted(lex.framing)))
    out = []
    for m in rx.finditer(text):
        category = lex.framing.get(m.group(0).lower(), "loaded")
        out.append(FramingMark(doc_id, sentence_index, Span(m.group(0), offset + m.start(), offset + m.end()), category))
    # scare quotes: a short quoted phrase that is not a full quotation ("humanitarian" oil)
    for m in re.finditer(r"[\u201c\"]([A-Za-z][\w\- ]{2,30})[\u201d\"]", text):
        if len(m.group(1).split()) <= 3:
            out.append(FramingMark(doc_id, sentence_index, Span(m.group(0), offset + m.start(), offset + m.end()), "scare"))
    return out


def discard_reason(lex: Lexicon, text: str, political_mentions: int) -> str | None:
    """Why a document is non-political, or None. Needs several discard cues outweighing state actors."""
    low = text.lower()
    counts = {d: len(re.findall(r"(?<!\w)" + re.escape(d) + r"(?!\w)", low)) for d in lex.discards if len(d) > 3 and d in low}
    hits = sorted(d for d, n in counts.items() if n)
    occurrences = sum(counts.values())
    # several distinct genre cues, frequent enough against the state actors in the text
    if len(hits) >= 3 and occurrences * 2 >= political_mentions:
        return "non-political text (" + ", ".join(hits[:5]) + ")"
    return None
