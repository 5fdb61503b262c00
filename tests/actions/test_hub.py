from __future__ import annotations

from actions.hub import ActionShowContacts, ActionShowHubInfo
from tests.actions.conftest import CATALOGUE_URL
from tests.actions.helpers import make_tracker, responses_sent, run_action


def test_contacts_come_one_card_each_with_the_apis_labels(catalogue):
    catalogue.get(
        f"{CATALOGUE_URL}/contacts",
        json={
            "items": [
                {
                    "id": "hr-company",
                    "name": "Qingdao SCO Human Resources Co., Ltd.",
                    "description": "HR services",
                    "website": None,
                    "email": "hr@example.org",
                    "phone": None,
                    "website_label": "not disclosed",
                    "email_label": "hr@example.org (placeholder)",
                    "phone_label": "not disclosed",
                    "is_placeholder": True,
                }
            ]
        },
    )
    messages, _ = run_action(ActionShowContacts(), make_tracker(intent="ask_contact"))
    assert responses_sent(messages) == [
        "utter_contacts_header",
        "utter_contact_card",
        "utter_contacts_footer",
    ]
    assert messages[1]["email"] == "hr@example.org (placeholder)"
    assert messages[1]["phone"] == "not disclosed"


def test_hub_info_lists_figures_and_events(catalogue):
    catalogue.get(
        f"{CATALOGUE_URL}/hub",
        json={
            "name": "Hub",
            "summary": "A hub.",
            "figures": [
                {"label": "Projects signed at the opening", "display": "10"},
                {"label": "Their total investment", "display": "42.7 billion yuan"},
            ],
            "events": [{"date_label": "29 June 2020", "title": "Opening conference"}],
        },
    )
    messages, _ = run_action(ActionShowHubInfo(), make_tracker(intent="ask_hub_info"))
    assert responses_sent(messages) == ["utter_hub_info"]
    assert "• Their total investment: 42.7 billion yuan" in messages[0]["figures"]
    assert messages[0]["events"] == "• 29 June 2020: Opening conference"
