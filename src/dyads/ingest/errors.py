from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def printable(text: str) -> str:
    """A file name as one printable line: bytes that are not UTF-8 (surrogate escapes) become
    U+FFFD and control characters (newlines in file names) become ``\\n``-style escapes."""
    clean = text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return _CONTROL.sub(lambda m: m.group(0).encode("unicode_escape").decode("ascii"), clean)


class IngestError(Exception):
    """A file (or one line of it) could not be read. Names the file and the problem."""

    def __init__(self, path: str, problem: str, line: int | None = None, detail: str = "") -> None:
        self.path = printable(path)
        self.problem = problem
        self.line = line
        self.detail = detail  # the traceback of an unexpected failure, for `dyads --debug`
        where = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(f"{where}: {problem}")


class IngestWarning(IngestError):
    """Something was read but not as given (a date not understood, a sentence cut, an id reused).
    The document still lands; the warning names the file (and line) and what happened."""
