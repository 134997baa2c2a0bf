"""The morning brief: what changed in the store over a recent window, each line with its evidence.

The brief reads the store's own clock: a document is *new* when it was ingested inside the window
(``documents.ingested_at`` in ``[now - window, now]``), whatever date the article carries, so a
feed watched overnight gives the morning's brief, and undated articles count too. Sections:

- **new stories**: stories with a report ingested in the window, ranked by independent reports;
- **dyads off their baseline**: see `BASELINE_WEEKS`, `MIN_COUNT` and `_alerts` for the test;
- **first material conflict**: a pair (either direction) with a QuadClass 4 event in the window
  and none ever before it;
- **new actors**: actors (not the generic sector groups) first mentioned in the window;
- **new contradictions**: contradictions with a side reported in the window;
- **watchlist**: each watched actor or dyad's events in the window (a file of actors and dyads).

The library function is `brief`; `dyads brief`, `/brief` and `/api/v1/brief` are shells over it
and render `brief_json`. Every item carries links (paths under the explorer) to its evidence.
"""

from __future__ import annotations

import json
import math
import re
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import quote

from dyads.analysis.watchlist import Watchlist as Watchlist  # re-exported: the brief's callers import it here
from dyads.analysis.watchlist import read_watchlist as read_watchlist
from dyads.store.actor_match import ActorNotFound, resolve
from dyads.store.duck import Store

BASELINE_WEEKS = 8  # the weeks before the window a dyad's baseline is taken from
MIN_COUNT = 5  # fewer events than this in the window (or, for a drop, expected) never alert
SIGMAS = 3.0  # how far from the baseline, in Poisson standard deviations, a count must be
GOLDSTEIN_FLOOR = 2.0  # a Goldstein shift smaller than this (points on the -10..10 scale) never alerts
MIN_ACTIVE_WEEKS = 2  # baseline weeks in which the store ingested anything; fewer: no alerts, said so
_UNITS = {"m": 60, "h": 3600, "d": 86400, "w": 604800}

Link = tuple[str, str]  # (label, path under the explorer)


def parse_window(text: str) -> timedelta:
    """"24h", "7d", "90m", "2w" -> a timedelta; anything else is a one-line ValueError."""
    m = re.fullmatch(r"\s*(\d+)\s*([mhdw])\s*", text or "")
    if not m or int(m.group(1)) == 0:
        raise ValueError(f"since {text!r}: expected a period such as 1h, 24h, 7d or 2w")
    return timedelta(seconds=int(m.group(1)) * _UNITS[m.group(2)])


@dataclass(frozen=True)
class StoryItem:
    story_id: str
    headline: str
    source: str
    target: str | None
    cameo: str
    quad_class: int
    first_date: str | None
    reports: int
    independent_reports: int
    new_reports: int  # reports ingested in the window
    is_new: bool  # every report arrived in the window
    outlets: tuple[str, ...]
    links: tuple[Link, ...]


@dataclass(frozen=True)
class DyadAlert:
    a: str
    b: str
    kind: str  # "more events", "fewer events", "Goldstein shift"
    events: int  # in the window
    expected: float  # events per window, from the baseline
    goldstein_mean: float | None
    baseline_goldstein_mean: float | None
    reason: str
    links: tuple[Link, ...]


@dataclass(frozen=True)
class FirstConflict:
    a: str
    b: str
    event_id: str
    cameo: str
    date: str | None
    evidence: str
    links: tuple[Link, ...]


@dataclass(frozen=True)
class NewActor:
    actor_id: str
    name: str
    kind: str
    country: str | None
    mentions: int
    links: tuple[Link, ...]


@dataclass(frozen=True)
class NewContradiction:
    contradiction_id: str
    story_id: str
    kind: str
    about: str
    headline: str
    claims: tuple[str, ...]
    links: tuple[Link, ...]


@dataclass(frozen=True)
class WatchItem:
    query: str  # "cuba" or "USA,CHN"
    label: str
    events: int
    cooperation: int  # QuadClass 1-2
    conflict: int  # QuadClass 3-4
    goldstein_sum: float
    stories: tuple[tuple[str, str], ...]  # (story id, headline), most independently reported first
    error: str | None  # an unknown actor, with suggestions
    links: tuple[Link, ...]


@dataclass(frozen=True)
class Brief:
    since: str  # window start and end (store clock, UTC), ISO
    until: str
    window: str  # as asked: "24h"
    documents: int  # ingested in the window
    events: int
    stories: tuple[StoryItem, ...]
    alerts: tuple[DyadAlert, ...]
    first_conflicts: tuple[FirstConflict, ...]
    new_actors: tuple[NewActor, ...]
    contradictions: tuple[NewContradiction, ...]
    watchlist: tuple[WatchItem, ...]
    notes: tuple[str, ...] = field(default=())  # what the brief could not judge, said once

    @property
    def empty(self) -> bool:
        return not self.documents


