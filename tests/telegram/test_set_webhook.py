"""Setting the webhook once, against the fake Bot API: 429 backoff; the stack's switch."""

from __future__ import annotations

import pytest

from bot.server.channels.telegram_output import make_bot
from bot.server.channels.telegram_webhook import WebhookNotSet, set_webhook
from stack.telegram import BASE_CREDENTIALS, credentials_file, telegram_env
from tests.async_support import run_coroutine
from tests.telegram.fake_bot_api import FakeBotApi


def run_set_webhook(fake: FakeBotApi, attempts: int) -> tuple[int, list[float]]:
    waits: list[float] = []

    async def sleep(seconds: float) -> None:
        waits.append(seconds)

    async def main() -> int:
        bot = make_bot("1:token", fake.url)
        try:
            return await set_webhook(bot, "https://x/webhook", "s3cret", attempts, sleep)
        finally:
            await bot.session.close()

    return run_coroutine(main()), waits


def test_a_429_waits_retry_after_and_tries_again():
    fake = FakeBotApi(rate_limited_webhook_calls=2).start()
    try:
        calls, waits = run_set_webhook(fake, attempts=5)
    finally:
        fake.stop()
    assert calls == 3 and waits == [1.0, 1.0]
    assert fake.recorded("setWebhook")[-1].params["secret_token"] == "s3cret"


def test_it_gives_up_after_its_attempts():
    fake = FakeBotApi(rate_limited_webhook_calls=5).start()
    try:
        with pytest.raises(WebhookNotSet):
            run_set_webhook(fake, attempts=2)
    finally:
        fake.stop()


def test_the_channel_is_off_without_a_token(tmp_path, monkeypatch):
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    assert telegram_env({}, "secret") == {}
    assert credentials_file(tmp_path, {}) == BASE_CREDENTIALS
    assert "Telegram" not in BASE_CREDENTIALS.read_text()


def test_with_a_token_the_stack_writes_the_channel_into_its_credentials(tmp_path):
    env = telegram_env({"TELEGRAM_BOT_TOKEN": "1:token"}, "from-secrets-file")
    assert env["TELEGRAM_WEBHOOK_SECRET"] == "from-secrets-file"
    path = credentials_file(tmp_path, env)
    assert path.parent == tmp_path
    assert "bot.server.channels.telegram.HubTelegramInput:" in path.read_text()
