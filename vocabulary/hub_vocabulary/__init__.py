"""Canonical codes shared by the bot, the actions, the catalogue API and the website.

Only codes live here, never labels for people: those come from the catalogue API or the
Rasa domain, in every language. The package has no dependencies so that every deployable
can install it.
"""

from __future__ import annotations

#: Languages the assistant, the API and the website speak; the first is the default.
LANGUAGES: tuple[str, ...] = ("en", "zh", "ru")
DEFAULT_LANGUAGE = LANGUAGES[0]

SECTORS: tuple[str, ...] = (
    "infrastructure",
    "headquarters_economy",
    "medical",
    "logistics",
    "digital_economy",
    "manufacturing",
    "trade",
    "finance",
    "industrial_park",
)

#: The sector of a kind of site rather than of a trade: named with another ("logistics
#: parks"), the other one is meant.
SITE_SECTOR = "industrial_park"

#: Areas of Qingdao that the seeds name.
DISTRICTS: tuple[str, ...] = ("jiaozhou", "pingdu", "scoda", "huanxiu_lake", "xiushui_river")

#: A project's contract is signed, or the company has settled in Qingdao.
PROJECT_STATUSES: tuple[str, ...] = ("signed", "settled")

#: Service types visitors ask for (the NLU's `service` entity).
SERVICE_TYPES: tuple[str, ...] = (
    "legal",
    "visa",
    "accounting",
    "audit",
    "tax",
    "company_registration",
    "hr",
    "living",
    "translation",
    "banking",
    "logistics",
)
#: The platform functions (exhibition, promotion, roadshow, contact, transaction): a
#: catalogue service type that no visitor names as such.
PLATFORM_SERVICE = "platform"
CATALOGUE_SERVICE_TYPES: tuple[str, ...] = (*SERVICE_TYPES, PLATFORM_SERVICE)

#: What a question about a project or the hub is about (the NLU's `topic` entity).
TOPICS: tuple[str, ...] = (
    "investment",
    "location",
    "status",
    "profile",
    "events",
    "trade",
    "fact_sheet",
    "source",
    "date",
)
#: Topics that a question about one project can have.
PROJECT_TOPICS: tuple[str, ...] = ("investment", "location", "status", "profile")

#: A position in a list just shown (the NLU's `ordinal` entity): "1", "2", ... or "last".
LAST_ORDINAL = "last"

LEAD_STATUSES: tuple[str, ...] = ("new", "contacted", "qualified", "closed")
#: new -> contacted -> qualified, and any open status may close.
NEXT_LEAD_STATUSES: dict[str, tuple[str, ...]] = {
    "new": ("contacted", "closed"),
    "contacted": ("qualified", "closed"),
    "qualified": ("closed",),
    "closed": (),
}

# ---------------------------------------------------------------- leads

#: The longest text of each of a lead's texts, in characters as sent. The catalogue's schema
#: (``LeadBase``) and database columns and the lead form's checks all read them here.
LEAD_MAX_LENGTHS: dict[str, int] = {
    "name": 200,
    "company": 200,
    "country": 100,
    "email": 254,
    "phone": 40,
    "interest": 2000,
    "consent_text": 2000,
    "consent_version": 32,
    "conversation_id": 200,
    "client_reference": 128,
}

#: The lead form's slots (domain.yml, ``lead_form``) and the lead's field each fills; ``None``:
#: the slot fills several fields (``lead_contact``: ``email`` or ``phone``) or none
#: (``lead_consent``: the lead is sent only with consent).
LEAD_FORM_FIELDS: dict[str, str | None] = {
    "lead_name": "name",
    "lead_company": "company",
    "lead_country": "country",
    "lead_country_code": "country_code",
    "lead_contact": None,
    "lead_interest": "interest",
    "lead_consent": None,
}
LEAD_FORM_SLOTS: tuple[str, ...] = tuple(LEAD_FORM_FIELDS)

#: The input channels a lead comes through: Rasa's names of the website's chat (socket.io),
#: the REST channel and Telegram.
LEAD_CHANNELS: tuple[str, ...] = ("socketio", "rest", "telegram")

__all__ = [
    "CATALOGUE_SERVICE_TYPES",
    "DEFAULT_LANGUAGE",
    "DISTRICTS",
    "LANGUAGES",
    "LAST_ORDINAL",
    "LEAD_CHANNELS",
    "LEAD_FORM_FIELDS",
    "LEAD_FORM_SLOTS",
    "LEAD_MAX_LENGTHS",
    "LEAD_STATUSES",
    "NEXT_LEAD_STATUSES",
    "PLATFORM_SERVICE",
    "PROJECT_STATUSES",
    "PROJECT_TOPICS",
    "SECTORS",
    "SERVICE_TYPES",
    "TOPICS",
]
