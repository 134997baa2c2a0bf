"""Web explorer latency on a generated store: median and p90 per endpoint, in process (ASGI).

    .venv/bin/python benchmarks/web_latency.py [--events 100000] [--runs 30] [--db PATH] [--keep]

The store is generated synthetically and written through the store's own writer (`Store.write`,
the path ingest uses), then the analysis tables are written through `dyads.analysis.persist.write_full`:
``--events`` events in documents of 10 events each, over 40 countries (and their governments)
with a skewed choice of dyads, so a busy dyad (USA-CHN) holds a few thousand events as in a real
store. Every event has a real sentence with offsets into its document text, a CAMEO code from
the bundled code table, a modality and, for one in five, a quoted speaker. Stories are, by
default, synthetic groups (same day, source, target and CAMEO root) so that every event has a
story as after a real ingest; ``--analysis rebuild`` runs the real clustering instead (it is an
ingest-time cost, slow on 100,000 generated events, and does not change what the pages query).

Requests go through Starlette's TestClient (routing, the library calls, JSON or HTML rendering;
no network). Each URL is requested once to warm up, then ``--runs`` times; the median and p90 are
printed as a Markdown table, with the median CPU time of this process per request (all its
threads, DuckDB's included), which other work on the machine inflates less than wall time. Issue 10's targets: events page and /api/v1/events with filters
< 150 ms median; dyad and timeline < 300 ms. Nothing here runs in the test suite.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import os
import platform
import random
import statistics
import sys
import tempfile
import time
import warnings
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from dyads.model import Actor, Analysis, Attribution, CameoCode, Document, Event, Evidence, Mention, Sentence, Span
from dyads.store import Store

ROOT = Path(__file__).resolve().parents[1]
COUNTRIES = ["USA", "CHN", "RUS", "CUB", "MEX", "VEN", "BRA", "ARG", "CHL", "COL", "PER", "GBR", "FRA", "DEU", "ITA",
             "ESP", "UKR", "POL", "TUR", "IRN", "IRQ", "ISR", "SAU", "EGY", "SDN", "ETH", "KEN", "NGA", "ZAF", "IND",
             "PAK", "AFG", "JPN", "KOR", "PRK", "PHL", "VNM", "IDN", "AUS", "CAN"]
MODALITIES = ["asserted"] * 6 + ["negated", "threatened", "intended", "hypothetical", "uncertain"]
PER_DOC = 10


def _codes() -> list[CameoCode]:
    with (ROOT / "src/dyads/data/cameo/codes.csv").open(encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if len(r["code"]) == 3]
    return [CameoCode(r["code"], r["name"], r["root"], float(r["goldstein"]), int(r["quad_class"]),
                      r["plover_event"] or None, r["plover_mode"] or None) for r in rows]


def _actor(cc: str, gov: bool) -> Actor:
    if gov:
        return Actor(f"{cc}-GOV", f"{cc} government", "country", cc, "GOV", f"{cc}GOV")
    return Actor(cc, cc, "country", cc, None, cc)


_WEIGHTS = [1 / (k + 1) ** 0.8 for k in range(len(COUNTRIES))]


def _pick(rng: random.Random) -> str:
    """Zipf-like (weight 1/rank^0.8): USA about 10 % of sides, CHN 6 %, the tail rarely."""
    return rng.choices(COUNTRIES, _WEIGHTS)[0]


def generate(db: str, n_events: int, seed: int = 10) -> None:
    rng = random.Random(seed)
    codes = _codes()
    start = date(2024, 1, 1)
    analyses: list[Analysis] = []
    with Store.open(db) as store:
        for d in range(n_events // PER_DOC):
            doc_id = f"gen-{d:06d}"
            day = (start + timedelta(days=rng.randrange(730))).isoformat()
            parts: list[str] = []
            sentences, mentions, events = [], [], []
            pos = 0
            for i in range(PER_DOC):
                a, b = _pick(rng), _pick(rng)
                if a == b:
                    b = COUNTRIES[(COUNTRIES.index(a) + 1 + rng.randrange(5)) % len(COUNTRIES)]
                code = rng.choice(codes)
                sa, ta = _actor(a, rng.random() < 0.5), _actor(b, rng.random() < 0.3)
                verb = code.name.split()[0].lower()
                text = f"{sa.name} {verb} {ta.name} over oil and security talks."
                s0 = pos
                src = Mention(doc_id, i, s0, s0 + len(sa.name), sa.name, sa, "alias")
                v0 = src.end + 1
                t0 = v0 + len(verb) + 1
                tgt = Mention(doc_id, i, t0, t0 + len(ta.name), ta.name, ta, "alias")
                speaker = tgt if rng.random() < 0.2 else None
                sentences.append(Sentence(doc_id, i, s0, s0 + len(text), text))
                mentions += [src, tgt]
                events.append(Event(
                    event_id="ev-" + hashlib.sha1(f"{doc_id}:{i}".encode()).hexdigest()[:16], doc_id=doc_id, date=day,
                    date_precision="day", source=src, target=tgt, code=code, modality=rng.choice(MODALITIES),  # type: ignore[arg-type]
                    attribution=Attribution("quote" if speaker else "author", speaker, "said" if speaker else None),
                    evidence=Evidence(Span(text, s0, s0 + len(text)), Span(verb, v0, v0 + len(verb))),
                    rule="synthetic", confidence=round(rng.random(), 2), sentence_index=i))
                parts.append(text)
                pos += len(text) + 1
            body = " ".join(parts)
            doc = Document(doc_id, body, title=f"Generated {d}", date=day, date_precision="day",
                           outlet=f"Outlet {d % 25}", content_hash=hashlib.sha1(body.encode()).hexdigest())
            analyses.append(Analysis(doc, tuple(sentences), tuple(mentions), tuple(events)))
            if len(analyses) == 1000:
                store.write(analyses)
                analyses = []
        if analyses:
            store.write(analyses)


def write_stories(store: Store, how: str) -> int:
    """Fill the analysis tables: the real clustering, or one story per (day, source, target, root)."""
    from dyads.analysis.build import rebuild
    from dyads.analysis.persist import write_full
    from dyads.analysis.rows import load_event_rows
    from dyads.analysis.stories import Story

    if how == "rebuild":
        return len(rebuild(store).stories)
    groups: dict[tuple[Any, ...], list[Any]] = {}
    events = load_event_rows(store)
    for e in events:
        groups.setdefault((e.date, e.source, e.target, e.root), []).append(e)
    outlets = dict(store.query("SELECT doc_id, outlet FROM documents")[1])
    stories = []
    for (day, src, tgt, root), es in groups.items():
        docs = tuple(sorted({e.doc_id for e in es}))
        stories.append(Story(
            story_id="st-" + hashlib.sha1(es[0].event_id.encode()).hexdigest()[:16], root=root, cameo=es[0].cameo, source=src,
            target=tgt, first_date=day, last_date=day, event_ids=tuple(e.event_id for e in es), doc_ids=docs,
            outlets=tuple(sorted({outlets[d] for d in docs})), reports=len(docs), independent_reports=len(docs),
            quad_class=es[0].quad_class, goldstein=es[0].goldstein, headline=f"{src} {es[0].cameo} {tgt} on {day}"))
    write_full(store, stories, events, (), (), {}, ())
    return len(stories)


def measure(db: str, runs: int) -> list[tuple[str, float, float, float, int]]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient

    from dyads.settings import Settings
    from dyads.web.app import create_app

    client = TestClient(create_app(Settings(db=db, progress=False)), base_url="http://127.0.0.1")
    urls = [
        "/events?actor=USA&quad_class=4",
        "/events?dyad=USA,CHN&modality=asserted&sort=-goldstein",
        "/events?text=security&root=04&since=2025-01&until=2025-06",
        "/events?page=50",
        "/api/v1/events?actor=USA&quad_class=4",
        "/api/v1/events?source=CHN&target=RUS&plover=CONSULT",
        "/api/v1/events?speaker=CUB&outlet=Outlet%207&since=2024-06-01",
        "/api/v1/events?text=oil&per_page=100&page=3",
        "/dyad/USA/CHN",
        "/dyad/USA/CHN?by=month&dedupe=1",
        "/api/v1/dyads/USA/CHN",
        "/api/v1/timeline?a=USA&b=CHN&by=week",
        "/api/v1/timeline?a=CUB&by=month",
        "/",
        "/actor/CUB",
        "/stories",
        "/api/v1/network?since=2025-01&until=2025-03&quad_class=4",
        "/network",
        "/api/v1/network",
        "/brief?since=7d",
    ]
    out = []
    for url in urls:
        r = client.get(url)
        assert r.status_code == 200, (url, r.status_code, r.text[:300])
        times, cpu = [], []
        for _ in range(runs):
            t0, c0 = time.perf_counter(), time.process_time()
            client.get(url)
            times.append((time.perf_counter() - t0) * 1000)
            cpu.append((time.process_time() - c0) * 1000)
        times.sort()
        out.append((url, statistics.median(times), times[int(0.9 * (len(times) - 1))], statistics.median(cpu), len(r.content)))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=30)
    ap.add_argument("--db", help="use (or build) this store instead of a temporary one")
    ap.add_argument("--keep", action="store_true", help="keep the generated store (with --db)")
    ap.add_argument("--analysis", choices=("synthetic", "rebuild"), default="synthetic",
                    help="stories as synthetic groups (default) or by the real clustering")
    args = ap.parse_args()
    db = args.db or str(Path(tempfile.mkdtemp(prefix="dyads-bench-")) / "bench.duckdb")
    if not Path(db).exists():
        t0 = time.perf_counter()
        generate(db, args.events)
        print(f"generated {args.events} events in {time.perf_counter() - t0:.1f}s", file=sys.stderr)
    with Store.open(db) as store:
        if not store.query("SELECT count(*) FROM story_events")[1][0][0]:
            t1 = time.perf_counter()
            n_stories = write_stories(store, args.analysis)
            print(f"{n_stories} stories ({args.analysis}) in {time.perf_counter() - t1:.1f}s", file=sys.stderr)
    with Store.open(db, read_only=True) as store:
        n = store.query("SELECT count(*) FROM events")[1][0][0]
        busiest = store.query("SELECT count(*) FROM events WHERE (source_country, target_country) IN "
                              "(('USA', 'CHN'), ('CHN', 'USA'))")[1][0][0]
    load_before = os.getloadavg()[0]
    rows = measure(db, args.runs)
    print(f"\nStore: {n} events ({busiest} between USA and CHN); {args.runs} runs per URL after one warm-up; "
          f"Python {platform.python_version()}, {platform.machine()}, {os.cpu_count()} CPUs; "
          f"1-minute load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} after\n")
    print("| request | median ms | p90 ms | median CPU ms | bytes |\n|---|---:|---:|---:|---:|")
    for url, med, p90, cpu, size in rows:
        print(f"| `{url}` | {med:.1f} | {p90:.1f} | {cpu:.1f} | {size} |")
    if not args.keep and not args.db:
        Path(db).unlink(missing_ok=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
