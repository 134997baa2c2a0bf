"""Ingest jobs started from the browser: uploaded files or pasted text, ingested in a background
thread through `dyads.api.ingest` (the same call the CLI makes), with progress for polling.

Invariants: uploaded names are reduced to a safe base name inside a fresh temporary folder (no
client text ever becomes a path elsewhere); at most ``upload_max_files`` files and
``max_file_bytes`` each; the store is open for writing only while a batch is written (`StoreGate.writing`); the temporary folder
is removed when the job ends. Job ids are random hex strings looked up in memory only.
"""

from __future__ import annotations

import hashlib
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


class UploadRejected(ValueError):
    """The upload as a whole breaks a limit (too many files, a file too large, nothing given)."""


def safe_name(name: str) -> str:
    """A client file name as a plain base name: no folders, no leading dots, safe characters."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    base = _UNSAFE.sub("_", base).lstrip(".") or "upload.txt"
    return base[:120]


@dataclass
class Job:
    job_id: str
    files: list[str]
    state: str = "queued"  # queued | running | done | failed
    done: int = 0
    total: int = 0
    errors: list[str] = field(default_factory=list)
    summary: str = ""
    doc_ids: list[str] = field(default_factory=list)  # documents this job wrote
    unchanged_ids: list[str] = field(default_factory=list)  # documents already stored as uploaded
    started: str = ""

    def as_json(self) -> dict[str, Any]:
        return {"job_id": self.job_id, "state": self.state, "done": self.done, "total": self.total,
                "files": self.files, "errors": self.errors, "summary": self.summary, "doc_ids": self.doc_ids,
                "unchanged_ids": self.unchanged_ids}


class Jobs:
    def __init__(self, settings: Settings, gate: StoreGate) -> None:
        self.settings = settings
        self.gate = gate
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def start(self, uploads: list[tuple[str, bytes]], pasted: str = "", date: str | None = None) -> Job:
        """Check limits, write the inputs to a fresh folder and ingest them in the background;
        ``date`` (YYYY-MM-DD) dates the documents that carry none."""
        from dyads.api import iso_day

        day = iso_day(date, "date") if date else None
        if pasted.strip():
            digest = hashlib.sha1(pasted.encode("utf-8")).hexdigest()[:10]
            uploads = [*uploads, (f"pasted-{digest}.txt", pasted.encode("utf-8"))]
        uploads = [(n, b) for n, b in uploads if n or b]
        if not uploads:
            raise UploadRejected("nothing to ingest: choose files or paste a text")
        if len(uploads) > self.settings.upload_max_files:
            raise UploadRejected(f"{len(uploads)} files: at most {self.settings.upload_max_files} per upload "
                                 "(setting upload_max_files)")
        folder = Path(tempfile.mkdtemp(prefix="dyads-upload-"))
        names: list[str] = []
        for name, body in uploads:
            base = safe_name(name)
            stem, dot, ext = base.rpartition(".")
            target, n = folder / base, 1
            while target.exists():  # two uploads with one name keep both
                n += 1
                target = folder / (f"{stem}-{n}.{ext}" if dot else f"{base}-{n}")
            target.write_bytes(body)  # oversized files are refused by ingest, by name, like the CLI
            names.append(target.name)
        job = Job(secrets.token_hex(8), names)
        with self._lock:
            self._jobs[job.job_id] = job
        threading.Thread(target=self._run, args=(job, folder, day), daemon=True, name=f"ingest-{job.job_id}").start()
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
                            on_progress=progress, writer=self.gate.writing, default_date=day)
            job.doc_ids = list(report.written_ids)
            job.unchanged_ids = list(report.unchanged_ids)
            job.errors = [str(e) for e in report.errors]
            job.summary = report.summary()
            job.total = max(job.total, report.written)
            job.done = job.total
            job.state = "done"
        except Exception as exc:  # reported to the user; the store's transaction has rolled back
            job.errors.append(f"ingest failed: {exc}")
            job.state = "failed"
        finally:
            shutil.rmtree(folder, ignore_errors=True)
