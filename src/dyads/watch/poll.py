"""One poll of the watched URLs, and the bounded polling loop behind `dyads watch`.

A watched URL is a feed (RSS/Atom: its items' links are fetched) or an article page (ingested
itself). Each fetched article is kept as a one-record JSONL file in the spool directory
(``<db>.watch/``: the raw page with the feed's title, date and outlet) and ingested from there by
`dyads.api.ingest`, so the same readers apply and an unchanged article changes nothing (content
hash). A failing URL or article is logged in one line and the poll goes on. A feed's ETag and
Last-Modified are kept only when every item it listed was settled, so an article that failed
for a transient reason (timeout, 5xx) is retried on the next poll instead of hidden behind a 304.

Bounded: at most ``watch_max_items`` new items per feed per poll (the rest wait for the next
poll); fetched articles go to the store in batches of ``BATCH`` and the state is saved after each
batch, so a poll holds at most one batch in memory and a poll cut short keeps what it stored.
Credentials in a link (``user:pass@``) never reach an id, a stored URL, a spool file name, the
state file or a log line.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from dyads.api import IngestReport, ingest
from dyads.settings import Settings
from dyads.store import Store, StoreError
from dyads.watch.fetch import Fetched, Fetcher, FetchError, public_url
from dyads.watch.state import WatchState

Log = Callable[[str], None]
_UNITS = {"s": 1, "m": 60, "h": 3600}
BATCH = 32  # articles per ingest (and per state save)


def _stderr(line: str) -> None:
    print(line, file=sys.stderr)


@dataclass
class PollReport:
    urls: int = 0
    unchanged: int = 0  # 304 Not Modified
    failed: int = 0  # URLs and articles that could not be fetched
    articles: int = 0  # new articles fetched
    ingest: IngestReport = field(default_factory=IngestReport)
    store_error: str | None = None  # the poll's articles could not be stored (e.g. the store stayed locked)

    @property
    def stored_nothing_by_error(self) -> bool:
        """True when this poll had something to store and an error kept all of it out."""
        return self.store_error is not None or (bool(self.ingest.errors) and self.ingest.written == 0)

    def summary(self) -> str:
        return (f"{self.urls} URLs polled: {self.unchanged} unchanged, {self.failed} failures, {self.articles} new articles; "
                f"{self.ingest.written} documents written, {self.ingest.events} events")


def parse_interval(text: str) -> float:
    """"90", "30s", "10m", "1h" -> seconds."""
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smh]?)\s*", text)
    if not m:
        raise ValueError(f"interval {text!r}: expected a number with an optional s, m or h suffix (setting watch_every)")
    return float(m.group(1)) * _UNITS[m.group(2) or "s"]


def doc_id_for(url: str) -> str:
    """A readable, file-name-safe document id from the URL's host and path (hashed when long);
    credentials in the URL are no part of it."""
    url = public_url(url)
    parts = urlsplit(url)
    slug = re.sub(r"[^A-Za-z0-9_.-]+", "-", f"{parts.netloc}{parts.path}" + (f"-{parts.query}" if parts.query else "")).strip("-.")
    if len(slug) > 100:
        slug = f"{slug[:80]}-{hashlib.sha1(url.encode('utf-8')).hexdigest()[:10]}"
    return slug or "page"


def is_feed(got: Fetched) -> bool:
    kind = got.content_type.lower()
    if "rss" in kind or "atom" in kind:
        return True
    head = got.text.lstrip()[:500].lower()
    return ("xml" in kind or head.startswith("<?xml")) and any(t in head for t in ("<rss", "<feed", "<rdf:rdf"))


def _record(doc_id: str, url: str, got: Fetched, title: str | None = None, date: str | None = None,
            outlet: str | None = None) -> dict[str, Any]:
    body = "html" if "html" in got.content_type.lower() or got.text.lstrip().startswith("<") else "text"
    rec = {"id": doc_id, "url": url, "title": title, "date": date, "outlet": outlet, body: got.text}
    return {k: v for k, v in rec.items() if v}


class _Batches:
    """Fetched records on their way to the store: written and ingested ``BATCH`` at a time, the
    state saved after each batch (what is saved as seen is stored)."""

    def __init__(self, settings: Settings, state: WatchState, report: PollReport, log: Log, store: Store | None) -> None:
        self.settings, self.state, self.report, self.log, self.store = settings, state, report, log, store
        self.pending: list[dict[str, Any]] = []

    def add(self, record: dict[str, Any]) -> None:
        self.pending.append(record)
        self.report.articles += 1
        if len(self.pending) >= BATCH:
            self.flush()

    def flush(self) -> None:
        if self.pending:
            spool = Path(f"{self.settings.db}.watch")
            spool.mkdir(parents=True, exist_ok=True)
            files = []
            for rec in self.pending:
                path = spool / f"{rec['id']}.jsonl"
                path.write_text(json.dumps(rec, ensure_ascii=False) + "\n", encoding="utf-8")
                files.append(path)
            self.pending = []
            got = ingest(files, self.settings, store=self.store)
            for problem in got.errors:
                self.log(f"watch: {problem}")
            self._merge(got)
        self.state.save()

    def _merge(self, got: IngestReport) -> None:
        total = self.report.ingest
        total.seen += got.seen
        total.unchanged += got.unchanged
        total.written += got.written
        total.events += got.events
        total.errors += got.errors
        total.warnings += got.warnings
        total.seconds += got.seconds


def _feed_items(fetcher: Fetcher, url: str, got: Fetched, state: WatchState, batches: _Batches, max_items: int) -> bool:
    """Fetch the feed's new items (at most ``max_items``) into ``batches``; True when every item
    the feed lists was settled (stored or refused for good), so its validators may be kept."""
    import feedparser

    feed = feedparser.parse(got.text)
    if feed.bozo and not feed.entries:
        raise FetchError(url, f"not a readable RSS/Atom feed: {feed.get('bozo_exception')}", transient=False)
    outlet = feed.feed.get("title")
    settled, taken = True, 0
    for entry in feed.entries:
        link = urljoin(got.url, entry["link"]) if entry.get("link") else None  # relative links are relative to the feed
        if not link:
            continue
        key = public_url(link)  # the link as stored, remembered and logged
        if key in state.seen:
            continue
        if taken >= max_items:  # the rest wait for the next poll
            settled = False
            break
        taken += 1
        try:
            page = fetcher.get(link)
        except FetchError as err:
            batches.log(f"watch: {err}")
            batches.report.failed += 1
            if err.transient:
                settled = False
            else:
                state.seen[key] = _now()
            continue
        state.seen[key] = _now()  # saved only by a flush that has stored this record
        batches.add(_record(doc_id_for(link), key, page, entry.get("title"), entry.get("published") or entry.get("updated"),
                            outlet))
    return settled


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def state_path(settings: Settings) -> Path:
    return Path(settings.watch_state or f"{settings.db}.watch.json")


def poll_once(urls: list[str], settings: Settings, log: Log = _stderr, store: Store | None = None) -> PollReport:
    """Fetch every URL once (politely), ingest what is new batch by batch, save the state after
    each batch. Never raises for a bad URL (a store that cannot be written raises `StoreError`)."""
    report = PollReport(urls=len(urls))
    state = WatchState.load(state_path(settings))
    batches = _Batches(settings, state, report, log, store)
    with Fetcher(settings.watch_user_agent, settings.watch_timeout, settings.watch_host_delay, settings.watch_max_bytes,
                 allow_private=settings.watch_allow_private) as fetcher:
        for url in urls:
            key = public_url(url)
            known = state.validators.get(key, {})
            try:
                got = fetcher.get(url, known.get("etag"), known.get("last_modified"))
                if got.status == 304:
                    report.unchanged += 1
                    continue
                settled = True
                if is_feed(got):
                    settled = _feed_items(fetcher, url, got, state, batches, max(0, settings.watch_max_items))
                else:
                    batches.add(_record(doc_id_for(url), key, got))
            except FetchError as err:
                log(f"watch: {err}")
                report.failed += 1
                continue
            if settled:
                state.remember(key, got.etag, got.last_modified)
            else:
                state.validators.pop(key, None)
    batches.flush()
    return report


def watch(urls: list[str], settings: Settings, every: float, once: bool = False, polls: int = 0,
          log: Log = _stderr, out: Log = print, sleep: Callable[[float], None] = time.sleep) -> list[PollReport]:
    """Poll ``urls`` every ``every`` seconds; stop after one poll (``once``), after ``polls`` polls, or on Ctrl-C."""
    for url in urls:
        if urlsplit(url).scheme not in ("http", "https"):
            raise ValueError(f"{public_url(url)}: not an http(s) URL")
    if every < 1 and not once and polls != 1:
        raise ValueError(f"poll interval {every:g}s is too short; at least 1s (setting watch_every)")
    reports: list[PollReport] = []
    try:
        while True:
            try:
                reports.append(poll_once(urls, settings, log))
                out(f"{_now()} poll {len(reports)}: {reports[-1].summary()}")
            except StoreError as exc:  # e.g. the store is locked by another writer: nothing was saved, retry next time
                reports.append(PollReport(urls=len(urls), failed=len(urls), store_error=str(exc)))
                log(f"watch: poll {len(reports)} not stored: {exc}")
            if once or (polls and len(reports) >= polls):
                return reports
            sleep(every)
    except KeyboardInterrupt:
        return reports
