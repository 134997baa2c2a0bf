"""`dyads ingest --engine spark`: the single-process ingest spread over Spark executors.

Stages (driver code here, executor code in `dyads.spark.partition`):
1. read: input files (text, HTML, JSONL, feeds) or Parquet tables of articles are read in
   executors with the same readers as `dyads.api.ingest`; duplicate ids keep their first copy
   (input order) and report the others; documents whose content hash is stored are skipped;
2. analyse: the documents, range-partitioned in input order, go through `Pipeline` inside
   ``mapPartitionsWithIndex`` (one pipeline per partition) and each partition writes Parquet
   files per table and month under the output directory;
3. reconcile learned actors across partitions (`dyads.spark.reconcile`);
4. import the run into the DuckDB store (`dyads.spark.importer`, one transaction) and write the
   run's rows of the store's ``actors`` to ``actors/``;
5. stories: events are grouped in Spark (groupBy) into blocks of compatible roots, each clustered on its own
   (`dyads.spark.blocks`); syndication and contradictions are computed on the driver, and the
   derived tables are replaced as `dyads.analysis.build.rebuild` would.
The output directory holds only the last run (it is replaced; a directory dyads did not make is refused).
"""

from __future__ import annotations

import os
import shutil
import sys
import time
import uuid
from pathlib import Path
from typing import Any

from dyads.api import IngestReport
from dyads.ingest import IngestError
from dyads.ingest.readers import list_files
from dyads.model import Actor
from dyads.settings import Settings
from dyads.spark import partition as part
from dyads.spark.importer import Actors, import_run
from dyads.spark.reconcile import reconcile
from dyads.store import Store

MARKER = "_dyads_spark_output"


def session(master: str) -> Any:
    """A SparkSession for ``master`` whose Python workers use this interpreter (and so this dyads)."""
    if not os.environ.get("JAVA_HOME") and shutil.which("java") is None:
        raise ValueError("the Spark engine needs Java 17 or newer on PATH or in JAVA_HOME (Debian: apt-get install default-jre-headless)")
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise ValueError("the Spark engine needs pyspark: pip install 'dyads[spark]'") from exc
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)

    builder = (SparkSession.builder.master(master).appName("dyads")
               .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
               .config("spark.sql.shuffle.partitions", "8").config("spark.python.worker.reuse", "true"))
    if master.startswith("local"):  # local mode listens on the loopback interface only
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
        builder = builder.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def _active_session() -> Any:
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        return None
    return SparkSession.getActiveSession()


def check_output(out: Path) -> None:
    """Refuse an output directory that holds anything but a previous run's output."""
    if out.exists() and (not out.is_dir() or (any(out.iterdir()) and not (out / MARKER).exists())):
        raise ValueError(f"{out}: exists and is not a dyads Spark output directory; choose another (setting spark_output)")


def prepare_output(out: Path) -> None:
    """Make ``out`` an empty output directory (a previous run's output is replaced)."""
    check_output(out)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    (out / MARKER).write_text("Parquet datasets written by `dyads ingest --engine spark`; replaced by the next run.\n")


def _is_parquet_input(path: Path) -> bool:
    if path.is_file():
        return path.suffix.lower() == ".parquet"
    return path.is_dir() and any(path.glob("*.parquet")) and not any(
        f.suffix.lower() != ".parquet" and not f.name.startswith(("_", ".")) for f in path.iterdir() if f.is_file())


def read_inputs(spark: Any, paths: list[Path], settings: Settings, partitions: int) -> tuple[Any, list[IngestError]]:
    """An RDD of `part.Ordered` items (documents and read errors) and the errors found on the driver."""
    sc = spark.sparkContext
    errors: list[IngestError] = []
    files: list[tuple[tuple[int, int], str, str | None]] = []
    rdds = []
    for order, path in enumerate(paths):
        if _is_parquet_input(path):
            where = str(path)
            rows = spark.read.parquet(where).rdd.zipWithIndex()
            rdds.append(rows.map(lambda rw, o=order, w=where: part.read_record((o, 0, rw[1]), rw[0].asDict(), w)))
            continue
        for k, f in enumerate(list_files([path])):
            if isinstance(f, IngestError):
                errors.append(f)
            else:
                files.append(((order, k), str(f), str(path) if path.is_dir() else None))
    max_bytes = settings.max_file_bytes
    if files:
        rdds.append(sc.parallelize(files, max(1, min(len(files), partitions)))
                    .flatMap(lambda item: part.read_file(item[0], item[1], max_bytes, item[2])))
    return (sc.union(rdds) if rdds else sc.emptyRDD()), errors


