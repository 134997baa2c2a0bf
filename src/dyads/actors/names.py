"""Name normalisation: one key for the spellings of one name.

Díaz-Canel / Diaz-Canel / Díaz Canel → "diaz canel"; Zelenskyy / Zelenskiy / Zelensky → "zelensky".
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_TRANSLIT = ((re.compile(r"(yy|iy|yi|ij)\b"), "y"), (re.compile(r"\bal-"), "al "))


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=1 << 16)  # pure; the resolver asks again for every capitalised word of a text
def name_key(text: str) -> str:
    """Lowercase, accent-free, hyphens and dots folded, common transliteration endings unified."""
    key = strip_accents(text).lower().replace("\u2019", "'")
    key = re.sub(r"['\u2018]s\b", "", key)
    key = re.sub(r"[-\u2010-\u2015_.,]", " ", key)
    for rx, repl in _TRANSLIT:
        key = rx.sub(repl, key)
    return " ".join(key.split())


def slug(text: str) -> str:
    return name_key(text).replace(" ", "-") or "actor"
