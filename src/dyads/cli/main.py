"""`dyads` command line: a thin shell over `dyads.api` and `dyads.store.views`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from dyads import __version__
from dyads import settings as settings_mod
from dyads.cli import output
from dyads.cli.analysis_cmds import add_view_floor, view_floor
from dyads.cli.dates import language_code_argument, language_filter_argument, probability_argument
from dyads.settings import Settings


def _settings(args: argparse.Namespace) -> Settings:
    overrides: dict[str, Any] = {}
    for name in ("db", "model", "actors_file", "max_file_bytes", "spark_output", "min_confidence"):
        v = getattr(args, name, None)
        if v is not None:
            overrides[name] = v
    if getattr(args, "no_progress", False):
        overrides["progress"] = False
    if getattr(args, "bulk", False):
        overrides["bulk_load"] = True
    return settings_mod.load(getattr(args, "config", None), **overrides)


def _open(args: argparse.Namespace, read_only: bool = True):  # type: ignore[no-untyped-def]
    from dyads.store import Store

    s = _settings(args)
    return Store.open(s.db, read_only=read_only, wait_seconds=s.lock_wait_seconds)


def cmd_ingest(args: argparse.Namespace) -> int:
    from dyads.api import ingest

    s = _settings(args)
    if args.engine != "spark" and (args.master or args.spark_output):
        print("error: --master and --spark-output go with --engine spark", file=sys.stderr)
        return 2
    if args.date:
        from dyads.api import iso_day

        iso_day(args.date)  # a malformed date is refused before anything is read
        if args.engine == "spark":
            print("error: --date goes with the local engine", file=sys.stderr)
            return 2
    if args.lang and args.engine == "spark":
        print("error: --lang goes with the local engine (a Parquet table's lang column gives each article's)", file=sys.stderr)
        return 2
    if args.engine == "spark":
        from dyads.spark.engine import ingest_spark

        report = ingest_spark([Path(p) for p in args.paths], s, master=args.master)
    else:
        report = ingest([Path(p) for p in args.paths], s, default_date=args.date, lang=args.lang)
    _print_problems(report, getattr(args, "debug", False))
    print(report.summary())
    return 0 if report.ok else 1


def _print_problems(report: Any, debug: bool = False) -> None:
    """Warnings, then errors, one line each; with ``--debug`` an unexpected failure's traceback follows its line."""
    for warning in report.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    for err in report.errors:
        print(f"error: {err}", file=sys.stderr)
        detail: str | None = getattr(err, "detail", None)
        if debug and detail:
            print(detail.rstrip("\n"), file=sys.stderr)


def cmd_events(args: argparse.Namespace) -> int:
    from dyads.cli.dates import date_argument
    from dyads.store import views
    from dyads.store.actor_match import resolve

    since, until = date_argument(args.since, "--since"), date_argument(args.until, "--until")
    place = (args.country, args.near, args.within) if args.country or args.near or args.within is not None else None
    if args.format == "jsonl":  # the stored records, not decoded and re-encoded
        with _open(args) as store:
            actor = resolve(store, args.actor, args.own) if args.actor else None
            for line in views.iter_event_lines(store, actor=actor, since=since, until=until, doc_id=args.doc,
                                               min_confidence=args.min_confidence, place=place, lang=args.lang):
                sys.stdout.write(line + "\n")  # streamed: `| head` prints at once and stops the query
        return 0
    with _open(args) as store:
        actor = resolve(store, args.actor, args.own) if args.actor else None
        rows = views.events(store, actor=actor, since=since, until=until, doc_id=args.doc,
                            min_confidence=args.min_confidence, place=place, lang=args.lang)
    if args.format == "table":
        output.table([output.event_row(e) for e in rows], ("event_id", *output.EVENT_COLUMNS), width=32)
    else:
        output.emit(rows, args.format, [])
    return 0


def cmd_watch(args: argparse.Namespace) -> int:
    from dyads.watch.poll import parse_interval, watch

    s = _settings(args)
    every = parse_interval(args.every or s.watch_every)
    if args.allow_private:
        s = s.with_overrides(watch_allow_private=True)
    reports = watch(args.urls, s.with_overrides(progress=False), every, once=args.once, polls=args.polls or 0)
    # cron must notice: a poll whose articles an error kept out of the store is a failure
    return 1 if any(r.stored_nothing_by_error for r in reports) else 0


def cmd_docs(args: argparse.Namespace) -> int:
    from dyads.store import views

    with _open(args) as store:
        rows = views.documents(store)
    if args.format == "table":
        output.table([{**r, "words": len(r["text"].split()), "lang": r["lang"] or "und"} for r in rows],
                     ("doc_id", "date", "lang", "outlet", "words", "title"))
    else:
        output.emit(rows, args.format, [])
    return 0


