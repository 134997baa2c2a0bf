"""A brief's watchlist: the actors and dyads an analyst follows, read from a YAML or text file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Watchlist:
    actors: tuple[str, ...] = ()
    dyads: tuple[tuple[str, str], ...] = ()


def read_watchlist(path: str | Path) -> Watchlist:
    """A watchlist file: YAML (``actors: [...]``, ``dyads: ["USA,CHN", [CUB, MEX]]``) or text (one actor
    or ``A,B`` dyad a line, ``#`` comments). A malformed file is a one-line error naming it."""
    p = Path(path)
    try:
        raw = p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ValueError(f"{p}: cannot read watchlist: {exc}") from None
    actors: list[str] = []
    dyads: list[tuple[str, str]] = []

    def add(item: Any, line: str, want: tuple[int, ...] = (1, 2)) -> None:
        parts = item if isinstance(item, list) else str(item).split(",")
        parts = [str(x).strip() for x in parts if str(x).strip()]
        if len(parts) not in want:
            raise ValueError(f"{p}: {line}: expected {' or '.join(('an actor', 'a dyad A,B')[n - 1] for n in want)}, "
                             f"not {item!r}")
        if len(parts) == 1:
            actors.append(parts[0])
        else:
            dyads.append((parts[0], parts[1]))

    if p.suffix.lower() in (".yaml", ".yml"):
        import yaml

        try:
            doc = yaml.safe_load(raw) or {}
        except yaml.YAMLError as exc:
            raise ValueError(f"{p}: not valid YAML: {str(exc).splitlines()[0]}") from None
        if not isinstance(doc, dict) or set(doc) - {"actors", "dyads"}:
            raise ValueError(f"{p}: expected the keys actors and dyads (lists)")
        for key in ("actors", "dyads"):
            items = doc.get(key) or []
            if not isinstance(items, list):
                raise ValueError(f"{p}: {key} must be a list")
            for item in items:
                add(item, key, (1,) if key == "actors" else (2,))
    else:
        for n, line in enumerate(raw.splitlines(), 1):
            text = line.split("#", 1)[0].strip()
            if text:
                add(text, f"line {n}")
    return Watchlist(tuple(actors), tuple(dyads))
