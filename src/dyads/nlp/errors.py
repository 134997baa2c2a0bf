"""The NLP stage's error, importable without loading spaCy (the CLI catches it for every command)."""

from __future__ import annotations


class ModelNotInstalled(RuntimeError):
    pass
