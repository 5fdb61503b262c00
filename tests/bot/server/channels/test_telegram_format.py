"""Telegram's form of the bot's answers: HTML, parts, keyboards, callback data."""

from __future__ import annotations

from bot.server.channels.telegram_format import (
    MAX_CALLBACK_BYTES,
    MAX_TEXT_LENGTH,
    callback_data,
    keyboard,
    message_parts,
    payload_for,
)

LONG = '/project_details{"project": "qingdao-west-coast-new-area-cold-chain-logistics-park"}'
RU = [{"name": "language", "value": "ru", "type": "slot"}]


def test_a_short_payload_is_its_own_callback_data():
    assert callback_data("/greet") == "/greet"


def test_a_long_payload_becomes_a_digest_found_again_among_the_sent_buttons():
    data = callback_data(LONG)
    assert len(data.encode()) <= MAX_CALLBACK_BYTES and data != LONG
    assert payload_for(data, [{"payload": "/greet"}, {"payload": LONG}]) == LONG
    assert payload_for(data, [{"payload": "/greet"}]) is None


def test_a_card_is_html_with_its_name_bold_and_its_source_linked():
    message = {
        "text": "Park <A&B>\nСтатус: подписан\n\nИсточник: пресс-релиз",
        "source": "пресс-релиз",
        "condition": RU,
        "custom": {"data": {"type": "project_card"}},
    }
    (part,) = message_parts(message, "https://hub.example/")
    assert part.startswith("<b>Park &lt;A&amp;B&gt;</b>\n")
    assert part.endswith('<a href="https://hub.example/ru/sources">Источник: пресс-релиз</a>')
    assert "<a" not in message_parts(message, None)[0]


def test_a_long_answer_is_split_under_telegrams_limit():
    text = "\n\n".join(f"Paragraph {n} " + "x" * 900 for n in range(10))
    parts = message_parts({"text": text}, None)
    assert len(parts) > 1 and all(len(part) <= MAX_TEXT_LENGTH for part in parts)
    assert "".join(parts).count("Paragraph") == 10


def test_buttons_are_an_inline_keyboard_one_a_row():
    markup = keyboard(
        [{"title": "Details", "payload": LONG}, {"title": "Menu", "payload": "/greet"}]
    )
    rows = markup["inline_keyboard"]
    assert [row[0]["text"] for row in rows] == ["Details", "Menu"]
    assert all(len(row[0]["callback_data"].encode()) <= 64 for row in rows)
    assert keyboard([]) is None
