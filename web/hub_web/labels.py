"""Words a hub manager reads instead of the model's codes: intents, payloads, countries, time.

The console's staff read English (as the rest of the console's labels); country names come from
CLDR through Babel, in that language. The hub's days and hours are in its time zone
(``HUB_TIME_ZONE``, Qingdao's by default), not in UTC.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from datetime import datetime, tzinfo
from functools import cache
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from babel import Locale

from hub_web.office_hours import HUB_TIME_ZONE as DEFAULT_TIME_ZONE

if TYPE_CHECKING:
    from hub_web.settings import Settings
#: The language of the console's staff (country names in the filter and the lists).
STAFF_LOCALE = "en"
#: What each intent means to a hub manager; intents not listed are shown by :func:`intent_label`.
INTENT_LABELS = {
    "nlu_fallback": "Not understood",
    "out_of_scope": "Outside what the hub offers",
    "search_projects": "Looked for projects",
    "project_details": "Details",
    "ask_service": "Asked about a service",
    "ask_contact": "Asked for a contact",
    "ask_hub_info": "Asked about the hub",
    "request_human": "Asked for a person",
    "leave_contact": "Left contact details",
    "change_language": "Changed the language",
    "help": "Asked for help",
    "bot_challenge": "Asked whether it is a bot",
    "affirm": "Yes",
    "deny": "No",
    "greet": "Hello",
    "goodbye": "Goodbye",
    "thank": "Thanks",
}
#: Intents that only steer the dialogue (yes, no, hello): left out of the "top intents" chart.
DIALOGUE_ONLY_INTENTS = frozenset({"affirm", "deny", "greet", "goodbye", "thank"})
#: Words written in capitals wherever they appear in a label.
ACRONYMS = {"hr": "HR", "it": "IT", "vat": "VAT", "sco": "SCO"}
_PAYLOAD = re.compile(r"^/(?P<intent>[A-Za-z0-9_]+)(?P<entities>\{.*\})?$", re.DOTALL)


def hub_zone(name: str | None = None) -> tzinfo:
    """The hub's time zone (``name``, an IANA zone; Qingdao's when unset or unknown)."""
    try:
        return ZoneInfo(name or DEFAULT_TIME_ZONE)
    except (ValueError, KeyError):
        return ZoneInfo(DEFAULT_TIME_ZONE)


def zone_of(settings: Settings) -> tzinfo:
    """The hub's time zone of the website's settings (``HUB_TIME_ZONE``)."""
    return hub_zone(settings.hub_time_zone)


def utc_offset_minutes(zone: tzinfo, moment: datetime) -> int:
    """The zone's offset from UTC at ``moment``, in minutes (``480`` for Qingdao)."""
    offset = moment.astimezone(zone).utcoffset()
    return int(offset.total_seconds() // 60) if offset is not None else 0


def zone_label(zone: tzinfo) -> str:
    """How the zone is named on the pages: ``Qingdao time, UTC+8`` for Asia/Shanghai."""
    offset = utc_offset_minutes(zone, datetime.now(zone))
    hours, minutes = divmod(abs(offset), 60)
    sign = "+" if offset >= 0 else "-"
    utc = f"UTC{sign}{hours}" + (f":{minutes:02d}" if minutes else "")
    name = str(zone)
    return f"Qingdao time, {utc}" if name == DEFAULT_TIME_ZONE else f"{name}, {utc}"


def humanise(code: str) -> str:
    """``company_registration`` -> ``Company registration``; ``hr`` -> ``HR``."""
    words = [ACRONYMS.get(word.lower(), word) for word in code.replace("_", " ").split()]
    if not words:
        return code
    first = words[0]
    words[0] = first if first in ACRONYMS.values() else first[:1].upper() + first[1:]
    return " ".join(words)


def intent_label(intent: str) -> str:
    """What an intent means, in a manager's words (``nlu_fallback`` -> ``Not understood``)."""
    return INTENT_LABELS.get(intent) or humanise(intent)


@cache
def country_names() -> Mapping[str, str]:
    """Country names in the staff's language by ISO 3166-1 alpha-2 code (CLDR, via Babel)."""
    territories = Locale(STAFF_LOCALE).territories
    return {code: name for code, name in territories.items() if len(code) == 2 and code.isalpha()}


def country_name(code: str | None) -> str | None:
    """The name of an ISO code (``kz`` -> ``Kazakhstan``); ``None`` for an unknown code."""
    if not code:
        return None
    return country_names().get(code.strip().upper())


def country_choices(codes: Iterable[str] | None = None) -> list[tuple[str, str]]:
    """(code, name) for the country filter, sorted by name: ``codes`` only, or every country."""
    names = country_names()
    picked = names if codes is None else {code: names[code] for code in codes if code in names}
    return sorted(picked.items(), key=lambda item: item[1])


def _entity_values(text: str) -> dict[str, Any]:
    try:
        entities = json.loads(text)
    except ValueError:
        return {}
    return entities if isinstance(entities, dict) else {}


def payload_label(payload: str, names: Mapping[str, str] | None = None) -> str | None:
    """A readable rendering of a button payload, when no button title is known.

    ``/project_details{"project": "xinhong-medical-industry"}`` -> ``Details: Xinhong Medical
    Industry Investment`` (with that project's name in ``names``); ``None`` when ``payload`` is
    not a payload.
    """
    match = _PAYLOAD.match(payload.strip())
    if match is None:
        return None
    label = intent_label(match["intent"])
    values = []
    for value in _entity_values(match["entities"] or "").values():
        for item in value if isinstance(value, list) else [value]:
            text = str(item)
            values.append((names or {}).get(text) or humanise(text.replace("-", " ")))
    return f"{label}: {', '.join(values)}" if values else label


def button_title(payload: str, buttons: Iterable[Mapping[str, Any]]) -> str | None:
    """The title of the button (of the bot's previous message) that sent ``payload``."""
    for button in buttons:
        if button.get("payload") == payload and button.get("title"):
            return str(button["title"])
    return None


def bot_buttons(event: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The buttons of a bot event (``data.buttons``), as Rasa's event stream gives them."""
    data = event.get("data")
    buttons = data.get("buttons") if isinstance(data, Mapping) else None
    return [item for item in buttons or [] if isinstance(item, Mapping)]
