"""A fake Telegram Bot API on loopback that records every call (aiohttp, in a thread).

It answers `getMe`, `setWebhook` (HTTP 429 with `retry_after` first, then ok),
`sendMessage`, `editMessageReplyMarkup` and `answerCallbackQuery` as Telegram does, enough
for aiogram. Tests wait on `FakeBotApi.wait_for` (a condition with a deadline), not sleeps.
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from aiohttp import web

BOT = {"id": 4242, "is_bot": True, "first_name": "Hub", "username": "hub_test_bot"}


@dataclass(frozen=True)
class Call:
    """One Bot API call: its method and parameters (JSON-valued ones decoded)."""

    method: str
    params: dict[str, Any]

    @property
    def chat_id(self) -> str:
        """The chat the call is for, as text ("" when none)."""
        return str(self.params.get("chat_id", ""))


def _decoded(value: str) -> Any:
    if value[:1] in "[{":
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


class FakeBotApi:
    """The fake server: `start()`, then `url` is the Bot API base for aiogram."""

    def __init__(self, rate_limited_webhook_calls: int = 1) -> None:
        """Refuses the first `rate_limited_webhook_calls` setWebhook calls with a 429."""
        self.calls: list[Call] = []
        self.rate_limited = rate_limited_webhook_calls
        self._lock = threading.Lock()
        self._message_id = 1000
        self._loop = asyncio.new_event_loop()
        self._runner: web.AppRunner | None = None
        self.port = 0

    @property
    def url(self) -> str:
        """The base URL aiogram is given (`TelegramAPIServer.from_base`)."""
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> FakeBotApi:
        """Serves on a free loopback port from a daemon thread."""
        ready = threading.Event()
        threading.Thread(target=self._serve, args=(ready,), daemon=True).start()
        if not ready.wait(10):
            raise RuntimeError("the fake Bot API did not start")
        return self

    def stop(self) -> None:
        """Stops serving."""
        if self._runner is not None:
            asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)

    def _serve(self, ready: threading.Event) -> None:
        asyncio.set_event_loop(self._loop)
        app = web.Application()
        app.router.add_route("POST", "/bot{token}/{method}", self._handle)
        self._runner = web.AppRunner(app)
        self._loop.run_until_complete(self._runner.setup())
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        self._loop.run_until_complete(site.start())
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        ready.set()
        self._loop.run_forever()

    async def _handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        form = await request.post()
        params = {key: _decoded(str(value)) for key, value in form.items()}
        with self._lock:
            self.calls.append(Call(method, params))
        if method == "setWebhook" and self.rate_limited > 0:
            self.rate_limited -= 1
            return web.json_response(
                {
                    "ok": False,
                    "error_code": 429,
                    "description": "Too Many Requests: retry after 1",
                    "parameters": {"retry_after": 1},
                },
                status=429,
            )
        return web.json_response({"ok": True, "result": self._result(method, params)})

    def _result(self, method: str, params: dict[str, Any]) -> Any:
        if method == "getMe":
            return BOT
        if method == "sendMessage":
            with self._lock:
                self._message_id += 1
                message_id = self._message_id
            return {
                "message_id": message_id,
                "date": int(time.time()),
                "chat": {"id": int(params["chat_id"]), "type": "private"},
                "text": params.get("text", ""),
            }
        return True

    def recorded(self, method: str | None = None, chat_id: str | None = None) -> list[Call]:
        """The calls so far, of one method and one chat if given."""
        with self._lock:
            calls = list(self.calls)
        return [
            call
            for call in calls
            if (method is None or call.method == method)
            and (chat_id is None or call.chat_id == chat_id)
        ]

    def wait_for(
        self, condition: Callable[[list[Call]], bool], timeout: float = 60, what: str = ""
    ) -> list[Call]:
        """Polls the recorded calls until `condition` holds; fails after `timeout` seconds."""
        deadline = time.monotonic() + timeout
        while True:
            calls = self.recorded()
            if condition(calls):
                return calls
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {what or condition}")
            time.sleep(0.1)
