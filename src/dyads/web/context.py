"""The app's shared state (settings, store gate, ingest jobs) and reading an upload form within limits."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from starlette.datastructures import UploadFile
from starlette.requests import Request

from dyads.settings import Settings
from dyads.store import Store
from dyads.web.gate import StoreGate
from dyads.web.jobs import Jobs, UploadRejected

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


class TooLarge(UploadRejected):
    """The request body is larger than any allowed upload (answered with 413)."""


async def read_form_uploads(request: Request) -> tuple[list[tuple[str, bytes]], str, str | None]:
    """([(file name, bytes)], pasted text, date for undated documents or None) from a multipart form
    with fields ``files``, ``text`` and ``date``.

    The body may not exceed ``upload_max_files`` × ``max_file_bytes`` plus the pasted text; each
    file is read to at most ``max_file_bytes + 1`` bytes, so an oversized file still reaches ingest,
    which refuses it by name like the CLI does, without being held whole in memory."""
    s = ctx(request).settings
    limit = (s.upload_max_files + 1) * s.max_file_bytes + 1_000_000
    length = request.headers.get("content-length")
    if length is not None and length.isdigit() and int(length) > limit:
        raise TooLarge(f"upload of {int(length):,} bytes is larger than {limit:,} "
                       f"(upload_max_files × max_file_bytes)")
    form = await request.form(max_files=s.upload_max_files + 1, max_fields=20)
    day = form.get("date")
    try:
        uploads: list[tuple[str, bytes]] = []
        files: list[Any] = form.getlist("files")
        for item in files:
            if isinstance(item, UploadFile) and (item.filename or item.size):
                uploads.append((item.filename or "upload.txt", await item.read(s.max_file_bytes + 1)))
        text = form.get("text")
        return uploads, text if isinstance(text, str) else "", day.strip() or None if isinstance(day, str) else None
    finally:
        await form.close()
