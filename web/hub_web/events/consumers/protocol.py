"""What every consumer of Rasa's event broker offers, and how long it waits after a failure."""

from __future__ import annotations

from typing import Protocol

#: The wait after a failed pass (SQL) or a lost connection (RabbitMQ) before trying again.
RETRY_SECONDS = 5.0


class EventConsumer(Protocol):
    """Reads Rasa's events from a broker into the console's store."""

    async def catch_up(self) -> int:
        """Apply the events the broker already has, now; return how many were applied."""
        ...

    async def run(self) -> None:
        """Apply events as they come, until cancelled; failures are logged and retried."""
        ...
