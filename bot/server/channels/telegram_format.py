"""The bot's answers in Telegram's own form: HTML text, message parts, button data.

Pure functions, no network:

* `message_parts` escapes a response's text for Telegram's HTML parse mode, puts a project
  card's name in bold, links the answer's source line to the website's Sources page (when
  its public URL is configured) and splits the result at Telegram's 4,096-character limit.
* `callback_data` fits a button's payload into Telegram's 64 bytes: a payload that fits is
  sent as it is; a longer one (`/project_details{"project": "..."}` with a long id) as
  `#` and a digest of it, which `payload_for` finds again among the buttons the bot sent
  in that conversation (kept in the shared tracker, so any replica can read a press).
"""

from __future__ import annotations

import base64
import hashlib
import html
from collections.abc import Iterable
from typing import Any

from bot.server.channels.widget_data import message_language

#: Telegram's limit of a message's text, in characters (after entities are parsed).
MAX_TEXT_LENGTH = 4096
#: A part's length: Telegram counts the text after parsing the HTML, so the link's text is
#: all that adds to it (no line grows), and the part stays well within `MAX_TEXT_LENGTH`.
PART_LENGTH = 3500
#: Telegram's limit of a button's callback data, in bytes.
MAX_CALLBACK_BYTES = 64
DIGEST_PREFIX = "#"
PARAGRAPH = "\n\n"
#: The website's Sources page per language (web/hub_web/public_sources.py, SOURCES_PATHS).
SOURCES_PATHS = {"en": "/sources", "zh": "/zh/sources", "ru": "/ru/sources"}


def digest(payload: str) -> str:
    """The short stand-in of a payload too long for a button's callback data."""
    raw = hashlib.sha256(payload.encode("utf-8")).digest()[:15]
    return DIGEST_PREFIX + base64.urlsafe_b64encode(raw).decode("ascii")


def callback_data(payload: str) -> str:
    """A button payload as Telegram callback data of at most 64 bytes."""
    if len(payload.encode("utf-8")) <= MAX_CALLBACK_BYTES and not payload.startswith(DIGEST_PREFIX):
        return payload
    return digest(payload)


def payload_for(data: str, sent_buttons: Iterable[dict[str, Any]]) -> str | None:
    """The payload a button press stands for, or None for a digest of no button sent.

    Args:
        data: The callback data of the press.
        sent_buttons: The buttons the bot sent in this conversation, latest first.
    """
    if not data.startswith(DIGEST_PREFIX):
        return data
    for button in sent_buttons:
        payload = button.get("payload") if isinstance(button, dict) else None
        if isinstance(payload, str) and digest(payload) == data:
            return payload
    return None


def split_text(text: str, limit: int = PART_LENGTH) -> list[str]:
    """The text in parts of at most `limit` characters, cut between paragraphs or lines."""
    text = text.strip()
    parts: list[str] = []
    while len(text) > limit:
        window = text[:limit]
        cut = max(window.rfind(PARAGRAPH), window.rfind("\n"))
        if cut <= 0:
            cut = window.rfind(" ")
        if cut <= 0:
            cut = limit
        parts.append(text[:cut].strip())
        text = text[cut:].strip()
    if text:
        parts.append(text)
    return parts


def _is_card(message: dict[str, Any]) -> bool:
    custom = message.get("custom")
    data = custom.get("data") if isinstance(custom, dict) else None
    return isinstance(data, dict) and data.get("type") == "project_card"


def _source_link(line: str, language: str, public_url: str | None) -> str:
    if not public_url:
        return html.escape(line, quote=False)
    url = public_url.rstrip("/") + SOURCES_PATHS.get(language, SOURCES_PATHS["en"])
    return f'<a href="{html.escape(url)}">{html.escape(line, quote=False)}</a>'


def to_html(text: str, message: dict[str, Any], public_url: str | None) -> str:
    """One part of a response's text in Telegram's HTML: escaped, card name bold, source linked.

    Args:
        text: The part of the text.
        message: The whole bot message (its `custom` card data, `source`, `condition`).
        public_url: The website's public base URL, or None.
    """
    language = message_language(message) or "en"
    source = message.get("source")
    lines = text.split("\n")
    out: list[str] = []
    for index, line in enumerate(lines):
        if isinstance(source, str) and source and source in line:
            out.append(_source_link(line, language, public_url))
        elif index == 0 and _is_card(message) and line.strip():
            out.append(f"<b>{html.escape(line, quote=False)}</b>")
        else:
            out.append(html.escape(line, quote=False))
    return "\n".join(out)


def message_parts(message: dict[str, Any], public_url: str | None) -> list[str]:
    """A bot message's text as the HTML parts to send, each within Telegram's limit."""
    text = message.get("text")
    if not isinstance(text, str) or not text.strip():
        return []
    return [to_html(part, message, public_url) for part in split_text(text)]


def keyboard(buttons: Iterable[dict[str, Any]]) -> dict[str, Any] | None:
    """An inline keyboard (one button a row) of a response's buttons, or None."""
    rows = [
        [{"text": str(button["title"])[:64], "callback_data": callback_data(button["payload"])}]
        for button in buttons
        if isinstance(button, dict)
        and isinstance(button.get("title"), str)
        and isinstance(button.get("payload"), str)
        and button["payload"]
    ]
    return {"inline_keyboard": rows} if rows else None
