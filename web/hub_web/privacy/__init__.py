"""Visitors' personal data in the console: export, erasure, retention, and their audit log.

- :mod:`~hub_web.privacy.person`: one person's data across the services, exported or erased;
- :mod:`~hub_web.privacy.local_copies`: the console's own copies (its tables, the broker);
- :mod:`~hub_web.privacy.retention`: conversations without a lead, erased after a period;
- :mod:`~hub_web.privacy.audit`: who exported or erased what, and when.

:func:`running` wires them into the web app's lifespan; the pages are in
:mod:`hub_web.console.privacy`.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

from fastapi import FastAPI

from hub_web.privacy.audit import AuditLog, audit_key
from hub_web.privacy.local_copies import sql_broker_url
from hub_web.privacy.person import PersonalDataServices
from hub_web.privacy.retention import run_retention_periodically
from hub_web.settings import Settings


def make_services(app: FastAPI) -> PersonalDataServices:
    """The services of a started app (its upstream clients and console store) and its audit log."""
    settings: Settings = app.state.settings
    return PersonalDataServices(
        catalogue=app.state.catalogue,
        rasa=app.state.rasa,
        store=app.state.console_store,
        broker_url=sql_broker_url(settings),
        audit_log=AuditLog(app.state.console_store.engine, audit_key(settings)),
    )


@contextlib.asynccontextmanager
async def running(app: FastAPI) -> AsyncIterator[PersonalDataServices]:
    """Open the audit log, and run the retention every ``RETENTION_INTERVAL_HOURS`` meanwhile.

    Sets ``app.state.personal_data`` for the console's routes.
    """
    settings: Settings = app.state.settings
    services = make_services(app)
    app.state.personal_data = services
    task = None
    if settings.retention_days and settings.retention_interval_hours:
        task = asyncio.create_task(
            run_retention_periodically(
                services, settings.retention_days, settings.retention_interval_hours
            ),
            name="conversation-retention",
        )
    try:
        yield services
    finally:
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
