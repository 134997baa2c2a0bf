"""Analysis sub-commands: brief, stories, contradictions, timeline, network, actor, export, sql, analyse.

Thin shells over `dyads.analysis`: every read command opens the store read-only.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dyads import settings as settings_mod
from dyads.cli import output
from dyads.cli.dates import language_filter_argument, probability_argument

if TYPE_CHECKING:  # imported inside the commands: `dyads --help` and `dyads settings` need no DuckDB
    from dyads.store.duck import Store


def _db(args: argparse.Namespace) -> str:
    return settings_mod.load(args.config, db=args.db).db


def view_floor(args: argparse.Namespace) -> float:
    """The confidence floor of a summary view: ``--min-confidence``, else the setting ``view_min_confidence``."""
    given: float | None = getattr(args, "min_confidence", None)
    return given if given is not None else settings_mod.load(args.config, db=args.db).view_min_confidence


def add_view_floor(sp: argparse.ArgumentParser) -> None:
    sp.add_argument("--min-confidence", dest="min_confidence", type=probability_argument,
                    help="count only events at least this likely to be right (default: setting view_min_confidence, 0.5; "
                         "0 counts every stored event)")


def _read(args: argparse.Namespace) -> "Store":
    """The store for reading (waiting briefly while an ingest writes); warns when an interrupted
    ingest left the analysis tables behind the documents."""
    from dyads.store.duck import Store

    s = settings_mod.load(args.config, db=args.db)
    store = Store.open(s.db, read_only=True, wait_seconds=s.lock_wait_seconds)
    if store.analysis_stale():
        print("warning: the analysis tables are behind the documents (an ingest was interrupted); "
              f"run `dyads analyse --db {s.db}`", file=sys.stderr)
    return store


def _json(obj: Any) -> None:
    print(json.dumps(obj, ensure_ascii=False, indent=1, default=str))


def cmd_stories(args: argparse.Namespace) -> int:
    from dyads.store.actor_match import resolve
    from dyads.store.analysis_tables import stories

    with _read(args) as store:
        rows = stories(store, actor=resolve(store, args.actor) if args.actor else None, limit=args.limit,
                       min_confidence=view_floor(args))
    if args.min_reports:
        rows = [r for r in rows if r["reports"] >= args.min_reports]
    if args.format == "json":
        _json(rows)
    else:
        output.table([{**r, "outlets": ", ".join(r["outlets"])} for r in rows],
                     ("story_id", "first_date", "last_date", "source", "target", "cameo", "events", "reports",
                      "independent_reports", "n_outlets", "outlets", "headline"), width=40)
    return 0


def cmd_contradictions(args: argparse.Namespace) -> int:
    from dyads.store.analysis_tables import contradictions

    with _read(args) as store:
        rows = contradictions(store)
    if args.format == "json":
        _json(rows)
        return 0
    flat = [{"story_id": r["story_id"], "kind": r["kind"], "about": r["about"], "claim": s["value"], "said_by": s["speaker"],
             "outlet": s["outlet"], "doc_id": s["doc_id"], "evidence": s["evidence"]} for r in rows for s in r["sides"]]
    output.table(flat, ("story_id", "kind", "about", "claim", "said_by", "outlet", "doc_id", "evidence"), width=44)
    return 0


def cmd_timeline(args: argparse.Namespace) -> int:
    from dyads.analysis.timeline_sql import timeline_in_store
    from dyads.store.actor_match import resolve

    if len(args.actors) > 2:
        raise ValueError(f"timeline takes one actor or two (a dyad), not {len(args.actors)}")
    with _read(args) as store:
        matches = [resolve(store, a, args.own) for a in args.actors]
        tl = timeline_in_store(store, matches[0], matches[1] if len(matches) > 1 else None, by=args.by,
                               dedupe=args.dedupe)
    if args.format == "json":
        _json(asdict(tl))
    else:
        output.table([asdict(p) for p in tl.points], ("period", "events", "verbal_cooperation", "material_cooperation",
                                                     "verbal_conflict", "material_conflict", "goldstein_sum", "goldstein_mean"))
        if tl.skipped:
            print(f"({tl.skipped} events without a date at {args.by} precision left out)", file=sys.stderr)
    return 0


def cmd_brief(args: argparse.Namespace) -> int:
    """The morning brief (`dyads.analysis.brief`) as Markdown (for e-mail from cron), HTML or JSON."""
    from dyads.analysis.brief import brief, brief_json, parse_window, read_watchlist
    from dyads.analysis.brief_text import to_markdown

    s = settings_mod.load(args.config, db=args.db)
    parse_window(args.since)  # a bad window is refused before the store is opened
    watch_file = args.watch or s.watchlist
    watch = read_watchlist(watch_file) if watch_file else None
    with _read(args) as store:
        d = brief_json(brief(store, args.since, watch=watch))
    base = args.base_url or f"http://{s.host}:{s.port}"
    if args.format == "json":
        _json(d)
    elif args.format == "html":
        import jinja2

        env = jinja2.Environment(loader=jinja2.PackageLoader("dyads.web", "templates"), autoescape=True)
        sys.stdout.write(env.get_template("brief_mail.html").render(d=d, base=base.rstrip("/")))
    else:
        sys.stdout.write(to_markdown(d, base))
    return 0


def cmd_network(args: argparse.Namespace) -> int:
    from dyads.analysis.network import network_of
    from dyads.analysis.network_sql import edges_in_store
    from dyads.store.event_query import EventFilter, where_clause

    with _read(args) as store:
        where, params = where_clause(EventFilter(min_confidence=view_floor(args)), store)
        net = network_of(edges_in_store(store, where, params))
    if args.format == "json":
        _json(asdict(net))
    else:
        print("NODES")
        output.table([asdict(n) for n in net.nodes[: args.limit]], ("actor", "pagerank", "betweenness", "out_weight", "in_weight"))
        print("\nEDGES")
        output.table([asdict(e) for e in net.edges[: args.limit]], ("source", "target", "stories", "events", "cooperation",
                                                                    "conflict", "goldstein_sum", "goldstein_mean"))
    return 0


def cmd_actor(args: argparse.Namespace) -> int:
    from dyads.analysis.build import load_stories
    from dyads.analysis.profile import profile
    from dyads.analysis.rows import load_events
    from dyads.store.actor_match import resolve

    with _read(args) as store:
        match = resolve(store, args.actor, args.own)
        prof = profile(load_events(store), load_stories(store), match)
    if args.format == "json":
        _json(asdict(prof))
        return 0
    print(f"{prof.actor} ({match.label}, matched by {match.how}): {prof.events} events")
    cols = ("counterpart", "root", "stories", "events", "goldstein_sum")
    print("\nDOES (as source)")
    output.table([asdict(r) for r in prof.does], cols)
    print("\nDONE TO (as target)")
    output.table([asdict(r) for r in prof.done_to], cols)
    print("\nTOP STORIES")
    output.table([{**asdict(s), "events": s.events} for s in prof.top_stories],
                 ("story_id", "first_date", "source", "target", "cameo", "reports", "independent_reports", "headline"), width=50)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from dyads.analysis.exports import export

    if args.min_confidence is not None or args.lang:  # a filtered subset: the explorer's download of the same filter
        return _export_subset(args)
    with _read(args) as store:
        n = export(store, args.fmt, Path(args.out) if args.out else None, header=args.header)
    if args.out:
        unit = "nodes" if args.fmt in ("gexf", "graphml") else "rows"
        print(f"{n} {unit} written to {args.out} ({args.fmt})", file=sys.stderr)
    return 0


# whole-store export format -> the subset download of the same columns
SUBSET_FORMATS = {"gdelt": "gdelt", "events-csv": "csv", "events-parquet": "parquet"}


def _export_subset(args: argparse.Namespace) -> int:
    from dyads.analysis.exports.subset import download
    from dyads.store.event_query import EventFilter

    if args.fmt not in SUBSET_FORMATS:
        print(f"error: --min-confidence and --lang filter events: use them with {', '.join(SUBSET_FORMATS)}", file=sys.stderr)
        return 2
    if args.fmt == "events-parquet" and not args.out:
        print("error: events-parquet is binary: give --out PATH", file=sys.stderr)
        return 2
    with _read(args) as store:
        d = download(store, EventFilter(min_confidence=args.min_confidence, lang=args.lang), SUBSET_FORMATS[args.fmt])
    body = d.body
    if args.fmt == "gdelt" and not args.header:  # the download names its columns; --no-header is raw GDELT
        body = body.split(b"\n", 1)[1] if b"\n" in body else body
    if args.out:
        Path(args.out).write_bytes(body)
        kept = ", ".join([*([f"confidence >= {args.min_confidence}"] if args.min_confidence is not None else []),
                          *([f"lang {args.lang}"] if args.lang else [])])
        print(f"{d.rows} rows written to {args.out} ({args.fmt}, {kept})", file=sys.stderr)
    else:
        sys.stdout.buffer.write(body)
    return 0


def cmd_sql(args: argparse.Namespace) -> int:
    from dyads.store.sandbox import limits_of, run_query

    s = settings_mod.load(args.config, db=args.db)
    result = run_query(s.db, args.query, limits_of(s), s.lock_wait_seconds)
    cols, rows = result.columns, result.rows
    if result.truncated:
        print(f"warning: output cut at {s.sql_max_rows} rows (setting sql_max_rows)", file=sys.stderr)
    dicts = [{c: output.printable(v) for c, v in zip(cols, r)} for r in rows]  # any DuckDB type: dates in lists, UUIDs, …
    if args.format == "table":
        output.table(dicts, cols)
    else:
        output.emit(dicts, args.format, cols)
    return 0


def cmd_analyse(args: argparse.Namespace) -> int:
    from dyads.analysis.build import rebuild
    from dyads.store.duck import Store

    s = settings_mod.load(args.config, db=args.db)
    with Store.open(s.db, wait_seconds=s.lock_wait_seconds) as store:
        res = rebuild(store)
    print(f"{len(res.stories)} stories, {len({x.canonical_doc_id for x in res.syndication})} syndication groups, "
          f"{len(res.contradictions)} contradictions")
    return 0


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add the analysis sub-commands to the `dyads` parser."""
    from dyads.analysis.exports import FORMATS

    def add(name: str, fn: Any, help: str) -> argparse.ArgumentParser:
        sp: argparse.ArgumentParser = sub.add_parser(name, parents=[common], help=help, description=help)
        sp.set_defaults(fn=fn)
        return sp

    sp = add("stories", cmd_stories, "happenings with their reports, outlets and independent reports")
    sp.add_argument("--actor", help="an actor as `dyads events --actor` takes it, as story source or target")
    sp.add_argument("--min-reports", dest="min_reports", type=int, default=0)
    sp.add_argument("--limit", type=int)
    add_view_floor(sp)
    sp.add_argument("--format", choices=("table", "json"), default="table")
    sp = add("contradictions", cmd_contradictions, "conflicting reports of one story, each side with who said it")
    sp.add_argument("--format", choices=("table", "json"), default="table")
    sp = add("timeline", cmd_timeline, "event counts by QuadClass and Goldstein per period for an actor or dyad")
    sp.add_argument("actors", nargs="+", metavar="ACTOR", help="one actor, or two for a dyad (both directions)")
    sp.add_argument("--by", choices=("day", "week", "month"), default="day")
    sp.add_argument("--dedupe", action="store_true", help="one event per day, source, target and CAMEO code")
    sp.add_argument("--own", action="store_true", help="a country stands for its state organs only, not its people")
    sp.add_argument("--format", choices=("table", "json"), default="table")
    sp = add("brief", cmd_brief, "what changed: new stories, dyads off their baseline, first material conflicts, "
             "new actors and contradictions, your watchlist; every line links to its evidence")
    sp.add_argument("--since", default="24h", help="the window by ingest time: 1h, 24h, 7d, 2w (default 24h)")
    sp.add_argument("--watch", metavar="FILE", help="watchlist of actors and dyads, YAML or text (setting watchlist)")
    sp.add_argument("--format", choices=("md", "html", "json"), default="md")
    sp.add_argument("--base-url", dest="base_url", help="prefix of the links (default http://HOST:PORT of dyads serve)")
    sp = add("network", cmd_network, "the directed relations network with centrality")
    sp.add_argument("--limit", type=int, default=30)
    add_view_floor(sp)
    sp.add_argument("--format", choices=("table", "json"), default="table")
    sp = add("actor", cmd_actor, "what an actor does to whom, what is done to it, and its top stories")
    sp.add_argument("actor", help="id, country, name or alias (accents optional), code prefix or part of a name")
    sp.add_argument("--own", action="store_true", help="a country stands for its state organs only, not its people")
    sp.add_argument("--format", choices=("table", "json"), default="table")
    sp = add("export", cmd_export, "export events, actors, stories or the network (see docs/exports.md)")
    sp.add_argument("fmt", metavar="FORMAT", choices=tuple(FORMATS), help=", ".join(FORMATS))
    sp.add_argument("--out", help="output file (default: standard output; required for parquet)")
    sp.add_argument("--header", action=argparse.BooleanOptionalAction, default=True,
                    help="gdelt: the 61 column names as a first row, as the web download has (--no-header: raw GDELT)")
    sp.add_argument("--min-confidence", dest="min_confidence", type=probability_argument,
                    help="gdelt, events-csv, events-parquet: only events at least this likely to be right (0..1)")
    sp.add_argument("--lang", type=language_filter_argument,
                    help="gdelt, events-csv, events-parquet: only events of documents in this language (en, es; und: not determined)")
    sp = add("sql", cmd_sql, "run one read-only SQL query against the store")
    sp.add_argument("query")
    sp.add_argument("--format", choices=("table", "jsonl", "csv"), default="table")
    add("analyse", cmd_analyse, "recompute stories, syndication and contradictions for the store")
