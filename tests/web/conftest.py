"""Fixtures for the web explorer: a store built once per session and a live server for the browser.

``web_db`` is the session's ``corpus/sample`` store (ingested once by ``tests/conftest.py``) plus
six articles of ``corpus/overlap`` about one happening (syndicated copies and contradicting
reports), so every page has something to show. Tests that write get their own copy.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from web_support import OVERLAP_FILES, make_client

from dyads.settings import Settings
from spine_support import ROOT


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # Starlette's TestClient warns that httpx will be replaced; the client itself works.
    for item in items:
        if "tests/web" in str(item.path):
            item.add_marker(pytest.mark.filterwarnings("ignore:Using `httpx`"))


@pytest.fixture(scope="session")
def web_db(sample_db: str, tmp_path_factory: pytest.TempPathFactory, settings: Settings) -> str:
    from dyads.api import ingest

    db = str(tmp_path_factory.mktemp("web") / "web.duckdb")
    shutil.copy(sample_db, db)
    report = ingest([ROOT / "corpus" / "overlap" / f"{name}.txt" for name in OVERLAP_FILES], settings.with_overrides(db=db))
    assert report.ok and report.written == 6, report.summary()
    return db


@pytest.fixture
def writable_db(web_db: str, tmp_path: Path) -> str:
    db = str(tmp_path / "writable.duckdb")
    shutil.copy(web_db, db)
    return db


@pytest.fixture(scope="module")
def client(web_db: str) -> Any:
    return make_client(web_db)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def live_server(web_db: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app under uvicorn on 127.0.0.1 (a free port), over its own copy of the web store."""
    import uvicorn

    from dyads.web.app import create_app

    db = str(tmp_path_factory.mktemp("live") / "live.duckdb")
    shutil.copy(web_db, db)
    port = _free_port()
    from dyads.web.serving import uvicorn_config

    settings = Settings(db=db, progress=False, port=port)
    server = uvicorn.Server(uvicorn_config(create_app(settings), "127.0.0.1", port, settings.serve_max_connections,
                                           settings.serve_header_timeout))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline:
            raise AssertionError("the live server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


CHROMIUM = os.environ.get("DYADS_CHROMIUM", "/usr/bin/chromium")  # Debian's package; another path for other systems
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def browser_page(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A headless Debian Chromium page driven by Playwright, with a fresh profile (--user-data-dir)."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no browser: {CHROMIUM} is missing (install Debian's chromium package; .ci/run does)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("no browser driver: the playwright package is not installed (pip install -e '.[dev]')")
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(str(profile), executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS,
                                                   viewport={"width": 1400, "height": 1000})
        page = ctx.new_page()
        page.set_default_timeout(30_000)
        yield page
        ctx.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where browser tests put their screenshots: ``$DYADS_SCREENSHOTS`` (the README's) or a temporary
    folder. Module-scoped, so it is read before the per-test fixture that clears DYADS_* variables."""
    target = os.environ.get("DYADS_SCREENSHOTS")
    folder = Path(target).resolve() if target else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def page(browser_page: Any, live_server: str) -> Any:
    """The browser page, with ``page.base`` the live server's address."""
    browser_page.base = live_server
    return browser_page
