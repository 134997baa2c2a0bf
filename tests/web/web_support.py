"""Helpers for the web tests (imported as ``web_support``; conftest names are ambiguous across folders)."""

from __future__ import annotations

import time
import warnings
from typing import Any

from dyads.settings import Settings

OVERLAP_FILES = ("o09_wire_pemex_pauses_cuba_shipment", "o10_gulf_mexico_halts_cuba_oil", "o11_andean_pemex_cuba_cargo_on_hold",
                 "o12_mexico_today_sheinbaum_shipments_continue", "o13_patriot_mexico_blinks_on_cuba_oil",
                 "o14_euro_mexico_cancels_cuba_shipment_ft")
# their document ids: a file ingested by itself is named by its folder and name
OVERLAP_IDS = tuple(f"overlap/{name}" for name in OVERLAP_FILES)


def make_client(db: str, **overrides: Any) -> Any:
    from dyads.web.app import create_app

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # Starlette advises httpx2 over httpx; the client works
        from starlette.testclient import TestClient

        return TestClient(create_app(Settings(db=db, progress=False).with_overrides(**overrides)), base_url="http://127.0.0.1")


def wait_for_job(client: Any, job_id: str, seconds: float = 120.0) -> dict[str, Any]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        job: dict[str, Any] = client.get(f"/api/v1/ingest/{job_id}").json()
        if job["state"] in ("done", "failed"):
            return job
        time.sleep(0.1)
    raise AssertionError(f"ingest job {job_id} did not finish in {seconds}s")
