"""Staff console: sign-in, leads, live handoff and charts, plus its JSON API.

Every route except sign-in depends on :data:`~hub_web.console.deps.StaffUser`, so nothing here
is reachable without a staff session (pages redirect to sign-in, ``/console/api/`` answers
401). Upstream failures are turned into error pages by one exception handler in
:mod:`hub_web.app`.
"""

from __future__ import annotations

from fastapi import APIRouter

from hub_web.console import (
    alerts,
    analytics_routes,
    api,
    auth,
    charts,
    content,
    handoffs,
    leads,
    privacy,
    projects,
    review,
)

router = APIRouter()
for _module in (
    auth,
    leads,
    privacy,
    handoffs,
    charts,
    analytics_routes,
    review,
    projects,
    content,
    api,
    alerts,
):
    router.include_router(_module.router)

__all__ = ["router"]
