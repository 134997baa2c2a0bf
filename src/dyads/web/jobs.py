"""Ingest jobs started from the browser: uploaded files or pasted text, ingested in a background
thread through `dyads.api.ingest` (the same call the CLI makes), with progress for polling.

Invariants: uploaded names are reduced to a safe base name inside a fresh folder per job (no
client text ever becomes a path elsewhere); at most ``upload_max_files`` files and
``max_file_bytes`` each; the store is open for writing only while a batch is written
(`StoreGate.writing`), never during the NLP. Job folders live in
one folder per server process (``<tmp>/dyads-uploads-UID/PID-RANDOM``): a job's folder is removed
when the job ends, the server's folder on shutdown (`Jobs.close`), and folders left by servers
that are no longer running when the next one starts. Messages shown to clients never contain a
server path (the upload folder is cut from them). Job ids are random hex strings looked up in
memory only.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dyads.settings import Settings
from dyads.web.gate import StoreGate

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def uploads_parent() -> Path:
    """The folder holding every server's upload folder, one per user of this machine."""
    uid = os.getuid() if hasattr(os, "getuid") else 0
    return Path(tempfile.gettempdir()) / f"dyads-uploads-{uid}"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by someone else
        return True
    return True


def remove_stale_upload_folders(parent: Path) -> list[Path]:
    """Remove the upload folders of servers that are no longer running (named ``PID-RANDOM``)."""
    removed: list[Path] = []
    if not parent.is_dir():
        return removed
    for folder in parent.iterdir():
        pid = folder.name.split("-", 1)[0]
        if folder.is_dir() and pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


class UploadRejected(ValueError):
    """The upload as a whole breaks a limit (too many files, a file too large, nothing given)."""


