"""Where the lexicon overrules the classifier's intent, in one ordered table.

The classifier learns from examples; a few readings are surer from words than from
examples. Each rule reads the text, the intent the classifier gave and the lexicon's
matches, and names the intent the message has instead, or None. The first rule that
names one wins (`overruled_intent`).
"""

from __future__ import annotations

from collections.abc import Callable

from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME

from bot.nlu.entities.reading import (
    Reading,
    is_question,
    is_short_reference,
    names_unseen_project,
)
from bot.nlu.language.requests import find_language_request
from hub_lexicon.replies import (
    addresses_the_bot,
    asks_for_their_contacts,
    asks_growth,
    asks_instead,
    asks_to_be_contacted,
    asks_what_the_bot_is,
    asks_who_took_part,
    holds,
    is_acknowledgement,
    is_only_goodbye,
    is_only_thanks,
    names_a_chamber,
    names_a_platform_function,
    names_services,
    names_the_hub,
    names_the_platform,
)

#: A bare position in the list just shown asks for that project (`is_short_reference`).
REFERENCE_INTENT = "project_details"
#: A message that asks to be contacted ("the 2nd one, have someone call me") is a request to
#: leave details, whatever else it names; asking for a person right now stays that.
CONTACT_INTENT = "leave_contact"
KEPT_BEFORE_CONTACT = frozenset({CONTACT_INTENT, "request_human"})
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
#: Topics only the hub's own facts have: a search holding one of their words asks for those.
HUB_ONLY_TOPICS = frozenset({"trade", "events", "fact_sheet"})
GREET_INTENT = "greet"
CHANGE_LANGUAGE_INTENT = "change_language"
#: Intents a question about what the hub offers chambers or its platform is mistaken for.
HUB_OFFER_MISREADINGS = frozenset(
    {SEARCH_INTENT, SERVICE_INTENT, DEFAULT_NLU_FALLBACK_INTENT_NAME, "out_of_scope"}
)
#: Intents a question about the platform's functions (roadshows, exhibitions) is mistaken for:
#: "exhibition" is an event's word too.
PLATFORM_MISREADINGS = HUB_OFFER_MISREADINGS | SMALL_TALK_INTENTS | {HUB_INTENT, GREET_INTENT}
#: Types a search filters on.
FILTER_TYPES = frozenset({"sector", "district"})
#: Types that name one project itself, rather than asking about the hub.
PROJECT_NAMING_TYPES = frozenset({"project", "ordinal", "sector", "district"})


def _contact(reading: Reading) -> str | None:
    asks = asks_to_be_contacted(reading.text)
    return CONTACT_INTENT if asks and reading.classified not in KEPT_BEFORE_CONTACT else None


def _goodbye(reading: Reading) -> str | None:
    if reading.classified == GOODBYE_INTENT or asks_to_be_contacted(reading.text):
        return None
    return GOODBYE_INTENT if is_only_goodbye(reading.text) else None


def _reference(reading: Reading) -> str | None:
    if asks_to_be_contacted(reading.text):
        return None
    # The classifier reads "no. 4" as "no": a bare position is about a project.
    short = is_short_reference(reading.text, reading.matches)
    return REFERENCE_INTENT if short or names_unseen_project(reading) else None


def _thanks(reading: Reading) -> str | None:
    # "alright, thank you", "ясно": too short and plain for the classifier to be sure of.
    if reading.classified != DEFAULT_NLU_FALLBACK_INTENT_NAME:
        return None
    if is_only_thanks(reading.text):
        return THANK_INTENT
    return AFFIRM_INTENT if is_acknowledgement(reading.text) else None


def _answering_intent(reading: Reading) -> str | None:
    named = {match.entity for match in reading.matches}
    return next((intent for kind, intent in ANSWERING_INTENTS if kind in named), None)


