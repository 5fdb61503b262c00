"""A fixed stream of Rasa events for the analytics tests, as the event broker publishes them.

Five senders over two UTC days (2024-05-06 and 2024-05-07):

- ``visitor-a`` (en, day 1): asks for medical projects, opens one, leaves a lead (qualified).
- ``visitor-b`` (zh, day 1): asks about visas, asks for a person (form, lead, paused, staff).
- ``visitor-c`` (ru, day 2): a message the bot does not understand (nlu_fallback), a greeting.
- ``visitor-d`` (en, day 2): the widget's opening payload only: not a conversation.
- ``visitor-e`` (en, day 2): a greeting, then a question the policies fall back on.
"""

from __future__ import annotations

from typing import Any

DAY_1 = 1714989600.0  # 2024-05-06 10:00 UTC
DAY_2 = DAY_1 + 86400.0


def event(sender_id: str, at: float, kind: str, **fields: Any) -> dict[str, Any]:
    """One event as the broker publishes it."""
    return {"sender_id": sender_id, "event": kind, "timestamp": at, **fields}


def user(
    sender_id: str,
    at: float,
    text: str,
    intent: str,
    confidence: float = 0.95,
    **entities: str,
) -> dict[str, Any]:
    """A visitor message with its parse data."""
    parse_data = {
        "intent": {"name": intent, "confidence": confidence},
        "entities": [
            {"entity": name, "value": value, "extractor": "VocabularyEntityExtractor"}
            for name, value in entities.items()
        ],
        "text": text,
        "intent_ranking": [{"name": intent, "confidence": confidence}],
    }
    return event(
        sender_id,
        at,
        "user",
        text=text,
        parse_data=parse_data,
        input_channel="socketio",
        message_id="m",
        metadata={"language": "en"},
    )


def opening(sender_id: str, at: float, language: str) -> list[dict[str, Any]]:
    """A new session of the widget: session start, the opening payload, the greeting."""
    return [
        event(sender_id, at, "action", name="action_session_start"),
        event(sender_id, at, "session_started"),
        event(sender_id, at, "action", name="action_listen"),
        user(sender_id, at, "/greet", "greet", 1.0),
        event(sender_id, at, "slot", name="language", value=language),
        event(sender_id, at + 1, "action", name="utter_greet"),
        event(sender_id, at + 1, "bot", text="Hello!", metadata={"utter_action": "utter_greet"}),
    ]


A, B, C, D, E = (f"visitor-{letter}" for letter in "abcde")
MEDICAL = "xinhong-medical-industry"

STREAM: list[dict[str, Any]] = [
    *opening(A, DAY_1, "en"),
    *opening(B, DAY_1 + 30, "zh"),
    user(A, DAY_1 + 60, "any medical projects?", "search_projects", sector="medical"),
    event(A, DAY_1 + 61, "action", name="action_search_projects"),
    event(A, DAY_1 + 62, "bot", text="Medical projects:", metadata={"utter_action": "utter_x"}),
    user(B, DAY_1 + 90, "签证服务", "ask_service", service="visa"),
    event(B, DAY_1 + 91, "action", name="action_show_services"),
    event(B, DAY_1 + 91, "slot", name="discussed_services", value=["visa"]),
    user(A, DAY_1 + 120, f'/project_details{{"project": "{MEDICAL}"}}', "project_details"),
    event(A, DAY_1 + 121, "action", name="action_show_project"),
    event(A, DAY_1 + 121, "slot", name="project", value=MEDICAL),
    event(A, DAY_1 + 121, "slot", name="discussed_projects", value=[MEDICAL]),
    user(A, DAY_1 + 180, "I want to leave my contacts", "leave_contact"),
    event(A, DAY_1 + 181, "action", name="lead_form"),
    event(A, DAY_1 + 181, "active_loop", name="lead_form"),
    event(A, DAY_1 + 300, "active_loop", name=None),
    event(A, DAY_1 + 301, "action", name="action_submit_lead"),
    event(A, DAY_1 + 301, "slot", name="lead_id", value="7"),
    user(B, DAY_1 + 200, "转人工", "request_human"),
    event(B, DAY_1 + 201, "action", name="action_request_human"),
    event(B, DAY_1 + 201, "active_loop", name="lead_form"),
    event(B, DAY_1 + 260, "active_loop", name=None),
    event(B, DAY_1 + 261, "pause"),
    event(B, DAY_1 + 400, "bot", text="您好，我是中心工作人员。", metadata={"from_staff": "alice"}),
    *opening(C, DAY_2, "ru"),
    user(C, DAY_2 + 10, "asdfgh", "nlu_fallback", 0.3),
    event(C, DAY_2 + 11, "action", name="action_fallback"),
    event(C, DAY_2 + 11, "rewind"),
    user(C, DAY_2 + 20, "привет", "greet"),
    *opening(D, DAY_2 + 30, "en"),
    *opening(E, DAY_2 + 40, "en"),
    user(E, DAY_2 + 50, "hello", "greet"),
    user(E, DAY_2 + 60, "what is the weather like", "out_of_scope", 0.5),
    event(E, DAY_2 + 61, "action", name="action_fallback"),
    event(E, DAY_2 + 61, "rewind"),
]


def lead(conversation_id: str | None, status: str, lead_id: int) -> dict[str, Any]:
    """The fields of a catalogue lead that the analytics read."""
    return {"id": lead_id, "conversation_id": conversation_id, "status": status}


LEADS = [
    lead(A, "qualified", 7),
    lead(B, "new", 8),
    lead(B, "contacted", 9),  # a second lead of the same conversation counts once
    lead("from-another-channel", "qualified", 10),
    lead(None, "qualified", 11),
]
