"""``python -m catalogue_api.workers [uvicorn's options]``: uvicorn, its workers answering at once.

With ``--workers`` above 1, uvicorn binds the listening socket itself and declares it
without a protocol (``socket.socket(family)``); the workers rebuild it with that protocol
(0), and asyncio switches Nagle's algorithm off (``TCP_NODELAY``) only on the connections
of a socket declared TCP. So every answer on a kept-alive connection after the first waited
for the client's delayed ACK: about 40 ms per request, where one worker answers in 3 ms
(issue 23: the action servers keep their connections to the catalogue). This runs uvicorn's
own command line with the listening socket declared TCP; nothing else changes.
"""

from __future__ import annotations

import socket
import sys

from uvicorn.config import Config
from uvicorn.main import main as uvicorn_main

_bind_socket = Config.bind_socket


def bind_tcp_socket(config: Config) -> socket.socket:
    """The listening socket of uvicorn, declared TCP when it is an internet socket.

    Args:
        config: uvicorn's configuration.

    Returns:
        The bound socket (a Unix socket or a given file descriptor as uvicorn made it).
    """
    sock = _bind_socket(config)
    internet = sock.family in (socket.AF_INET, socket.AF_INET6)
    if internet and sock.type == socket.SOCK_STREAM and sock.proto != socket.IPPROTO_TCP:
        return socket.socket(sock.family, sock.type, socket.IPPROTO_TCP, fileno=sock.detach())
    return sock


def main(argv: list[str] | None = None) -> None:
    """The command line of uvicorn (`argv`: its arguments), with TCP listening sockets."""
    Config.bind_socket = bind_tcp_socket  # type: ignore[method-assign,assignment]
    uvicorn_main(args=sys.argv[1:] if argv is None else argv, prog_name="catalogue_api.workers")


if __name__ == "__main__":
    main()
