"""The JSON schema of a request text says exactly what its validators accept."""

from __future__ import annotations

import re
from typing import Any

import pytest
from email_validator import SPECIAL_USE_DOMAIN_NAMES
from pydantic import BaseModel, ConfigDict, ValidationError

from catalogue_api.field_types import (
    EMAIL_SCHEMA,
    LINES,
    PHONE,
    ProjectId,
    email_address,
    multi_line,
    optional_text,
    phone_number,
    required_line,
    single_line,
)


class Texts(BaseModel):
    """One field of each text type, trimmed as the request bodies trim them."""

    model_config = ConfigDict(str_strip_whitespace=True)

    line: optional_text(10, single_line) = None
    lines: optional_text(10, multi_line, core=LINES) = None
    phone: optional_text(40, single_line, phone_number, core=PHONE) = None
    required: required_line(10) = "x"
    project: ProjectId = "p"


SAMPLES = [
    *("", " ", "\t \n", "\x1c", "\x85\u3000", " " * 11),
    *("a", " a ", "a\n", "\na", "\x85a\u2028", "a\nb", "a\tb", "a\x00", "\x7f", "a\x9f", "\x0bb"),
    *("\ufeffa", "a\u200b", "a" * 10, "a" * 11, " " * 5 + "a" * 6, "中文 текст"),
    *("12345", "1234", "1" * 20, "1" * 21, "+7 (700) 123-45-67", "(0532) 8888-8888"),
    *("((1 2 3 4 5", "+(12345", "12345)", " +12345\t", "12a45", "+ 12345", "1.2.3.4.5"),
    *("lantern-finance-tower", "-lantern", "Lantern", " moon-peach ", "a" * 64, "a" * 65),
]


def schema_accepts(field: str, value: str) -> bool:
    """Whether ``value`` satisfies the string schema of ``field`` (its ``null`` option aside)."""
    schema: dict[str, Any] = Texts.model_json_schema()["properties"][field]
    string = next(option for option in schema.get("anyOf", [schema]) if "pattern" in option)
    return (
        string.get("minLength", 0) <= len(value) <= string["maxLength"]
        and re.search(string["pattern"], value) is not None
    )


def validators_accept(field: str, value: str) -> bool:
    """Whether the field's validators take ``value``."""
    try:
        Texts.model_validate({field: value})
    except ValidationError:
        return False
    return True


@pytest.mark.parametrize("field", ["line", "lines", "phone", "required", "project"])
def test_schema_and_validators_agree(field: str) -> None:
    disagreements = [
        (value, validators_accept(field, value))
        for value in SAMPLES
        if schema_accepts(field, value) != validators_accept(field, value)
    ]
    assert disagreements == []


@pytest.mark.parametrize("domain", [*SPECIAL_USE_DOMAIN_NAMES, "Mail.TEST", "example.com"])
def test_email_schema_refuses_what_the_check_refuses(domain: str) -> None:
    address = f"anna@{domain}"
    try:
        email_address(address)
        accepted = True
    except ValueError:
        accepted = False
    assert accepted is (re.search(EMAIL_SCHEMA["not"]["pattern"], address) is None)
