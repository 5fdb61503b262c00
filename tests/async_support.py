"""Running a coroutine from a synchronous test, whatever the test session has running.

The browser tests' session-wide Playwright (sync API) keeps an event loop running in the
main thread for the rest of the session, so a later `asyncio.run()` there raises
"cannot be called from a running event loop". A thread of its own has no running loop.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")


def run_coroutine(coroutine: Coroutine[Any, Any, T]) -> T:
    """Runs `coroutine` to completion in a new event loop on a thread of its own."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()