def safe_name(name: str) -> str:
    """A client file name as a plain base name: no folders, no leading dots, safe characters."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    base = _UNSAFE.sub("_", base).lstrip(".") or "upload.txt"
    return base[:120]


def disk_name(base: str, body: bytes) -> str:
    """The file name an upload is ingested under, and so its document id: the uploaded name with the
    first 8 hex digits of the content's SHA-256 before the extension (``index.1a2b3c4d.html`` ->
    document ``upload/index.1a2b3c4d``). Same-named files from different sites stay two documents; the
    same file uploaded again is the same document (unchanged, nothing written)."""
    digest = hashlib.sha256(body).hexdigest()[:8]
    stem, dot, ext = base.rpartition(".")
    return f"{stem}.{digest}.{ext}" if dot and stem else f"{base}.{digest}"


@dataclass
class Job:
    job_id: str
    files: list[str]
    state: str = "queued"  # queued | running | done | failed
    done: int = 0
    total: int = 0
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    summary: str = ""
    doc_ids: list[str] = field(default_factory=list)  # documents this job wrote
    unchanged_ids: list[str] = field(default_factory=list)  # documents already stored as uploaded
    started: str = ""

    def as_json(self) -> dict[str, Any]:
        return {"job_id": self.job_id, "state": self.state, "done": self.done, "total": self.total,
                "files": self.files, "errors": self.errors, "warnings": self.warnings, "summary": self.summary, "doc_ids": self.doc_ids,
                "unchanged_ids": self.unchanged_ids}


class Jobs:
    def __init__(self, settings: Settings, gate: StoreGate) -> None:
        self.settings = settings
        self.gate = gate
        self._jobs: dict[str, Job] = {}
        self._names: dict[str, dict[str, str]] = {}  # job id -> {file name on disk: name as uploaded}
        self._lock = threading.Lock()
        parent = uploads_parent()
        parent.mkdir(mode=0o700, exist_ok=True)
        remove_stale_upload_folders(parent)
        self.root = parent / f"{os.getpid()}-{secrets.token_hex(4)}"
        self.root.mkdir(mode=0o700)

    def close(self) -> None:
        """Remove this server's upload folder (on shutdown); jobs still running lose their inputs."""
        shutil.rmtree(self.root, ignore_errors=True)

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def start(self, uploads: list[tuple[str, bytes]], pasted: str = "", refused: tuple[tuple[str, str], ...] = (),
              date: str | None = None) -> Job:
        """Check limits, write the inputs to a fresh folder and ingest them in the background.
        ``refused``: (file name, error) for files refused while the upload was read (a file over
        ``max_file_bytes`` is not kept), reported with the job like ingest's own errors; ``date``
        (YYYY-MM-DD) dates the documents that carry none."""
        from dyads.api import iso_day

        day = iso_day(date, "date") if date else None
        if pasted.strip():
            uploads = [*uploads, ("pasted.txt", pasted.encode("utf-8"))]
        files = [(safe_name(n), disk_name(safe_name(n), b), b) for n, b in uploads if n or b]
        if not files and not refused:
            raise UploadRejected("nothing to ingest: choose files or paste a text")
        if len(files) > self.settings.upload_max_files:
            raise UploadRejected(f"{len(files)} files: at most {self.settings.upload_max_files} per upload "
                                 "(setting upload_max_files)")
        self.root.mkdir(mode=0o700, exist_ok=True)
        # the files sit in a folder named "upload": ingested one by one, their ids are upload/NAME.HASH
        folder = Path(tempfile.mkdtemp(prefix="job-", dir=self.root)) / "upload"
        folder.mkdir()
        names: list[str] = []
        on_disk: dict[str, str] = {}
        for base, disk, body in files:
            target = folder / disk
            if target.name in on_disk:  # the same file twice in one upload: one document
                continue
            target.write_bytes(body)
            on_disk[target.name] = base
            names.append(base)
        job = Job(secrets.token_hex(8), [*names, *(n for n, _ in refused)], errors=[e for _, e in refused])
        with self._lock:
            self._jobs[job.job_id] = job
            self._names[job.job_id] = on_disk
        # not a daemon: a process that exits while a job writes waits for it (each document's cost is
        # bounded by max_document_seconds), instead of finalising the interpreter under a thread that is
        # inside DuckDB (which aborted a test run, and could leave a store write half done)
        threading.Thread(target=self._run, args=(job, folder, day), daemon=False, name=f"ingest-{job.job_id}").start()
        return job

    def _run(self, job: Job, folder: Path, day: str | None = None) -> None:
        from dyads.api import ingest

        def progress(done: int, total: int) -> None:
            job.done, job.total = done, total

        try:
            job.state = "running"
            job.started = time.strftime("%Y-%m-%d %H:%M:%S")

            # the store is opened read-write only while a batch is written (the gate's writer), never
            # during the NLP, so pages keep answering and other processes can write in between
            report = ingest(sorted(folder.iterdir()), self.settings.with_overrides(progress=False),
                            on_progress=progress, writer=self.gate.writing, default_date=day) if job.files else None
            if report is not None:
                job.doc_ids = list(report.written_ids)
                job.unchanged_ids = list(report.unchanged_ids)
                job.errors += [self._public(str(e), folder, job) for e in report.errors]
                job.warnings = [self._public(str(w), folder, job) for w in report.warnings]
                job.summary = report.summary()
            else:
                job.summary = "nothing written"
            job.total = max(job.total, report.written if report else 0)
            job.done = job.total
            job.state = "done"
        except Exception as exc:  # reported to the user; the store's transaction has rolled back
            job.errors.append(self._public(f"ingest failed: {exc}", folder, job))
            job.state = "failed"
        finally:
            shutil.rmtree(folder.parent, ignore_errors=True)

    def _public(self, message: str, folder: Path, job: Job) -> str:
        """``message`` without server paths: upload files by their name, the store by its file name."""
        with self._lock:
            names = self._names.get(job.job_id, {})
        for disk, uploaded in names.items():
            message = message.replace(f"{folder}{os.sep}{disk}", uploaded)
        message = message.replace(f"{folder}{os.sep}", "").replace(str(folder.parent), "upload")
        db = Path(self.gate.db)
        return message.replace(str(db.resolve()), db.name).replace(self.gate.db, db.name)
