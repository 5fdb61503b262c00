"""The chat widget's configuration on every public page (``widget_config`` of the templates).

The widget (``static/js/chat-widget.js``) reads it as JSON: the Rasa server's public URL, the
page's language and widget texts, where ratings go, and where the answers' source links
lead: each language's Sources page and the anchor of each release, by the seed file name
that the bot's messages name (``source.releases``: the seed file's name without its
extension, see ``bot/channels/widget_data.py``); a page never carries a file name.
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Any

from fastapi import Request

from hub_web.content import PAGES
from hub_web.sources_content import PRESS_RELEASES

INIT_PAYLOAD = "/greet"


def widget_config(request: Request, language: str, sources_path: str) -> dict[str, Any]:
    """The widget's configuration for a page in ``language``.

    Args:
        request: The page's request (for the app's settings and routes).
        language: The page's language.
        sources_path: That language's Sources page, where source links lead.

    Returns:
        ``{rasaUrl, language, initPayload, feedbackUrl, officeHoursUrl, text, sources:
            {path, anchors}}``.
    """
    settings = request.app.state.settings
    return {
        "rasaUrl": settings.rasa_public_url,
        "language": language,
        "initPayload": INIT_PAYLOAD,
        "feedbackUrl": request.app.url_path_for("chat_feedback"),
        "officeHoursUrl": request.app.url_path_for("chat_office_hours"),
        "text": PAGES[language].widget,
        "sources": {
            "path": sources_path,
            "anchors": {
                PurePosixPath(release.seed_file).stem: release.anchor for release in PRESS_RELEASES
            },
        },
    }
