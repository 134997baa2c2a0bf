"""The app's shared state (settings, store gate, ingest jobs) and reading an upload form within limits."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.formparsers import MultiPartException, MultiPartParser
from starlette.requests import Request

from dyads.settings import Settings
from dyads.store import Store
from dyads.web.gate import StoreGate
from dyads.web.guards import BodyTooLarge
from dyads.web.jobs import Jobs, UploadRejected, safe_name

T = TypeVar("T")


@dataclass(frozen=True)
class AppContext:
    settings: Settings
    gate: StoreGate
    jobs: Jobs


def ctx(request: Request) -> AppContext:
    c: AppContext = request.app.state.dyads
    return c


def by_key(request: Request, name: str, fn: Callable[[Store, str], T | None]) -> tuple[str, T | None]:
    """(path parameter ``name``, ``fn(store, it)``) over a read-only store: one item looked up by key."""
    key = str(request.path_params[name])
    with ctx(request).gate.read() as store:
        return key, fn(store, key)


@dataclass(frozen=True)
class FormUploads:
    """What an upload form carried: files within the limit, the pasted text, and the files refused
    for their size (each an error naming the file, as ingest would give it)."""

    files: list[tuple[str, bytes]]
    text: str
    refused: tuple[tuple[str, str], ...]  # (file name, error)
    day: str | None = None  # the form's date for documents that carry none (YYYY-MM-DD)


class _CappedParser(MultiPartParser):
    """Starlette's multipart parser, keeping at most ``file_cap`` bytes of each file part: the rest
    of an oversized file is counted and dropped while it streams, never spooled."""

    def __init__(self, *args: Any, file_cap: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.file_cap = file_cap
        self.sizes: dict[int, int] = {}  # id(UploadFile) -> bytes received

    def on_part_data(self, data: bytes, start: int, end: int) -> None:
        upload = self._current_part.file
        if upload is None:
            super().on_part_data(data, start, end)
            return
        before = self.sizes.get(id(upload), 0)
        self.sizes[id(upload)] = before + (end - start)
        room = self.file_cap - before
        if room > 0:
            super().on_part_data(data, start, min(end, start + room))


async def read_form_uploads(request: Request) -> FormUploads:
    """Files (field ``files``), pasted text (field ``text``) and a date for undated documents (field
    ``date``) from an upload form, within limits.

    The whole body is bounded by `dyads.web.guards.BodyLimit` while it streams; each file keeps at
    most ``max_file_bytes + 1`` bytes (a larger one becomes a per-file error, like the CLI's); the
    pasted text may be as long as a file; at most ``upload_max_files`` files."""
    s = ctx(request).settings
    cap = s.max_file_bytes
    kind = request.headers.get("content-type", "")
    try:
        if kind.startswith("multipart/form-data"):
            parser = _CappedParser(request.headers, request.stream(), max_files=s.upload_max_files + 1, max_fields=20,
                                   max_part_size=cap, file_cap=cap + 1)
            form = await parser.parse()
            sizes = parser.sizes
        else:
            form = await request.form(max_files=0, max_fields=20, max_part_size=cap)
            sizes = {}
    except MultiPartException as exc:
        if "maximum size" in exc.message:  # the pasted text (a non-file part) is over max_file_bytes
            raise BodyTooLarge(f"pasted text larger than {cap:,} bytes (setting max_file_bytes)") from None
        raise UploadRejected(f"upload refused: {exc.message} (upload_max_files {s.upload_max_files}, "
                             f"max_file_bytes {cap:,})") from None
    except HTTPException as exc:  # Starlette's wrapping of the same for url-encoded forms
        if "maximum size" in str(exc.detail):
            raise BodyTooLarge(f"pasted text larger than {cap:,} bytes (setting max_file_bytes)") from None
        raise UploadRejected(f"upload refused: {exc.detail}") from None
    try:
        files: list[tuple[str, bytes]] = []
        refused: list[tuple[str, str]] = []
        for item in form.getlist("files"):
            if not isinstance(item, UploadFile) or not (item.filename or item.size):
                continue
            name = item.filename or "upload.txt"
            size = sizes.get(id(item), item.size or 0)
            if size > cap:
                refused.append((safe_name(name), f"{safe_name(name)}: file is {size} bytes, over the limit of {cap} "
                                                 "(setting max_file_bytes)"))
            else:
                files.append((name, await item.read(cap + 1)))
        text = form.get("text")
        day = form.get("date")
        return FormUploads(files, text if isinstance(text, str) else "", tuple(refused),
                           day.strip() or None if isinstance(day, str) else None)
    finally:
        await form.close()
