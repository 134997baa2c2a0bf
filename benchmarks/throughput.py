"""Throughput benchmark: spaCy alone vs the full `dyads ingest` path, on 1 and 2 processes.

    .venv/bin/python benchmarks/throughput.py [CORPUS_DIR] [--repeat N] [--nlp-repeat M] [--out docs/benchmarks.md]
        [--processes 1,2] [--modes spacy,nlp,ingest]

Every configuration runs in a fresh subprocess so that its peak memory (``ru_maxrss``, which
counts C allocations such as spaCy's and DuckDB's, unlike tracemalloc) is its own. Model loading is
done before the clock starts and reported separately.

- ``nlp``: ``nlp.pipe(texts, batch_size=settings.batch_size, n_process=N)`` over the texts of the
  documents read from the corpus, repeated ``--nlp-repeat`` times, with the pipeline dyads loads
  (`dyads.nlp.load_model`: the paragraph component added, the attribute ruler and lemmatizer in
  their lookup forms).
- ``spacy``: the same with the model as spaCy itself loads it (``spacy.load``, nothing of dyads):
  what "spaCy alone" costs a user who does not use dyads.
- ``ingest``: `dyads.api.ingest` (read files, nlp, actors, events, DuckDB write and whatever the
  ingest path derives after writing) into a temporary DuckDB file, over a temporary corpus made of
  ``--repeat`` copies of CORPUS_DIR whose document ids are made unique per copy (otherwise the
  copies would be skipped as unchanged), with the ``n_process`` setting = N.

Nothing here is run by the test suite; numbers are measurements of one machine, see docs/benchmarks.md.
Spanish against English articles of the same length: `benchmarks/language_cost.py` (`make bench-lang`).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


# -- worker side (one configuration per process) -------------------------------------------------

def _peak_rss_mb() -> tuple[float, float]:
    """(this process, largest waited-for child) peak resident set size in MiB (Linux: KiB units)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, kids


def _read_texts(corpus: Path) -> list[str]:
    from dyads.ingest import iter_documents
    from dyads.model import Document

    return [d.text for d in iter_documents([corpus], 50_000_000) if isinstance(d, Document)]


def _repeat_corpus(corpus: Path, dest: Path, repeat: int) -> None:
    """``repeat`` copies of ``corpus`` under ``dest`` with unique document ids per copy."""
    for k in range(repeat):
        copy = dest / f"copy{k:03d}"
        for src in sorted(p for p in corpus.rglob("*") if p.is_file()):
            rel = src.relative_to(corpus)
            out = copy / rel.parent / f"{src.stem}-r{k}{src.suffix}"
            out.parent.mkdir(parents=True, exist_ok=True)
            if src.suffix.lower() in {".jsonl", ".ndjson"}:
                lines = []
                for line in src.read_text(encoding="utf-8").splitlines():
                    if line.strip():
                        rec = json.loads(line)
                        if rec.get("id"):
                            rec["id"] = f"{rec['id']}-r{k}"
                        lines.append(json.dumps(rec, ensure_ascii=False))
                out.write_text("\n".join(lines) + "\n", encoding="utf-8")
            elif src.suffix.lower() in {".xml", ".rss", ".atom"}:
                text = src.read_text(encoding="utf-8")
                out.write_text(re.sub(r"(<guid[^>]*>)(.*?)(</guid>)", rf"\1\2-r{k}\3", text), encoding="utf-8")
            elif src.name.upper().startswith(("README", "MANIFEST")):
                continue
            else:
                shutil.copyfile(src, out)


