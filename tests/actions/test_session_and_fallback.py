from __future__ import annotations

from actions.fallback import ActionFallback
from actions.session import ActionSessionStart
from tests.actions.helpers import entity, make_tracker, responses_sent, run_action


def test_the_pages_language_starts_the_conversation():
    tracker = make_tracker(slots={"session_started_metadata": {"language": "zh"}})
    _, events = run_action(ActionSessionStart(), tracker)
    assert events[0]["event"] == "session_started"
    assert {"event": "slot", "timestamp": None, "name": "language", "value": "zh"} in events
    assert (events[-1]["event"], events[-1]["name"]) == ("action", "action_listen")


def test_an_unknown_page_language_is_ignored():
    tracker = make_tracker(slots={"language": "ru", "session_started_metadata": {"language": "xx"}})
    _, events = run_action(ActionSessionStart(), tracker)
    language_events = [e for e in events if e.get("name") == "language"]
    assert language_events == [
        {"event": "slot", "timestamp": None, "name": "language", "value": "ru"}
    ]


def test_unsupported_language_gets_the_list_of_languages():
    tracker = make_tracker(intent="nlu_fallback", entities=[entity("unsupported_language", "fa")])
    messages, events = run_action(ActionFallback(), tracker)
    assert responses_sent(messages) == ["utter_unsupported_language"]
    assert events[0]["event"] == "rewind"


def test_low_confidence_gets_the_help_menu_and_keeps_the_language():
    tracker = make_tracker(intent="nlu_fallback", slots={"language": "ru"})
    messages, events = run_action(ActionFallback(), tracker)
    assert responses_sent(messages) == ["utter_default"]
    assert [e["event"] for e in events] == ["rewind", "slot"]
    assert events[1]["name"] == "language" and events[1]["value"] == "ru"


def test_unsupported_language_leaves_the_conversations_language_alone():
    tracker = make_tracker(intent="nlu_fallback", entities=[entity("unsupported_language", "tr")])
    _, events = run_action(ActionFallback(), tracker)
    assert [e["event"] for e in events] == ["rewind"]


def test_an_unplaced_question_about_the_source_after_the_hub_gets_the_hubs_sources(catalogue):
    from tests.actions.conftest import CATALOGUE_URL
    from tests.actions.helpers import hub_json

    catalogue.get(f"{CATALOGUE_URL}/hub", json=hub_json())
    for text in ("булагы эмне?", "manbasi qayerda?", "дереккөзі қандай?"):
        tracker = make_tracker(intent="nlu_fallback", text=text, slots={"subject": "hub"})
        messages, _ = run_action(ActionFallback(), tracker)
        assert responses_sent(messages) == ["utter_hub_sources"], text


def test_a_year_alone_after_the_hub_is_not_a_misunderstanding(catalogue):
    from tests.actions.conftest import CATALOGUE_URL
    from tests.actions.helpers import hub_json

    catalogue.get(f"{CATALOGUE_URL}/hub", json=hub_json())
    tracker = make_tracker(intent="nlu_fallback", text="ну а за 2021?", slots={"subject": "hub"})
    messages, _ = run_action(ActionFallback(), tracker)
    assert responses_sent(messages) == ["utter_hub_investment"]


def test_a_low_confidence_message_naming_a_sector_gets_its_projects(catalogue):
    from tests.actions.conftest import CATALOGUE_URL
    from tests.actions.helpers import page_json, project_json

    catalogue.get(f"{CATALOGUE_URL}/projects", json=page_json([project_json()]))
    tracker = make_tracker(
        intent="nlu_fallback",
        text="salam, we r traders, smth for logistic?",
        entities=[entity("sector", "logistics")],
        slots={"sector": "logistics"},
    )
    messages, _ = run_action(ActionFallback(), tracker)
    assert responses_sent(messages)[0].startswith("utter_projects_found")
