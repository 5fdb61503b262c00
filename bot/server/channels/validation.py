"""What the input channels accept from a client, checked before Rasa reads it.

Pure functions, no Rasa server: the REST body, the socket.io events, the length of a
message and the language to refuse a long message in. A refused request raises
`InvalidRequest`, whose message is the developer-facing error the REST channel returns
as `{"error": "..."}` with HTTP 400.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, TypeGuard

import regex

from bot.server.channels.json_bounds import (
    MAX_BODY_BYTES,
    MAX_JSON_DEPTH,
    MAX_METADATA_BYTES,
    MAX_METADATA_DEPTH,
    raw_json_depth,
    value_depth,
)
from hub_vocabulary import DEFAULT_LANGUAGE, LANGUAGES

#: The longest message, in characters, that the NLU reads; a longer one gets a short answer.
MAX_MESSAGE_LENGTH = 2000
#: The longest conversation id (Rasa's SQL tracker store keeps it in a VARCHAR(255)).
MAX_SENDER_LENGTH = 255
#: How many characters of a message decide its script.
SCRIPT_SAMPLE_LENGTH = MAX_MESSAGE_LENGTH

HAN = regex.compile(r"\p{Han}")
CYRILLIC = regex.compile(r"\p{Cyrillic}")


class InvalidRequest(ValueError):
    """A request that the channel refuses; the message says what is wrong with it."""


@dataclass(frozen=True)
class RestRequest:
    """The fields of a valid REST-channel body."""

    sender: str
    message: str
    metadata: dict[str, Any] | None = None
    input_channel: str | None = None


def read_rest_body(body: bytes | str) -> RestRequest:
    """Reads the body of a REST-channel request.

    Args:
        body: The raw request body.

    Returns:
        The checked fields.

    Raises:
        InvalidRequest: The body is not a JSON object, is larger or nested deeper than
            `json_bounds` allows, or a field has the wrong type.
    """
    if len(body) > MAX_BODY_BYTES:
        raise InvalidRequest(f"the body must be at most {MAX_BODY_BYTES} bytes")
    data = bounded_json(body, "the body")
    if not isinstance(data, dict):
        raise InvalidRequest("the body must be a JSON object")
    input_channel = data.get("input_channel")
    if input_channel is not None and not isinstance(input_channel, str):
        raise InvalidRequest("'input_channel' must be a string")
    return RestRequest(
        sender=checked_sender(data.get("sender"), "sender"),
        message=checked_message(data.get("message")),
        metadata=checked_metadata(data.get("metadata"), "metadata"),
        input_channel=input_channel,
    )


def bounded_json(raw: bytes | str, what: str, max_depth: int = MAX_JSON_DEPTH) -> Any:
    """Parses JSON text that nests at most `max_depth` deep (checked before parsing).

    Raises:
        InvalidRequest: The text is no JSON, or nests deeper.
    """
    try:
        text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
    except UnicodeDecodeError as error:
        raise InvalidRequest(f"{what} must be a JSON object") from error
    if raw_json_depth(text, max_depth) > max_depth:
        raise InvalidRequest(f"{what} must nest at most {max_depth} levels deep")
    try:
        return json.loads(text, object_pairs_hook=_without_duplicate_keys)
    except _DuplicateKey as error:
        raise InvalidRequest(f"{what} must not repeat the key {error}") from error
    except (ValueError, RecursionError) as error:
        raise InvalidRequest(f"{what} must be a JSON object") from error


class _DuplicateKey(Exception):
    """A JSON object names the same key twice (its message is the key, JSON-quoted)."""


def _without_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """An object's pairs as a dict, refusing a repeated key.

    HAProxy routes a REST message by the first `sender` of its body and Python would read
    the last: with two, one conversation could run on both Rasa processes at once.
    """
    data = dict(pairs)
    if len(data) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _DuplicateKey(json.dumps(key[:40]))
            seen.add(key)
    return data


def checked_message(message: object) -> str:
    """The message text, which must be a string (it may be longer than Rasa reads).

    Raises:
        InvalidRequest: The message is missing or not a string.
    """
    if not isinstance(message, str):
        raise InvalidRequest("'message' must be a string")
    _check_unicode(message, "message")
    return message


def checked_sender(sender: object, field: str) -> str:
    """The conversation id: a non-blank string of at most `MAX_SENDER_LENGTH` characters.

    Raises:
        InvalidRequest: The id is missing, blank, not a string or too long.
    """
    if not isinstance(sender, str) or not sender.strip():
        raise InvalidRequest(f"'{field}' must be a non-empty string")
    if len(sender) > MAX_SENDER_LENGTH:
        raise InvalidRequest(f"'{field}' must be at most {MAX_SENDER_LENGTH} characters")
    _check_unicode(sender, field)
    return sender


def checked_metadata(metadata: object, field: str) -> dict[str, Any] | None:
    """The message's metadata: absent, null or a JSON object within `json_bounds`' limits.

    Raises:
        InvalidRequest: The metadata is something else, nests deeper than
            `MAX_METADATA_DEPTH` or is larger than `MAX_METADATA_BYTES`.
    """
    if metadata is not None and not isinstance(metadata, dict):
        raise InvalidRequest(f"'{field}' must be a JSON object")
    if not metadata:
        return metadata
    if value_depth(metadata, MAX_METADATA_DEPTH) > MAX_METADATA_DEPTH:
        raise InvalidRequest(f"'{field}' must nest at most {MAX_METADATA_DEPTH} levels deep")
    try:
        text = json.dumps(metadata, ensure_ascii=False, separators=(",", ":"))
    except (TypeError, ValueError) as error:  # e.g. a NaN or a key JSON cannot have
        raise InvalidRequest(f"'{field}' must be a JSON object") from error
    _check_unicode(text, field)
    if len(text.encode("utf-8")) > MAX_METADATA_BYTES:
        raise InvalidRequest(f"'{field}' must be at most {MAX_METADATA_BYTES} bytes")
    return metadata


def _check_unicode(text: str, field: str) -> None:
    """Refuses text that no UTF-8 store can keep: JSON may spell a lone surrogate (U+D800)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        raise InvalidRequest(f"'{field}' must be valid Unicode text") from error


