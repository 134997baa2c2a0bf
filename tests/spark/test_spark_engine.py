"""The Spark engine in local mode: same events, stories and actors as the single-process ingest,
and a store every `dyads` read command works on. One SparkSession (local[2]) for the module."""

from __future__ import annotations

import io
import json
import shutil
from collections.abc import Iterator
from contextlib import redirect_stdout
from pathlib import Path
from typing import Any

import duckdb
import pytest

from dyads.api import ingest
from dyads.cli.main import main
from dyads.settings import Settings
from dyads.spark.engine import ingest_spark, session
from dyads.store import Store
from spine_support import SAMPLE

# six documents (one JSONL file holds three) with people learned from titles and appositions
FILES = ("kolokoltsev_visits_havana.txt", "wire_batch.jsonl", "iran_iaea_talks.txt", "xi_diaz_canel_call.txt")
COMPARED = {
    "events": "SELECT event_id, doc_id, cameo, root, source_actor_id, target_actor_id, modality, record FROM events ORDER BY 1",
    "stories": "SELECT * FROM stories ORDER BY 1",
    "story_events": "SELECT * FROM story_events ORDER BY 2",
    "actors": "SELECT * FROM actors ORDER BY 1",
    "mentions": "SELECT * FROM mentions ORDER BY doc_id, start_char, end_char, actor_id",
    "documents": "SELECT * EXCLUDE (ingested_at) FROM documents ORDER BY 1",
}


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    s = session("local[2]")
    yield s
    s.stop()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("spark_corpus")
    for name in FILES:
        shutil.copy(SAMPLE / name, d / name)
    return d


def _rows(db: str, sql: str) -> list[tuple[Any, ...]]:
    with Store.open(db, read_only=True) as store:
        return store.query(sql)[1]


def _cli(*argv: str) -> str:
    buf = io.StringIO()
    with redirect_stdout(buf):
        assert main(list(argv)) == 0
    return buf.getvalue()


@pytest.fixture(scope="module")
def both(spark: Any, corpus: Path, tmp_path_factory: pytest.TempPathFactory, pipeline: Any) -> tuple[str, str, Path]:
    work = tmp_path_factory.mktemp("spark_run")
    local_db, spark_db, out = str(work / "local.duckdb"), str(work / "spark.duckdb"), work / "parquet"
    base = Settings(progress=False)
    assert ingest([corpus], base.with_overrides(db=local_db)).ok
    report = ingest_spark([corpus], base.with_overrides(db=spark_db, spark_output=str(out), spark_partitions=2), spark=spark)
    assert report.ok, [str(e) for e in report.errors]
    assert (report.seen, report.written, report.unchanged) == (6, 6, 0)
    return local_db, spark_db, out


@pytest.mark.parametrize("table", sorted(COMPARED))
def test_spark_rows_equal_single_process(both: tuple[str, str, Path], table: str) -> None:
    local_db, spark_db, _ = both
    local, spark_rows = _rows(local_db, COMPARED[table]), _rows(spark_db, COMPARED[table])
    assert local, f"no {table} in the single-process store"
    assert spark_rows == local


def test_parquet_datasets_partitioned_by_month(both: tuple[str, str, Path]) -> None:
    _, spark_db, out = both
    months = sorted(p.name for p in (out / "events").iterdir())
    assert months == ["month=2026-01", "month=2026-02"]
    for table in ("documents", "sentences", "mentions", "events", "actors", "stories", "story_events"):
        assert any((out / table).rglob("*.parquet")), table
    con = duckdb.connect()
    n, = con.execute(f"SELECT count(*) FROM read_parquet('{out}/events/*/*.parquet')").fetchone() or (0,)
    rec = con.execute(f"SELECT record FROM read_parquet('{out}/events/*/*.parquet') LIMIT 1").fetchone()
    assert rec is not None and {"event_id", "source", "cameo", "evidence"} <= set(json.loads(rec[0]))
    assert n == _rows(spark_db, "SELECT count(*) FROM events")[0][0]


def test_read_commands_work_on_the_spark_store(both: tuple[str, str, Path]) -> None:
    local_db, spark_db, _ = both
    lines = _cli("events", "--format", "jsonl", "--db", spark_db).splitlines()
    assert lines == _cli("events", "--format", "jsonl", "--db", local_db).splitlines()
    assert all(json.loads(line)["story_id"] for line in lines)
    stats = json.loads(_cli("stats", "--db", spark_db))
    assert stats["documents"] == 6 and stats["events"] == len(lines)
    assert _cli("stories", "--db", spark_db) == _cli("stories", "--db", local_db)


