"""What runs inside a Spark executor: read inputs, analyse one partition, write its Parquet files.

Nothing here imports pyspark: these are plain functions over iterators, so they are testable
without a JVM and Spark only ships them to the workers. Invariants:
- one `Pipeline` (spaCy model, gazetteer, lexicon) per partition, seeded with the store's learned
  actors; documents of a partition go through it in input order, like the single-process ingest;
- every file a partition writes has the column names and types of the DuckDB table it feeds, so
  the import is a positional ``INSERT … SELECT`` and DuckDB or Spark can query the files directly;
- files are named by run and partition, so a retried task overwrites its own output only.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from dyads.ingest import IngestError, read_path
from dyads.ingest.readers import from_record
from dyads.model import Actor, Document
from dyads.settings import Settings

# the tables written per document, partitioned by the document's month; actors are written per
# partition (unpartitioned) and reconciled by the driver
MONTH_TABLES = ("documents", "sentences", "mentions", "events", "quantities", "framing")
UNKNOWN_MONTH = "unknown"

_ARROW_TYPES = {"VARCHAR": "string", "INTEGER": "int32", "DOUBLE": "float64", "BOOLEAN": "bool", "JSON": "string",
                "TIMESTAMP": "timestamp"}


@dataclass(frozen=True)
class Ordered:
    """A document (or a read error) with its position in the input, so order survives shuffles."""

    order: tuple[int, int, int]  # (input path, file within it, document within the file or row of the table)
    doc: Document | None = None
    error: tuple[str, str, int | None] | None = None  # IngestError's (path, problem, line): exceptions do not pickle

    def ingest_error(self) -> IngestError | None:
        return IngestError(*self.error) if self.error else None


def _fields(err: IngestError) -> tuple[str, str, int | None]:
    return (err.path, err.problem, err.line)


@dataclass(frozen=True)
class PartitionResult:
    """What a partition reports to the driver: counts, the actors its mentions name, the people it
    learned (merged by id, `Registry.actors`) and the sentence each was first learned from."""

    partition: int
    documents: int
    events: int
    mentioned: tuple[Actor, ...]
    learned: tuple[Actor, ...]
    evidence: tuple[tuple[str, str], ...]
    errors: tuple[tuple[str, str], ...] = ()  # (file or doc id, problem) of documents whose analysis failed


def month_of(date: str | None) -> str:
    return date[:7] if date and len(date) >= 7 and date[4] == "-" else UNKNOWN_MONTH


@lru_cache(maxsize=1)
def table_schemas() -> dict[str, Any]:
    """pyarrow schemas of the store's tables, read from the schema migrations (an in-memory store)."""
    import pyarrow as pa

    from dyads.store import Store

    out: dict[str, Any] = {}
    with Store.open(":memory:") as store:
        for table in (*MONTH_TABLES, "actors"):
            _, rows = store.query(f"DESCRIBE {table}")
            fields = []
            for name, kind, *_ in rows:
                arrow = _ARROW_TYPES.get(str(kind), "string")
                fields.append(pa.field(name, pa.timestamp("us") if arrow == "timestamp" else pa.type_for_alias(arrow)))
            out[table] = pa.schema(fields)
    return out


def read_file(order: tuple[int, int], path: str, max_bytes: int, root: str | None = None) -> Iterator[Ordered]:
    """One input file (text, HTML, JSONL, feed) with the same readers as the single-process ingest;
    ``root``: the directory it was found in (ids are relative to it, as `iter_documents` makes them)."""
    for k, item in enumerate(read_path(Path(path), max_bytes, Path(root) if root else None)):
        if isinstance(item, IngestError):
            yield Ordered((*order, k), error=_fields(item))
        else:
            yield Ordered((*order, k), doc=item)


def read_record(order: tuple[int, int, int], record: dict[str, Any], where: str) -> Ordered:
    """One row of a Parquet table of articles (``id``, ``text`` or ``html``, ``date``, ``url``, ``outlet``, ``title``)."""
    clean = {k: v for k, v in record.items() if v is not None}
    if "date" in clean and not isinstance(clean["date"], str):
        clean["date"] = str(clean["date"])
    try:
        return Ordered(order, doc=from_record(clean, where, order[2] + 1, f"row-{order[2] + 1}"))
    except IngestError as err:
        return Ordered(order, error=_fields(err))


def write_rows(path: Path, table: str, rows: list[list[Any]]) -> None:
    """One Parquet file of ``table`` rows (positional, schema order) with the store's column names and types."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = table_schemas()[table]
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.table({f.name: [r[i] for r in rows] for i, f in enumerate(schema)}, schema=schema), path)


def write_by_month(out_dir: Path, table: str, rows: list[tuple[list[Any], str]], run: str, partition: int) -> None:
    """Write (row, month) pairs of ``table`` as one Parquet file per month (``table/month=YYYY-MM/part-…``)."""
    by_month: dict[str, list[list[Any]]] = {}
    for row, month in rows:
        by_month.setdefault(month, []).append(row)
    for month, chunk in by_month.items():
        write_rows(out_dir / table / f"month={month}" / f"part-{run}-{partition:05d}.parquet", table, chunk)


def analyse_partition(index: int, items: Iterable[Ordered], settings: Settings, learned: list[Actor],
                      out_dir: str, run: str) -> Iterator[PartitionResult]:
    """Analyse a partition's documents (in input order) and write their rows as Parquet."""
    from dyads.deadline import DocumentTimeout
    from dyads.pipeline import Pipeline
    from dyads.store.duck import analysis_rows

    docs = [i.doc for i in sorted(items, key=lambda i: i.order) if i.doc is not None]
    if not docs:
        return
    pipe = Pipeline(settings)  # the spaCy model is cached per worker process: loaded once per partition at most
    pipe.seed(learned)
    errors: list[tuple[str, str]] = []

    def failed(doc: Document, exc: Exception) -> None:  # that document's error; the partition goes on
        if isinstance(exc, DocumentTimeout):
            errors.append((doc.path or doc.doc_id, f"document {doc.doc_id!r} {exc}"))
        else:
            first = (str(exc).strip().splitlines() or [""])[0]
            errors.append((doc.path or doc.doc_id, f"analysis failed: {type(exc).__name__}: {first}"))

    analyses = list(pipe.analyse(docs, on_error=failed))
    tables, actors = analysis_rows(analyses)
    months = {a.document.doc_id: month_of(a.document.date) for a in analyses}
    for table in MONTH_TABLES:
        doc_col = 1 if table in ("events", "quantities") else 0  # (event_id, doc_id, …) rows
        write_by_month(Path(out_dir), table, [(r, months[r[doc_col]]) for r in tables[table]], run, index)
    yield PartitionResult(index, len(analyses), len(tables["events"]), tuple(actors.values()),
                          tuple(pipe.registry.actors()), tuple(sorted(pipe.registry.evidence.items())), tuple(errors))