def _question_in_small_talk(reading: Reading) -> str | None:
    # "no, where is it?", "算了，还是看看基础设施的吧": a "no" that asks or turns to something.
    # "какие у него направления" read as "no": a wh-word turns it into a question too.
    turns = is_question(reading.text) or asks_instead(reading.text)
    small_talk = reading.classified in SMALL_TALK_INTENTS or (
        reading.classified == DENY_INTENT and turns
    )
    if not small_talk or is_acknowledgement(reading.text):
        return None
    about_the_bot = addresses_the_bot(reading.text) or asks_what_the_bot_is(reading.text)
    if names_the_hub(reading.text) and not addresses_the_bot(reading.text):
        return HUB_INTENT  # "what is this hub actualy? who is behind it"
    if reading.classified == HELP_INTENT and about_the_bot:
        return None  # "你能做什么", "這個機器人能做什麼": what the bot can do
    if reading.classified == BOT_CHALLENGE_INTENT and asks_what_the_bot_is(reading.text):
        return None  # "r u a real human or AI": "AI" is no sector here
    # "bir yildan keyin-chi?" (and a year later?) asks for the hub's later figures.
    later = holds(reading.text, "later_time")
    return _answering_intent(reading) or (HUB_INTENT if later else None)


def _question_read_as_interest(reading: Reading) -> str | None:
    # "чем он интересен для айти компании?": "interest" without asking to be contacted.
    if reading.classified != CONTACT_INTENT or asks_to_be_contacted(reading.text):
        return None
    topics = {match.value for match in reading.matches if match.entity == "topic"}
    return HUB_INTENT if PROFILE_TOPIC in topics else None


def _event_question_read_as_contact(reading: Reading) -> str | None:
    # "кто из ШОС участвовал", "who attended?": taking part in an event, not a wish to be
    # contacted, to talk to a person or for someone's contacts.
    read_as_contact = reading.classified in (*KEPT_BEFORE_CONTACT, ASK_CONTACT_INTENT)
    if not read_as_contact or not is_question(reading.text):
        return None
    dated = any(m.entity == "topic" and m.value == "date" for m in reading.matches)
    if asks_to_be_contacted(reading.text) or not (asks_who_took_part(reading.text) or dated):
        return None
    return HUB_INTENT  # "Қайси куни?" (which day?) too


def _hub_named_as_a_project(reading: Reading) -> str | None:
    # "марказ қаерда жойлашган?" (where is the centre?) read as a project's location.
    if reading.classified != PROJECT_INTENT or not names_the_hub(reading.text):
        return None
    named = {match.entity for match in reading.matches}
    return HUB_INTENT if not named & PROJECT_NAMING_TYPES else None


def _question_without_intent(reading: Reading) -> str | None:
    # "bul jobanyn mártebesi qandai?", "ладно, какая площадь Циндао тогда": a question about a
    # topic the classifier could not place is read against what was just shown.
    if reading.classified != DEFAULT_NLU_FALLBACK_INTENT_NAME or not is_question(reading.text):
        return None
    # "anything for trade?" names a sector too: the search answers it, not the hub's figures.
    named = {match.entity for match in reading.matches}
    if "topic" not in named:
        return HUB_INTENT if asks_who_took_part(reading.text) else None  # "kimder keldi?"
    return _answering_intent(reading)


def _search_read_as_service(reading: Reading) -> str | None:
    # "а рядом с рекой Сюшуй?" read as a service question: it names a place, no service;
    # "is it signed or still negotiating" names a topic of the project just shown.
    named = {match.entity for match in reading.matches}
    if reading.classified != SERVICE_INTENT or "service" in named:
        return None
    if named & FILTER_TYPES:
        return SEARCH_INTENT
    return HUB_INTENT if "topic" in named else None


def _hub_figures_read_as_search(reading: Reading) -> str | None:
    # "那跟一带一路国家的进出口呢", "how much trade grew": words of the hub's own figures
    # that no sector shares, in what reads as a search.
    if reading.classified != SEARCH_INTENT:
        return None
    sector_spans = {(m.start, m.end) for m in reading.matches if m.entity == "sector"}
    hub_topics = [m for m in reading.matches if m.entity == "topic" and m.value in HUB_ONLY_TOPICS]
    if hub_topics and asks_growth(reading.text):
        return HUB_INTENT  # "how fast is the trade growing?": "trade" is no sector here
    hub_only = [m for m in hub_topics if (m.start, m.end) not in sector_spans]
    # "we export mangoes, anything for trade?" is a search that names its sector.
    return HUB_INTENT if hub_only and not sector_spans else None


def _platform_function_question(reading: Reading) -> str | None:
    # "do you organise roadshow or exhibition for our companies?", "is there regular
    # matchmaking with chambers?": the platform's functions, which the services answer.
    if reading.classified not in PLATFORM_MISREADINGS or not names_a_platform_function(
        reading.text
    ):
        return None
    if reading.classified == GREET_INTENT and not is_question(reading.text):
        return None
    named = {match.entity for match in reading.matches}
    return SERVICE_INTENT if not named & {"project", "district", "service"} else None


