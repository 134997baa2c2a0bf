"""Loading a Spark run's Parquet datasets into the DuckDB store, so every `dyads` command reads them.

One transaction, like `Store.write`: the run's documents replace any stored rows with the same
doc_id in every per-document table, then each table is filled with one ``INSERT … SELECT`` from
its Parquet files (same column order as the table, see `partition.table_schemas`), and the
reconciled actors are upserted as `Store.write` upserts them (`Store.upsert_actors`); the rows
they leave in the store are then written to ``actors/``. If anything fails the store is left as it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from dyads.model import Actor
from dyads.spark.partition import MONTH_TABLES
from dyads.store.duck import Store
from dyads.store.schema import DOC_TABLES


def parquet_glob(out_dir: Path, table: str) -> str | None:
    """The glob of ``table``'s files in ``out_dir``, or None when the run wrote none."""
    pattern = f"{table}/*/*.parquet" if table in MONTH_TABLES else f"{table}/*.parquet"
    # a quote in the directory name must not end the SQL string literal it is spliced into
    return str(out_dir / pattern).replace("'", "''") if any(out_dir.glob(pattern)) else None


@dataclass(frozen=True)
class Actors:
    """A run's actors, reconciled on the driver: named in mentions (by id), learned (merged), evidence."""

    mentioned: dict[str, Actor]
    learned: list[Actor]
    evidence: dict[str, str]


def import_run(store: Store, out_dir: Path, actors: Actors) -> tuple[int, int]:
    """Import documents and their rows from ``out_dir`` and the run's ``actors``; returns (documents,
    events) imported."""
    con = store.con
    globs = {t: parquet_glob(out_dir, t) for t in MONTH_TABLES}
    if globs["documents"] is None:
        return 0, 0
    # column lists come from the Parquet files, which were written with the store's own names
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute(f"CREATE TEMP TABLE _run_docs AS SELECT doc_id FROM read_parquet('{globs['documents']}', hive_partitioning = false)")
        for table in (*DOC_TABLES, "documents"):
            con.execute(f"DELETE FROM {table} WHERE doc_id IN (SELECT doc_id FROM _run_docs)")
        for table in MONTH_TABLES:
            if globs[table]:
                con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM read_parquet('{globs[table]}', hive_partitioning = false)")
        con.execute("UPDATE documents SET ingested_at = current_timestamp WHERE ingested_at IS NULL")
        store.upsert_actors(actors.mentioned, actors.learned, actors.evidence)
        (out_dir / "actors").mkdir(exist_ok=True)
        target = str(out_dir / "actors" / "actors.parquet").replace("'", "''")
        con.execute(f"COPY (SELECT * FROM actors WHERE actor_id IN (SELECT unnest(?)) ORDER BY actor_id) TO '{target}' (FORMAT parquet)",
                    [sorted(set(actors.mentioned) | {a.actor_id for a in actors.learned})])
        docs = con.execute("SELECT count(*) FROM _run_docs").fetchall()[0][0]
        events = con.execute("SELECT count(*) FROM events WHERE doc_id IN (SELECT doc_id FROM _run_docs)").fetchall()[0][0]
        con.execute("DROP TABLE _run_docs")
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return int(docs), int(events)
