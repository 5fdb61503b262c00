"""Rasa's event stream, folded into the console's own tables.

:mod:`hub_web.events.store` holds the tables and how an event changes them;
:mod:`hub_web.events.consumers` reads the event broker (SQL table or RabbitMQ queue). The web
app runs the configured consumer as a background task (see :func:`hub_web.app.create_app`).
"""

from hub_web.events.consumers import (
    EventConsumer,
    RabbitMQConsumer,
    SqlBrokerConsumer,
    make_consumer,
    running,
)
from hub_web.events.store import UNKNOWN_LANGUAGE, ConsoleStore, Conversation, apply_event

__all__ = [
    "UNKNOWN_LANGUAGE",
    "ConsoleStore",
    "Conversation",
    "EventConsumer",
    "RabbitMQConsumer",
    "SqlBrokerConsumer",
    "apply_event",
    "make_consumer",
    "running",
]
