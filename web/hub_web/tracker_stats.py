"""Read-only statistics from Rasa's SQL tracker store (SQLite)."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

#: The latest ``language`` slot event of each conversation. Rasa's ``SQLTrackerStore`` keeps
#: the slot name of ``slot`` events in ``action_name``.
LATEST_LANGUAGE_SLOTS_SQL = """
SELECT events.data
FROM events
JOIN (
    SELECT sender_id, MAX(id) AS latest_id
    FROM events
    WHERE type_name = 'slot' AND action_name = 'language'
    GROUP BY sender_id
) AS latest ON latest.latest_id = events.id
"""
UNKNOWN_LANGUAGE = "unknown"


@dataclass(frozen=True)
class LanguageCounts:
    """Conversations per language, or why they could not be counted.

    Attributes:
        counts: Language code (or ``unknown``) mapped to the number of conversations.
        available: False when the tracker store could not be read.
        note: A short explanation for staff when ``available`` is False.
    """

    counts: dict[str, int]
    available: bool = True
    note: str = ""


def sqlite_path_from_url(url: str) -> Path | None:
    """Return the file path of a ``sqlite:///`` URL, or ``None`` for other databases.

    Args:
        url: A SQLAlchemy-style URL: ``sqlite:////abs/path.db`` or ``sqlite:///relative.db``.

    Returns:
        The database file's path, or ``None`` if the URL is not a file-based SQLite URL.
    """
    parts = urlsplit(url)
    if parts.scheme not in {"sqlite", "sqlite3"} or not parts.path or parts.path == "/":
        return None
    return Path(unquote(parts.path[1:]))


def conversations_per_language(tracker_db_url: str) -> LanguageCounts:
    """Count conversations by the latest value of their ``language`` slot.

    The database is opened read-only; a missing file, another database type or an unreadable
    schema yields an empty, unavailable result instead of an error.

    Args:
        tracker_db_url: ``RASA_TRACKER_DB_URL``.

    Returns:
        The counts.
    """
    path = sqlite_path_from_url(tracker_db_url)
    if path is None:
        return LanguageCounts({}, available=False, note="Only SQLite tracker stores can be read.")
    if not path.is_file():
        return LanguageCounts({}, available=False, note="No conversations have been stored yet.")
    uri = f"file:{quote(str(path.resolve()))}?mode=ro"
    try:
        with closing(sqlite3.connect(uri, uri=True, timeout=2.0)) as connection:
            rows = connection.execute(LATEST_LANGUAGE_SLOTS_SQL).fetchall()
    except sqlite3.Error:
        return LanguageCounts({}, available=False, note="The tracker store could not be read.")
    counts: dict[str, int] = {}
    for (raw_data,) in rows:
        try:
            value = json.loads(raw_data or "{}").get("value")
        except (ValueError, AttributeError):
            value = None
        language = value if isinstance(value, str) and value else UNKNOWN_LANGUAGE
        counts[language] = counts.get(language, 0) + 1
    return LanguageCounts(dict(sorted(counts.items())))