def _path(part: str) -> str:
    """One path segment of a link, escaped."""
    return quote(part, safe="")


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


def brief(store: Store, window: str = "24h", now: datetime | None = None, watch: Watchlist | None = None,
          top: int = 10) -> Brief:
    """The brief of the ``window`` (`parse_window`) ending at ``now`` (default: the store clock's now)."""
    from dyads.store.analysis_tables import has_analysis

    span = parse_window(window)
    end = now or store.query("SELECT CAST(current_timestamp AS TIMESTAMP)")[1][0][0]
    start = end - span
    fresh = [r[0] for r in store.query("SELECT doc_id FROM documents WHERE ingested_at >= ? AND ingested_at <= ?",
                                       [start, end])[1]]
    notes: list[str] = []
    analysed = has_analysis(store)
    if not analysed:
        notes.append("no analysis tables: run `dyads analyse` for stories and contradictions")
    events = int(store.query("SELECT count(*) FROM events WHERE doc_id IN (SELECT unnest(?))", [fresh])[1][0][0])
    alerts, alert_note = _alerts(store, fresh, start, span, top)
    if alert_note:
        notes.append(alert_note)
    return Brief(
        since=start.isoformat(timespec="seconds"), until=end.isoformat(timespec="seconds"), window=window,
        documents=len(fresh), events=events,
        stories=_stories(store, fresh, top) if analysed else (),
        alerts=alerts, first_conflicts=_first_conflicts(store, fresh, top), new_actors=_new_actors(store, fresh, top),
        contradictions=_contradictions(store, fresh, top) if analysed else (),
        watchlist=_watchlist(store, fresh, watch) if watch else (), notes=tuple(notes))


def _stories(store: Store, fresh: list[str], top: int) -> tuple[StoryItem, ...]:
    rows = store.dicts("""
        WITH members AS (SELECT story_id, count(DISTINCT doc_id) AS docs,
                                count(DISTINCT doc_id) FILTER (WHERE doc_id IN (SELECT unnest(?))) AS new_docs
                         FROM story_events GROUP BY story_id)
        SELECT s.*, m.docs, m.new_docs FROM stories s JOIN members m USING (story_id) WHERE m.new_docs > 0
        ORDER BY s.independent_reports DESC, s.reports DESC, m.new_docs DESC, s.story_id LIMIT ?""", [fresh, top])
    return tuple(StoryItem(
        r["story_id"], r["headline"] or "", r["source"], r["target"], r["cameo"], int(r["quad_class"] or 0), r["first_date"],
        int(r["reports"]), int(r["independent_reports"]), int(r["new_docs"]), r["new_docs"] == r["docs"],
        tuple(json.loads(r["outlets"] or "[]")), (("story", f"/story/{_path(r['story_id'])}"),)) for r in rows)


