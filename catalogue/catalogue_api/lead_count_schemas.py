"""Pydantic models of ``POST /staff/lead-counts/conversations``: leads matched to conversations.

The staff console sends the conversation ids (Rasa's sender ids) of its charts, a batch at a
time; the catalogue counts, in SQL, how many of them a lead names. The counts of batches of
distinct ids add up, so there is no cap on how many conversations a chart covers.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from catalogue_api.field_types import required_line
from catalogue_api.schemas import KeyCount
from hub_vocabulary import LEAD_MAX_LENGTHS

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
