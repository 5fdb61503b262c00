"""Canonical codes shared with the NLU entities and the actions (docs/architecture.md).

Only codes live here; their labels for people live in ``data/labels.yaml``.
"""

from __future__ import annotations

from enum import StrEnum


class Language(StrEnum):
    """Languages the API answers in."""

    en = "en"
    zh = "zh"
    ru = "ru"


class Sector(StrEnum):
    """Project sectors."""

    infrastructure = "infrastructure"
    headquarters_economy = "headquarters_economy"
    medical = "medical"
    logistics = "logistics"
    digital_economy = "digital_economy"
    manufacturing = "manufacturing"
    trade = "trade"
    finance = "finance"
    industrial_park = "industrial_park"


class District(StrEnum):
    """Areas of Qingdao the seeds name."""

    jiaozhou = "jiaozhou"
    pingdu = "pingdu"
    scoda = "scoda"
    huanxiu_lake = "huanxiu_lake"
    xiushui_river = "xiushui_river"


class ProjectStatus(StrEnum):
    """Project status: contract signed, or company settled in Qingdao."""

    signed = "signed"
    settled = "settled"


class ServiceType(StrEnum):
    """Service types.

    The first eleven are the canonical list of docs/architecture.md. ``platform`` groups the
    platform functions the first press release names (exhibition, promotion, roadshow, contact,
    transaction); it is an addition of this API, documented in catalogue/README.md.
    """

    legal = "legal"
    visa = "visa"
    accounting = "accounting"
    audit = "audit"
    tax = "tax"
    company_registration = "company_registration"
    hr = "hr"
    living = "living"
    translation = "translation"
    banking = "banking"
    logistics = "logistics"
    platform = "platform"


class LeadStatus(StrEnum):
    """Lead workflow status."""

    new = "new"
    contacted = "contacted"
    qualified = "qualified"
    closed = "closed"


#: Allowed status changes: new -> contacted -> qualified | closed; any open status may close.
LEAD_TRANSITIONS: dict[LeadStatus, frozenset[LeadStatus]] = {
    LeadStatus.new: frozenset({LeadStatus.contacted, LeadStatus.closed}),
    LeadStatus.contacted: frozenset({LeadStatus.qualified, LeadStatus.closed}),
    LeadStatus.qualified: frozenset({LeadStatus.closed}),
    LeadStatus.closed: frozenset(),
}


def values(enum: type[StrEnum]) -> list[str]:
    """Return the codes of an enum, in declaration order.

    Args:
        enum: One of the code enums of this module.

    Returns:
        The list of code strings.
    """
    return [member.value for member in enum]
