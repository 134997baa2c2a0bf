"""NLP stage: the spaCy pipeline (tokens, sentences, tags, dependencies, entities)."""

from dyads.nlp.pipeline import ModelNotInstalled, load_model

__all__ = ["ModelNotInstalled", "load_model"]