def _hub_offer_read_as_search(reading: Reading) -> str | None:
    # "what does the hub offer to chambers of commerce?" ("commerce" is no trade search), "can
    # we use the platform": what the hub offers, in its summary; a greeting that asks it too
    # ("hello, i am from chamber of commerce of kyrgyzstan. what hub can offer to our members?").
    greets_and_asks = reading.classified == GREET_INTENT and is_question(reading.text)
    read_as = reading.classified in HUB_OFFER_MISREADINGS or greets_and_asks
    if not read_as or not (names_a_chamber(reading.text) or names_the_platform(reading.text)):
        return None
    named = {match.entity for match in reading.matches}
    return HUB_INTENT if not named & {"project", "district", "service"} else None


def _their_contacts_read_as_contact_me(reading: Reading) -> str | None:
    # "ok, give me their contact": the visitor asks for contacts, not to be contacted.
    if reading.classified != CONTACT_INTENT or asks_to_be_contacted(reading.text):
        return None
    return ASK_CONTACT_INTENT if asks_for_their_contacts(reading.text) else None


def _service_read_as_search(reading: Reading) -> str | None:
    # "zan qyzmeti bar ma?" (is there a legal service?) read as a search: it names a service.
    if reading.classified != SEARCH_INTENT:
        return None
    named = {match.entity for match in reading.matches}
    return SERVICE_INTENT if "service" in named and not named & PROJECT_NAMING_TYPES else None


def _unsure_contact_question(reading: Reading) -> str | None:
    # "and iran specifically?" right after the trade figures, read as "contact me" at 0.54.
    unsure = reading.confidence < UNSURE_CONTACT_CONFIDENCE
    if reading.classified != CONTACT_INTENT or not unsure or not is_question(reading.text):
        return None
    return None if asks_to_be_contacted(reading.text) else DEFAULT_NLU_FALLBACK_INTENT_NAME


def _service_without_intent(reading: Reading) -> str | None:
    # "soliq masalalarida-chi?" (and tax matters?), "а с персоналом, набрать людей?" read as
    # the hub's: a service named, and nothing else (no topic, not the hub).
    named = {match.entity for match in reading.matches}
    if reading.classified == HUB_INTENT and ("topic" in named or names_the_hub(reading.text)):
        return None
    if reading.classified not in (DEFAULT_NLU_FALLBACK_INTENT_NAME, HUB_INTENT):
        return None
    return SERVICE_INTENT if "service" in named and not named & PROJECT_NAMING_TYPES else None


def _language_change_without_a_language(reading: Reading) -> str | None:
    # "with russia specifically?" right after the trade figures, "ok english. what is this hub
    # exactly": no language asked for, so no change of language, but what the rest asks.
    if reading.classified != CHANGE_LANGUAGE_INTENT or find_language_request(reading.text):
        return None
    answering = _answering_intent(reading)
    if answering is not None:
        return answering
    if names_the_hub(reading.text):
        return HUB_INTENT
    return DEFAULT_NLU_FALLBACK_INTENT_NAME if is_question(reading.text) else None


def _services_read_as_a_project(reading: Reading) -> str | None:
    # "жөн эле кызматтарыңыз тууралуу айтып бериңиз" (just tell me about your services).
    if reading.classified != PROJECT_INTENT or not names_services(reading.text):
        return None
    named = {match.entity for match in reading.matches}
    return SERVICE_INTENT if not named & PROJECT_NAMING_TYPES else None


#: The rules, strongest first.
RULES: tuple[Callable[[Reading], str | None], ...] = (
    _contact,
    _goodbye,
    _reference,
    _thanks,
    _platform_function_question,
    _question_in_small_talk,
    _question_read_as_interest,
    _event_question_read_as_contact,
    _hub_named_as_a_project,
    _question_without_intent,
    _hub_offer_read_as_search,
    _search_read_as_service,
    _hub_figures_read_as_search,
    _their_contacts_read_as_contact_me,
    _service_read_as_search,
    _unsure_contact_question,
    _services_read_as_a_project,
    _service_without_intent,
    _language_change_without_a_language,
)


def overruled_intent(reading: Reading) -> str | None:
    """The intent the lexicon gives the message instead of the classifier's, or None."""
    return next((intent for rule in RULES if (intent := rule(reading)) is not None), None)
