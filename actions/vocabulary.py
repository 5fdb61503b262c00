"""Canonical codes the NLU entities map to, as the catalogue API knows them.

The codes are defined once, in `hub_vocabulary`; the actions check values against them,
so that a word picked up by mistake never becomes a filter the API rejects.
"""

from __future__ import annotations

from hub_vocabulary import DISTRICTS as DISTRICT_CODES
from hub_vocabulary import PLATFORM_SERVICE as PLATFORM_SERVICE
from hub_vocabulary import SECTORS as SECTOR_CODES
from hub_vocabulary import SERVICE_TYPES as SERVICE_TYPE_CODES

SECTORS = frozenset(SECTOR_CODES)
DISTRICTS = frozenset(DISTRICT_CODES)
SERVICE_TYPES = frozenset(SERVICE_TYPE_CODES)
ANY_VALUE = "any"
