"""Rasa's event classes looked up by name in a table, not by walking every subclass each time.

Rasa 3.6's `Event.resolve_by_type` (used for every event it deserialises: each tracker read
from the tracker store, each answer of the action server) lists every subclass of `Event`,
recursively, checking each for abstract methods, to find the one class of the given
`type_name`: about 20 µs per event, 4.6 % of the Rasa server's samples under load (py-spy,
issue 23). `install()` (called by `bot.server.serve`) replaces it with a lookup in a table of
the same classes in the same order, the first class of each name winning as in Rasa's loop.
A name the table lacks makes it list the subclasses again (a class imported since), and
then it answers as Rasa does: None for "topic", the default, or `ValueError`.
"""

from __future__ import annotations

from typing import Any

import rasa.shared.utils.common
from rasa.shared.core.events import Event

_original_resolve_by_type = Event.resolve_by_type
_by_name: dict[str, type[Event]] = {}


def _table() -> dict[str, type[Event]]:
    """Every concrete subclass of `Event` by its `type_name`, the first one of a name kept."""
    table: dict[str, type[Event]] = {}
    for cls in rasa.shared.utils.common.all_subclasses(Event):
        table.setdefault(cls.type_name, cls)
    return table


def resolve_by_type(type_name: str, default: Any = None) -> type[Event] | None:
    """The event class of `type_name`, as Rasa's `Event.resolve_by_type` finds it.

    Raises:
        ValueError: No event class has that name, it is not "topic", and no default is given.
    """
    global _by_name
    found = _by_name.get(type_name)
    if found is None:
        _by_name = _table()
        found = _by_name.get(type_name)
    if found is not None:
        return found
    return _original_resolve_by_type(type_name, default)


def install() -> None:
    """Makes `Event.resolve_by_type` (and so every event deserialised) use the table."""
    Event.resolve_by_type = staticmethod(resolve_by_type)
