"""The load of the kill test: REST visitors, a socket.io visitor and a page visitor."""

from __future__ import annotations

import threading

from stack.profiles.default import Stack
from tests.resilience.socket_visitor import SocketVisitor
from tests.resilience.visitors import LoadVisitor, PageVisitor, Recorder


class Load:
    """`visitors` REST visitors, one socket.io visitor (the website's widget) and one page
    visitor, started and stopped together."""

    def __init__(self, stack: Stack, visitors: int) -> None:
        self.recorder = Recorder()
        self._stop = threading.Event()
        self.threads: list[threading.Thread] = [
            LoadVisitor(stack, f"visitor{index}", self.recorder, self._stop)
            for index in range(visitors)
        ]
        self.threads.append(SocketVisitor(stack, self.recorder, self._stop))
        self.threads.append(PageVisitor(stack, self.recorder, self._stop))

    @property
    def conversations(self) -> list[str]:
        """The names of the visitors that talk to the bot."""
        talking = (LoadVisitor, SocketVisitor)
        return [thread.name for thread in self.threads if isinstance(thread, talking)]

    def start(self) -> None:
        for thread in self.threads:
            thread.start()

    def stop(self) -> None:
        self._stop.set()
        for thread in self.threads:
            thread.join(timeout=30)
