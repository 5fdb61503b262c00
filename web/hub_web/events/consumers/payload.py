"""One broker row's or message's payload, read into an event the console can store."""

from __future__ import annotations

import json
from typing import Any

NOT_AN_OBJECT = "not a JSON object"


def parse_event(raw: str | bytes | None, sender_id: str | None = None) -> dict[str, Any] | None:
    """The event's JSON object, with ``sender_id`` filled from the row if missing.

    Returns:
        The event, or ``None`` when the payload is not a JSON object.
    """
    try:
        event = json.loads(raw or b"")
    except ValueError:
        return None
    if not isinstance(event, dict):
        return None
    if sender_id and not event.get("sender_id"):
        event["sender_id"] = sender_id
    return _storable(event)


def read_event(raw: str | bytes | None, sender_id: str | None = None) -> dict[str, Any] | str:
    """The event of a broker row or message, or why it cannot be read.

    Never raises: a payload nested too deep for ``json`` (``RecursionError``) is a reason
    like any other.

    Returns:
        The event (see :func:`parse_event`), or a short reason without the payload's content.
    """
    try:
        event = parse_event(raw, sender_id)
    except Exception as error:  # RecursionError, MemoryError of a hostile payload, ...
        return type(error).__name__
    return NOT_AN_OBJECT if event is None else event


def _storable(value: Any) -> Any:
    """``value`` with lone surrogates (valid in JSON, not in UTF-8) replaced by ``?``."""
    if isinstance(value, str):
        return value.encode("utf-8", "replace").decode("utf-8")
    if isinstance(value, dict):
        return {_storable(key): _storable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_storable(item) for item in value]
    return value
