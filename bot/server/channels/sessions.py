"""socket.io session ids that only the server issues, so that only their browser holds them.

Rasa's socket.io channel confirms whatever `session_id` a client asks for, and that id is
the conversation's sender id: anyone who knows or guesses a visitor's id is put in their
room and receives every bot and staff reply to them. Here the server issues every id: 32
random hex digits followed by the first 32 hex digits of their HMAC-SHA256 under a secret
of the stack (`SOCKETIO_SESSION_SECRET`, generated in `var/secrets.json`). A
`session_request` that presents an id the server did not issue gets a fresh session; a
message is accepted only for the session its socket was confirmed on.

The id is the visitor's credential: it is never logged in full (`short_id`), and the
console puts no sender id in its URLs.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets

from bot.settings import BotSettings

logger = logging.getLogger(__name__)

#: Random part and signature of an issued id, in hex digits (128 bits each).
NONCE_HEX_DIGITS = 32
SIGNATURE_HEX_DIGITS = 32
SESSION_ID_LENGTH = NONCE_HEX_DIGITS + SIGNATURE_HEX_DIGITS
#: How many leading characters of a sender id a log line shows.
LOGGED_ID_CHARS = 8
_HEX_DIGITS = frozenset("0123456789abcdef")
_PURPOSE = b"hub socket.io session id"


def session_key(settings: BotSettings) -> bytes:
    """The key that signs session ids: from `SOCKETIO_SESSION_SECRET`, else random.

    A random key (no secret configured) works for one process only: its sessions do not
    survive a restart, and a second process would not accept them.
    """
    secret = settings.socketio_session_secret
    if not secret:
        logger.warning(
            "SOCKETIO_SESSION_SECRET is not set: socket.io sessions end when this process does"
        )
        return secrets.token_bytes(32)
    return hmac.new(secret.get_secret_value().encode("utf-8"), _PURPOSE, hashlib.sha256).digest()


def _signature(key: bytes, nonce: str) -> str:
    return hmac.new(key, nonce.encode("ascii"), hashlib.sha256).hexdigest()[:SIGNATURE_HEX_DIGITS]


def issue_session_id(key: bytes) -> str:
    """A new session id: random hex digits and their signature."""
    nonce = secrets.token_hex(NONCE_HEX_DIGITS // 2)
    return nonce + _signature(key, nonce)


def is_issued(session_id: object, key: bytes) -> bool:
    """Whether `session_id` is one that this deployment issued (checked in constant time)."""
    if not isinstance(session_id, str) or len(session_id) != SESSION_ID_LENGTH:
        return False
    if not set(session_id) <= _HEX_DIGITS:
        return False
    nonce, signature = session_id[:NONCE_HEX_DIGITS], session_id[NONCE_HEX_DIGITS:]
    return hmac.compare_digest(signature, _signature(key, nonce))


def short_id(sender_id: object) -> str:
    """A sender id as logs show it: its first few characters, never the whole id."""
    text = str(sender_id)
    if len(text) <= LOGGED_ID_CHARS:
        return text[:2] + "…"
    return text[:LOGGED_ID_CHARS] + "…"
