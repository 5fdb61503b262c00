"""Telling staff that a visitor waits for a person or that a lead arrived.

- :mod:`~hub_web.staff_alerts.store`: the alerts, found in the console's event log (a
  ``pause`` event is a visitor starting to wait, a ``lead_id`` slot a new lead), kept in the
  console's database with their e-mail's state (the outbox);
- :mod:`~hub_web.staff_alerts.mail`: the e-mail of an alert, sent through SMTP;
- :mod:`~hub_web.staff_alerts.service`: the background task that finds alerts and sends their
  e-mails, retried with backoff while the mail server is down, in the web app's lifespan.

The console's badge, notifications and sound read the alerts through
:mod:`hub_web.console.alerts`.
"""
