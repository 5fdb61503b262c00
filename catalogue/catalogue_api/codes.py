"""Canonical codes as enums, built from the shared vocabulary (``hub_vocabulary``).

The codes themselves live in ``vocabulary/hub_vocabulary`` only, so the API, the bot and the
website cannot drift apart; this module turns them into ``StrEnum`` types for pydantic and
FastAPI (request validation, OpenAPI enums). Their labels for people live in
``data/labels.yaml``.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import TYPE_CHECKING

from hub_vocabulary import (
    CATALOGUE_SERVICE_TYPES,
    DISTRICTS,
    LANGUAGES,
    LEAD_CHANNELS,
    LEAD_STATUSES,
    NEXT_LEAD_STATUSES,
    PROJECT_STATUSES,
    SECTORS,
)


def _code_enum(name: str, codes: Iterable[str], doc: str) -> type[StrEnum]:
    """Build a ``StrEnum`` whose member names and values are ``codes``, in their order.

    Args:
        name: Name of the enum (the schema name in the OpenAPI document).
        codes: The codes.
        doc: Docstring (the schema description in the OpenAPI document).

    Returns:
        The enum type.
    """
    # mypy reads only a literal name here; the type above is what it needs to know.
    enum = StrEnum(name, {code: code for code in codes}, module=__name__, qualname=name)  # type: ignore[misc]
    enum.__doc__ = doc
    return enum


if TYPE_CHECKING:
    # The type checker cannot read members made at run time (below). To it each code enum is a
    # StrEnum of its own whose members it does not know: code names one by value,
    # LeadStatus("new"), never LeadStatus.new.

    class Language(StrEnum):
        """Languages the API answers in."""

    class Sector(StrEnum):
        """Project sectors."""

    class District(StrEnum):
        """Areas of Qingdao the seeds name."""

    class ProjectStatus(StrEnum):
        """Project status."""

    class ServiceType(StrEnum):
        """Service types."""

    class LeadStatus(StrEnum):
        """Lead workflow status."""

    class LeadChannel(StrEnum):
        """Input channel a lead came through."""

else:
    Language = _code_enum("Language", LANGUAGES, "Languages the API answers in.")
    Sector = _code_enum("Sector", SECTORS, "Project sectors.")
    District = _code_enum("District", DISTRICTS, "Areas of Qingdao the seeds name.")
    ProjectStatus = _code_enum(
        "ProjectStatus",
        PROJECT_STATUSES,
        "Project status: contract signed, or company settled in Qingdao.",
    )
    ServiceType = _code_enum(
        "ServiceType",
        CATALOGUE_SERVICE_TYPES,
        """Service types.

    The first eleven are the canonical list of docs/architecture.md. ``platform`` groups the
    platform functions the first press release names (exhibition, promotion, roadshow, contact,
    transaction); it is an addition of this API, documented in catalogue/README.md.
    """,
    )
    LeadStatus = _code_enum("LeadStatus", LEAD_STATUSES, "Lead workflow status.")
    LeadChannel = _code_enum(
        "LeadChannel",
        LEAD_CHANNELS,
        "Input channel a lead came through: the website's chat (`socketio`), the REST "
        "channel (`rest`) or Telegram (`telegram`).",
    )


#: Allowed status changes: new -> contacted -> qualified | closed; any open status may close.
LEAD_TRANSITIONS: dict[StrEnum, frozenset[StrEnum]] = {
    LeadStatus(status): frozenset(LeadStatus(following) for following in next_statuses)
    for status, next_statuses in NEXT_LEAD_STATUSES.items()
}


def values(enum: type[StrEnum]) -> list[str]:
    """Return the codes of an enum, in declaration order.

    Args:
        enum: One of the code enums of this module.

    Returns:
        The list of code strings.
    """
    return [member.value for member in enum]