def _alerts(store: Store, fresh: list[str], start: datetime, span: timedelta, top: int) -> tuple[tuple[DyadAlert, ...], str]:
    """Dyads whose event count or Goldstein balance in the window left their own baseline.

    The test, per unordered pair of sides (country, else actor id): the baseline is the
    ``BASELINE_WEEKS`` weeks before the window, counting only weeks in which the store ingested
    anything (a store that was not running has no baseline there). Expected events per window
    λ = baseline events / active weeks × window / 7 days. *More events*: n ≥ ``MIN_COUNT`` and
    n ≥ λ + ``SIGMAS``·√max(λ, 1). *Fewer events*: λ ≥ ``MIN_COUNT`` and n ≤ λ − ``SIGMAS``·√λ.
    *Goldstein shift*: n ≥ ``MIN_COUNT``, at least ``MIN_COUNT`` baseline events, and the window's
    mean Goldstein differs from the baseline mean by at least ``GOLDSTEIN_FLOOR`` and by
    ``SIGMAS`` standard errors (baseline standard deviation / √n)."""
    base_start = start - timedelta(weeks=BASELINE_WEEKS)
    weeks = store.query("""SELECT DISTINCT floor(epoch(? - ingested_at) / 604800) FROM documents
                           WHERE ingested_at >= ? AND ingested_at < ?""", [start, base_start, start])[1]
    active = len(weeks)
    rows = store.query("""
        SELECT coalesce(e.source_country, e.source_actor_id) AS s, coalesce(e.target_country, e.target_actor_id) AS t,
               e.goldstein, d.ingested_at >= ? AS in_window, e.event_id
        FROM events e JOIN documents d USING (doc_id)
        WHERE e.target_actor_id IS NOT NULL AND d.ingested_at >= ? AND (d.ingested_at < ? OR d.doc_id IN (SELECT unnest(?)))""",
                       [start, base_start, start, fresh])[1]
    now_g: dict[tuple[str, str], list[float]] = defaultdict(list)
    base_g: dict[tuple[str, str], list[float]] = defaultdict(list)
    for s, t, g, in_window, _ in rows:
        if s is None or t is None or s == t:
            continue
        (now_g if in_window else base_g)[_pair(s, t)].append(float(g))
    if active < MIN_ACTIVE_WEEKS:
        return (), (f"dyad baselines need at least {MIN_ACTIVE_WEEKS} of the {BASELINE_WEEKS} weeks before the window "
                    f"with ingests; this store has {active}: no baseline alerts yet")
    scale = span / timedelta(weeks=1)
    out: list[tuple[float, DyadAlert]] = []
    for pair in set(now_g) | set(base_g):
        win, base = now_g.get(pair, []), base_g.get(pair, [])
        lam = len(base) / active * scale
        mean_w = _r(sum(win) / len(win)) if win else None
        mean_b = _r(sum(base) / len(base)) if base else None
        links: tuple[Link, ...] = (("dyad", f"/dyad/{_path(pair[0])}/{_path(pair[1])}"),)
        for strength, kind, reason in judge(win, base, lam):
            out.append((strength, DyadAlert(*pair, kind, len(win), round(lam, 2), mean_w, mean_b, reason, links)))
    out.sort(key=lambda x: (-x[0], x[1].a, x[1].b, x[1].kind))
    return tuple(a for _, a in out[:top]), ""


def judge(window: list[float], baseline: list[float], expected: float) -> list[tuple[float, str, str]]:
    """The alerts (strength, kind, reason) for one dyad: its Goldstein scores in the window and in
    the baseline weeks, and the events expected per window (see `_alerts` for the test)."""
    n, out = len(window), []
    if n >= MIN_COUNT and n >= expected + SIGMAS * math.sqrt(max(expected, 1.0)):
        out.append((n - expected, "more events", f"{n} events against {expected:.1f} expected"))
    elif expected >= MIN_COUNT and n <= expected - SIGMAS * math.sqrt(expected):
        out.append((expected - n, "fewer events", f"{n} events against {expected:.1f} expected"))
    if n >= MIN_COUNT and len(baseline) >= MIN_COUNT:
        mean_w, mean_b = sum(window) / n, sum(baseline) / len(baseline)
        sd = math.sqrt(sum((g - mean_b) ** 2 for g in baseline) / (len(baseline) - 1))
        if abs(mean_w - mean_b) >= max(GOLDSTEIN_FLOOR, SIGMAS * sd / math.sqrt(n)):
            out.append((abs(mean_w - mean_b), "Goldstein shift", f"mean Goldstein {mean_w:+.1f} against {mean_b:+.1f} before"))
    return out


def _r(x: float | None) -> float | None:
    return None if x is None else round(x, 2)


def _first_conflicts(store: Store, fresh: list[str], top: int) -> tuple[FirstConflict, ...]:
    rows = store.dicts("""
        SELECT e.event_id, e.cameo, e.date, e.doc_id, coalesce(e.source_country, e.source_actor_id) AS s,
               coalesce(e.target_country, e.target_actor_id) AS t, sn.text AS evidence
        FROM events e LEFT JOIN sentences sn ON sn.doc_id = e.doc_id AND sn.idx = e.sentence_index
        WHERE e.quad_class = 4 AND e.target_actor_id IS NOT NULL
        ORDER BY e.date NULLS LAST, e.event_id""")
    before: set[tuple[str, str]] = set()
    new: dict[tuple[str, str], dict[str, Any]] = {}
    fresh_set = set(fresh)
    for r in rows:
        if r["s"] is None or r["t"] is None or r["s"] == r["t"]:
            continue
        pair = _pair(r["s"], r["t"])
        if r["doc_id"] in fresh_set:
            new.setdefault(pair, r)
        else:
            before.add(pair)
    items = [FirstConflict(r["s"], r["t"], r["event_id"], r["cameo"], r["date"], r["evidence"] or "",
                           (("event", f"/event/{_path(r['event_id'])}"), ("dyad", f"/dyad/{_path(pair[0])}/{_path(pair[1])}")))
             for pair, r in sorted(new.items()) if pair not in before]
    return tuple(items[:top])


