"""`actions.contacts`: the hub's organisations, a card each, and who to contact about a project."""

from __future__ import annotations

import pytest

from actions.contacts import ActionShowContacts
from actions.hub import ActionShowHubInfo
from tests.actions.conftest import CATALOGUE_URL
from tests.actions.helpers import (
    AFTER_A_PROJECT,
    CONTACT_JSON,
    FIRST_RELEASE,
    SECOND_RELEASE,
    ask,
    make_tracker,
    project_json,
    responses_sent,
    run_action,
)


def test_contacts_come_one_card_each_with_the_apis_labels(catalogue):
    catalogue.get(
        f"{CATALOGUE_URL}/contacts",
        json={"items": [CONTACT_JSON]},
    )
    messages, _ = ask(ActionShowContacts(), intent="ask_contact")
    assert responses_sent(messages) == [
        "utter_contacts_header",
        "utter_contact_card",
        "utter_contacts_footer_sourced",
    ]
    assert messages[1]["email"] == "hr@example.org (placeholder)"
    assert messages[1]["phone"] == "not disclosed"


def test_contacts_right_after_a_project_say_it_has_none_of_its_own(catalogue):
    catalogue.get(f"{CATALOGUE_URL}/projects/sco-plaza-area", json=project_json())
    catalogue.get(f"{CATALOGUE_URL}/contacts", json={"items": [CONTACT_JSON]})
    messages, _ = ask(
        ActionShowContacts(),
        intent="ask_contact",
        text="who do I contact about it?",
        slots={"project": "sco-plaza-area"},
        events=AFTER_A_PROJECT,
    )
    assert responses_sent(messages)[:2] == ["utter_project_contact", "utter_contacts_header"]
    assert messages[0]["name"] == "SCO Plaza Area"


def test_contacts_name_their_press_releases_once(catalogue):
    first = {**CONTACT_JSON, "id": "scoda", "source_label": FIRST_RELEASE}
    catalogue.get(f"{CATALOGUE_URL}/contacts", json={"items": [CONTACT_JSON, first, CONTACT_JSON]})
    messages, _ = ask(ActionShowContacts(), intent="ask_contact")
    # Once, in the answer's last message: no message of its own.
    assert responses_sent(messages)[-1] == "utter_contacts_footer_sourced"
    assert [m.get("source") for m in messages].count(None) == len(messages) - 1
    assert messages[-1]["source"] == f"{SECOND_RELEASE}; {FIRST_RELEASE}"


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("а какие компании создали в 2021", "ask_hub_info"),
        ("ошол жылы кандай компаниялар ачылды?", "ask_hub_info"),
        ("какие компании тогда открыли", "ask_hub_info"),
    ],
)
def test_the_companies_set_up_for_the_hub_are_its_organisations(catalogue, text, intent):
    catalogue.get(f"{CATALOGUE_URL}/contacts", json={"items": [CONTACT_JSON]})
    messages, _ = ask(ActionShowHubInfo(), intent=intent, text=text, slots={"subject": "hub"})
    assert responses_sent(messages)[:2] == ["utter_contacts_header", "utter_contact_card"]


def test_a_messenger_the_hub_does_not_list_is_said_honestly_before_the_contacts(catalogue):
    catalogue.get(f"{CATALOGUE_URL}/contacts", json={"items": [CONTACT_JSON]})
    tracker = make_tracker(intent="ask_contact", text="can I reach you on WhatsApp?")
    messages, _ = run_action(ActionShowContacts(), tracker)
    assert responses_sent(messages)[:2] == ["utter_channel_not_listed", "utter_contact_card"]
    assert messages[0]["channel"] == "WhatsApp"
