"""The manager's words: button titles and payloads, intents, countries, the hub's time zone."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from hub_web.events.transcript import transcript_from_events
from hub_web.labels import (
    country_choices,
    hub_zone,
    humanise,
    intent_label,
    payload_label,
    utc_offset_minutes,
    zone_of,
)

DETAILS = '/project_details{"project": "xinhong-medical-industry"}'


def _bot(text: str, *buttons: tuple[str, str]) -> dict[str, object]:
    data = {"buttons": [{"title": title, "payload": payload} for title, payload in buttons]}
    return {"event": "bot", "text": text, "data": data, "timestamp": 1715000000.0}


def _user(text: str) -> dict[str, object]:
    return {"event": "user", "text": text, "timestamp": 1715000001.0}


def test_transcript_shows_the_title_of_the_button_the_visitor_pressed() -> None:
    events = [
        _bot("Do you agree?", ("Да, согласен", "/affirm"), ("Нет", "/deny")),
        _user("/affirm"),
        _bot("Projects:", ("Подробнее", DETAILS)),
        _user(DETAILS),
        _user("/affirm"),  # no button of the bot's previous message sent it
        _user("hello /affirm"),
    ]
    names = {"xinhong-medical-industry": "Xinhong Medical Industry Investment"}
    lines = transcript_from_events(events, names=names)
    visitor = [line["text"] for line in lines if line["kind"] == "user"]
    assert visitor == ["Да, согласен", "Подробнее", "Yes", "hello /affirm"]
    assert [line["is_payload"] for line in lines if line["kind"] == "user"] == [
        True,
        True,
        True,
        False,
    ]


def test_payload_without_a_button_is_rendered_readably() -> None:
    names = {"xinhong-medical-industry": "Xinhong Medical Industry Investment"}
    assert payload_label(DETAILS, names) == "Details: Xinhong Medical Industry Investment"
    assert payload_label(DETAILS) == "Details: Xinhong medical industry"
    assert payload_label('/ask_service{"service": "hr"}') == "Asked about a service: HR"
    assert payload_label("/nlu_fallback") == "Not understood"
    assert payload_label("not a payload") is None


def test_intents_and_codes_in_a_managers_words() -> None:
    assert intent_label("nlu_fallback") == "Not understood"
    assert intent_label("some_new_intent") == "Some new intent"
    assert humanise("hr") == "HR"
    assert humanise("company_registration") == "Company registration"


def test_country_choices_are_iso_codes_named_in_english() -> None:
    choices = dict(country_choices())
    assert choices["KZ"] == "Kazakhstan" and choices["CN"] == "China"
    assert all(len(code) == 2 for code in choices)
    assert country_choices(["KZ", "XX"]) == [("KZ", "Kazakhstan")]


def test_the_hub_time_zone_is_qingdaos_by_default() -> None:
    assert utc_offset_minutes(hub_zone(), datetime(2024, 7, 1, tzinfo=UTC)) == 480
    assert utc_offset_minutes(hub_zone("Not/AZone"), datetime(2024, 7, 1, tzinfo=UTC)) == 480
    assert utc_offset_minutes(hub_zone("UTC"), datetime(2024, 7, 1, tzinfo=UTC)) == 0


def test_the_hub_time_zone_is_a_setting_shared_by_charts_and_office_hours() -> None:
    """``HUB_TIME_ZONE`` moves the console's times and the office hours together."""
    from hub_web.settings import Settings, SettingsError, load_settings

    default = load_settings({})
    assert default.hub_time_zone == "Asia/Shanghai"
    moved = load_settings({"HUB_TIME_ZONE": "Asia/Almaty"})
    assert zone_of(moved) == hub_zone("Asia/Almaty")
    assert moved.office_schedule.time_zone == "Asia/Almaty"
    assert isinstance(moved, Settings)
    with pytest.raises(SettingsError, match="HUB_TIME_ZONE"):
        load_settings({"HUB_TIME_ZONE": "Not/AZone"})
