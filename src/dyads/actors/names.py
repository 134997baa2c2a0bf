"""Name normalisation: one key for the spellings of one name.

Díaz-Canel / Diaz-Canel / Díaz Canel → "diaz canel"; Zelenskyy / Zelenskiy / Zelensky → "zelensky".
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_TRANSLIT = ((re.compile(r"(yy|iy|yi|ij)\b"), "y"), (re.compile(r"\bal-"), "al "))


def visible(text: str) -> str:
    """``text`` without format characters (Unicode category Cf: bidi controls such as U+202E,
    zero-width joiners, soft hyphens): they must never reach an actor id or a displayed name."""
    return "".join(c for c in text if unicodedata.category(c) != "Cf") if not text.isascii() else text


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=1 << 16)  # a pure function of the text, asked for the same n-grams over and over
def name_key(text: str) -> str:
    """Lowercase, accent-free, hyphens and dots folded, common transliteration endings unified."""
    key = strip_accents(visible(text)).lower().replace("\u2019", "'")
    key = re.sub(r"['\u2018]s\b", "", key)
    key = re.sub(r"[-\u2010-\u2015_.,]", " ", key)
    for rx, repl in _TRANSLIT:
        key = rx.sub(repl, key)
    return " ".join(key.split())


def slug(text: str) -> str:
    return name_key(text).replace(" ", "-") or "actor"
