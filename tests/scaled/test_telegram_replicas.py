"""The Telegram channel in the scaled profile: every replica runs it, any one answers.

The session's scaled stack starts with a bot token pointing at a fake Bot API on loopback
(`conftest.py`). Its start-up sets the webhook once for the deployment, not once per
replica (nor again when a replica restarts). Updates go through HAProxy, which names the
replica that took each in `X-Replica`; round robin spreads one chat over both.
"""

from __future__ import annotations

import re

from stack.profiles.scaled.stack import ScaledStack
from tests.scaled.conftest import TELEGRAM_SECRET, TELEGRAM_WEBHOOK_URL
from tests.telegram.client import TelegramUser, texts
from tests.telegram.fake_bot_api import FakeBotApi

CYRILLIC = re.compile(r"[А-Яа-яЁё]")
MESSAGES = ("Здравствуйте", "Какие проекты есть?", "Расскажите о хабе", "Спасибо")


def say(user: TelegramUser, text: str) -> tuple[str, str]:
    """Sends `text` through HAProxy; the replica that took it and the bot's answer."""
    before = len(user.sent())
    response = user.post({"message": user._message(text=text)})
    assert response.status_code == 200, response.text
    user.fake.wait_for(lambda _: len(user.sent()) > before, what=f"an answer to {text!r}")
    return response.headers["X-Replica"], texts(user.sent()[before:])


def test_any_replica_answers_telegram_and_the_webhook_was_set_once(
    all_replicas_up: ScaledStack, scaled_fake_bot_api: FakeBotApi
) -> None:
    stack, fake = all_replicas_up, scaled_fake_bot_api
    calls = fake.recorded("setWebhook")
    assert len(calls) == 1, calls
    assert calls[0].params["url"] == TELEGRAM_WEBHOOK_URL
    assert calls[0].params["secret_token"] == TELEGRAM_SECRET

    user = TelegramUser(stack, fake, TELEGRAM_SECRET, language_code="ru")
    answered = [say(user, text) for text in MESSAGES]
    assert {replica for replica, _ in answered} == set(stack.rasa_names()), answered
    assert all(CYRILLIC.search(answer) for _, answer in answered), answered

    forged = {"message": user._message(text="Здравствуйте")}
    assert user.post(forged, secret="").status_code == 403
    assert user.post(forged, secret="not-the-secret").status_code == 403
