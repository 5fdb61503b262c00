"""A Telegram user for the end-to-end tests: POSTs updates, reads the fake's sendMessage."""

from __future__ import annotations

import itertools
import random
from typing import Any

import requests

from stack.profiles.default import Stack
from tests.telegram.fake_bot_api import Call, FakeBotApi

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
_update_ids = itertools.count(random.randint(10_000, 90_000) * 1000)


class TelegramUser:
    """One private chat with the bot, as Telegram would deliver its updates."""

    def __init__(
        self, stack: Stack, fake: FakeBotApi, secret: str, language_code: str = "en"
    ) -> None:
        self.stack = stack
        self.fake = fake
        self.secret = secret
        self.language_code = language_code
        self.chat_id = random.randint(10**8, 10**9)
        self.message_id = 0
        #: (who, text): the user's messages and the bot's sendMessage texts, in order.
        self.transcript: list[tuple[str, str]] = []

    @property
    def webhook(self) -> str:
        return f"{self.stack.url('rasa')}/webhooks/telegram/webhook"

    def _user(self) -> dict[str, Any]:
        return {"id": self.chat_id, "is_bot": False, "language_code": self.language_code}

    def _message(self, **fields: Any) -> dict[str, Any]:
        self.message_id += 1
        return {
            "message_id": self.message_id,
            "date": 1_700_000_000,
            "chat": {"id": self.chat_id, "type": "private"},
            "from": self._user(),
            **fields,
        }

    def post(self, update: dict[str, Any], secret: str | None = None) -> requests.Response:
        """POSTs one update to Rasa's webhook, with the secret header unless told otherwise."""
        headers = {SECRET_HEADER: self.secret if secret is None else secret}
        if secret == "":
            headers = {}
        return requests.post(
            self.webhook,
            json={"update_id": next(_update_ids), **update},
            headers=headers,
            timeout=60,
        )

    def sent(self) -> list[Call]:
        """The bot's sendMessage calls to this chat so far."""
        return self.fake.recorded("sendMessage", str(self.chat_id))

    def _answers(self, update: dict[str, Any], note: str) -> list[Call]:
        before = len(self.sent())
        response = self.post(update)
        assert response.status_code == 200, response.text
        calls = self.fake.wait_for(
            lambda _: len(self.sent()) > before, what=f"an answer to {note!r}"
        )
        del calls
        answers = self.sent()[before:]
        self.transcript.append(("user", note))
        self.transcript += [("bot", str(call.params["text"])) for call in answers]
        return answers

    def say(self, text: str) -> str:
        """Types a message; returns the bot's answers' texts joined."""
        return texts(self._answers({"message": self._message(text=text)}, text))

    def edit(self, text: str, message_id: int) -> str:
        """Edits an earlier message (Telegram's `edited_message`)."""
        message = self._message(text=text, edit_date=1_700_000_100)
        message["message_id"] = message_id
        self.message_id -= 1
        return texts(self._answers({"edited_message": message}, f"(edited) {text}"))

    def sticker(self) -> str:
        """Sends a sticker."""
        update = {"message": self._message(sticker={"file_id": "x", "emoji": "👍"})}
        return texts(self._answers(update, "(sticker 👍)"))

    def press(self, title: str) -> str:
        """Presses the latest inline button called `title`; returns the answers' texts."""
        for call in reversed(self.sent()):
            markup = call.params.get("reply_markup")
            rows = markup.get("inline_keyboard", []) if isinstance(markup, dict) else []
            for row in rows:
                for button in row:
                    if button["text"] == title:
                        query = {
                            "id": f"q{next(_update_ids)}",
                            "from": self._user(),
                            "chat_instance": "1",
                            "data": button["callback_data"],
                            "message": {
                                "message_id": call.params.get("message_id", 1),
                                "date": 1_700_000_000,
                                "chat": {"id": self.chat_id, "type": "private"},
                            },
                        }
                        return texts(self._answers({"callback_query": query}, f"[{title}]"))
        raise AssertionError(f"no button {title!r} was sent")


def texts(calls: list[Call]) -> str:
    return "\n".join(str(call.params.get("text", "")) for call in calls)
