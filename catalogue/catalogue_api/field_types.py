"""Field types and checks shared by the JSON contract and the catalogue files.

Texts: one line or several, no control characters; blank optional texts count as absent.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import Annotated, Any

from email_validator import SPECIAL_USE_DOMAIN_NAMES, EmailNotValidError, validate_email
from pydantic import AfterValidator, BeforeValidator, Field, ValidationInfo, WithJsonSchema
from pydantic_core import PydanticCustomError

_PROJECT_ID = r"[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?"
PROJECT_ID_RE = re.compile(rf"^{_PROJECT_ID}$")
#: Digits, spaces, brackets, dots, dashes, an optional leading ``+``; 5 to 20 digits.
PHONE = r"\+?(?:\([ ().\-]*)?[0-9](?:[ ().\-]*[0-9]){4,19}"
PHONE_RE = re.compile(PHONE)
#: ISO 3166-1 alpha-2 country code, upper case (the list of codes is not checked).
COUNTRY_CODE_PATTERN = r"^[A-Z]{2}$"

# JSON-schema patterns of the texts below, for the OpenAPI document. Request texts are trimmed
# before they are checked (pydantic's ``str_strip_whitespace`` trims Unicode White_Space), and
# a blank optional text counts as absent (``str.isspace`` also counts \x1c-\x1f as blank).
_TRIMMED = r"\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_BLANK = _TRIMMED + r"\x1c-\x1f"
#: Unicode category Cc, refused in one-line texts; several lines may hold tabs and line breaks.
_CONTROL = r"\x00-\x1f\x7f-\x9f"
_CONTROL_BUT_LINE_BREAKS = r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
#: What :func:`single_line` and :func:`multi_line` accept (no anchors).
LINE = rf"[^{_CONTROL}]*"
LINES = rf"[^{_CONTROL_BUT_LINE_BREAKS}]*"
#: Unanchored: a text that is not blank (blank optional texts count as absent).
NOT_BLANK = rf"[^{_BLANK}]"
#: A text filter of a query: blank (no filter), or a text without control characters.
QUERY_TEXT_PATTERN = rf"^(?:[{_BLANK}]*|{LINE})$"


def trimmed_pattern(core: str, *, optional: bool = False) -> str:
    """A JSON-schema pattern of a request text whose trimmed value is matched by ``core``.

    Args:
        core: Regular expression of the trimmed text (no anchors).
        optional: Whether a blank text is allowed too (an optional text, then absent).

    Returns:
        The anchored pattern (valid in Python and ECMA-262 regular expressions).
    """
    text = f"[{_TRIMMED}]*{core}[{_TRIMMED}]*"
    return f"^(?:[{_BLANK}]*|{text})$" if optional else f"^{text}$"


#: A required one-line text: at least one character that is not whitespace.
REQUIRED_LINE_PATTERN = trimmed_pattern(f"{LINE}[^{_CONTROL}{_TRIMMED}]{LINE}")


#: Validation context of values read back from the database (``model_validate(row,
#: from_attributes=True, context=STORED)``): they were checked when they came in, and are shown
#: as stored, so the checks of a request's texts (lines, addresses, lengths) do not run again.
STORED: dict[str, bool] = {"stored": True}


def _on_intake(check: Callable[[Any], Any]) -> Callable[[Any, ValidationInfo], Any]:
    """``check`` for values sent in a request; a value read back (:data:`STORED`) passes."""

    def checked(value: Any, info: ValidationInfo) -> Any:
        if isinstance(info.context, dict) and info.context.get("stored"):
            return value
        return check(value)

    return checked


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


def _any_case(word: str) -> str:
    return "".join(f"[{ch}{ch.upper()}]" if ch.isalpha() else re.escape(ch) for ch in word)


#: JSON schema of what :func:`email_address` accepts: an address, not on a special-use domain.
EMAIL_SCHEMA: dict[str, Any] = {
    "format": "email",
    "not": {
        "pattern": rf"[.@](?:{'|'.join(map(_any_case, SPECIAL_USE_DOMAIN_NAMES))})[{_TRIMMED}]*$"
    },
}


def phone_number(value: str | None) -> str | None:
    """Check a phone number: digits, spaces, brackets, dots, dashes, optional ``+``; 5-20 digits."""
    if value is None:
        return None
    if not PHONE_RE.fullmatch(value):
        raise ValueError(
            "not a valid phone number: use digits, spaces, brackets, dots or dashes, "
            "optionally a leading +, with 5 to 20 digits"
        )
    return value


def _project_id(value: str) -> str:
    if not PROJECT_ID_RE.match(value):
        raise ValueError("a project id is lower-case letters, digits and dashes")
    return value


def _as_sent(max_length: int) -> BeforeValidator:
    """A length check of a text as sent, before it is trimmed (the schema's ``maxLength``)."""

    def check(value: Any) -> Any:
        if isinstance(value, str) and len(value) > max_length:
            raise PydanticCustomError(
                "string_too_long",
                "String should have at most {max_length} characters",
                {"max_length": max_length},
            )
        return value

    return BeforeValidator(_on_intake(check))


def optional_text(
    max_length: int,
    *checks: Callable[[str], str],
    core: str = LINE,
    schema_extra: dict[str, Any] | None = None,
) -> Any:
    """Type of an optional string: blank becomes ``None``; otherwise length-limited and checked.

    Args:
        max_length: Largest length, as sent.
        *checks: Validators run on the string, e.g. :func:`single_line`.
        core: Regular expression of what ``checks`` accept (for the JSON schema), e.g.
            :data:`LINE` for :func:`single_line`.
        schema_extra: More JSON-schema keywords of the string, e.g. :data:`EMAIL_SCHEMA`.

    Returns:
        An ``Annotated`` type for a pydantic field.
    """
    schema: dict[str, Any] = {
        "type": "string",
        "maxLength": max_length,
        "pattern": trimmed_pattern(core, optional=True),
        **(schema_extra or {}),
    }
    text_type: Any = Annotated[str, WithJsonSchema(schema)]
    for check in checks:
        text_type = Annotated[text_type, AfterValidator(_on_intake(check))]
    # Before-validators run last-declared first: the length as sent is checked before blanks.
    return Annotated[text_type | None, BeforeValidator(blank_to_none), _as_sent(max_length)]


def _required(max_length: int, check: Callable[[Any], Any], pattern: str) -> Any:
    """A required, non-blank string checked by ``check``, its schema holding ``pattern``."""
    schema = {"type": "string", "minLength": 1, "maxLength": max_length, "pattern": pattern}
    return Annotated[
        str,
        Field(min_length=1),
        AfterValidator(_on_intake(check)),
        _as_sent(max_length),
        WithJsonSchema(schema),
    ]


def required_line(max_length: int) -> Any:
    """Type of a required one-line string: at most ``max_length`` characters, not blank.

    Args:
        max_length: Largest length, as sent.

    Returns:
        An ``Annotated`` type for a pydantic field.
    """
    return _required(max_length, single_line, REQUIRED_LINE_PATTERN)


ProjectId = Annotated[
    str,
    AfterValidator(_on_intake(_project_id)),
    _as_sent(64),
    WithJsonSchema({"type": "string", "maxLength": 64, "pattern": trimmed_pattern(_PROJECT_ID)}),
]


#: A required text of one or several lines: at least one character that is not whitespace.
REQUIRED_TEXT_PATTERN = trimmed_pattern(f"{LINES}[^{_CONTROL}{_TRIMMED}]{LINES}")


def required_text(max_length: int) -> Any:
    """Type of a required text of one or several lines: at most ``max_length``, not blank.

    Args:
        max_length: Largest length, as sent.

    Returns:
        An ``Annotated`` type for a pydantic field.
    """
    return _required(max_length, multi_line, REQUIRED_TEXT_PATTERN)
