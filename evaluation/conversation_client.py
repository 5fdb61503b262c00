"""The stack as a conversation evaluation talks to it: the REST channel and the catalogue.

A `Conversation` is one visitor on the stack's REST channel (sending, tapping buttons, and
reading the lead form's requested slot from the tracker); `visible_text` is what a visitor
sees of the bot's messages. `project_names` and `leads_by_conversation` read what the
checks compare against from the catalogue API.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from typing import Any

import requests

from stack.profiles.default import Stack


def visible_text(messages: list[dict[str, Any]]) -> str:
    """Everything a visitor sees of the bot's messages: texts and button titles."""
    parts = []
    for message in messages:
        parts.append(message.get("text") or "")
        parts.extend(button.get("title", "") for button in message.get("buttons") or [])
    return "\n".join(part for part in parts if part)


class Conversation:
    """One visitor talking to the stack's REST channel."""

    def __init__(self, stack: Stack, conversation_id: str) -> None:
        self.stack = stack
        self.sender_id = f"eval-{conversation_id}-{uuid.uuid4().hex[:8]}"
        self.last_messages: list[dict[str, Any]] = []

    def send(self, text: str) -> list[dict[str, Any]]:
        response = requests.post(
            f"{self.stack.url('rasa')}/webhooks/rest/webhook",
            json={"sender": self.sender_id, "message": text},
            timeout=60,
        )
        response.raise_for_status()
        self.last_messages = response.json()
        return self.last_messages

    def button_payload(self, title: str) -> str | None:
        """The payload of the button the visitor taps: by its title, or a card's only button.

        A card ("China MCC17 ... / Details") is tapped by what it shows: a card that names
        the words and holds one button stands for that button.
        """
        wanted = title.casefold()
        for message in self.last_messages:
            for button in message.get("buttons") or []:
                if wanted in button.get("title", "").casefold():
                    return button.get("payload")
        for message in self.last_messages:
            buttons = message.get("buttons") or []
            if len(buttons) == 1 and wanted in (message.get("text") or "").casefold():
                return buttons[0].get("payload")
        return None

    def requested_slot(self) -> str | None:
        response = requests.get(
            f"{self.stack.url('rasa')}/conversations/{self.sender_id}/tracker",
            headers=self.stack.secrets.rasa_headers(),
            timeout=30,
        )
        response.raise_for_status()
        return response.json()["slots"].get("requested_slot")


def project_names(stack: Stack) -> dict[tuple[str, str], str]:
    """(project id, language) -> the project's name as the catalogue gives it."""
    names = {}
    for lang in ("en", "zh", "ru"):
        page = 1
        while True:
            response = requests.get(
                f"{stack.url('catalogue')}/projects",
                params={"lang": lang, "page": page, "page_size": 50},
                timeout=30,
            )
            response.raise_for_status()
            body = response.json()
            for project in body["items"]:
                names[(project["id"], lang)] = project["name"]
            if page * 50 >= body["total"]:
                break
            page += 1
    return names


def leads_by_conversation(stack: Stack) -> dict[str, list[dict[str, Any]]]:
    """Every stored lead, grouped by its conversation id."""
    leads: dict[str, list[dict[str, Any]]] = defaultdict(list)
    page = 1
    while True:
        response = requests.get(
            f"{stack.url('catalogue')}/staff/leads",
            params={"page": page, "page_size": 500},
            headers={"X-API-Key": stack.secrets.catalogue_api_key},
            timeout=30,
        )
        response.raise_for_status()
        items = response.json()["items"]
        for lead in items:
            leads[lead.get("conversation_id") or ""].append(lead)
        if len(items) < 500:
            return leads
        page += 1