def _cpu_seconds() -> float:
    """User + system CPU time of this process and its waited-for children (spaCy's workers)."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def worker(mode: str, n_process: int, corpus: Path, repeat: int) -> dict[str, Any]:
    from dyads.settings import Settings

    settings = Settings(progress=False, n_process=n_process)
    t0 = time.perf_counter()
    if mode in ("nlp", "spacy"):
        if mode == "spacy":
            import spacy

            nlp = spacy.load(settings.model)
        else:
            from dyads.nlp import load_model

            nlp = load_model(settings.model)
        load_s = time.perf_counter() - t0
        texts = _read_texts(corpus) * repeat
        words = sum(len(t.split()) for t in texts)
        load_before, c1, t1 = os.getloadavg()[0], _cpu_seconds(), time.perf_counter()
        n = sum(1 for _ in nlp.pipe(texts, batch_size=settings.batch_size, n_process=n_process))
        seconds, cpu = time.perf_counter() - t1, _cpu_seconds() - c1
        events = None
    else:
        from dyads.api import ingest
        from dyads.pipeline import Pipeline

        Pipeline(settings)  # model and gazetteer are cached per process: load them before the clock starts
        load_s = time.perf_counter() - t0
        with tempfile.TemporaryDirectory(prefix="dyads-bench-") as tmp:
            work = Path(tmp)
            _repeat_corpus(corpus, work / "corpus", repeat)
            words = sum(len(t.split()) for t in _read_texts(work / "corpus"))
            s = settings.with_overrides(db=str(work / "bench.duckdb"))
            load_before, c1, t1 = os.getloadavg()[0], _cpu_seconds(), time.perf_counter()
            report = ingest([work / "corpus"], s)
            seconds, cpu = time.perf_counter() - t1, _cpu_seconds() - c1
            if report.errors:
                raise SystemExit(f"ingest errors: {[str(e) for e in report.errors[:3]]}")
            n, events = report.written, report.events
    own, kids = _peak_rss_mb()
    return {"mode": mode, "n_process": n_process, "repeat": repeat, "articles": n, "words": words, "events": events,
            "seconds": seconds, "load_seconds": load_s, "articles_per_s": n / seconds, "words_per_s": words / seconds,
            "peak_rss_mb": own, "peak_child_rss_mb": kids, "cpu_seconds": cpu,
            "load_before": load_before, "load_after": os.getloadavg()[0]}


# -- driver side ----------------------------------------------------------------------------------

def machine() -> dict[str, str]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        mem_kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal"))
        mem = f"{mem_kb / 1024 / 1024:.1f} GiB"
    except (OSError, StopIteration):
        mem = "unknown"
    import duckdb
    import spacy

    return {"nproc": str(os.cpu_count()), "cpu": cpu, "memory": mem, "python": platform.python_version(),
            "platform": platform.platform(), "spacy": spacy.__version__, "duckdb": duckdb.__version__}


def run_config(mode: str, n_process: int, corpus: Path, repeat: int) -> dict[str, Any]:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", mode, str(n_process), str(corpus), str(repeat)]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    if proc.returncode != 0:
        raise SystemExit(f"{mode} n_process={n_process} failed:\n{proc.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def markdown(results: list[dict[str, Any]], info: dict[str, str], corpus: Path, base_docs: int) -> str:
    lines = [
        "# Throughput benchmark",
        "",
        f"Measured with `benchmarks/throughput.py` (`make bench`) on {time.strftime('%Y-%m-%d')}.",
        "",
        "## Machine",
        "",
        f"- CPU: {info['cpu']}, `nproc` = {info['nproc']}; RAM {info['memory']}; no GPU",
        f"- Python {info['python']}, spaCy {info['spacy']}, DuckDB {info['duckdb']}; {info['platform']}",
        "",
        "## Results",
        "",
        f"Corpus: `{corpus.relative_to(ROOT) if corpus.is_relative_to(ROOT) else corpus}` ({base_docs} documents), "
        "repeated as shown. Model loading is excluded from the timed part and shown separately.",
        "",
        "| path | processes | repeat | articles | words | wall s | articles/s | words/s | CPU s | events | "
        "peak RSS main (MiB) | peak RSS largest worker (MiB) | model load (s) | load avg before/after |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        path = {"nlp": "spaCy `nlp.pipe` only (dyads' pipeline)", "spacy": "spaCy `nlp.pipe` only (`spacy.load`)"}.get(
            r["mode"], "full `dyads ingest`")
        child = f"{r['peak_child_rss_mb']:.0f}" if r["n_process"] > 1 else "-"
        lines.append(
            f"| {path} | {r['n_process']} | {r['repeat']} | {r['articles']} | {r['words']} | {r['seconds']:.1f} | "
            f"{r['articles_per_s']:.1f} | {r['words_per_s']:.0f} | {r['cpu_seconds']:.1f} | "
            f"{r['events'] if r['events'] is not None else '-'} | "
            f"{r['peak_rss_mb']:.0f} | {child} | {r['load_seconds']:.1f} | {r['load_before']:.1f} / {r['load_after']:.1f} |")
    lines += [
        "",
        "Notes:",
        "",
        "- Peak memory is `getrusage(...).ru_maxrss`, measured in a fresh process per row. With 2 processes spaCy",
        "  forks worker processes; \"largest worker\" is the peak of the biggest one (`RUSAGE_CHILDREN`), so the",
        "  total footprint is roughly main + 2 x worker.",
        "- The ingest rows write into a temporary DuckDB file; each copy of the corpus gets its own document ids,",
        "  so every article is analysed and written (nothing is skipped as unchanged).",
        "- Words are whitespace-separated tokens of the stored document text.",
        "- articles/s and words/s are wall-clock rates. CPU s is user+system time of the process and its",
        "  spaCy workers. The 1-minute load average before/after each row shows whether other work shared",
        "  the 2 cores during the run (a load above the number of processes used means the rates are",
        "  pessimistic).",
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--worker"]:
        mode, n_process, corpus, repeat = argv[1], int(argv[2]), Path(argv[3]), int(argv[4])
        print(json.dumps(worker(mode, n_process, corpus, repeat)))
        return 0
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("corpus", nargs="?", default=str(ROOT / "corpus"))
    ap.add_argument("--repeat", type=int, default=6, help="copies of the corpus for the ingest rows")
    ap.add_argument("--nlp-repeat", type=int, default=15, help="copies of the corpus texts for the nlp.pipe rows")
    ap.add_argument("--processes", default="1,2", help="comma-separated n_process values")
    ap.add_argument("--modes", default="spacy,nlp,ingest")
    ap.add_argument("--out", help="also write the markdown here (e.g. docs/benchmarks.md)")
    args = ap.parse_args(argv)
    corpus = Path(args.corpus).resolve()
    sys.path.insert(0, str(ROOT / "src"))
    base_docs = len(_read_texts(corpus))
    results = []
    for mode in args.modes.split(","):
        for n in (int(x) for x in args.processes.split(",")):
            repeat = args.nlp_repeat if mode in ("nlp", "spacy") else args.repeat
            print(f"running {mode} n_process={n} repeat={repeat} ...", file=sys.stderr, flush=True)
            r = run_config(mode, n, corpus, repeat)
            print(f"  {r['articles']} articles in {r['seconds']:.1f}s = {r['articles_per_s']:.1f}/s, "
                  f"peak RSS {r['peak_rss_mb']:.0f} MiB", file=sys.stderr, flush=True)
            results.append(r)
    md = markdown(results, machine(), corpus, base_docs)
    sys.stdout.write(md)
    if args.out:
        Path(args.out).write_text(md, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
