"""A small REST-channel client for the end-to-end tests."""

from __future__ import annotations

import uuid
from typing import Any

import requests

from stack.profiles.default import Stack


class Visitor:
    """One conversation with the bot over Rasa's REST channel."""

    def __init__(self, stack: Stack, name: str = "visitor") -> None:
        self.stack = stack
        self.sender_id = f"{name}-{uuid.uuid4().hex[:8]}"

    def say(self, text: str, **metadata: Any) -> list[dict[str, Any]]:
        response = requests.post(
            f"{self.stack.url('rasa')}/webhooks/rest/webhook",
            json={"sender": self.sender_id, "message": text, "metadata": metadata},
            timeout=30,
        )
        response.raise_for_status()
        return response.json()

    def texts(self, text: str, **metadata: Any) -> str:
        """Sends a message and returns everything the bot answered as one string."""
        return "\n".join(m.get("text", "") for m in self.say(text, **metadata))

    def tracker(self) -> dict[str, Any]:
        response = requests.get(
            f"{self.stack.url('rasa')}/conversations/{self.sender_id}/tracker",
            headers=self.stack.secrets.rasa_headers(),
            timeout=10,
        )
        response.raise_for_status()
        return response.json()

    def slot(self, name: str) -> Any:
        return self.tracker()["slots"].get(name)


def staff_leads(stack: Stack, **filters: str) -> list[dict[str, Any]]:
    response = requests.get(
        f"{stack.url('catalogue')}/staff/leads",
        params=filters,
        headers={"X-API-Key": stack.secrets.catalogue_api_key},
        timeout=10,
    )
    response.raise_for_status()
    return response.json()["items"]


def resume(stack: Stack, sender_id: str) -> None:
    response = requests.post(
        f"{stack.url('rasa')}/conversations/{sender_id}/tracker/events",
        headers=stack.secrets.rasa_headers(),
        json=[{"event": "resume"}],
        timeout=10,
    )
    response.raise_for_status()
