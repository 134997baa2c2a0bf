"""What `dyads watch` remembers between polls, in a JSON file beside the store.

``validators``: URL -> {"etag", "last_modified"} for conditional GETs; ``seen``: article links
already ingested or refused for good (robots.txt, 4xx, too large), with the time they were
settled, so a feed that lists them again costs nothing. The file is replaced atomically (write
to a temporary file, then rename), so a crash mid-save leaves the previous state intact.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class WatchState:
    path: Path
    validators: dict[str, dict[str, str]] = field(default_factory=dict)
    seen: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path) -> "WatchState":
        if not path.exists():
            return cls(path)
        try:
            data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
            return cls(path, dict(data.get("validators") or {}), dict(data.get("seen") or {}))
        except (OSError, ValueError, AttributeError) as exc:
            raise ValueError(f"{path}: unreadable watch state ({exc}); move it away to start afresh") from exc

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=self.path.name, suffix=".tmp", dir=self.path.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump({"validators": self.validators, "seen": self.seen}, fh, indent=1, sort_keys=True)
        os.replace(tmp, self.path)

    def remember(self, url: str, etag: str | None, last_modified: str | None) -> None:
        self.validators[url] = {k: v for k, v in (("etag", etag), ("last_modified", last_modified)) if v}
