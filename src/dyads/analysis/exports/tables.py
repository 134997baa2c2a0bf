"""Events, actors and stories as flat tables (CSV or Parquet) via polars.

The same frames back `dyads.frames.Frames`, so `dyads.open(path).events()` and the events
CSV have identical columns.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import polars as pl

from dyads.store.duck import Store

EVENTS_SQL = """
    SELECT e.* EXCLUDE (record), {story} AS story_id,
           json_extract_string(e.record, '$.cameo_name') AS cameo_name,
           json_extract_string(e.record, '$.evidence.text') AS evidence_text, d.lang AS lang
    FROM events e LEFT JOIN documents d ON d.doc_id = e.doc_id {join}{where}
    ORDER BY e.date NULLS LAST, e.doc_id, e.evidence_start, e.trigger_start, e.event_id"""


def events_frame(store: Store, where: str = "", params: Sequence[Any] = ()) -> Any:
    """The events table; ``where`` (with ``params``) is a ``WHERE`` over ``events e`` from
    `dyads.store.event_query.where_clause`, to export only a filtered subset."""
    from dyads.store.analysis_tables import has_analysis

    has = has_analysis(store)
    sql = EVENTS_SQL.format(story="se.story_id" if has else "CAST(NULL AS VARCHAR)",
                            join="LEFT JOIN story_events se ON se.event_id = e.event_id" if has else "", where=where)
    return store.con.sql(sql, params=list(params) or None).pl()


def actors_frame(store: Store) -> Any:
    from dyads.store import views

    rows = views.actors(store)
    flat = [{**r, "aliases": json.dumps(r["aliases"], ensure_ascii=False), "roles": json.dumps(r["roles"], ensure_ascii=False),
             "resolved_by": ",".join(r["resolved_by"] or [])} for r in rows]
    schema = ["actor_id", "name", "aliases", "country", "sector", "code", "kind", "roles", "how", "evidence", "mentions", "resolved_by"]
    return pl.DataFrame(flat, schema=schema if not flat else None, orient="row" if not flat else None) if flat \
        else pl.DataFrame({c: [] for c in schema})


def stories_frame(store: Store) -> Any:
    from dyads.store.analysis_tables import has_analysis

    if not has_analysis(store):
        return pl.DataFrame()
    return store.con.sql("""SELECT * FROM stories
        ORDER BY independent_reports DESC, reports DESC, first_date NULLS LAST, story_id""").pl()


def _csv(df: Any, out: Path | None) -> int:
    if out is None:
        sys.stdout.write(df.write_csv())
    else:
        df.write_csv(out)
    return int(df.height)


def _parquet(df: Any, out: Path | None) -> int:
    assert out is not None
    df.write_parquet(out)
    return int(df.height)


def events_csv(store: Store, out: Path | None, header: bool = True) -> int:
    return _csv(events_frame(store), out)


def events_parquet(store: Store, out: Path | None, header: bool = True) -> int:
    return _parquet(events_frame(store), out)


def actors_csv(store: Store, out: Path | None, header: bool = True) -> int:
    return _csv(actors_frame(store), out)


def actors_parquet(store: Store, out: Path | None, header: bool = True) -> int:
    return _parquet(actors_frame(store), out)


def stories_csv(store: Store, out: Path | None, header: bool = True) -> int:
    return _csv(stories_frame(store), out)


def stories_parquet(store: Store, out: Path | None, header: bool = True) -> int:
    return _parquet(stories_frame(store), out)
