"""What a Telegram update asks of the bot, read from its JSON without trusting it.

Pure functions, no Rasa server and no network: `read_update` turns the body Telegram
POSTs to the webhook into an `Incoming` (a text, a button press, `/start`, something the
bot cannot read, or nothing to answer), with the chat it came from and the language hint.

Decisions documented here:

* An **edited message** is read once, as a new message from the user (their correction);
  Rasa's connector looped on them or raised. A delivery Telegram repeats (same
  `update_id`) is dropped by `RecentUpdates`.
* **`/start`** (with or without a deep-link parameter) is the `/greet` payload; the
  user's Telegram `language_code` is the conversation's starting language, as the
  website's page language is (`metadata.language`, read by `action_session_start`).
* A **sticker, voice message, photo, file, location** or any other non-text message is
  `UNSUPPORTED`: the bot answers it politely in the user's language.
* Channel posts, chat-member changes, inline queries and other update types are
  `IGNORED`: Telegram gets its 200 and nobody is answered.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

from bot.server.channels.validation import MAX_SENDER_LENGTH, InvalidRequest

TEXT = "text"
BUTTON = "button"
START = "start"
UNSUPPORTED = "unsupported"
IGNORED = "ignored"

#: The command Telegram clients send when a user opens the bot, and the payload it becomes.
START_COMMAND = "/start"
GREET_PAYLOAD = "/greet"
#: Telegram's `language_code` (IETF tag) prefixes the bot reads as one of its languages.
#: Users of Kazakh, Kyrgyz, Tajik, Uzbek, Belarusian or Ukrainian Telegram mostly read
#: Russian as their business language, so it is their starting language; what they type
#: decides after that.
LANGUAGE_HINTS = {
    "en": "en",
    "zh": "zh",
    "ru": "ru",
    "kk": "ru",
    "ky": "ru",
    "tg": "ru",
    "uz": "ru",
    "be": "ru",
    "uk": "ru",
}
#: The key of a message's metadata that holds its update's id (repeats are found by it).
UPDATE_ID_KEY = "telegram_update_id"
#: How many update ids each process remembers, to drop Telegram's repeated deliveries.
RECENT_UPDATES = 2048


@dataclass(frozen=True)
class Incoming:
    """One update, as the channel handles it.

    Attributes:
        kind: `TEXT`, `BUTTON`, `START`, `UNSUPPORTED` or `IGNORED`.
        update_id: Telegram's id of the update (repeated when Telegram retries).
        chat_id: The chat to answer in; the conversation's sender id as text.
        text: What the user typed, or the button's callback data.
        language: The starting language from the user's `language_code`, or None.
        callback_query_id: The button press to acknowledge (`answerCallbackQuery`).
        message_id: The message whose button was pressed.
        edited: Whether the text comes from an edited message.
        metadata: What the message carries to Rasa (`language`, `channel`).
    """

    kind: str
    update_id: int | None
    chat_id: str = ""
    text: str = ""
    language: str | None = None
    callback_query_id: str | None = None
    message_id: int | None = None
    edited: bool = False
    metadata: dict[str, Any] = field(default_factory=dict)


def language_hint(code: object) -> str | None:
    """The bot's language for a Telegram `language_code` ("ru", "en-US", "kk"), or None."""
    if not isinstance(code, str) or not code:
        return None
    return LANGUAGE_HINTS.get(code.split("-")[0].lower())


def _chat_id(message: dict[str, Any]) -> str:
    chat = message.get("chat")
    chat_id = chat.get("id") if isinstance(chat, dict) else None
    if isinstance(chat_id, bool) or not isinstance(chat_id, int | str):
        raise InvalidRequest("the message has no chat id")
    text = str(chat_id)
    if not text or len(text) > MAX_SENDER_LENGTH:
        raise InvalidRequest("the chat id is not valid")
    return text


def _from_language(part: dict[str, Any]) -> str | None:
    user = part.get("from")
    return language_hint(user.get("language_code")) if isinstance(user, dict) else None


def _metadata(update_id: int, language: str | None) -> dict[str, Any]:
    hint = {"language": language} if language else {}
    return {"channel": "telegram", UPDATE_ID_KEY: update_id, **hint}


def read_update(data: object) -> Incoming:
    """Reads one update that Telegram POSTed to the webhook.

    Args:
        data: The update's JSON, already parsed within `json_bounds`' limits.

    Returns:
        What to do with it.

    Raises:
        InvalidRequest: The body is not an update, or names no chat to answer.
    """
    if not isinstance(data, dict):
        raise InvalidRequest("the update must be a JSON object")
    update_id = data.get("update_id")
    if isinstance(update_id, bool) or not isinstance(update_id, int):
        raise InvalidRequest("the update has no update_id")
    query = data.get("callback_query")
    if isinstance(query, dict):
        message = query.get("message")
        payload = query.get("data")
        if not isinstance(message, dict) or not isinstance(payload, str):
            return Incoming(IGNORED, update_id, callback_query_id=_query_id(query))
        language = _from_language(query)
        return Incoming(
            BUTTON,
            update_id,
            chat_id=_chat_id(message),
            text=payload,
            language=language,
            callback_query_id=_query_id(query),
            message_id=_message_id(message),
            metadata=_metadata(update_id, language),
        )
    edited = isinstance(data.get("edited_message"), dict)
    message = data.get("edited_message") if edited else data.get("message")
    if not isinstance(message, dict):
        return Incoming(IGNORED, update_id)
    chat_id = _chat_id(message)
    language = _from_language(message)
    text = message.get("text")
    if not isinstance(text, str) or not text.strip():
        if edited:  # an edited caption or location: nothing new to answer
            return Incoming(IGNORED, update_id, chat_id=chat_id)
        return Incoming(
            UNSUPPORTED,
            update_id,
            chat_id=chat_id,
            language=language,
            metadata=_metadata(update_id, language),
        )
    command = text.strip().split(maxsplit=1)[0].split("@", 1)[0]
    kind = START if command == START_COMMAND and not edited else TEXT
    return Incoming(
        kind,
        update_id,
        chat_id=chat_id,
        text=GREET_PAYLOAD if kind == START else text,
        language=language,
        edited=edited,
        metadata=_metadata(update_id, language),
    )


def _message_id(message: dict[str, Any]) -> int | None:
    value = message.get("message_id")
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _query_id(query: dict[str, Any]) -> str | None:
    value = query.get("id")
    return value if isinstance(value, str) and value else None


class RecentUpdates:
    """The update ids this process handled lately: a repeated delivery is handled once."""

    def __init__(self, size: int = RECENT_UPDATES) -> None:
        """Remembers up to `size` ids, the oldest forgotten first."""
        self.size = size
        self._seen: OrderedDict[int, None] = OrderedDict()

    def first_time(self, update_id: int | None) -> bool:
        """Whether `update_id` is new (and remembers it); an update without one is new."""
        if update_id is None:
            return True
        if update_id in self._seen:
            return False
        self._seen[update_id] = None
        if len(self._seen) > self.size:
            self._seen.popitem(last=False)
        return True
