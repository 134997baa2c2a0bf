"""NLP stage: the spaCy pipeline (tokens, sentences, tags, dependencies, entities).

spaCy is imported only when a model is loaded, so commands that never parse text start fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dyads.nlp.errors import ModelNotInstalled

if TYPE_CHECKING:
    from spacy.language import Language


def load_model(name: str) -> "Language":
    """See `dyads.nlp.pipeline.load_model` (imported here on first use)."""
    from dyads.nlp.pipeline import load_model as load

    return load(name)


__all__ = ["ModelNotInstalled", "load_model"]
