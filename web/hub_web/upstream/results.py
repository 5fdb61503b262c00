"""Typed answers of the upstream services."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class ConversationLeadCounts:
    """How many of some conversations the catalogue's leads name (its ``ConversationLeadCounts``).

    Attributes:
        conversations: Distinct conversation ids asked about.
        with_lead: Of them, those that at least one lead names.
        by_status: Lead status -> the conversations with at least one lead in that status.
    """

    conversations: int = 0
    with_lead: int = 0
    by_status: Mapping[str, int] = field(default_factory=dict)