def ingest_spark(paths: list[Path], settings: Settings, master: str | None = None, spark: Any = None) -> IngestReport:
    """Ingest ``paths`` with Spark into ``settings.db`` (and Parquet under the output directory)."""
    t0 = time.perf_counter()
    report = IngestReport()
    out = Path(settings.spark_output or f"{settings.db}.parquet").resolve()
    check_output(out)
    if spark is None:  # reuse a session the caller (a notebook, a test) already runs; stop only our own
        spark = _active_session()
    own = spark is None
    spark = spark or session(master or settings.spark_master)
    sc = spark.sparkContext
    try:
        with Store.open(settings.db) as store:
            known = dict(store.query("SELECT doc_id, content_hash FROM documents")[1])
            learned = store.learned_actors()
        n = settings.spark_partitions or sc.defaultParallelism
        items, errors = read_inputs(spark, paths, settings, n)
        report.errors += errors
        items = items.persist()
        report.errors += [IngestError(*i.error) for i in items.filter(lambda i: i.error is not None).collect()]
        grouped = items.filter(lambda i: i.doc is not None).groupBy(lambda i: i.doc.doc_id) \
            .mapValues(lambda its: sorted(its, key=lambda i: i.order)).persist()
        # (doc_id, copies, paths of later copies, first copy's hash): small, so the driver can report
        seen = grouped.map(lambda kv: (kv[0], len(kv[1]), [i.doc.path or kv[0] for i in kv[1][1:]],
                                       kv[1][0].doc.content_hash)).collect()
        for doc_id, copies, later, _ in seen:
            report.seen += copies
            report.errors += [IngestError(p, f"duplicate document id {doc_id!r} in this batch; later copy skipped") for p in later]
        report.unchanged = sum(1 for doc_id, _, _, h in seen if known.get(doc_id) == h)
        known_b, learned_b = sc.broadcast(known), sc.broadcast(learned)
        todo = grouped.map(lambda kv: kv[1][0]).filter(lambda i: known_b.value.get(i.doc.doc_id) != i.doc.content_hash)
        if len(seen) - report.unchanged:  # a run with nothing new leaves the previous output in place
            prepare_output(out)
            run, out_s = uuid.uuid4().hex[:8], str(out)
            results = todo.sortBy(lambda i: i.order, numPartitions=n).mapPartitionsWithIndex(
                lambda idx, it: part.analyse_partition(idx, it, settings, learned_b.value, out_s, run)).collect()
            results.sort(key=lambda r: r.partition)  # range partitions: partition order is input order
            report.errors += [IngestError(where, problem) for r in results for where, problem in r.errors]
            learned_actors, evidence = reconcile((r.learned, dict(r.evidence)) for r in results)
            mentioned: dict[str, Actor] = {}
            for r in results:
                for a in r.mentioned:
                    mentioned.setdefault(a.actor_id, a)
            with Store.open(settings.db) as store:
                report.written, report.events = import_run(store, out, Actors(mentioned, learned_actors, evidence))
                build_stories(sc, store, out)
        items.unpersist()
        grouped.unpersist()
    finally:
        if own:
            spark.stop()
    report.seconds = time.perf_counter() - t0
    return report


def build_stories(sc: Any, store: Store, out: Path) -> None:
    """Stories clustered in Spark by block, then syndication and contradictions; stored and written as Parquet."""
    from dyads.analysis import contradictions, syndication, translation
    from dyads.analysis.persist import write_full
    from dyads.analysis.rows import load_documents, load_events
    from dyads.analysis.stories import cluster
    from dyads.spark.blocks import block_key, stories_from_groups

    events, docs = load_events(store), load_documents(store)
    # a few tasks per core: one task per tiny block costs more than it clusters; `cluster` orders each block itself
    slices = max(1, min(len({block_key(e) for e in events}), 2 * sc.defaultParallelism))
    groups = sc.parallelize(events, slices).groupBy(block_key, numPartitions=slices) \
        .flatMap(lambda kv: cluster(list(kv[1]))).collect() if events else []
    sets = syndication.shingle_sets(docs)  # kept as the stored shingle index, so later ingests stay incremental
    translated = translation.document_edges(docs, events, sets)
    links = syndication.detect(docs, sets=sets, translated=translated)
    canonical = syndication.canonical_map(links)
    sts = stories_from_groups(groups, docs, canonical)
    write_full(store, sts, events, links, contradictions.find(sts, events, docs, canonical), sets,
               syndication.edges(sets) + translated)
    for table in ("stories", "story_events"):
        (out / table).mkdir(exist_ok=True)
        target = str(out / table / f"{table}.parquet").replace("'", "''")
        store.con.execute(f"COPY (SELECT * FROM {table}) TO '{target}' (FORMAT parquet)")