def cmd_code(args: argparse.Namespace) -> int:
    from dyads.api import code_text
    from dyads.cli.dates import day_argument

    date = day_argument(args.date, "--date")
    text = args.text if args.text is not None else sys.stdin.read()
    if not text.strip():
        print("error: no text given (use --text or standard input)", file=sys.stderr)
        return 2
    output.jsonl(list(code_text(text, _settings(args), date=date, lang=args.lang)))
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from dyads.cli.explain import explain
    from dyads.store import views

    with _open(args) as store:
        rec = views.event(store, args.event_id)
        if rec is None:
            print(f"error: no event {args.event_id!r}", file=sys.stderr)
            return 1
        text = views.document_text(store, rec["doc_id"]) or ""
    if args.format == "json":
        print(json.dumps(rec, ensure_ascii=False, indent=1))
    else:
        print(explain(rec, text))
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    from dyads.store import views

    with _open(args) as store:
        st = views.stats(store, view_floor(args))
    if args.format == "json":
        print(json.dumps(st, indent=1, ensure_ascii=False))
        return 0
    counts = [{"what": k, "count": v} for k, v in st.items() if isinstance(v, int)]
    for group in ("events_by_root", "events_by_quad_class", "events_by_modality"):
        counts += [{"what": f"{group} {k}", "count": v} for k, v in st[group].items()]
    output.table(counts, ("what", "count"))
    print()
    output.table(st["top_dyads"], ("source", "target", "events"))
    return 0


def cmd_actors(args: argparse.Namespace) -> int:
    if args.action == "import":
        return cmd_actors_import(args)
    from dyads.store import views

    with _open(args) as store:
        rows = views.actors(store)
    if args.format == "table":
        output.table([{**r, "roles": ", ".join(_role_text(x) for x in r["roles"]), "how": ",".join(r["resolved_by"] or [r["how"]])}
                      for r in rows], ("actor_id", "name", "country", "sector", "code", "roles", "mentions", "how"), width=44)
    else:
        output.emit(rows, args.format, [])
    return 0


