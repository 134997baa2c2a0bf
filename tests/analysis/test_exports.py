"""Exports, analytics, `dyads sql` and `dyads.open` on the session store."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import networkx as nx
import polars as pl
import pytest

import dyads
from dyads.analysis.exports.gdelt import COLUMNS as GDELT_COLUMNS
from dyads.analysis.exports.icews import COLUMNS as ICEWS_COLUMNS
from dyads.cli.main import main
from dyads.store import Store


def _n_events(db: Path) -> int:
    with Store.open(db, read_only=True) as s:
        return int(s.query("SELECT count(*) FROM events")[1][0][0])


def test_gdelt_has_61_columns_and_loads_with_gdelt_names(overlap_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "events.gdelt.tsv"
    assert main(["export", "gdelt", "--no-header", "--db", str(overlap_db), "--out", str(out)]) == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == _n_events(overlap_db)
    assert all(len(line.split("\t")) == 61 for line in lines)
    assert len(GDELT_COLUMNS) == 61 and GDELT_COLUMNS[0] == "GLOBALEVENTID" and GDELT_COLUMNS[-1] == "SOURCEURL"
    df = pl.read_csv(out, separator="\t", has_header=False, new_columns=list(GDELT_COLUMNS), quote_char=None,
                     infer_schema_length=0)
    assert df.columns == list(GDELT_COLUMNS) and df.height == len(lines)
    ids = df["GLOBALEVENTID"].cast(pl.Int64)
    assert ids.n_unique() == df.height
    assert set(df["QuadClass"].to_list()) <= {"1", "2", "3", "4"}
    assert (df["NumArticles"].cast(pl.Int64) <= df["NumMentions"].cast(pl.Int64)).all()
    pd = pytest.importorskip("pandas")
    pdf = pd.read_csv(out, sep="\t", header=None, names=list(GDELT_COLUMNS), quoting=csv.QUOTE_NONE, dtype=str)
    assert pdf.shape == (len(lines), 61)


def test_gdelt_header_option(overlap_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "h.tsv"
    assert main(["export", "gdelt", "--db", str(overlap_db), "--out", str(out)]) == 0  # like the web download
    assert out.read_text(encoding="utf-8").splitlines()[0].split("\t") == list(GDELT_COLUMNS)


def test_icews_and_plover(overlap_db: Path, tmp_path: Path) -> None:
    icews, plover = tmp_path / "i.tsv", tmp_path / "p.jsonl"
    assert main(["export", "icews", "--db", str(overlap_db), "--out", str(icews)]) == 0
    assert main(["export", "plover", "--db", str(overlap_db), "--out", str(plover)]) == 0
    rows = icews.read_text(encoding="utf-8").splitlines()
    assert rows[0].split("\t") == list(ICEWS_COLUMNS) and all(len(r.split("\t")) == 20 for r in rows)
    recs = [json.loads(line) for line in plover.read_text(encoding="utf-8").splitlines()]
    assert len(recs) == _n_events(overlap_db) and all(r["story_id"] and "event" in r for r in recs)
    assert sum(1 for r in recs if r["event"]) > len(recs) // 2


def test_networkx_reads_gexf_and_graphml(overlap_db: Path, tmp_path: Path) -> None:
    for fmt, reader in (("gexf", nx.read_gexf), ("graphml", nx.read_graphml)):
        out = tmp_path / f"net.{fmt}"
        assert main(["export", fmt, "--db", str(overlap_db), "--out", str(out)]) == 0
        g = reader(out)
        assert g.is_directed() and g.has_edge("CHN", "CUB")
        data = g.edges["CHN", "CUB"]
        assert int(data["events"]) >= int(data["stories"]) >= 1
        assert float(g.nodes["CUB"]["pagerank"]) > 0


@pytest.mark.parametrize("fmt", ["events", "actors", "stories"])
def test_tables_csv_and_parquet(overlap_db: Path, tmp_path: Path, fmt: str) -> None:
    pq, cs = tmp_path / f"{fmt}.parquet", tmp_path / f"{fmt}.csv"
    assert main(["export", f"{fmt}-parquet", "--db", str(overlap_db), "--out", str(pq)]) == 0
    assert main(["export", f"{fmt}-csv", "--db", str(overlap_db), "--out", str(cs)]) == 0
    a, b = pl.read_parquet(pq), pl.read_csv(cs, infer_schema_length=0)
    assert a.height == b.height > 0 and a.columns == b.columns
    if fmt == "events":
        assert "story_id" in a.columns and a["story_id"].null_count() == 0


def test_sql_refuses_writes_and_changes_nothing(overlap_db: Path, capsys: Any) -> None:
    before = _n_events(overlap_db)
    assert main(["sql", "DELETE FROM events", "--db", str(overlap_db)]) == 2
    assert "read-only" in capsys.readouterr().err
    assert main(["sql", "SELECT 1; DELETE FROM events", "--db", str(overlap_db)]) == 2
    assert _n_events(overlap_db) == before
    assert main(["sql", "SELECT count(*) AS n FROM stories", "--db", str(overlap_db), "--format", "jsonl"]) == 0
    assert json.loads(capsys.readouterr().out.splitlines()[0])["n"] > 0


def test_dyads_open_returns_polars_frames(overlap_db: Path) -> None:
    with dyads.open(str(overlap_db)) as f:
        ev, st, ac = f.events(), f.stories(), f.actors()
        assert all(isinstance(x, pl.DataFrame) for x in (ev, st, ac))
        assert ev.height == _n_events(overlap_db) and "story_id" in ev.columns
        assert set(ev["story_id"].to_list()) == set(st["story_id"].to_list())
        assert f.sql("SELECT count(*) AS n FROM events")["n"][0] == ev.height
        with pytest.raises(Exception, match="read-only"):
            f.sql("DROP TABLE events")
        pytest.importorskip("pandas")
        assert f.stories(to_pandas=True).shape == st.shape


def test_timeline_network_actor_commands(overlap_db: Path, capsys: Any) -> None:
    db = ["--db", str(overlap_db)]
    assert main(["timeline", "CHN", "CUB", "--by", "week", "--format", "json", *db]) == 0
    tl = json.loads(capsys.readouterr().out)
    assert tl["points"] and all(p["period"].startswith("2026-W") for p in tl["points"])
    total = sum(p["events"] for p in tl["points"])
    assert main(["timeline", "CHN", "CUB", "--by", "week", "--dedupe", "--format", "json", *db]) == 0
    deduped = json.loads(capsys.readouterr().out)
    assert 0 < sum(p["events"] for p in deduped["points"]) <= total
    for p in tl["points"]:
        assert p["events"] == sum(p[k] for k in ("verbal_cooperation", "material_cooperation", "verbal_conflict",
                                                  "material_conflict"))
    assert main(["network", "--format", "json", *db]) == 0
    net = json.loads(capsys.readouterr().out)
    assert abs(sum(n["pagerank"] for n in net["nodes"]) - 1) < 0.01
    assert main(["actor", "CUB", "--format", "json", *db]) == 0
    prof = json.loads(capsys.readouterr().out)
    assert prof["done_to"] and prof["does"] and prof["top_stories"]
    for cmd in (["stories"], ["contradictions"], ["network"], ["actor", "MEX"], ["timeline", "USA", "--by", "month"]):
        assert main([*cmd, *db]) == 0
    assert capsys.readouterr().out
