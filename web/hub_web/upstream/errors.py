"""The one exception of the upstream clients: a service failed, refused or could not be reached."""

from __future__ import annotations

from typing import Any


class UpstreamError(Exception):
    """An upstream service failed or refused a request.

    Attributes:
        service: ``"catalogue"`` or ``"rasa"``.
        status_code: The upstream HTTP status, or ``None`` when it could not be reached.
        detail: A short explanation safe to show to staff.
    """

    def __init__(self, service: str, status_code: int | None, detail: str) -> None:
        super().__init__(f"{service}: {status_code} {detail}")
        self.service = service
        self.status_code = status_code
        self.detail = detail
        #: A refused request's field errors (409, 422 from the catalogue), else None.
        self.errors: list[dict[str, Any]] | None = None
