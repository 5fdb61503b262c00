"""Canonical codes the NLU entities map to, as the catalogue API knows them.

The API checks them too (docs/architecture.md); the actions check first, so that a word
the entity extractor picked up by mistake never becomes a filter the API rejects.
"""

from __future__ import annotations

SECTORS = frozenset(
    {
        "infrastructure",
        "headquarters_economy",
        "medical",
        "logistics",
        "digital_economy",
        "manufacturing",
        "trade",
        "finance",
        "industrial_park",
    }
)
DISTRICTS = frozenset({"jiaozhou", "pingdu", "scoda", "huanxiu_lake", "xiushui_river"})
SERVICE_TYPES = frozenset(
    {
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
    }
)
#: Entity value that clears a filter (sent by the "All projects" button).
ANY_VALUE = "any"
