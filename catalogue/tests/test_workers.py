"""`python -m catalogue_api.workers`: kept connections to the workers answer at once."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Callable

import pytest
from uvicorn.config import Config

from catalogue_api.workers import bind_tcp_socket


async def _app(scope: object, receive: object, send: object) -> None:  # never called
    raise AssertionError


def _nodelay_of_accepted_connection(sock: socket.socket) -> int:
    """TCP_NODELAY of a connection asyncio accepts on `sock`, as uvicorn's workers serve."""

    async def accept_one() -> int:
        accepted: asyncio.Future[int] = asyncio.get_running_loop().create_future()

        class Probe(asyncio.Protocol):
            def connection_made(self, transport: asyncio.BaseTransport) -> None:
                conn = transport.get_extra_info("socket")
                accepted.set_result(conn.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
                transport.close()

        server = await asyncio.get_running_loop().create_server(Probe, sock=sock)
        host, port = sock.getsockname()[:2]
        _reader, writer = await asyncio.open_connection(host, port)
        try:
            return await asyncio.wait_for(accepted, 5)
        finally:
            writer.close()
            server.close()
            await server.wait_closed()

    return asyncio.run(accept_one())


@pytest.mark.parametrize(
    ("bind", "nodelay"), [(Config.bind_socket, False), (bind_tcp_socket, True)]
)
def test_connections_of_the_workers_socket_send_at_once(
    bind: Callable[[Config], socket.socket], nodelay: bool
) -> None:
    """uvicorn's own socket leaves Nagle's algorithm on (40 ms per kept-alive answer)."""
    sock = bind(Config(_app, host="127.0.0.1", port=0, workers=2))
    assert (sock.proto == socket.IPPROTO_TCP) is nodelay
    assert bool(_nodelay_of_accepted_connection(sock)) is nodelay
