"""Reading Telegram updates: kinds, the language hint, repeated deliveries."""

from __future__ import annotations

import pytest

from bot.server.channels.telegram_updates import (
    BUTTON,
    IGNORED,
    START,
    TEXT,
    UNSUPPORTED,
    UPDATE_ID_KEY,
    RecentUpdates,
    language_hint,
    read_update,
)
from bot.server.channels.validation import InvalidRequest


def message(**fields):
    return {
        "message_id": 7,
        "chat": {"id": 12345, "type": "private"},
        "from": {"id": 12345, "language_code": "ru"},
        **fields,
    }


def test_a_text_is_read_with_its_chat_and_language():
    incoming = read_update({"update_id": 1, "message": message(text="Привет")})
    assert (incoming.kind, incoming.chat_id, incoming.text) == (TEXT, "12345", "Привет")
    assert incoming.metadata == {"channel": "telegram", "language": "ru", UPDATE_ID_KEY: 1}


@pytest.mark.parametrize("text", ["/start", "/start promo-42", "/start@hub_bot"])
def test_start_is_the_greet_payload(text):
    incoming = read_update({"update_id": 2, "message": message(text=text)})
    assert (incoming.kind, incoming.text) == (START, "/greet")


def test_an_edited_message_is_read_once_as_text_and_never_as_start():
    incoming = read_update({"update_id": 3, "edited_message": message(text="/start")})
    assert (incoming.kind, incoming.edited) == (TEXT, True)
    assert read_update({"update_id": 4, "edited_message": message(caption="x")}).kind == IGNORED


@pytest.mark.parametrize("field", ["sticker", "voice", "document", "photo", "location"])
def test_non_text_messages_are_unsupported(field):
    incoming = read_update({"update_id": 5, "message": message(**{field: {"file_id": "f"}})})
    assert incoming.kind == UNSUPPORTED and incoming.language == "ru"


def test_a_button_press_carries_its_data_and_query():
    query = {"id": "q1", "from": {"language_code": "zh-hans"}, "data": "/greet"}
    incoming = read_update({"update_id": 6, "callback_query": {**query, "message": message()}})
    assert (incoming.kind, incoming.text, incoming.callback_query_id) == (BUTTON, "/greet", "q1")
    assert (incoming.language, incoming.message_id) == ("zh", 7)


def test_other_updates_are_ignored():
    assert read_update({"update_id": 8, "my_chat_member": {}}).kind == IGNORED


@pytest.mark.parametrize(
    "body",
    [[], {"message": message(text="x")}, {"update_id": True}, {"update_id": 9, "message": {}}],
)
def test_malformed_updates_are_refused(body):
    with pytest.raises(InvalidRequest):
        read_update(body)


@pytest.mark.parametrize(
    ("code", "hint"),
    [("ru", "ru"), ("en-US", "en"), ("zh-hans", "zh"), ("kk", "ru"), ("uz", "ru"), ("de", None)],
)
def test_language_hints(code, hint):
    assert language_hint(code) == hint


def test_a_repeated_update_is_new_only_once():
    recent = RecentUpdates(size=2)
    assert recent.first_time(1) and not recent.first_time(1)
    assert recent.first_time(2) and recent.first_time(3)
    assert recent.first_time(1)  # forgotten, the oldest first
