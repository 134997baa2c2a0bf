"""The store gate (many readers or one writer), the serve command's wiring, and host rules."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from dyads.cli.main import build_parser, cmd_serve
from dyads.web.app import allowed_hosts
from dyads.web.gate import StoreGate


def test_gate_creates_a_missing_store_and_serialises_writer_and_readers(tmp_path: Path) -> None:
    gate = StoreGate(str(tmp_path / "new.duckdb"))
    gate.ensure_exists()
    order: list[str] = []
    with gate.read() as store:
        assert store.query("SELECT count(*) FROM events")[1][0][0] == 0

        def write() -> None:
            with gate.writing() as rw:  # only possible once the read-only connection is closed
                order.append("write")
                rw.con.execute("INSERT INTO meta VALUES ('gate-test', 'x')")

        writer = threading.Thread(target=write)
        writer.start()
        time.sleep(0.2)
        order.append("read done")  # the writer must still be waiting for this reader
    writer.join(timeout=10)
    assert order == ["read done", "write"]
    with gate.read() as store:  # readers reopen the store and see the write
        assert store.query("SELECT value FROM meta WHERE key = 'gate-test'")[1] == [("x",)]
    gate.close()


def test_serve_command_takes_host_and_port() -> None:
    args = build_parser().parse_args(["serve", "--db", "x.duckdb", "--port", "9001"])
    assert args.fn is cmd_serve and args.port == 9001 and args.host is None


def test_allowed_hosts() -> None:
    assert allowed_hosts("127.0.0.1") == ["127.0.0.1", "localhost", "[::1]"]
    assert allowed_hosts("10.0.0.5")[-1] == "10.0.0.5"
    assert allowed_hosts("0.0.0.0") == ["127.0.0.1", "localhost", "[::1]"]  # never "*"
    assert allowed_hosts("0.0.0.0", ["dyads.lan"])[-1] == "dyads.lan"
