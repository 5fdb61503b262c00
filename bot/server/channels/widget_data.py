"""What the website's widget learns about each answer besides its text (socket.io only).

Rasa's socket.io output sends a message's text, buttons or custom payload and nothing else.
`MessageIdOutput` adds, from the bot event it sends:

- `lang`: the language the message is written in (`en`, `zh`, `ru`): the `language` slot
  value of the response variation Rasa chose (its `condition`). Absent for messages that are
  not a language variation (staff replies, the multilingual refusal).
- `answer`: whether the message answers the visitor (`true`) or asks them something or
  greets them (`false`): the widget offers ratings on answers only.
- `handoff`: `"started"` on the message that says a member of staff will answer
  (`utter_handoff_started`: the bot is paused from here) and `"ended"` on the one that says
  the bot is back (`utter_handoff_ended`, sent when staff hand the chat back). The widget then
  stops showing a typing indicator, tells the visitor the office hours, and says when a person
  joins.
- `source`: on the part of the text that holds the answer's one-line source ("Source: press
  release, 20 Apr 2021"): `{"line": that line, "label": the catalogue's label(s) in it,
  "releases": [release id, ...]}`, a release's id being its seed file's name without the
  extension (`000_2cccb1eb8e631a90`): pages never carry a file name. The actions pass
  `source` and `source_releases` with the response (`actions/sources.py`). The line is kept
  in the same socket.io message as the paragraph before it, so the widget can show it under
  that text, never on its own.
  Other channels get the same text, the line at its end.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from typing import Any

#: The slot whose value a response variation's `condition` names: the reply language.
LANGUAGE_SLOT = "language"
LANGUAGES = frozenset({"en", "zh", "ru"})
#: Responses that ask or greet rather than answer, or only introduce the answer that follows:
#: a form's questions and its "that is not valid" repeats, the greetings, a search's or the
#: contacts' header.
NOT_ANSWERS = re.compile(r"^utter_(?:ask_|invalid_lead_|greet|projects_found|contacts_header)")
#: The responses that start and end a wait for a person, and what the widget is told.
HANDOFF_RESPONSES = {"utter_handoff_started": "started", "utter_handoff_ended": "ended"}
#: How Rasa's socket.io output cuts a text into messages.
PARAGRAPH = "\n\n"


def message_language(message: dict[str, Any]) -> str | None:
    """The language of a bot message: its response variation's `language` condition."""
    for condition in message.get("condition") or ():
        if (
            isinstance(condition, dict)
            and condition.get("name") == LANGUAGE_SLOT
            and condition.get("value") in LANGUAGES
        ):
            return str(condition["value"])
    return None


def is_answer(message: dict[str, Any]) -> bool:
    """False for a question or a greeting (by its response's name), true otherwise."""
    action = message.get("utter_action") or message.get("response") or ""
    return not (isinstance(action, str) and NOT_ANSWERS.match(action))


def source_of(message: dict[str, Any]) -> dict[str, Any] | None:
    """The answer's source line, label and release ids, if its text holds the line."""
    label, text = message.get("source"), message.get("text")
    if not (isinstance(label, str) and label and isinstance(text, str)):
        return None
    line = next((part for part in text.split(PARAGRAPH) if label in part), None)
    if line is None:
        return None
    releases = message.get("source_releases") or []
    return {
        "line": line.strip(),
        "label": label,
        "releases": [release_id(release) for release in releases if isinstance(release, str)],
    }


def release_id(seed_file: str) -> str:
    """A release's id for the widget: its seed file's name without the extension."""
    return PurePosixPath(seed_file.strip()).stem


def keep_source_with_previous(text: str, source: dict[str, Any] | None) -> str:
    """The text with its source line joined to the paragraph before it (one message)."""
    if not source:
        return text
    parts = text.split(PARAGRAPH)
    index = next((i for i, part in enumerate(parts) if part.strip() == source["line"]), None)
    if not index:
        return text
    parts[index - 1 : index + 1] = [parts[index - 1] + "\n" + parts[index]]
    return PARAGRAPH.join(parts)


def widget_fields(message: dict[str, Any]) -> dict[str, Any]:
    """`lang`, `answer` and, when it starts or ends a handoff, `handoff` for a bot event."""
    fields: dict[str, Any] = {"answer": is_answer(message)}
    handoff = HANDOFF_RESPONSES.get(str(message.get("utter_action") or ""))
    if handoff:
        fields["handoff"] = handoff
    language = message_language(message)
    if language:
        fields["lang"] = language
    return fields
