"""Running the app under uvicorn with limits that hold against slow or many clients.

uvicorn's own ``timeout_keep_alive`` closes a connection idle after a response, but nothing closes
one that never finishes sending its request headers (a "slowloris" client keeps a connection
open with a byte every few seconds). `HeaderTimeoutProtocol` closes a connection whose request
headers are not complete ``header_timeout`` seconds after the connection opened, or after the
previous response; ``limit_concurrency`` answers 503 beyond ``serve_max_connections``; h11 refuses
request headers larger than ``MAX_HEADER_BYTES``.
"""

from __future__ import annotations

import asyncio
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

MAX_HEADER_BYTES = 16 * 1024
KEEP_ALIVE_SECONDS = 5


class HeaderTimeoutProtocol(H11Protocol):
    """uvicorn's h11 protocol plus a deadline for receiving each request's headers."""

    header_timeout: float = 10.0

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._header_deadline: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm_header_deadline()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm_header_deadline()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self._waiting_for_headers():
            self._arm_header_deadline()  # still (or again) waiting for a request's headers
        else:
            self._disarm_header_deadline()

    def _waiting_for_headers(self) -> bool:
        return self.conn.their_state is h11.IDLE and (self.cycle is None or self.cycle.response_complete)  # identity: h11 state sentinel

    def _arm_header_deadline(self) -> None:
        if self._header_deadline is None:
            self._header_deadline = self.loop.call_later(self.header_timeout, self._headers_too_slow)

    def _disarm_header_deadline(self) -> None:
        if self._header_deadline is not None:
            self._header_deadline.cancel()
            self._header_deadline = None

    def _headers_too_slow(self) -> None:
        self._header_deadline = None
        if self._waiting_for_headers():
            if not self.transport.is_closing():
                self.transport.close()
        # a request in progress was given its headers in time: nothing to do


def protocol_class(header_timeout: float) -> type[HeaderTimeoutProtocol]:
    """A protocol class with this server's header deadline (uvicorn instantiates it per connection)."""
    return type("DyadsHttpProtocol", (HeaderTimeoutProtocol,), {"header_timeout": header_timeout})


def uvicorn_config(app: Any, host: str, port: int, max_connections: int, header_timeout: float) -> Any:
    """A uvicorn ``Config`` with the limits above (also used by the tests' live server)."""
    import uvicorn

    return uvicorn.Config(app, host=host, port=port, log_level="warning", http=protocol_class(header_timeout),
                          timeout_keep_alive=KEEP_ALIVE_SECONDS, limit_concurrency=max_connections,
                          h11_max_incomplete_event_size=MAX_HEADER_BYTES, server_header=False)
