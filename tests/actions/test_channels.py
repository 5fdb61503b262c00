from __future__ import annotations

import pytest

from actions.channels import asked_channels
from actions.contacts import ActionShowContacts
from tests.actions.conftest import CATALOGUE_URL
from tests.actions.helpers import CONTACT_JSON, make_tracker, responses_sent, run_action


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


def test_a_messenger_the_hub_does_not_list_is_said_honestly_before_the_contacts(catalogue):
    catalogue.get(f"{CATALOGUE_URL}/contacts", json={"items": [CONTACT_JSON]})
    tracker = make_tracker(intent="ask_contact", text="can I reach you on WhatsApp?")
    messages, _ = run_action(ActionShowContacts(), tracker)
    assert responses_sent(messages)[:2] == ["utter_channel_not_listed", "utter_contact_card"]
    assert messages[0]["channel"] == "WhatsApp"
