"""The language of a document: detected from its text, or given (a record's ``lang`` field, a text
file's ``lang`` header line, ``dyads ingest --lang``).

Detection uses lingua (``lingua-language-detector``, Apache-2.0; docs/languages.md says why it
and not py3langid). The rule, one for every reader:

- it reads at most `SAMPLE_CHARS` characters from the start of the text (title and lead);
- a sample of `LONG_TEXT` characters or more is read with lingua's trigram ("low accuracy") models
  and may be any of `CANDIDATES` (the languages news in this store is likely to be in: fewer
  candidates, fewer confusions between close languages); those models were as right as lingua's
  full ones on every article we measured, at a fifth of the memory;
- a shorter sample (a headline, one sentence for ``dyads code``) is read with the full models and
  is English or Spanish (`SHORT_CANDIDATES`, the languages dyads codes): with six candidates a
  60-character Spanish lead was taken for Portuguese 3 times in 30;
- the answer is kept when lingua gives it a confidence of at least `MIN_CONFIDENCE` among the
  candidates (for a short sample read as another language than English, `SHORT_OTHER_CONFIDENCE`:
  English news names Spanish places and people); otherwise, and for a text without letters, the language is undetermined (None:
  stored as null, shown as ``und``, coded as English).

A given language is an ISO 639-1 code; ``es-MX``, ``es_ES`` and ``ES`` are read as ``es``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

CANDIDATES = ("en", "es", "fr", "pt", "de", "it")
SHORT_CANDIDATES = ("en", "es")
SAMPLE_CHARS = 5000
LONG_TEXT = 120
MIN_CONFIDENCE = 0.5
# A short sample is read as another language than English only when lingua is this sure: one English
# sentence full of Spanish place and person names ("... in Córdoba") came out Spanish at 0.73, while our
# Spanish sentences and headlines of the comparison all came out at 0.89 or more (docs/languages.md)
SHORT_OTHER_CONFIDENCE = 0.85
UNDETERMINED = "und"  # ISO 639-2's code for "undetermined": how a filter or a page names a null language

_CODE = re.compile(r"([A-Za-z]{2})(?:[-_][A-Za-z0-9]{2,8})*")
_LETTER = re.compile(r"[^\W\d_]")


def normalise_code(value: str) -> str | None:
    """``value`` as an ISO 639-1 code (lower case; a region or script subtag dropped), or None when
    it is not one. ``und`` (undetermined) is not a code: callers handle it."""
    m = _CODE.fullmatch(value.strip())
    return m.group(1).lower() if m else None


def language_argument(value: str, name: str = "--lang") -> str:
    """A user's language (``es``, ``es-MX``): its ISO 639-1 code, or a one-line ValueError."""
    code = normalise_code(value)
    if code is None:
        raise ValueError(f"{name} {value!r}: expected a two-letter ISO 639-1 code such as en or es")
    return code


def lang_value(raw: str, name: str = "lang") -> str:
    """A language filter's value: an ISO 639-1 code (``ES``, ``es-MX`` -> ``es``) or `UNDETERMINED`
    (documents whose language was not determined); else a one-line ValueError naming ``name``."""
    if raw.strip().lower() == UNDETERMINED:
        return UNDETERMINED
    code = normalise_code(raw)
    if code is None:
        raise ValueError(f"{name} must be a two-letter ISO 639-1 code such as en or es, or {UNDETERMINED}, not {raw!r}")
    return code


@lru_cache(maxsize=2)
def _detector(full: bool) -> Any:
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    langs = [Language.from_iso_code_639_1(getattr(IsoCode639_1, c.upper())) for c in (SHORT_CANDIDATES if full else CANDIDATES)]
    builder = LanguageDetectorBuilder.from_languages(*langs)
    return builder.build() if full else builder.with_low_accuracy_mode().build()


def detect(text: str) -> str | None:
    """The language ``text`` is written in (one of `CANDIDATES`), or None when the detector is not
    sure enough or the text has no letters (the module's rule)."""
    sample = text[:SAMPLE_CHARS]
    if not _LETTER.search(sample):
        return None
    short = len(sample) < LONG_TEXT
    values = _detector(short).compute_language_confidence_values(sample)
    if not values or values[0].value < MIN_CONFIDENCE:
        return None
    code: str = values[0].language.iso_code_639_1.name.lower()
    if short and code != "en" and values[0].value < SHORT_OTHER_CONFIDENCE:
        return None  # "Argentina's president met Spain's king in Córdoba.": names, not language (coded as English)
    return code
