"""Field types and checks shared by the JSON contract and the catalogue files.

Texts: one line or several, no control characters; blank optional texts count as absent.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import Annotated, Any

from email_validator import EmailNotValidError, validate_email
from pydantic import AfterValidator, BeforeValidator, Field, StringConstraints

PROJECT_ID_RE = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$")
PHONE_RE = re.compile(r"^\+?[0-9(][0-9 ().\-]{3,38}[0-9]$")
#: ISO 3166-1 alpha-2 country code, upper case (the list of codes is not checked).
COUNTRY_CODE_PATTERN = r"^[A-Z]{2}$"


def blank_to_none(value: Any) -> Any:
    """Turn a blank string into ``None`` (an optional text left empty counts as absent)."""
    if isinstance(value, str) and not value.strip():
        return None
    return value


def single_line(value: str | None) -> str | None:
    """Reject control characters (NUL, line breaks, ...) in one-line texts."""
    if value is not None and any(unicodedata.category(ch) == "Cc" for ch in value):
        raise ValueError("must not contain control characters or line breaks")
    return value


def multi_line(value: str | None) -> str | None:
    """Reject control characters other than tab and line breaks."""
    if value is not None and any(
        unicodedata.category(ch) == "Cc" and ch not in "\t\r\n" for ch in value
    ):
        raise ValueError("must not contain control characters")
    return value


def email_address(value: str | None) -> str | None:
    """Check an e-mail address's syntax (no DNS look-up) and normalise its domain."""
    if value is None:
        return None
    try:
        return validate_email(value, check_deliverability=False).normalized
    except EmailNotValidError as exc:
        raise ValueError(f"not a valid e-mail address: {exc}") from None


def phone_number(value: str | None) -> str | None:
    """Check a phone number: digits, spaces, brackets, dots, dashes, optional ``+``; 5-20 digits."""
    if value is None:
        return None
    digits = sum(ch.isdigit() for ch in value)
    if not PHONE_RE.match(value) or digits < 5 or digits > 20:
        raise ValueError(
            "not a valid phone number: use digits, spaces, brackets, dots or dashes, "
            "optionally a leading +, with 5 to 20 digits"
        )
    return value


def _project_id(value: str) -> str:
    if not PROJECT_ID_RE.match(value):
        raise ValueError("a project id is lower-case letters, digits and dashes")
    return value


def optional_text(max_length: int, *checks: Callable[[str], str]) -> Any:
    """Type of an optional string: blank becomes ``None``; otherwise length-limited and checked.

    Args:
        max_length: Largest length (after stripping whitespace).
        *checks: Validators run on the string, e.g. :func:`single_line`.

    Returns:
        An ``Annotated`` type for a pydantic field.
    """
    text_type = Annotated[str, StringConstraints(max_length=max_length)]
    for check in checks:
        text_type = Annotated[text_type, AfterValidator(check)]
    return Annotated[text_type | None, BeforeValidator(blank_to_none)]


ProjectId = Annotated[str, Field(max_length=64), AfterValidator(_project_id)]