def test_rerun_changes_nothing_and_refuses_foreign_output(both: tuple[str, str, Path], spark: Any, corpus: Path,
                                                         tmp_path: Path) -> None:
    _, spark_db, out = both
    before = _rows(spark_db, COMPARED["events"])
    settings = Settings(progress=False, db=spark_db, spark_output=str(out))
    report = ingest_spark([corpus], settings, spark=spark)
    assert (report.written, report.unchanged) == (0, 6) and report.ok
    assert _rows(spark_db, COMPARED["events"]) == before
    assert any((out / "events").rglob("*.parquet"))  # a run with nothing new keeps the previous output
    foreign = tmp_path / "mine"
    (foreign / "notes.txt").parent.mkdir()
    (foreign / "notes.txt").write_text("keep me")
    with pytest.raises(ValueError, match="not a dyads Spark output directory"):
        ingest_spark([corpus], settings.with_overrides(spark_output=str(foreign)), spark=spark)
    assert (foreign / "notes.txt").read_text() == "keep me"


def test_parquet_table_of_articles_and_bad_rows(spark: Any, tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.table({
        "id": ["a1", "a2", "a1"],
        "text": ["Russia condemned the missile strikes on Kyiv on Monday.", "", "China praised Cuba."],
        "date": ["2026-03-02", "2026-03-03", "2026-03-04"],
        "url": ["http://127.0.0.1/a1", None, None], "outlet": ["Test Wire", None, None]})
    src = tmp_path / "articles.parquet"
    pq.write_table(table, src)
    db = str(tmp_path / "p.duckdb")
    report = ingest_spark([src], Settings(progress=False, db=db, spark_partitions=2), spark=spark)
    assert report.seen == 2 and report.written == 1  # like the single-process ingest, unreadable rows are errors, not seen
    problems = sorted(str(e) for e in report.errors)
    assert len(problems) == 2 and any("neither 'text' nor 'html'" in p for p in problems) \
        and any("duplicate document id 'a1'" in p for p in problems)
    assert _rows(db, "SELECT doc_id, date, outlet FROM documents") == [("a1", "2026-03-02", "Test Wire")]
    assert _rows(db, "SELECT count(*) FROM events WHERE source_country = 'RUS'")[0][0] >= 1
    assert (tmp_path / "p.duckdb.parquet" / "events" / "month=2026-03").is_dir()


def test_cli_ingest_with_spark_engine(spark: Any, corpus: Path, tmp_path: Path) -> None:
    """The CLI reuses the running session (and leaves it running); a Spark flag without the engine is refused."""
    db, out = str(tmp_path / "cli.duckdb"), str(tmp_path / "cli.parquet")
    text = _cli("ingest", str(corpus / "iran_iaea_talks.txt"), "--engine", "spark", "--master", "local[2]",
                "--db", db, "--spark-output", out, "--no-progress")
    assert text.startswith("1 documents read: 1 written") and not spark.sparkContext._jsc.sc().isStopped()
    assert json.loads(_cli("stats", "--db", db))["documents"] == 1 and (Path(out) / "events").is_dir()
    assert main(["ingest", str(corpus), "--master", "local[2]", "--db", db]) == 2


def test_a_person_introduced_in_another_partition_codes_alike(spark: Any, tmp_path: Path) -> None:
    """A surname-only mention whose person another document introduced: the single process reads
    both in one run, Spark puts them in different partitions (the first and the last of six
    documents, range-partitioned in input order); both code the same events."""
    corpus = tmp_path / "in"
    corpus.mkdir()
    filler = ["Brazil and Argentina signed a trade agreement on {}.", "Chile criticised Peru over fishing rights on {}."]
    for name, day, lead in (("a", "02", "Kenya's Interior Minister Zola Mbeki visited Kampala on Monday."),
                            ("b", "03", "Mbeki signed a security agreement with Uganda on Tuesday.")):
        fill = [f.format(f"March {day}") for f in filler]
        texts = [lead, *fill] if name == "a" else [*fill, lead]
        (corpus / f"{name}.jsonl").write_text("".join(
            json.dumps({"id": f"{name}{k}", "date": f"2026-03-{day}", "text": t}) + "\n" for k, t in enumerate(texts)))
    base = Settings(progress=False)
    local_db, spark_db = str(tmp_path / "local.duckdb"), str(tmp_path / "spark.duckdb")
    assert ingest([corpus], base.with_overrides(db=local_db)).ok
    assert ingest_spark([corpus], base.with_overrides(db=spark_db, spark_output=str(tmp_path / "pq"), spark_partitions=2),
                        spark=spark).ok
    files = sorted((tmp_path / "pq" / "documents" / "month=2026-03").glob("*.parquet"))
    assert [duckdb.sql(f"SELECT doc_id FROM '{f}' WHERE doc_id IN ('a0', 'b2')").fetchall() for f in files] \
        == [[("a0",)], [("b2",)]]  # the two documents were analysed in different partitions
    for table in ("events", "actors", "mentions"):
        assert _rows(spark_db, COMPARED[table]) == _rows(local_db, COMPARED[table]), table
    assert _rows(local_db, "SELECT count(*) FROM actors WHERE actor_id = 'learned:zola-mbeki'") == [(1,)]
