"""A fixed stream of Rasa events for the feedback and review tests, shaped as Rasa 3.6 sends them.

Conversations (times in seconds after :data:`T0`):

- ``CONFIDENT``: an English visitor asks about legal services, understood (0.97), the answer
  (``ANSWER_TIME``) is the one the tests rate;
- ``UNSURE``: a question understood with 0.45 confidence;
- ``FALLBACK``: a message the NLU gave up on (``nlu_fallback``), answered by ``action_fallback``;
- ``TURKISH``: a message in Turkish (``unsupported_language``);
- ``FORM``: a lead form stopped at the name question (no consent); ``SIGNED`` one completed,
  whose name the NLU could not classify (as it should not).
"""

from __future__ import annotations

from typing import Any

T0 = 1715000000.0
CONFIDENT, UNSURE, FALLBACK, TURKISH = "v-confident", "v-unsure", "v-fallback", "v-turkish"
FORM, SIGNED = "v-form", "v-signed"
ANSWER_TIME = T0 + 2.25
LEGAL_QUESTION = "do you help with law firms in Qingdao?"
TURKISH_TEXT = "merhaba, yatırım projeleri var mı?"


def event(sender_id: str, seconds: float, kind: str, **fields: Any) -> dict[str, Any]:
    """One event as Rasa's event broker publishes it."""
    return {"sender_id": sender_id, "event": kind, "timestamp": T0 + seconds, **fields}


def user(
    sender_id: str,
    seconds: float,
    text: str,
    intent: str,
    confidence: float,
    entities: list[dict[str, Any]] | None = None,
    ranking: list[tuple[str, float]] | None = None,
) -> dict[str, Any]:
    """A visitor's message with the NLU's parse data."""
    ranking = ranking or [(intent, confidence)]
    return event(
        sender_id,
        seconds,
        "user",
        text=text,
        input_channel="socketio",
        message_id=f"m-{sender_id}-{seconds}",
        parse_data={
            "text": text,
            "intent": {"name": intent, "confidence": confidence},
            "intent_ranking": [{"name": name, "confidence": value} for name, value in ranking],
            "entities": entities or [],
            "language_detection": {"reply_language": "en", "detected": "en"},
        },
    )


def language_entity(text: str, value: str = "en") -> dict[str, Any]:
    """The language detector's verdict on the whole message."""
    return {
        "entity": "language",
        "value": value,
        "start": 0,
        "end": len(text),
        "extractor": "LanguageDetector",
    }


def bot(sender_id: str, seconds: float, text: str, action: str, **metadata: Any) -> dict[str, Any]:
    """One of the bot's answers, with the response that produced it."""
    return event(
        sender_id, seconds, "bot", text=text, data={}, metadata={"utter_action": action, **metadata}
    )


STREAM = [
    event(CONFIDENT, 0, "action", name="action_session_start"),
    event(CONFIDENT, 0, "session_started"),
    user(CONFIDENT, 1, "/greet", "greet", 1.0),
    event(CONFIDENT, 1.1, "slot", name="language", value="en"),
    bot(CONFIDENT, 1.2, "Hello! How can I help?", "utter_greet"),
    user(
        CONFIDENT,
        2,
        LEGAL_QUESTION,
        "ask_service",
        0.97,
        entities=[
            {
                "entity": "service",
                "value": "legal",
                "start": 17,
                "end": 20,
                "extractor": "VocabularyEntityExtractor",
            },
            language_entity(LEGAL_QUESTION),
        ],
        ranking=[("ask_service", 0.97), ("ask_contact", 0.02)],
    ),
    bot(CONFIDENT, 2.25, "We work with law firms.\n\nAsk me about visas too.", "utter_service"),
    event(UNSURE, 2.9, "slot", name="language", value="en"),
    user(
        UNSURE, 3, "what about my family?", "ask_hub_info", 0.45, ranking=[("ask_hub_info", 0.45)]
    ),
    bot(UNSURE, 3.5, "The hub is in Qingdao.", "utter_hub_info"),
    user(
        FALLBACK,
        4,
        "blorp the quantum banana",
        "nlu_fallback",
        0.4,
        ranking=[("nlu_fallback", 0.4), ("greet", 0.2)],
    ),
    event(FALLBACK, 4.1, "action", name="action_fallback"),
    bot(FALLBACK, 4.2, "Sorry, I did not understand.", "utter_default"),
    user(
        TURKISH,
        5,
        TURKISH_TEXT,
        "nlu_fallback",
        1.0,
        entities=[
            language_entity(TURKISH_TEXT),
            {**language_entity(TURKISH_TEXT), "entity": "unsupported_language", "value": "tr"},
        ],
        ranking=[("nlu_fallback", 1.0), ("search_projects", 0.7)],
    ),
    event(TURKISH, 5.1, "action", name="action_fallback"),
    bot(TURKISH, 5.2, "I speak English, Chinese and Russian.", "utter_unsupported_language"),
    user(FORM, 6, "I want to leave my contact", "leave_contact", 0.99),
    event(FORM, 6.1, "action", name="lead_form"),
    event(FORM, 6.1, "active_loop", name="lead_form"),
    bot(FORM, 6.2, "What is your name?", "utter_ask_lead_name"),
    user(FORM, 7, "stop", "deny", 0.9),
    event(FORM, 7.1, "active_loop", name=None),
    bot(FORM, 7.2, "Your details were not stored.", "utter_lead_consent_declined"),
    user(SIGNED, 8, "leave my details", "leave_contact", 0.99),
    event(SIGNED, 8.1, "active_loop", name="lead_form"),
    user(SIGNED, 8.5, "Aibek Nurlanov", "nlu_fallback", 0.4),  # an answer, not a question
    user(SIGNED, 9, "yes", "affirm", 0.99),
    event(SIGNED, 9.1, "slot", name="lead_consent", value=True),
    event(SIGNED, 9.2, "active_loop", name=None),
    bot(SIGNED, 9.3, "Thank you, saved.", "utter_lead_saved"),
]