def _new_actors(store: Store, fresh: list[str], top: int) -> tuple[NewActor, ...]:
    rows = store.dicts("""
        SELECT a.actor_id, a.name, a.kind, a.country, count(*) AS mentions
        FROM mentions m JOIN actors a USING (actor_id)
        WHERE a.kind <> 'group'
        GROUP BY ALL HAVING bool_and(m.doc_id IN (SELECT unnest(?)))
        ORDER BY mentions DESC, a.actor_id LIMIT ?""", [fresh, top])
    return tuple(NewActor(r["actor_id"], r["name"] or r["actor_id"], r["kind"] or "", r["country"], int(r["mentions"]),
                          (("actor", f"/actor/{_path(r['actor_id'])}"),)) for r in rows)


def _contradictions(store: Store, fresh: list[str], top: int) -> tuple[NewContradiction, ...]:
    from dyads.store import analysis_tables as at

    heads = at.headlines(store)
    fresh_set = set(fresh)
    out = []
    for r in at.contradictions(store):
        sides = r["sides"] if isinstance(r["sides"], list) else json.loads(r["sides"] or "[]")
        if any(s.get("doc_id") in fresh_set for s in sides):
            claims = tuple(f"{s.get('value')} ({s.get('speaker') or s.get('outlet') or s.get('doc_id')})" for s in sides)
            links: tuple[Link, ...] = (("story", f"/story/{_path(r['story_id'])}"),
                                       *((f"event {i + 1}", f"/event/{_path(s['event_id'])}") for i, s in enumerate(sides[:4])))
            out.append(NewContradiction(r["contradiction_id"], r["story_id"], r["kind"] or "", r["about"] or "",
                                        heads.get(r["story_id"], ""), claims, links))
    return tuple(out[:top])


def _watchlist(store: Store, fresh: list[str], watch: Watchlist) -> tuple[WatchItem, ...]:
    items: list[WatchItem] = []
    queries: list[tuple[str, list[str]]] = [(a, [a]) for a in watch.actors] + [(f"{a},{b}", [a, b]) for a, b in watch.dyads]
    for query, parts in queries:
        try:
            matches = [resolve(store, p) for p in parts]
        except ActorNotFound as exc:
            items.append(WatchItem(query, query, 0, 0, 0, 0.0, (), str(exc), ()))
            continue
        if len(matches) == 1:
            s_sql, s_ps = matches[0].sql("source")
            t_sql, t_ps = matches[0].sql("target")
            cond, params = f"({s_sql} OR {t_sql})", s_ps + t_ps
            link = ("events", f"/events?actor={quote(query)}")
            label = matches[0].label
        else:
            sa, pa = matches[0].sql("source")
            tb, pb = matches[1].sql("target")
            sb, pb2 = matches[1].sql("source")
            ta, pa2 = matches[0].sql("target")
            cond, params = f"(({sa} AND {tb}) OR ({sb} AND {ta}))", pa + pb + pb2 + pa2
            link = ("dyad", f"/dyad/{_path(parts[0])}/{_path(parts[1])}")
            label = f"{matches[0].label} – {matches[1].label}"
        n, coop, conf, gsum = store.query(f"""
            SELECT count(*), count(*) FILTER (WHERE quad_class <= 2), count(*) FILTER (WHERE quad_class >= 3),
                   coalesce(sum(goldstein), 0) FROM events e WHERE {cond} AND e.doc_id IN (SELECT unnest(?))""",
                                          [*params, fresh])[1][0]
        stories = store.query(f"""
            SELECT s.story_id, s.headline FROM stories s WHERE s.story_id IN (
                SELECT se.story_id FROM story_events se JOIN events e USING (event_id)
                WHERE {cond} AND e.doc_id IN (SELECT unnest(?)))
            ORDER BY s.independent_reports DESC, s.reports DESC, s.story_id LIMIT 3""", [*params, fresh])[1] \
            if n else []
        items.append(WatchItem(query, label, int(n), int(coop), int(conf), round(float(gsum), 2),
                               tuple((sid, h or "") for sid, h in stories), None,
                               (link, *((f"story {i + 1}", f"/story/{_path(sid)}") for i, (sid, _) in enumerate(stories)))))
    return tuple(items)


def brief_json(b: Brief) -> dict[str, Any]:
    """The brief as JSON-ready data (what `/api/v1/brief` serves and the page renders)."""
    out = asdict(b)
    for section in ("stories", "alerts", "first_conflicts", "new_actors", "contradictions", "watchlist"):
        for item in out[section]:
            item["links"] = [{"label": label, "href": href} for label, href in item["links"]]
    return out
