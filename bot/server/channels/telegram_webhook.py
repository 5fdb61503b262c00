"""Tells Telegram where to deliver updates: once, by a command, never per message.

`python -m bot.server.channels.telegram set-webhook` (or the stack runner, when it starts a
stack with Telegram configured) calls `setWebhook` with the public URL and the secret that
Telegram then sends with every update. Rasa's connector set it on start-up in every replica
and again on output, and got HTTP 429 (`retry_after`) from Telegram; here a 429 waits the
seconds Telegram asks for (at most `MAX_WAIT_SECONDS`) and tries again, a few times.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable

from aiogram import Bot
from aiogram.utils.exceptions import RetryAfter

from bot.server.channels.telegram_output import make_bot
from bot.settings import BotSettings

logger = logging.getLogger(__name__)

#: The updates the channel reads; Telegram sends no others.
ALLOWED_UPDATES = ("message", "edited_message", "callback_query")
ATTEMPTS = 5
MAX_WAIT_SECONDS = 60.0

Sleep = Callable[[float], Awaitable[None]]


class WebhookNotSet(RuntimeError):
    """Telegram did not take the webhook (configuration missing, or still 429)."""


async def set_webhook(
    bot: Bot,
    url: str,
    secret: str,
    attempts: int = ATTEMPTS,
    sleep: Sleep = asyncio.sleep,
) -> int:
    """Calls `setWebhook`, waiting as Telegram asks on HTTP 429.

    Args:
        bot: The Bot API client.
        url: The public HTTPS URL of the webhook.
        secret: The `secret_token` Telegram will send in every update's header.
        attempts: How many calls at most.
        sleep: How to wait (a fake in tests).

    Returns:
        The number of calls it took.

    Raises:
        WebhookNotSet: Telegram still refused after `attempts` calls.
    """
    payload = {
        "url": url,
        "secret_token": secret,
        "allowed_updates": json.dumps(list(ALLOWED_UPDATES)),
    }
    for attempt in range(1, attempts + 1):
        try:
            await bot.request("setWebhook", payload)
        except RetryAfter as error:
            wait = min(float(error.timeout), MAX_WAIT_SECONDS)
            logger.warning("setWebhook: 429, retrying in %.0f s (attempt %d)", wait, attempt)
            await sleep(wait)
            continue
        logger.info("Telegram webhook set (attempt %d)", attempt)
        return attempt
    raise WebhookNotSet(f"setWebhook still refused after {attempts} attempts")


async def set_webhook_from_settings(settings: BotSettings, sleep: Sleep = asyncio.sleep) -> int:
    """`set_webhook` with the token, URL and secret from the environment.

    Raises:
        WebhookNotSet: A setting is missing, or Telegram kept refusing.
    """
    token, secret = settings.telegram_bot_token, settings.telegram_webhook_secret
    if token is None or secret is None or not settings.telegram_webhook_url:
        raise WebhookNotSet(
            "set TELEGRAM_BOT_TOKEN, TELEGRAM_WEBHOOK_SECRET and TELEGRAM_WEBHOOK_URL"
        )
    bot = make_bot(token.get_secret_value(), settings.telegram_api_url)
    try:
        return await set_webhook(
            bot, settings.telegram_webhook_url, secret.get_secret_value(), sleep=sleep
        )
    finally:
        await bot.session.close()
