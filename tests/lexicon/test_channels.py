"""`hub_lexicon.channels`: the messengers and networks a visitor names, in any script."""

from __future__ import annotations

import pytest

from hub_lexicon.channels import asked_channels, names_a_channel


@pytest.mark.parametrize(
    ("text", "language", "names"),
    [
        ("can I reach you on WhatsApp?", "en", ["WhatsApp"]),
        ("можно написать вам в телеграм?", "ru", ["Telegram"]),
        ("пишите в вотсапе", "ru", ["WhatsApp"]),
        ("可以用WhatsApp联系你们吗？", "zh", ["WhatsApp"]),
        ("你们有微信吗？", "zh", ["微信"]),
        ("есть вк?", "ru", ["ВКонтакте"]),
        ("how can I contact the hub?", "en", []),
        ("вклад", "ru", []),
    ],
)
def test_messengers_are_found_in_any_script(text, language, names):
    assert asked_channels(text, language) == names


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("你们有微信号吗 加一下", True),
        ("можно в телеграм?", True),
        ("how can I contact you?", False),
    ],
)
def test_whether_a_message_names_a_channel_in_any_language(text, named):
    assert names_a_channel(text) is named
