"""Bounds on the JSON a client sends: depth and size, of the body and of `metadata`
(issue 18, finding 1)."""

from __future__ import annotations

import json
import time

import pytest

from bot.server.channels.json_bounds import (
    MAX_BODY_BYTES,
    MAX_JSON_DEPTH,
    MAX_METADATA_BYTES,
    MAX_METADATA_DEPTH,
    raw_json_depth,
    value_depth,
)
from bot.server.channels.validation import InvalidRequest, checked_socketio_message, read_rest_body


def nested(depth: int) -> dict:
    """`{"a": {"a": ... 1}}`, `depth` objects deep, built without recursion."""
    value: object = 1
    for _ in range(depth):
        value = {"a": value}
    return value  # type: ignore[return-value]


def nested_text(depth: int) -> str:
    return '{"a":' * depth + "1" + "}" * depth


def rest_body(metadata_text: str) -> bytes:
    return f'{{"sender": "v", "message": "hi", "metadata": {metadata_text}}}'.encode()


def socketio_event(metadata: object) -> dict:
    return {"message": "hi", "session_id": "s", "metadata": metadata}


def check_socketio(data: object) -> dict:
    return checked_socketio_message(data, metadata_key="metadata", session_persistence=True)


@pytest.mark.parametrize(
    ("text", "depth"),
    [
        ("1", 0),
        ("[]", 1),
        ('{"a": [1, {"b": 2}]}', 3),
        ('{"a": "[[[[{{{{"}', 1),  # brackets in strings do not count
        ('["\\"[[", ["x"]]', 2),  # nor do escaped quotes end a string
        ("[[", MAX_JSON_DEPTH + 1),  # unbalanced
        ("[" * 1_000_000, MAX_JSON_DEPTH + 1),
    ],
)
def test_raw_json_depth_is_measured_without_parsing(text, depth):
    assert raw_json_depth(text, MAX_JSON_DEPTH) == depth


def test_value_depth_walks_any_depth_without_recursion():
    assert value_depth(nested(100_000), MAX_JSON_DEPTH) == MAX_JSON_DEPTH + 1
    assert value_depth({"a": [1, {"b": []}]}, MAX_JSON_DEPTH) == 4
    assert value_depth("text", MAX_JSON_DEPTH) == 0


@pytest.mark.parametrize("depth", [MAX_JSON_DEPTH, 1_000, 100_000])
def test_a_body_nested_too_deep_is_refused_not_a_recursion_error(depth):
    body = f'{{"sender": "v", "message": "hi", "extra": {"[" * depth}{"]" * depth}}}'.encode()
    with pytest.raises(InvalidRequest, match="levels deep"):
        read_rest_body(body)


def test_a_hostile_body_is_refused_quickly():
    started = time.perf_counter()
    for body in [b"[" * MAX_BODY_BYTES, ('"' + '\\"' * (MAX_BODY_BYTES // 2 - 1)).encode()]:
        with pytest.raises(InvalidRequest):
            read_rest_body(body)
    assert time.perf_counter() - started < 2


def test_a_body_over_the_size_limit_is_refused():
    with pytest.raises(InvalidRequest, match="at most"):
        read_rest_body(json.dumps({"sender": "v", "message": "a" * MAX_BODY_BYTES}).encode())


@pytest.mark.parametrize("depth", [MAX_METADATA_DEPTH + 1, 900])
def test_rest_metadata_nested_too_deep_is_refused(depth):
    with pytest.raises(InvalidRequest, match="levels deep"):
        read_rest_body(rest_body(nested_text(depth)))


def test_rest_metadata_within_the_limits_is_read():
    body = rest_body(nested_text(MAX_METADATA_DEPTH - 1))
    assert value_depth(read_rest_body(body).metadata, 99) == MAX_METADATA_DEPTH - 1


def test_rest_metadata_over_the_size_limit_is_refused():
    big = json.dumps({"language": "en", "pad": "x" * MAX_METADATA_BYTES})
    with pytest.raises(InvalidRequest, match="'metadata' must be at most"):
        read_rest_body(rest_body(big))


@pytest.mark.parametrize(
    "metadata",
    [
        nested(MAX_METADATA_DEPTH + 1),
        nested(900),
        nested_text(900),  # metadata as a JSON string, as Rasa's channel allows
        {"pad": "x" * MAX_METADATA_BYTES},
        "x" * (MAX_METADATA_BYTES + 1),
    ],
    ids=["17-deep", "900-deep", "900-deep-string", "too-large", "too-large-string"],
)
def test_socketio_metadata_over_the_limits_is_refused(metadata):
    with pytest.raises(InvalidRequest):
        check_socketio(socketio_event(metadata))


def test_socketio_event_nested_too_deep_is_refused():
    with pytest.raises(InvalidRequest, match="levels deep"):
        check_socketio({**socketio_event({}), "customData": nested(1_000)})


def test_the_widget_s_metadata_passes():
    data = socketio_event({"language": "zh"})
    assert check_socketio({**data, "customData": {"language": "zh"}})["metadata"] == {
        "language": "zh"
    }


def test_a_body_repeating_a_key_is_refused():
    """HAProxy routes by the first `sender`, Python reads the last: both must be one."""
    with pytest.raises(InvalidRequest, match='must not repeat the key "sender"'):
        read_rest_body(b'{"sender": "a", "message": "hi", "sender": "b"}')
