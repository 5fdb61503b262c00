"""Pydantic models of the staff console's lead counts (``/staff/lead-counts``), in SQL, no cap.

``GET /staff/lead-counts`` counts the leads matching the filters per day, country, project,
service and channel. For ``POST /staff/lead-counts/conversations`` the console sends the
conversation ids (Rasa's sender ids) of its charts, a batch at a time; the catalogue counts, in
SQL, how many of them a lead names. The counts of batches of distinct ids add up, so there is
no cap on how many conversations a chart covers.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from catalogue_api.field_types import required_line
from hub_vocabulary import LEAD_MAX_LENGTHS


class KeyCount(BaseModel):
    """How many leads share one value (a day, a project id, a service type)."""

    key: str
    count: int


class CountryCount(BaseModel):
    """How many leads share a country: by its ISO code, or (without a code) as typed."""

    country_code: str | None = Field(description="ISO 3166-1 alpha-2 code; null: no code given")
    country: str | None = Field(description="The country as typed, for leads without a code")
    count: int


class LeadCounts(BaseModel):
    """Counts of the leads matching the filters, for the console's charts (no cap)."""

    total: int
    per_day: list[KeyCount] = Field(description="Per local day (`YYYY-MM-DD`), in day order")
    by_country: list[CountryCount] = Field(description="Largest first; null country: not given")
    by_project: list[KeyCount] = Field(description="Per project id a lead named, largest first")
    by_service: list[KeyCount] = Field(description="Per service type, largest first")
    by_channel: list[KeyCount] = Field(
        default_factory=list,
        description="Per input channel (`LeadChannel`), largest first; leads whose channel was "
        "not recorded are left out. Optional: answers of older versions lack it.",
    )


#: The most conversation ids one request may send: that many of the longest ids (200
#: characters) stay under the default body limit of 64 KiB. Send more in further requests.
MAX_CONVERSATION_IDS = 250


class ConversationIds(BaseModel):
    """The body of ``POST /staff/lead-counts/conversations``: ids to match leads against."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    conversation_ids: list[required_line(LEAD_MAX_LENGTHS["conversation_id"])] = Field(
        max_length=MAX_CONVERSATION_IDS,
        description="Conversation ids (Rasa sender ids); an id sent twice counts once. "
        "Send more in further requests: the counts of distinct ids add up.",
    )


class ConversationLeadCounts(BaseModel):
    """How many of the sent conversations the matching leads name (no cap)."""

    conversations: int = Field(description="Distinct conversation ids sent")
    with_lead: int = Field(description="Of them, those that at least one matching lead names")
    by_status: list[KeyCount] = Field(
        description="Per lead status, the sent conversations with at least one matching lead "
        "in that status (a conversation with leads in two statuses counts under both); "
        "largest first, then by status; statuses no such lead has are left out"
    )