def checked_socketio_message(
    data: object, *, metadata_key: str, session_persistence: bool
) -> dict[str, Any]:
    """The `user_uttered` event's data as Rasa's socket.io channel reads it.

    Args:
        data: What the client emitted.
        metadata_key: The key of the metadata (the channel's `metadata_key`).
        session_persistence: Whether the conversation id is the event's `session_id`
            (otherwise it is the socket's id).

    Returns:
        A clean copy: the message, the session id and the metadata as an object.

    Raises:
        InvalidRequest: The data is not an object, the message not a string, the session
            id missing or invalid, or the metadata neither an object nor one in JSON.
    """
    if not isinstance(data, dict):
        raise InvalidRequest("the event data must be an object")
    if value_depth(data, MAX_JSON_DEPTH) > MAX_JSON_DEPTH:
        raise InvalidRequest(f"the event data must nest at most {MAX_JSON_DEPTH} levels deep")
    checked: dict[str, Any] = {"message": checked_message(data.get("message"))}
    if session_persistence:
        checked["session_id"] = checked_sender(data.get("session_id"), "session_id")
    metadata = data.get(metadata_key)
    if isinstance(metadata, str):  # Rasa's channel accepts metadata as a JSON string
        if len(metadata) > MAX_METADATA_BYTES:
            raise InvalidRequest(f"'{metadata_key}' must be at most {MAX_METADATA_BYTES} bytes")
        metadata = bounded_json(metadata, f"'{metadata_key}'", MAX_METADATA_DEPTH)
    checked[metadata_key] = checked_metadata(metadata, metadata_key) or {}
    return checked


def checked_session_request(data: object) -> dict[str, Any]:
    """The `session_request` event's data: a valid session id to continue, or None.

    An invalid or missing id asks for a new session rather than failing.
    """
    session_id = data.get("session_id") if isinstance(data, dict) else None
    try:
        return {"session_id": checked_sender(session_id, "session_id")}
    except InvalidRequest:
        return {"session_id": None}


def is_too_long(text: str) -> bool:
    """Whether a message is longer than the NLU reads."""
    return len(text) > MAX_MESSAGE_LENGTH


def script_language(text: str) -> str:
    """The language a message's script suggests: Han is zh, Cyrillic ru, anything else en.

    Only the first `SCRIPT_SAMPLE_LENGTH` characters are read.
    """
    sample = text[:SCRIPT_SAMPLE_LENGTH]
    han = len(HAN.findall(sample))
    cyrillic = len(CYRILLIC.findall(sample))
    if han == cyrillic == 0:
        return DEFAULT_LANGUAGE
    return "zh" if han >= cyrillic else "ru"


def is_language(code: object) -> TypeGuard[str]:
    """Whether a value is one of the languages the assistant speaks."""
    return code in LANGUAGES
