"""The background task of staff alerts: find them, and e-mail them through an outbox.

Every ``HUB_ALERT_POLL_SECONDS`` the task turns new rows of the console's event log into
alerts (:func:`hub_web.staff_alerts.store.scan`) and, when ``SMTP_HOST`` is set, sends the
e-mails that are due. A mail server or catalogue that is down never touches the visitor's
conversation: the e-mail stays in the outbox and is tried again after a wait that doubles
(``HUB_ALERT_RETRY_SECONDS`` up to ``HUB_ALERT_RETRY_MAX_SECONDS``).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Mapping
from datetime import UTC, datetime
from functools import partial
from typing import Any

from fastapi import FastAPI
from jinja2 import Environment
from sqlalchemy.engine import Engine

from hub_web.console.deps import handle_of
from hub_web.settings import Settings
from hub_web.staff_alerts import mail
from hub_web.staff_alerts.store import (
    due_emails,
    mark_failed,
    mark_sent,
    mark_unsendable,
    scan,
)
from hub_web.upstream import CatalogueClient, UpstreamError

logger = logging.getLogger(__name__)
NO_RECIPIENT = "no recipient"


class AlertService:
    """Finds alerts and sends their e-mails for one running app."""

    def __init__(
        self,
        settings: Settings,
        engine: Engine,
        catalogue: CatalogueClient,
        templates: Environment,
    ) -> None:
        self.settings = settings
        self.engine = engine
        self.catalogue = catalogue
        self.templates = templates
        self.email = bool(settings.smtp_host)
        self._handle = partial(handle_of, settings.session_secret)

    async def tick(self) -> None:
        """One pass: new alerts, then the e-mails that are due."""
        await asyncio.to_thread(scan, self.engine, self._handle, email=self.email)
        if self.email:
            for alert in await asyncio.to_thread(due_emails, self.engine, datetime.now(UTC)):
                await self._deliver(alert)

    async def _lead(self, alert: Mapping[str, Any]) -> dict[str, Any] | None:
        """The alert's lead from the catalogue; ``None`` when it has none or it was erased."""
        if alert.get("lead_id") is None:
            return None
        try:
            return await self.catalogue.get_lead(int(alert["lead_id"]))
        except UpstreamError as error:
            if error.status_code == 404:
                return None
            raise

    async def _deliver(self, alert: Mapping[str, Any]) -> None:
        try:
            lead = await self._lead(alert)
            to = mail.recipients(self.settings, lead)
            if not to:
                logger.warning("staff alert %s has no recipient: set HUB_ALERT_EMAIL", alert["id"])
                await asyncio.to_thread(mark_unsendable, self.engine, alert["id"], NO_RECIPIENT)
                return
            message = mail.compose(self.templates, self.settings, alert, lead, to)
            await asyncio.to_thread(mail.send, self.settings, message)
        except (OSError, UpstreamError) as error:  # smtplib.SMTPException is an OSError
            gave_up = await asyncio.to_thread(
                mark_failed,
                self.engine,
                alert["id"],
                type(error).__name__,
                datetime.now(UTC),
                self.settings.alert_retry_seconds,
                self.settings.alert_retry_max_seconds,
            )
            log = logger.error if gave_up else logger.warning
            log(
                "staff alert %s not e-mailed (%s)%s",
                alert["id"],
                type(error).__name__,
                ", given up" if gave_up else "; it will be tried again",
            )
            return
        await asyncio.to_thread(mark_sent, self.engine, alert["id"], datetime.now(UTC))
        logger.info("staff alert %s e-mailed to %d address(es)", alert["id"], len(to))

    async def run(self) -> None:
        """Pass every ``HUB_ALERT_POLL_SECONDS`` until cancelled; a failed pass is logged."""
        while True:
            try:
                await self.tick()
            except Exception:  # keep the console up; try again at the next pass
                logger.exception("staff alerts: a pass failed")
            await asyncio.sleep(self.settings.alert_poll_seconds)


@contextlib.asynccontextmanager
async def running(app: FastAPI) -> AsyncIterator[AlertService]:
    """Create the alert tables and run the alert task while the app runs.

    Needs ``app.state.console_store`` and ``app.state.catalogue``; sets ``app.state.alerts``.
    """
    settings: Settings = app.state.settings
    engine = app.state.console_store.engine
    service = AlertService(settings, engine, app.state.catalogue, app.state.templates.env)
    app.state.alerts = service
    if not service.email:
        logger.info("staff alert e-mails are off: SMTP_HOST is not set")
    task = asyncio.create_task(service.run(), name="staff-alerts")
    try:
        yield service
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
