"""Projects as cards: one card each, with a button to its details, the source once."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rasa_sdk.executor import CollectingDispatcher

from actions.catalogue_types import Project
from actions.sources import citation


def project_card(
    dispatcher: CollectingDispatcher, project: Project, cited: dict[str, Any] | None = None
) -> None:
    """Sends one project as a card with a button to its details.

    Args:
        dispatcher: Where the card goes.
        project: The project.
        cited: The answer's ``citation`` when this card is the answer's last message.
    """
    dispatcher.utter_message(
        response="utter_project_card_sourced"
        if cited and cited["source"]
        else "utter_project_card",
        project_id=project.id,
        name=project.name,
        sectors=", ".join(project.sector_labels),
        district=project.district_label,
        status=project.status_label,
        **(cited or {}),
    )


def send_cards(
    dispatcher: CollectingDispatcher, projects: Sequence[Project], *, cite_last: bool = True
) -> dict[str, Any]:
    """Sends every project as a card, the last one with the sources of them all.

    Args:
        dispatcher: Where the cards go.
        projects: The projects, in order.
        cite_last: False when another message ("show more") closes the answer and carries
            the sources instead.

    Returns:
        The answer's ``citation``.
    """
    cited = citation(list(projects))
    last = len(projects) - 1
    for position, project in enumerate(projects):
        project_card(dispatcher, project, cited if cite_last and position == last else None)
    return cited
