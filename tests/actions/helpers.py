"""Small builders for trackers and catalogue answers used by the action tests."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher
from responses import RequestsMock, matchers

from tests.actions.conftest import CATALOGUE_URL

DEFAULT_SLOTS: dict[str, Any] = {"language": "en"}
#: The catalogue's ``source_label`` of the two press releases (one short line each).
FIRST_RELEASE = "press release, 20 Apr 2021"
SECOND_RELEASE = "press release, 25 Sep 2021"
PROJECTS = f"{CATALOGUE_URL}/projects"


def user_event(text: str = "", intent: str = "greet") -> dict[str, Any]:
    return {"event": "user", "text": text, "parse_data": {"intent": {"name": intent}}}


def action_event(name: str) -> dict[str, Any]:
    return {"event": "action", "name": name}


def make_tracker(
    *,
    slots: dict[str, Any] | None = None,
    intent: str = "greet",
    entities: list[dict[str, Any]] | None = None,
    text: str = "",
    events: list[dict[str, Any]] | None = None,
    sender_id: str = "visitor-1",
) -> Tracker:
    """A tracker whose latest message has this intent, these entities and this text."""
    latest_message = {
        "text": text,
        "intent": {"name": intent, "confidence": 0.99},
        "entities": entities or [],
    }
    history = events if events is not None else [action_event("action_listen")]
    history = [*history, user_event(text, intent)]
    return Tracker(
        sender_id=sender_id,
        slots={**DEFAULT_SLOTS, **(slots or {})},
        latest_message=latest_message,
        events=history,
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name="action_listen",
    )


def entity(name: str, value: str) -> dict[str, Any]:
    return {"entity": name, "value": value}


def run_action(action: Action, tracker: Tracker) -> tuple[list[dict[str, Any]], list[dict]]:
    """Runs an action; returns the messages it sent and the events it returned."""
    dispatcher = CollectingDispatcher()
    # A thread of its own: the browser tests keep an event loop running in the main thread.
    with ThreadPoolExecutor(max_workers=1) as pool:
        events = pool.submit(asyncio.run, action.run(dispatcher, tracker, {})).result()
    return dispatcher.messages, events


def ask(action: Action, **tracker: Any) -> tuple[list[dict[str, Any]], list[dict]]:
    """Runs an action on the tracker `make_tracker` builds of these keyword arguments."""
    return run_action(action, make_tracker(**tracker))


def slots_set(events: list[dict[str, Any]]) -> dict[str, Any]:
    """The slots an action's events set: name -> value (the last value of each)."""
    return {event["name"]: event["value"] for event in events if event["event"] == "slot"}


def responses_sent(messages: list[dict[str, Any]]) -> list[str]:
    return [message["response"] for message in messages]


#: The events right after a project's details: the user's next message follows them.
AFTER_A_PROJECT = [action_event("action_show_project"), action_event("action_listen")]


def project_json(project_id: str = "sco-plaza-area", name: str = "SCO Plaza Area", **overrides):
    data = {
        "id": project_id,
        "name": name,
        "sectors": ["headquarters_economy", "infrastructure"],
        "sector_labels": ["Headquarters economy", "Infrastructure"],
        "district": None,
        "district_label": "not disclosed",
        "status": "signed",
        "status_label": "Signed",
        "investment_cny": None,
        "investment_label": "not disclosed",
        "summary": "Signed at the hub's opening conference.",
        "source": "000_2cccb1eb8e631a90.txt",
        "source_label": FIRST_RELEASE,
    }
    return {**data, **overrides}


#: A project of Pingdu, the one the catalogue lists there.
PINGDU = project_json("pingdu-new-economy-city", "Pingdu New Economy Industrial City")


def page_json(items, total=None, page=1, page_size=3, filters=()):
    return {
        "items": list(items),
        "total": len(items) if total is None else total,
        "page": page,
        "page_size": page_size,
        "filters": list(filters),
    }


def serve_search(catalogue: RequestsMock, query: dict[str, str], page: dict) -> None:
    """The catalogue answers a project search with exactly these query parameters."""
    catalogue.get(PROJECTS, match=[matchers.query_param_matcher(query)], json=page)


def figure_json(key: str, label: str, display: str, **overrides):
    data = {
        "key": key,
        "label": label,
        "value": 1.0,
        "unit": "projects",
        "unit_code": "projects",
        "qualifier": None,
        "display": display,
        "source": "000_2cccb1eb8e631a90.txt",
        "source_label": FIRST_RELEASE,
    }
    return {**data, **overrides}


def event_json(event_id: str, date_label: str, title: str, **overrides):
    data = {
        "id": event_id,
        "date": "2020-06-29",
        "date_label": date_label,
        "title": title,
        "summary": "An event of the hub.",
        "source": "000_2cccb1eb8e631a90.txt",
    }
    return {**data, **overrides}


def hub_json(figures=(), events=(), **overrides):
    data = {
        "name": "Hub",
        "summary": "A hub.",
        "source": "000_2cccb1eb8e631a90.txt, 001_0a785f59c5b8bd8c.txt",
        "source_label": f"{FIRST_RELEASE}; {SECOND_RELEASE}",
        "figures": list(figures),
        "events": list(events),
        "releases": [
            {
                "source": "000_2cccb1eb8e631a90.txt",
                "date": "2021-04-20",
                "date_label": "20 April 2021",
                "title": "Hub Recruits Customers Online",
            },
            {
                "source": "001_0a785f59c5b8bd8c.txt",
                "date": "2021-09-25",
                "date_label": "25 September 2021",
                "title": "Six Groups of Guests in One Day",
            },
        ],
    }
    return {**data, **overrides}


#: The hub with the opening's figures, Qingdao's population and the opening conference.
HUB_JSON = hub_json(
    figures=[
        figure_json("opening_signed_projects", "Projects signed at the opening", "10"),
        figure_json(
            "opening_signed_investment",
            "Their total investment",
            "42.7 billion yuan",
            unit="billion yuan",
            unit_code="billion_cny",
        ),
        figure_json("qingdao_population", "Qingdao's population", "9.5 million", unit="people"),
    ],
    events=[event_json("opening-conference-2020", "29 June 2020", "Opening conference")],
)

#: One of the hub's organisations, with a placeholder e-mail and no phone.
CONTACT_JSON = {
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
    "source": "001_0a785f59c5b8bd8c.txt",
    "source_label": SECOND_RELEASE,
}