def cmd_actors_import(args: argparse.Namespace) -> int:
    """`dyads actors import FILE [--out PATH]`: a PETRARCH actor dictionary as a user actors YAML."""
    import time

    from dyads.actors import petrarch

    if not args.file:
        print("error: dyads actors import needs a PETRARCH actor dictionary FILE", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    try:
        conv = petrarch.import_file(Path(args.file))
    except OSError as exc:
        print(f"error: cannot read {args.file}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    text = petrarch.to_yaml(conv, Path(args.file).name)
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    where = f" to {args.out}" if args.out else ""
    print(f"imported {conv.summary()}{where} in {time.perf_counter() - t0:.1f}s; use it with actors_file "
          "(--actors-file PATH or DYADS_ACTORS_FILE)", file=sys.stderr)
    return 0


def _role_text(role: dict[str, Any]) -> str:
    """"president (2025-01-20–)": the title with its term where known."""
    if not role.get("start") and not role.get("end"):
        return str(role["title"])
    return f"{role['title']} ({role.get('start') or '?'}\u2013{role.get('end') or ''})"


def cmd_check_data(args: argparse.Namespace) -> int:
    from dyads.datacheck import check_all

    problems, counts = check_all()
    for k, v in counts.items():
        print(f"{k}: {v}")
    for p in problems:
        print(f"error: {p}", file=sys.stderr)
    print("data files OK" if not problems else f"{len(problems)} problems")
    return 0 if not problems else 1


def cmd_settings(args: argparse.Namespace) -> int:
    current = _settings(args)
    output.table([{"name": n, "default": d, "current": repr(getattr(current, n)), "help": h}
                  for n, d, h in settings_mod.describe()], ("name", "default", "current", "help"), width=60)
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    """Ingest the bundled sample corpus and print what was found."""
    from dyads.api import ingest
    from dyads.store import Store, views

    s = _settings(args)
    corpus = Path(args.corpus)
    report = ingest([corpus], s)
    _print_problems(report)
    print(report.summary(), "\n")
    with Store.open(s.db, read_only=True, wait_seconds=s.lock_wait_seconds) as store:
        rows = views.events(store)
        rel = views.relations(store, min_confidence=s.view_min_confidence)
    shown = sorted(rows, key=lambda e: -e["confidence"])[: args.limit]
    shown.sort(key=lambda e: (e["date"] or "9999", e["doc_id"], e["evidence"]["start"]))
    print(f"EVENTS ({len(rows)} in all; the {len(shown)} most confident shown — `dyads events` lists every one)")
    output.table([{**output.event_row(e), "evidence": e["evidence"]["text"]} for e in shown],
                 (*output.EVENT_COLUMNS[:-2], "evidence"), width=30)
    print(f"\nRELATIONS (directed, country level; events at confidence >= {s.view_min_confidence}, setting view_min_confidence)")
    output.table(rel, ("source", "target", "events", "cooperation", "conflict", "goldstein"))
    print(f"\nStore: {s.db}. Try: dyads events --format jsonl --db {s.db} | head; dyads show EVENT_ID --db {s.db}")
    return 0 if report.ok else 1


def cmd_serve(args: argparse.Namespace) -> int:
    """`dyads serve`: the web explorer and /api/v1 over the store (a thin shell over `dyads.web.app`)."""
    from dyads.web.app import serve

    s = _settings(args)
    allow = ",".join([s.allow_hosts, *(args.allow_host or [])]).strip(",")
    serve(s.with_overrides(host=args.host, port=args.port, allow_hosts=allow, token=args.token))
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="dyads", description="Who did what to whom, when, by whose account.")
    p.add_argument("--version", action="version", version=f"dyads {__version__}")
    p.add_argument("--debug", action="store_true", help="on an unexpected error, print the full traceback")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", help="DuckDB store file (setting db)")
    common.add_argument("--config", help="TOML config file (default ./dyads.toml or $DYADS_CONFIG)")
    common.add_argument("--model", help="spaCy model package (setting model)")
    common.add_argument("--actors-file", dest="actors_file", help="user YAML actors file (setting actors_file)")
    sub = p.add_subparsers(dest="command", required=True)

    def add(name: str, fn: Any, help: str) -> argparse.ArgumentParser:
        sp = sub.add_parser(name, parents=[common], help=help, description=help)
        sp.set_defaults(fn=fn)
        return sp

    sp = add("ingest", cmd_ingest, "read files/directories into the store")
    sp.add_argument("paths", nargs="+")
    sp.add_argument("--max-file-bytes", dest="max_file_bytes", type=int)
    sp.add_argument("--min-confidence", dest="min_confidence", type=probability_argument,
                    help="keep events at least this likely to be right (setting min_confidence, default 0.2)")
    sp.add_argument("--date", help="YYYY-MM-DD for the documents that carry no date of their own")
    sp.add_argument("--lang", type=language_code_argument,
                    help="ISO 639-1 language of every document read (en, es), instead of detection or a record's lang field")
    sp.add_argument("--engine", choices=("local", "spark"), default="local",
                    help="spark: run the pipeline in Spark executors (pip install 'dyads[spark]'; needs Java 17+)")
    sp.add_argument("--master", help="Spark master URL (setting spark_master, default local[*])")
    sp.add_argument("--spark-output", dest="spark_output", help="Parquet output directory (setting spark_output)")
    sp.add_argument("--no-progress", action="store_true")
    sp.add_argument("--bulk", action="store_true",
                    help="bulk load (setting bulk_load): one full analysis pass at the end instead of an incremental update")
    sp = add("watch", cmd_watch, "poll RSS/Atom feeds and article URLs, ingest what is new; failures are logged and skipped")
    sp.add_argument("urls", nargs="+", metavar="URL")
    sp.add_argument("--every", help="poll interval such as 30s, 10m, 1h (setting watch_every)")
    sp.add_argument("--once", action="store_true", help="poll once and stop")
    sp.add_argument("--polls", type=int, help="stop after this many polls")
    sp.add_argument("--allow-private", dest="allow_private", action="store_true",
                    help="also fetch loopback, private and link-local addresses (setting watch_allow_private)")
    sp = add("events", cmd_events, "list stored events")
    sp.add_argument("--actor", help="actor id, country (code or name), name or alias with or without accents, "
                    "code prefix or part of a name (USA, cuba, Diaz-Canel, USAGOV, Xi)")
    sp.add_argument("--own", action="store_true", help="a country stands for its state organs only, not its people")
    sp.add_argument("--since")
    sp.add_argument("--until")
    sp.add_argument("--doc", help="only this document")
    sp.add_argument("--min-confidence", dest="min_confidence", type=probability_argument,
                    help="only events at least this likely to be right (the verifier's calibrated probability, 0..1)")
    sp.add_argument("--country", help="events located in this country (ISO3, e.g. CUB)")
    sp.add_argument("--near", help="events located near this place (a name or lat,lon); see --within")
    sp.add_argument("--within", help="kilometres from --near (default 50)")
    sp.add_argument("--lang", type=language_filter_argument,
                    help="events of documents in this language (ISO 639-1: en, es; und: not determined)")
    sp.add_argument("--format", choices=("table", "jsonl", "csv"), default="table")
    sp = add("docs", cmd_docs, "list stored documents")
    sp.add_argument("--format", choices=("table", "jsonl", "csv"), default="table")
    sp = add("code", cmd_code, "code a text (argument or stdin) without a store; prints JSON lines")
    sp.add_argument("--text")
    sp.add_argument("--date", help="article date YYYY-MM-DD for resolving relative dates and terms of office")
    sp.add_argument("--lang", type=language_code_argument, help="the text's language (ISO 639-1: en, es) instead of detection")
    sp.add_argument("--min-confidence", dest="min_confidence", type=probability_argument,
                    help="print events at least this likely to be right (setting min_confidence, default 0.2)")
    sp = add("show", cmd_show, "show an event's evidence and why it was coded so")
    sp.add_argument("event_id")
    sp.add_argument("--format", choices=("text", "json"), default="text")
    sp = add("stats", cmd_stats, "counts in the store (top dyads: events at the summary views' confidence floor)")
    sp.add_argument("--format", choices=("table", "json"), default="json")
    add_view_floor(sp)
    sp = add("actors", cmd_actors, "canonical actors with mentions and how they were resolved; "
             "`dyads actors import FILE [--out PATH]` converts a PETRARCH actor dictionary to a user actors YAML")
    sp.add_argument("action", nargs="?", choices=("import",), help="import: convert a PETRARCH actor dictionary")
    sp.add_argument("file", nargs="?", help="the PETRARCH actor dictionary (with import)")
    sp.add_argument("--out", help="with import: write the YAML here (default standard output)")
    sp.add_argument("--format", choices=("table", "jsonl", "csv"), default="table")
    add("check-data", cmd_check_data, "validate the bundled data files")
    add("settings", cmd_settings, "the settings table with current values")
    sp = add("demo", cmd_demo, "ingest the bundled sample corpus and print events and relations")
    sp.add_argument("--corpus", default="corpus/sample")
    sp.add_argument("--limit", type=int, default=40, help="events to print (most confident first)")
    sp.add_argument("--no-progress", action="store_true")
    sp = add("serve", cmd_serve, "the web explorer and /api/v1 HTTP API over the store (http://127.0.0.1:8000/)")
    sp.add_argument("--host", help="address to bind (setting host; default 127.0.0.1: this machine only)")
    sp.add_argument("--port", type=int, help="port (setting port; default 8000)")
    sp.add_argument("--allow-host", dest="allow_host", action="append", metavar="NAME",
                    help="a Host name clients use to reach this server (repeatable; required with a --host beyond "
                         "127.0.0.1; setting allow_hosts)")
    sp.add_argument("--token", help="require this token on every request (setting token; Authorization: Bearer, "
                                    "or open the server once with ?token=TOKEN)")
    for extra in _extensions():
        extra(sub, common)
    return p


def _extensions() -> list[Any]:
    """Sub-command groups registered by other modules (analysis, evaluation). Imported directly:
    an import error there must fail loudly, not make the commands silently disappear."""
    from dyads.cli.analysis_cmds import register as reg_analysis
    from dyads.cli.eval_cmds import register as reg_eval

    return [reg_analysis, reg_eval]


_USER_ERRORS = (("dyads.store.duck", "StoreError"), ("dyads.nlp.errors", "ModelNotInstalled"),
                ("dyads.ingest.errors", "IngestError"), ("dyads.deadline", "DocumentTimeout"))


def _user_error(exc: BaseException) -> bool:
    """Errors whose message says it all (bad input, no store, no model): printed, exit code 2.
    Their classes are looked up only in modules already loaded: a command that never imported
    DuckDB cannot have raised a StoreError, and importing DuckDB to check costs 0.1-0.2 s."""
    kinds: list[type] = [ValueError]
    for module, name in _USER_ERRORS:
        if module in sys.modules:
            kinds.append(getattr(sys.modules[module], name))
    return isinstance(exc, tuple(kinds))


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.fn(args))
    except BrokenPipeError:
        return 0
    except Exception as exc:
        if getattr(args, "debug", False):
            raise
        if _user_error(exc):  # bad input, no store, no model: the message says it all
            print(f"error: {_one_line(exc)}", file=sys.stderr)
            return 2
        # anything unexpected: one line with the cause; --debug for the traceback
        print(f"error: {type(exc).__name__}: {_one_line(exc)} (run with --debug for the traceback)", file=sys.stderr)
        return 1


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


if __name__ == "__main__":
    sys.exit(main())
