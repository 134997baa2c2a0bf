"""The learned components' shared parts: JSON weights read from a model folder, and the probability
of a logistic regression over presence features (the verifier and the argument linker score that way).

Reads: ``<folder>/weights.json``. Writes: nothing.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any


def read_weights(path: Path, what: str, trainer: str) -> dict[str, Any]:
    """``path/weights.json`` as a dict; a clear error naming the folder when the model is missing."""
    weights = path / "weights.json"
    if not weights.is_file():
        raise FileNotFoundError(f"{path}: no trained {what} here (see {trainer})")
    data: dict[str, Any] = json.loads(weights.read_text(encoding="utf-8"))
    return data


def presence_probability(bias: float, weights: Mapping[str, float], features: Sequence[str]) -> float:
    """Logistic regression over presence features: each distinct feature adds its weight once."""
    z = bias + sum(weights.get(f, 0.0) for f in set(features))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
