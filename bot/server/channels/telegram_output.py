"""`HubTelegramOutput`: the bot's messages sent to a Telegram chat in Telegram's own form.

Rasa's `TelegramOutput` is an aiogram `Bot` that sends each paragraph as a message of its
own, buttons in one row with their payload as callback data (Telegram refuses more than 64
bytes), and project cards' widget JSON as nothing useful. This one sends every response as
one HTML message (`telegram_format`): a card's name in bold, the source line linked to the
website's Sources page, buttons as an inline keyboard one a row, and a text over Telegram's
limit in several messages, the keyboard under the last one. The widget's `custom` data is
not sent. Staff replies from the console arrive here too (`output_channel=latest`).

An output is made per message (the guard counts what each one sends), and all of them
share the process's one aiogram `Bot` (`make_bot`), so one HTTP session.
"""

from __future__ import annotations

import logging
from typing import Any

from aiogram import Bot
from aiogram.bot.api import TELEGRAM_PRODUCTION, TelegramAPIServer
from rasa.core.channels.channel import OutputChannel

from bot.server.channels.telegram_format import keyboard, message_parts

logger = logging.getLogger(__name__)

PARSE_MODE = "HTML"


def make_bot(access_token: str, server_url: str | None = None) -> Bot:
    """The Bot API client: it sets no webhook and makes no call until asked.

    Args:
        access_token: The bot's token from BotFather.
        server_url: The Bot API server (a local fake in tests); Telegram's when None.
    """
    server = TelegramAPIServer.from_base(server_url) if server_url else TELEGRAM_PRODUCTION
    return Bot(access_token, server=server)


class HubTelegramOutput(OutputChannel):
    """Sends the bot's responses to one message's Telegram chat."""

    @classmethod
    def name(cls) -> str:
        """The channel's name, as the input channel's (Rasa finds the output by it)."""
        return "telegram"

    def __init__(self, bot: Bot, public_url: str | None = None) -> None:
        """Sends through `bot`; links source lines to the website at `public_url`, if any."""
        self.bot = bot
        self.public_url = public_url

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        """Sends one response: its text in parts, its buttons under the last, its image."""
        markup = keyboard(message.get("buttons") or message.get("quick_replies") or [])
        parts = message_parts(message, self.public_url)
        for index, part in enumerate(parts):
            last = index == len(parts) - 1
            await self.bot.send_message(
                recipient_id,
                part,
                parse_mode=PARSE_MODE,
                disable_web_page_preview=True,
                reply_markup=markup if last else None,
            )
        image = message.get("image")
        if isinstance(image, str) and image:
            await self.bot.send_photo(recipient_id, image)
        if not parts and markup is not None:
            logger.warning("A response with buttons and no text: not sent to Telegram")

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        """Sends a text (a staff reply, Rasa's own messages) as the responses are sent."""
        await self.send_response(recipient_id, {"text": text})
