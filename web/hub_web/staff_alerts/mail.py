"""The e-mail of a staff alert, and sending it through SMTP (the standard library's smtplib).

The text is a template (``templates/email/staff_alert.txt``, its first line the subject); it
links the waiting conversation on the console's live-handoff page, or the lead. A lead that
names service types goes to the addresses of those types (``HUB_ALERT_EMAIL_BY_SERVICE``),
any other alert to ``HUB_ALERT_EMAIL``.
"""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Mapping
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from typing import Any

from jinja2 import Environment

from hub_web.settings import Settings
from hub_web.staff_alerts.store import WAITING
from hub_web.staff_labels import LANGUAGE_LABELS

SMTP_TIMEOUT_SECONDS = 15.0
TEMPLATE = "email/staff_alert.txt"


def recipients(settings: Settings, lead: Mapping[str, Any] | None) -> tuple[str, ...]:
    """The addresses of the lead's service types, else ``HUB_ALERT_EMAIL``."""
    chosen: list[str] = []
    for service in (lead or {}).get("services") or ():
        chosen.extend(settings.alert_email_by_service.get(str(service), ()))
    return tuple(dict.fromkeys(chosen)) or settings.alert_email


def console_link(settings: Settings, alert: Mapping[str, Any]) -> str:
    """Where staff answer: the conversation on the live-handoff page, or the lead."""
    base = settings.website_url
    if alert["kind"] == WAITING and alert.get("handle"):
        return f"{base}/console/handoffs#conversation-{alert['handle']}"
    if alert.get("lead_id") is not None:
        return f"{base}/console/leads/{alert['lead_id']}"
    return f"{base}/console/handoffs"


def compose(
    templates: Environment,
    settings: Settings,
    alert: Mapping[str, Any],
    lead: Mapping[str, Any] | None,
    to: tuple[str, ...],
) -> EmailMessage:
    """The alert's e-mail to ``to``."""
    schedule = settings.office_schedule
    since = alert.get("event_at")
    text = templates.get_template(TEMPLATE).render(
        alert=alert,
        lead=lead,
        link=console_link(settings, alert),
        language=LANGUAGE_LABELS.get(str((lead or {}).get("language")), "—"),
        since=schedule.local(since).strftime("%Y-%m-%d %H:%M") if since else None,
        office_hours=schedule.label("en"),
    )
    subject, _, body = text.lstrip().partition("\n")
    message = EmailMessage()
    message["Subject"] = subject.strip()
    message["From"] = settings.alert_from
    message["To"] = ", ".join(to)
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = make_msgid(domain=settings.alert_from.rpartition("@")[2] or None)
    message.set_content(body.strip() + "\n")
    return message


def send(settings: Settings, message: EmailMessage) -> None:
    """Hand ``message`` to the mail server (blocking).

    Raises:
        OSError: The server cannot be reached (``smtplib.SMTPException`` is one).
    """
    host = settings.smtp_host or ""
    context = ssl.create_default_context()
    client: smtplib.SMTP
    if settings.smtp_security == "tls":
        client = smtplib.SMTP_SSL(
            host, settings.smtp_port, timeout=SMTP_TIMEOUT_SECONDS, context=context
        )
    else:
        client = smtplib.SMTP(host, settings.smtp_port, timeout=SMTP_TIMEOUT_SECONDS)
    with client:
        if settings.smtp_security == "starttls":
            client.starttls(context=context)
        if settings.smtp_username:
            client.login(settings.smtp_username, settings.smtp_password or "")
        client.send_message(message)
