"""Score event locations against news_train's gold `where`, part by part.

usage: python benchmarks/place_eval.py ../shared/benchmarks/news_train [--parts a,b,c] [--out DIR]
       [--errors N] [--time PART] [--reuse]

Codes each part's docs.jsonl with the default pipeline (no store; `nice -n 10` it: about a minute
per 30 articles), keeps the events that match a gold event (the matching rule of the shared
`news_score.py`), and reports for those:
  gold-placed   matched events whose gold has a place
  placed        of those, how many dyads located (share: "recall")
  country       located events in the gold country (of the placed gold-placed ones)
  name          located events whose name or text is the gold name or text
  unplaced-gold located events whose gold says the text gives no place
`--errors N` lists the first N wrong or missing places per part, for tuning (parts a-c are the
tuning parts; d-f are held out). `--time PART` times analysing that part with and without locating
(CPU seconds of this process, best of two). `--reuse` scores the events already in --out.
Each run also records what the locator was given (parsed pieces, events, mentions) in
--out/PART.pickle; `--replay` runs only the locator on those records (seconds, not minutes), for
trying rule changes.
The benchmark texts stay outside the repository.
"""

from __future__ import annotations

import argparse
import json
import pickle
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from news_eval import load_scorer, read_docs  # benchmarks/ is the script's folder, first on sys.path

from dyads.contract import event_record
from dyads.model import Document, Event
from dyads.pipeline import Pipeline
from dyads.places.locator import DocumentPlaces
from dyads.settings import Settings, load


def score(events: list[dict[str, Any]], gold: dict[str, Any], matches: Any, errors: int) -> dict[str, Any]:
    out = {"matched": 0, "gold_placed": 0, "placed": 0, "country": 0, "name": 0, "unplaced_gold": 0,
           "gold_unplaced": 0}
    wrong: list[str] = []
    for e in events:
        g = next((g for g in gold["events"] if matches(e, g)), None)
        if g is None:
            continue
        out["matched"] += 1
        where, loc = g.get("where"), e.get("location")
        if not where:
            out["gold_unplaced"] += 1
            if loc:
                out["unplaced_gold"] += 1
                wrong.append(f'PLACED-NO-GOLD {e["doc_id"]} {e["cameo"]} {loc["text"]!r} ({loc["how"]}) '
                             f'| {e["evidence"]["text"][:110]!r}')
            continue
        out["gold_placed"] += 1
        if not loc:
            wrong.append(f'MISSING {e["doc_id"]} {e["cameo"]} gold {where["text"]!r} {where["country"]} {where["how"]} '
                         f'| {e["evidence"]["text"][:110]!r}')
            continue
        out["placed"] += 1
        country_ok = str(loc.get("country") or "").upper() == where.get("country")
        names = {str(loc.get(k) or "").lower() for k in ("name", "text")}
        name_ok = bool({str(where.get("name", "")).lower(), str(where.get("text", "")).lower()} & names)
        out["country"] += country_ok
        out["name"] += name_ok
        if not (country_ok and name_ok):
            wrong.append(f'WRONG {e["doc_id"]} {e["cameo"]} ours {loc["text"]!r}={loc["name"]} {loc["country"]} '
                         f'({loc["how"]}/{loc["resolved"]}) gold {where["text"]!r}={where["name"]} {where["country"]} '
                         f'{where["how"]} | {e["evidence"]["text"][:90]!r}')
    out["errors"] = wrong[:errors]
    return out


def ratios(s: dict[str, Any]) -> str:
    def r(a: int, b: int) -> str:
        return f"{a / b:.2f}" if b else "-"
    return (f'matched {s["matched"]}, gold-placed {s["gold_placed"]}, placed {s["placed"]} ({r(s["placed"], s["gold_placed"])}), '
            f'right country {s["country"]} ({r(s["country"], s["placed"])}), right place {s["name"]} '
            f'({r(s["name"], s["placed"])}), placed where gold has none {s["unplaced_gold"]} of {s["gold_unplaced"]}')


