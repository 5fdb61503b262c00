"""`HubTelegramInput`: Rasa's Telegram channel, its known faults fixed, behind `MessageGuard`.

Registered as `bot.server.channels.telegram.HubTelegramInput` in the credentials file that
`stack/profiles/default.py` writes when `TELEGRAM_BOT_TOKEN` is set (absent otherwise: off by
default); everything else comes from the environment (`bot/settings.py`). Its name is
`telegram`: Telegram POSTs updates to `/webhooks/telegram/webhook`, and staff replies
(`output_channel=latest`) find it by that name.

What differs from Rasa's connector (RasaHQ/rasa#5654, #7686, #10666, #4128):

* the webhook is never set by the server: `python -m bot.server.channels.telegram set-webhook`
  sets it once (`telegram_webhook`, backing off on 429), so replicas start quietly;
* every update must carry the secret in `X-Telegram-Bot-Api-Secret-Token` (compared in
  constant time): 403 otherwise; no `getMe` per update;
* a delivery Telegram repeats (same `update_id`, kept in the message's metadata) is
  handled once, whichever replica gets it;
* edited messages, `/start`, button presses and stickers/voice/files are read as
  `telegram_updates` documents;
* every text goes through `MessageGuard` (length, payloads, protected slots), as on the
  REST and socket.io channels, and the body through `json_bounds`' limits.

The channel keeps no conversation state: the tracker and lock stores are shared, so any
replica can take any update.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
import sys
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import Bot
from aiogram.utils.exceptions import TelegramAPIError
from rasa.core.channels.channel import UserMessage
from rasa.core.channels.telegram import TelegramInput
from rasa.shared.core.events import BotUttered, UserUttered
from rasa.shared.exceptions import RasaException
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.server.channels.guard import MessageGuard
from bot.server.channels.json_bounds import MAX_BODY_BYTES
from bot.server.channels.payloads import LANGUAGE_SLOT
from bot.server.channels.sessions import short_id
from bot.server.channels.telegram_format import payload_for
from bot.server.channels.telegram_output import HubTelegramOutput, make_bot
from bot.server.channels.telegram_updates import (
    BUTTON,
    IGNORED,
    UNSUPPORTED,
    UPDATE_ID_KEY,
    Incoming,
    RecentUpdates,
    read_update,
)
from bot.server.channels.validation import InvalidRequest, bounded_json, is_language
from bot.settings import BotSettings, load_bot_settings

logger = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
UNSUPPORTED_RESPONSE = "utter_telegram_unsupported"
#: Button payloads whose keyboard stays after a press (a card's "Details" may be pressed
#: again later); any other keyboard answers one question and is removed once pressed.
KEPT_KEYBOARD_PREFIX = "/project_details"


class TelegramGuard(MessageGuard):
    """`MessageGuard` that falls back on the user's Telegram language for a new chat."""

    async def conversation_language(self, message: UserMessage) -> str:
        """The conversation's language; a new chat's `language_code` hint before the script."""
        tracker_store = getattr(self.agent, "tracker_store", None)
        tracker = await tracker_store.retrieve(message.sender_id) if tracker_store else None
        if tracker is None or not tracker.events:
            hint = (message.metadata or {}).get(LANGUAGE_SLOT)
            if is_language(hint) and not (message.text or "").strip():
                return str(hint)
        return await super().conversation_language(message)


