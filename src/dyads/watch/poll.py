"""One poll of the watched URLs, and the bounded polling loop behind `dyads watch`.

A watched URL is a feed (RSS/Atom: its items' links are fetched) or an article page (ingested
itself). Each fetched article is kept as a one-record JSONL file in the spool directory
(``<db>.watch/``: the raw page with the feed's title, date and outlet) and ingested from there by
`dyads.api.ingest`, so the same readers apply and an unchanged article changes nothing (content
hash). A failing URL or article is logged in one line and the poll goes on. A feed's ETag and
Last-Modified are kept only when every item it listed was settled, so an article that failed
for a transient reason (timeout, 5xx) is retried on the next poll instead of hidden behind a 304.
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
from dyads.watch.fetch import Fetched, Fetcher, FetchError
from dyads.watch.state import WatchState

Log = Callable[[str], None]
_UNITS = {"s": 1, "m": 60, "h": 3600}


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
    """A readable, file-name-safe document id from the URL's host and path (hashed when long)."""
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


def _feed_items(fetcher: Fetcher, url: str, got: Fetched, state: WatchState, report: PollReport, log: Log) -> tuple[list[dict[str, Any]], bool]:
    """Records for the feed's new items, and whether every item was settled (ingested or refused for good)."""
    import feedparser

    feed = feedparser.parse(got.text)
    if feed.bozo and not feed.entries:
        raise FetchError(url, f"not a readable RSS/Atom feed: {feed.get('bozo_exception')}", transient=False)
    outlet = feed.feed.get("title")
    records, settled = [], True
    for entry in feed.entries:
        link = urljoin(got.url, entry["link"]) if entry.get("link") else None  # relative links are relative to the feed
        if not link or link in state.seen:
            continue
        try:
            page = fetcher.get(link)
        except FetchError as err:
            log(f"watch: {err}")
            report.failed += 1
            if err.transient:
                settled = False
            else:
                state.seen[link] = _now()
            continue
        records.append(_record(doc_id_for(link), link, page, entry.get("title"), entry.get("published") or entry.get("updated"), outlet))
        state.seen[link] = _now()
    return records, settled


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def state_path(settings: Settings) -> Path:
    return Path(settings.watch_state or f"{settings.db}.watch.json")


def poll_once(urls: list[str], settings: Settings, log: Log = _stderr, store: Store | None = None) -> PollReport:
    """Fetch every URL once (politely), ingest what is new, save the state. Never raises for a bad URL."""
    report = PollReport(urls=len(urls))
    state = WatchState.load(state_path(settings))
    records: list[dict[str, Any]] = []
    with Fetcher(settings.watch_user_agent, settings.watch_timeout, settings.watch_host_delay, settings.watch_max_bytes) as fetcher:
        for url in urls:
            known = state.validators.get(url, {})
            try:
                got = fetcher.get(url, known.get("etag"), known.get("last_modified"))
                if got.status == 304:
                    report.unchanged += 1
                    continue
                settled = True
                if is_feed(got):
                    new, settled = _feed_items(fetcher, url, got, state, report, log)
                    records += new
                else:
                    records.append(_record(doc_id_for(url), url, got))
            except FetchError as err:
                log(f"watch: {err}")
                report.failed += 1
                continue
            if settled:
                state.remember(url, got.etag, got.last_modified)
            else:
                state.validators.pop(url, None)
    report.articles = len(records)
    if records:
        spool = Path(f"{settings.db}.watch")
        spool.mkdir(parents=True, exist_ok=True)
        files = []
        for rec in records:
            path = spool / f"{rec['id']}.jsonl"
            path.write_text(json.dumps(rec, ensure_ascii=False) + "\n", encoding="utf-8")
            files.append(path)
        report.ingest = ingest(files, settings, store=store)
        for problem in report.ingest.errors:
            log(f"watch: {problem}")
    state.save()
    return report


def watch(urls: list[str], settings: Settings, every: float, once: bool = False, polls: int = 0,
          log: Log = _stderr, out: Log = print, sleep: Callable[[float], None] = time.sleep) -> list[PollReport]:
    """Poll ``urls`` every ``every`` seconds; stop after one poll (``once``), after ``polls`` polls, or on Ctrl-C."""
    for url in urls:
        if urlsplit(url).scheme not in ("http", "https"):
            raise ValueError(f"{url}: not an http(s) URL")
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
