"""The checks of what a client sends: REST bodies, socket.io events, length and script."""

from __future__ import annotations

import json

import pytest

from bot.server.channels.validation import (
    MAX_MESSAGE_LENGTH,
    MAX_SENDER_LENGTH,
    InvalidRequest,
    RestRequest,
    checked_session_request,
    checked_socketio_message,
    is_too_long,
    read_rest_body,
    script_language,
)


def body(**fields: object) -> bytes:
    return json.dumps(fields).encode()


def test_a_valid_rest_body_is_read():
    read = read_rest_body(body(sender="v-1", message="hello", metadata={"language": "ru"}))
    assert read == RestRequest(sender="v-1", message="hello", metadata={"language": "ru"})


def test_a_long_message_is_still_a_valid_body():
    # The length is the guard's business: it answers instead of refusing with a 400.
    assert read_rest_body(body(sender="v", message="a" * 1_000_000)).message == "a" * 1_000_000


@pytest.mark.parametrize(
    ("raw", "error"),
    [
        (b"[1, 2]", "JSON object"),
        (b'"hello"', "JSON object"),
        (b"null", "JSON object"),
        (b"", "JSON object"),
        (b"not json", "JSON object"),
        (b"\xff\xfe", "JSON object"),
        (body(sender="v", message=None), "'message'"),
        (body(sender="v", message=5), "'message'"),
        (body(sender="v", message=["hi"]), "'message'"),
        (body(sender="v"), "'message'"),
        (body(message="hi"), "'sender'"),
        (body(sender="", message="hi"), "'sender'"),
        (body(sender="   ", message="hi"), "'sender'"),
        (body(sender=42, message="hi"), "'sender'"),
        (body(sender="v" * (MAX_SENDER_LENGTH + 1), message="hi"), "at most"),
        (body(sender="v", message="hi", metadata="ru"), "'metadata'"),
        (body(sender="v", message="hi", metadata=[1]), "'metadata'"),
        (body(sender="v", message="hi", input_channel=5), "'input_channel'"),
        # JSON can spell a lone surrogate, which no UTF-8 store (tracker, console) can keep.
        (b'{"sender": "v", "message": "\\ud800 x"}', "'message' must be valid Unicode"),
        (b'{"sender": "\\udfff", "message": "hi"}', "'sender' must be valid Unicode"),
        (b'{"sender": "v", "message": "hi", "metadata": {"a": "\\ud800"}}', "'metadata'"),
    ],
)
def test_an_invalid_rest_body_is_refused_with_a_reason(raw, error):
    with pytest.raises(InvalidRequest, match=error):
        read_rest_body(raw)


def test_null_metadata_is_no_metadata():
    assert read_rest_body(body(sender="v", message="hi", metadata=None)).metadata is None


def test_a_socketio_message_is_cleaned():
    data = {"message": "hi", "session_id": "s-1", "metadata": {"language": "zh"}, "customData": {}}
    checked = checked_socketio_message(data, metadata_key="metadata", session_persistence=True)
    assert checked == {"message": "hi", "session_id": "s-1", "metadata": {"language": "zh"}}


def test_socketio_metadata_may_be_json_text_or_missing():
    kwargs = {"metadata_key": "metadata", "session_persistence": False}
    as_text = {"message": "hi", "metadata": '{"language": "ru"}'}
    assert checked_socketio_message(as_text, **kwargs)["metadata"] == {"language": "ru"}
    assert checked_socketio_message({"message": "hi"}, **kwargs)["metadata"] == {}


@pytest.mark.parametrize(
    "data",
    [
        None,
        ["hi"],
        "hi",
        {"session_id": "s-1"},
        {"message": None, "session_id": "s-1"},
        {"message": 5, "session_id": "s-1"},
        {"message": "hi"},
        {"message": "hi", "session_id": ""},
        {"message": "hi", "session_id": {"id": 1}},
        {"message": "hi", "session_id": "s-1", "metadata": "{not json"},
        {"message": "hi", "session_id": "s-1", "metadata": [1]},
    ],
)
def test_an_invalid_socketio_message_is_refused(data):
    with pytest.raises(InvalidRequest):
        checked_socketio_message(data, metadata_key="metadata", session_persistence=True)


def test_without_session_persistence_no_session_id_is_needed():
    checked = checked_socketio_message(
        {"message": "hi"}, metadata_key="metadata", session_persistence=False
    )
    assert "session_id" not in checked


@pytest.mark.parametrize(
    ("data", "session_id"),
    [
        ({"session_id": "s-1"}, "s-1"),
        ({"session_id": None}, None),
        ({}, None),
        (None, None),
        ("garbage", None),
        ({"session_id": ["s-1"]}, None),
        ({"session_id": "s" * (MAX_SENDER_LENGTH + 1)}, None),
    ],
)
def test_a_session_request_continues_a_valid_session_or_starts_a_new_one(data, session_id):
    assert checked_session_request(data) == {"session_id": session_id}


def test_the_length_limit_is_inclusive():
    assert not is_too_long("a" * MAX_MESSAGE_LENGTH)
    assert is_too_long("a" * (MAX_MESSAGE_LENGTH + 1))


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("我想了解医疗项目" * 300, "zh"),
        ("我想了解醫療項目", "zh"),
        ("Расскажите о проектах " * 100, "ru"),
        ("Қазақстаннан жазып отырмын", "ru"),
        ("Tell me about the projects " * 100, "en"),
        ("1234567890 👍 !!!", "en"),
        ("Project 青岛 overview in English words", "zh"),
    ],
)
def test_script_language(text, language):
    assert script_language(text) == language