class HubTelegramInput(TelegramInput):
    """Rasa's Telegram input channel, configured from the environment."""

    @classmethod
    def name(cls) -> str:
        """The channel's name: its URLs are under `/webhooks/telegram/`."""
        return "telegram"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> HubTelegramInput:
        """The channel from the environment; the credentials section may stay empty."""
        return cls(load_bot_settings())

    def __init__(self, settings: BotSettings) -> None:
        """Reads the token, the webhook secret and the servers from `settings`.

        Raises:
            RasaException: The token or the secret is not set.
        """
        token, secret = settings.telegram_bot_token, settings.telegram_webhook_secret
        if token is None or secret is None:
            raise RasaException(
                "The Telegram channel needs TELEGRAM_BOT_TOKEN and TELEGRAM_WEBHOOK_SECRET"
            )
        super().__init__(None, None, settings.telegram_webhook_url, debug_mode=False)
        self.settings = settings
        self._token = token
        self._secret = secret.get_secret_value().encode("utf-8")
        self._bot: Bot | None = None
        self.recent = RecentUpdates()

    def get_output_channel(self) -> HubTelegramOutput:
        """An output for one message (or a staff reply); all share one Bot API client."""
        if self._bot is None:
            self._bot = make_bot(self._token.get_secret_value(), self.settings.telegram_api_url)
        return HubTelegramOutput(self._bot, self.settings.hub_public_url)

    def is_from_telegram(self, request: Request) -> bool:
        """Whether the request carries the webhook's secret (constant-time comparison)."""
        presented = request.headers.get(SECRET_HEADER, "").encode("utf-8")
        return hmac.compare_digest(presented, self._secret)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        """The webhook: checks the secret and the body, then hands each update on."""
        guard = TelegramGuard(on_new_message)
        blueprint = Blueprint("telegram_webhook", __name__)
        guard.attach(blueprint)

        @blueprint.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @blueprint.route("/webhook", methods=["POST"])
        async def webhook(request: Request) -> HTTPResponse:
            if not self.is_from_telegram(request):
                logger.warning("Telegram webhook: update without the secret refused")
                return response.json({"error": "forbidden"}, status=403)
            try:
                if len(request.body) > MAX_BODY_BYTES:
                    raise InvalidRequest(f"the update must be at most {MAX_BODY_BYTES} bytes")
                incoming = read_update(bounded_json(request.body, "the update"))
            except InvalidRequest as error:
                return response.json({"error": str(error)}, status=400)
            if incoming.kind != IGNORED and self.recent.first_time(incoming.update_id):
                try:
                    await self.handle(guard, incoming)
                except Exception:  # Telegram would retry the update: log it, answer 200
                    logger.exception("Telegram update %s failed", incoming.update_id)
            return response.json({"status": "ok"})

        return blueprint

    async def handle(self, guard: TelegramGuard, incoming: Incoming) -> None:
        """Answers one update: a sticker politely, a press or a text through the guard."""
        output = self.get_output_channel()
        text = incoming.text
        if await self.handled_before(guard, incoming):
            logger.info("Telegram: update %s delivered again; ignored", incoming.update_id)
            return
        if incoming.kind == BUTTON:
            await self.acknowledge(incoming)
            resolved = payload_for(text, await self.sent_buttons(guard, incoming.chat_id))
            if resolved is None:
                logger.info("Telegram: a press of a button not sent in %s", incoming.chat_id)
                return
            text = resolved
        message = UserMessage(
            "" if incoming.kind == UNSUPPORTED else text,
            output,
            incoming.chat_id,
            input_channel=self.name(),
            metadata=incoming.metadata,
        )
        if incoming.kind == UNSUPPORTED:
            logger.info("Telegram: a non-text message from %s", short_id(incoming.chat_id))
            await guard.answer_with(message, UNSUPPORTED_RESPONSE)
            return
        await guard(message)

    async def acknowledge(self, incoming: Incoming) -> None:
        """Answers the press (the client stops its spinner) and removes a spent keyboard."""
        bot = self.get_output_channel().bot
        keep = incoming.text.startswith(KEPT_KEYBOARD_PREFIX)
        try:
            if incoming.callback_query_id:
                await bot.answer_callback_query(incoming.callback_query_id)
            if incoming.message_id is not None and not keep:
                await bot.edit_message_reply_markup(incoming.chat_id, incoming.message_id)
        except TelegramAPIError as error:  # the press is still answered
            logger.warning("Telegram: acknowledging a press failed: %s", error)

    @staticmethod
    async def handled_before(guard: MessageGuard, incoming: Incoming) -> bool:
        """Whether any replica stored this update's message already (a repeated delivery)."""
        tracker_store = getattr(guard.agent, "tracker_store", None)
        tracker = await tracker_store.retrieve(incoming.chat_id) if tracker_store else None
        if tracker is None or incoming.update_id is None:
            return False
        return any(
            isinstance(event, UserUttered)
            and (event.metadata or {}).get(UPDATE_ID_KEY) == incoming.update_id
            for event in tracker.events
        )

    @staticmethod
    async def sent_buttons(guard: MessageGuard, sender_id: str) -> list[dict[str, Any]]:
        """The buttons the bot sent in the conversation, latest first (from the tracker)."""
        tracker_store = getattr(guard.agent, "tracker_store", None)
        tracker = await tracker_store.retrieve(sender_id) if tracker_store else None
        if tracker is None:
            return []
        return [
            button
            for event in reversed(tracker.events)
            if isinstance(event, BotUttered)
            for button in (event.data or {}).get("buttons") or []
        ]


def main(argv: list[str]) -> int:
    """`python -m bot.server.channels.telegram set-webhook`: tells Telegram the webhook, once."""
    from bot.server.channels.telegram_webhook import WebhookNotSet, set_webhook_from_settings

    if argv != ["set-webhook"]:
        print("usage: python -m bot.server.channels.telegram set-webhook", file=sys.stderr)
        return 2
    logging.basicConfig(level=logging.INFO)
    try:
        attempts = asyncio.run(set_webhook_from_settings(load_bot_settings()))
    except WebhookNotSet as error:
        print(f"webhook not set: {error}", file=sys.stderr)
        return 1
    print(f"webhook set ({attempts} call(s))")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
