"""The intents and entity types the intent rules name (`bot.nlu.entities.intents`).

The intents are the domain's (`domain.yml`); these are the ones the rules decide between.
"""

from __future__ import annotations

from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME

from bot.nlu.entities.reading import Reading

#: A bare position in the list just shown asks for that project (`is_short_reference`).
REFERENCE_INTENT = "project_details"
#: A message that asks to be contacted ("the 2nd one, have someone call me") is a request to
#: leave details, whatever else it names; asking for a person right now stays that.
CONTACT_INTENT = "leave_contact"
HUMAN_INTENT = "request_human"
KEPT_BEFORE_CONTACT = frozenset({CONTACT_INTENT, HUMAN_INTENT})
GOODBYE_INTENT = "goodbye"
THANK_INTENT = "thank"
AFFIRM_INTENT = "affirm"
#: Small talk that a question naming something the bot knows is not ("are both signed",
#: "where exactly", "u have smth in software?"): the classifier knows them from examples
#: that name nothing.
HELP_INTENT = "help"
BOT_CHALLENGE_INTENT = "bot_challenge"
SMALL_TALK_INTENTS = frozenset({AFFIRM_INTENT, BOT_CHALLENGE_INTENT, HELP_INTENT})
#: Below this confidence, a request to be contacted that is shaped as a question and holds
#: no words of contact ("and iran specifically?") is left to the fallback's follow-ups.
UNSURE_CONTACT_CONFIDENCE = 0.7
#: The intent that answers a message naming something, by the first type it names.
ANSWERING_INTENTS: tuple[tuple[str, str], ...] = (
    ("project", "project_details"),
    ("service", "ask_service"),
    ("sector", "search_projects"),
    ("district", "search_projects"),
    # A topic ("signed", "where") is read against what was just shown: the hub's answer
    # gives the project's when a project was (actions/hub.py).
    ("topic", "ask_hub_info"),
)
DENY_INTENT = "deny"
PROFILE_TOPIC = "profile"
HUB_INTENT = "ask_hub_info"
PROJECT_INTENT = "project_details"
SERVICE_INTENT = "ask_service"
SEARCH_INTENT = "search_projects"
ASK_CONTACT_INTENT = "ask_contact"
OUT_OF_SCOPE_INTENT = "out_of_scope"
#: Topics only the hub's own facts have: a search holding one of their words asks for those.
HUB_ONLY_TOPICS = frozenset({"trade", "events", "fact_sheet"})
GREET_INTENT = "greet"
CHANGE_LANGUAGE_INTENT = "change_language"
#: Intents a question about what the hub offers chambers or its platform is mistaken for.
HUB_OFFER_MISREADINGS = frozenset(
    {SEARCH_INTENT, SERVICE_INTENT, DEFAULT_NLU_FALLBACK_INTENT_NAME, OUT_OF_SCOPE_INTENT}
)
#: Intents a question about the platform's functions (roadshows, exhibitions) is mistaken for:
#: "exhibition" is an event's word too.
PLATFORM_MISREADINGS = HUB_OFFER_MISREADINGS | SMALL_TALK_INTENTS | {HUB_INTENT, GREET_INTENT}
#: Types a search filters on.
FILTER_TYPES = frozenset({"sector", "district"})
#: Types that name one project itself, rather than asking about the hub.
PROJECT_NAMING_TYPES = frozenset({"project", "ordinal", "sector", "district"})


def answering_intent(reading: Reading) -> str | None:
    """The intent that answers what the message names, by the first type it names."""
    named = {match.entity for match in reading.matches}
    return next((intent for kind, intent in ANSWERING_INTENTS if kind in named), None)