class Recorder:
    """Wraps `DocumentPlaces.locate` to keep its inputs (a parsed piece as bytes) per document."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, bytes, int, Any, Any]] = []
        self._original = DocumentPlaces.locate
        recorder = self

        def locate(places: DocumentPlaces, doc: Any, offset: int, events: Any, mentions: Any) -> Any:
            recorder.calls.append((places.text, doc.to_bytes(), offset, list(events), list(mentions)))
            return recorder._original(places, doc, offset, events, mentions)

        DocumentPlaces.locate = locate  # type: ignore[method-assign]

    def close(self) -> None:
        DocumentPlaces.locate = self._original  # type: ignore[method-assign]


def replay(path: Path, pipe: Pipeline) -> list[dict[str, Any]]:
    """The events of the recorded pieces, located again by the current rules."""
    from spacy.tokens import Doc

    assert pipe.locator is not None
    calls = pickle.loads(path.read_bytes())
    out: list[dict[str, Any]] = []
    current: DocumentPlaces | None = None
    located: list[Event] = []
    for text, doc_bytes, offset, events, mentions in calls:
        if current is None or current.text != text or offset == 0:
            out += [event_record(e) for e in _kept(pipe, located)]
            current, located = pipe.locator.document(text), []
        doc = Doc(pipe.nlp.vocab).from_bytes(doc_bytes)
        located += current.locate(doc, offset, [replace(e, location=None) for e in events], mentions)
    return out + [event_record(e) for e in _kept(pipe, located)]


def _kept(pipe: Pipeline, events: list[Event]) -> list[Event]:
    """What the pipeline keeps of a document's located events (as `pipeline` does after locating:
    one per id, both sides resolved, verified, at or above the confidence floor)."""
    events = list({e.event_id: e for e in reversed(events)}.values())[::-1]
    if not pipe.settings.keep_partial_events:
        events = [e for e in events if e.target is not None]
    if pipe.verifier is not None:
        events = pipe.verifier.verify(events)
    return [e for e in events if e.confidence >= pipe.settings.min_confidence]


def gazetteer_accuracy(path: Path, gold: dict[str, Any], pipe: Pipeline) -> tuple[int, int, int]:
    """Place names to gazetteer, apart from event locating: of the distinct gold place texts (per
    document), how many the mention finder found as written in the recorded parses, and how many of
    those it resolved to the gold country. (total, found, right country)."""
    from collections import Counter

    from spacy.tokens import Doc

    from dyads.places.gazetteer import name_key
    from dyads.places.mentions import find_mentions

    assert pipe.locator is not None
    wanted = {(g["doc"], name_key(g["where"]["text"])): g["where"]["country"] for g in gold["events"] if g.get("where")}
    seen: dict[tuple[str, str], str | None] = {}
    for text, doc_bytes, offset, events, mentions in pickle.loads(path.read_bytes()):
        doc_id = events[0].doc_id if events else ""
        doc = Doc(pipe.nlp.vocab).from_bytes(doc_bytes)
        countries = Counter(m.actor.country for m in mentions if m.actor.country and m.how != "metonym")
        spans = [(m.start, m.actor.country) for m in mentions if m.actor.country and m.how != "metonym"]
        for m in find_mentions(doc, text, offset, pipe.locator.gazetteer, countries, spans):
            seen.setdefault((doc_id, name_key(m.span.text)), m.place.country)
    found = [key for key in wanted if key in seen]
    return len(wanted), len(found), sum(1 for key in found if seen[key] == wanted[key])


def cpu_seconds(docs: list[Document], settings: Settings) -> float:
    pipe = Pipeline(settings)
    list(pipe.analyse(docs[:2]))  # models and the gazetteer loaded before the clock starts
    best = float("inf")
    for _ in range(2):
        t0 = time.process_time()
        for _a in pipe.analyse(docs):
            pass
        best = min(best, time.process_time() - t0)
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("bench", type=Path)
    ap.add_argument("--parts", default="a,b,c,d,e,f")
    ap.add_argument("--out", type=Path, default=Path("out/place_eval"))
    ap.add_argument("--errors", type=int, default=0)
    ap.add_argument("--time", help="time this part with and without locating")
    ap.add_argument("--reuse", action="store_true")
    ap.add_argument("--replay", action="store_true")
    ap.add_argument("--gazetteer", action="store_true", help="with --replay: also score place names to gazetteer")
    a = ap.parse_args()
    settings = load(progress=False)
    if a.time:
        docs = read_docs(a.bench / a.time, settings)
        with_places = cpu_seconds(docs, settings)
        without = cpu_seconds(docs, settings.with_overrides(locate_events=False))
        print(f"part {a.time}, {len(docs)} documents: {without:.1f} s without locating, {with_places:.1f} s with "
              f"({100 * (with_places / without - 1):+.1f} %)")
        return
    matches = load_scorer(a.bench).matches
    a.out.mkdir(parents=True, exist_ok=True)
    pipe = None if a.reuse else Pipeline(settings)
    total: dict[str, Any] = {}
    by_part: dict[str, dict[str, Any]] = {}
    for part in a.parts.split(","):
        path = a.out / f"{part}.jsonl"
        if pipe is not None and a.replay:
            events = replay(path.with_suffix(".pickle"), pipe)
            path.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in events), encoding="utf-8")
        elif pipe is not None:
            recorder = Recorder()
            try:
                events = [event_record(e) for an in pipe.analyse(read_docs(a.bench / part, settings)) for e in an.events]
            finally:
                recorder.close()
            path.with_suffix(".pickle").write_bytes(pickle.dumps(recorder.calls))
            path.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in events), encoding="utf-8")
        events = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
        gold = json.loads((a.bench / part / "gold.json").read_text(encoding="utf-8"))
        s = score(events, gold, matches, a.errors)
        print(f"part {part}: {ratios(s)}")
        if a.gazetteer and pipe is not None and a.replay:
            total_names, found, right = gazetteer_accuracy(path.with_suffix(".pickle"), gold, pipe)
            print(f"    gold place names {total_names}: found as written {found}, of those in the gold country {right}"
                  f" ({right / found:.2f})" if found else "")
        for line in s.pop("errors"):
            print("   ", line)
        by_part[part] = s
        for k, v in s.items():
            total[k] = total.get(k, 0) + v
    for group in ("a,b,c", "d,e,f"):  # the tuning parts and the held-out ones, when both were run
        if all(p in by_part for p in group.split(",")):
            print(f"{group}: {ratios({k: sum(by_part[p][k] for p in group.split(',')) for k in total})}")
    print(f"all ({a.parts}): {ratios(total)}")


if __name__ == "__main__":
    main()
