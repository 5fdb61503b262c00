"""Intent rules about what a question asks: the hub, a search, a service, the platform.

Questions whose words name a topic, a service, a filter or the hub, read by the classifier
as another of these. See `bot.nlu.entities.intents` for the order they are tried in.
"""

from __future__ import annotations

from dataclasses import replace

from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME

from bot.nlu.entities.intent_names import (
    FILTER_TYPES,
    GREET_INTENT,
    HUB_INTENT,
    HUB_OFFER_MISREADINGS,
    HUB_ONLY_TOPICS,
    KEPT_BEFORE_CONTACT,
    OUT_OF_SCOPE_INTENT,
    PLATFORM_MISREADINGS,
    PROJECT_INTENT,
    PROJECT_NAMING_TYPES,
    SEARCH_INTENT,
    SERVICE_INTENT,
    answering_intent,
)
from bot.nlu.entities.reading import (
    Reading,
    is_question,
)
from hub_lexicon.replies import (
    asks_for_a_total,
    asks_for_organisations,
    asks_for_prices,
    asks_growth,
    asks_to_be_contacted,
    asks_who_took_part,
    holds,
    names_a_chamber,
    names_a_platform_function,
    names_projects,
    names_services,
    names_the_hub,
    names_the_platform,
)


def hub_named_as_a_project(reading: Reading) -> str | None:
    """A question about the hub read as one about a project.

    E.g. "марказ қаерда жойлашган?" (where is the centre?).
    """
    if reading.classified != PROJECT_INTENT or not names_the_hub(reading.text):
        return None
    named = {match.entity for match in reading.matches}
    return HUB_INTENT if not named & PROJECT_NAMING_TYPES else None


def question_without_intent(reading: Reading) -> str | None:
    """A question the classifier could not place, read against what it names.

    A topic ("bul jobanyn mártebesi qandai?", "ладно, какая площадь Циндао тогда") is read
    against what was just shown; who came ("kimder keldi?"), a price ("membership fee for a
    chamber to join?") and a total ("а всего по десяти проектам?") are the hub's to answer.
    "anything for trade?" names a sector too: the search answers it.
    """
    if reading.classified != DEFAULT_NLU_FALLBACK_INTENT_NAME or not is_question(reading.text):
        return None
    named = {match.entity for match in reading.matches}
    if "topic" in named:
        # "савдо қанчага ўсган?" (how much did trade grow?): the hub's trade figures
        return hub_figures_read_as_search(replace(reading, classified=SEARCH_INTENT)) or (
            answering_intent(reading)
        )
    text = reading.text
    priced = asks_for_prices(text) or holds(text, "unpublished")  # "кто у вас директор"
    # "那两家公司叫什么" (what are those two companies called?): the hub's organisations
    hubs = (
        asks_who_took_part(text) or priced or asks_for_a_total(text) or asks_for_organisations(text)
    )
    return HUB_INTENT if hubs and not named & PROJECT_NAMING_TYPES else None


def topic_read_as_out_of_scope(reading: Reading) -> str | None:
    """A question about a topic of something the catalogue holds, read as out of scope.

    E.g. "где будет штаб-квартира?" (where will the headquarters be?) right after the
    headquarters project: the hub's answer gives the project's place (actions/hub.py).
    """
    if reading.classified != OUT_OF_SCOPE_INTENT or not is_question(reading.text):
        return None
    named = {match.entity for match in reading.matches}
    return HUB_INTENT if "topic" in named and named & PROJECT_NAMING_TYPES else None


def search_read_as_service(reading: Reading) -> str | None:
    """A search or a project's topic read as a service question.

    E.g. "а рядом с рекой Сюшуй?" names a place and no service; "is it signed or still
    negotiating" names a topic of the project just shown.
    """
    named = {match.entity for match in reading.matches}
    if reading.classified != SERVICE_INTENT or "service" in named:
        return None
    if named & FILTER_TYPES:
        return SEARCH_INTENT
    return HUB_INTENT if "topic" in named else None


#: A short follow-up has at most this many words ("а вложения какие").
FOLLOW_UP_MAX_WORDS = 4
#: Topics that ask for a figure or a state ("а вложения какие"); "where" reads either way.
FIGURE_TOPICS = frozenset({("topic", "investment"), ("topic", "status")})


def topic_read_as_search(reading: Reading) -> str | None:
    """A question about a topic only, read as a search that names no filter.

    E.g. "а вложения какие" (and the investments?) right after a project: the hub's answer
    gives the project's when a project was just shown (actions/hub.py).
    """
    if reading.classified != SEARCH_INTENT or names_projects(reading.text):
        return None  # "請問你們有哪些投資項目" asks for the projects
    if len(reading.text.split()) > FOLLOW_UP_MAX_WORDS:
        return None  # "kindly share investment opportunities available for foreign company"
    named = {(match.entity, match.value) for match in reading.matches}
    return HUB_INTENT if named and named <= FIGURE_TOPICS else None


def hub_figures_read_as_search(reading: Reading) -> str | None:
    """Words of the hub's own figures, that no sector shares, read as a search.

    E.g. "那跟一带一路国家的进出口呢", "how much trade grew"; "we export mangoes, anything for
    trade?" is a search that names its sector.
    """
    if reading.classified != SEARCH_INTENT:
        return None
    sector_spans = {(m.start, m.end) for m in reading.matches if m.entity == "sector"}
    hub_topics = [m for m in reading.matches if m.entity == "topic" and m.value in HUB_ONLY_TOPICS]
    if hub_topics and asks_growth(reading.text):
        return HUB_INTENT  # "how fast is the trade growing?": "trade" is no sector here
    hub_only = [m for m in hub_topics if (m.start, m.end) not in sector_spans]
    # "we export mangoes, anything for trade?" is a search that names its sector.
    return HUB_INTENT if hub_only and not sector_spans else None


def platform_function_question(reading: Reading) -> str | None:
    """A question about the platform's functions, which the services answer.

    E.g. "do you organise roadshow or exhibition for our companies?", "is there regular
    matchmaking with chambers?".
    """
    if reading.classified not in PLATFORM_MISREADINGS or not names_a_platform_function(
        reading.text
    ):
        return None
    if reading.classified == GREET_INTENT and not is_question(reading.text):
        return None
    named = {match.entity for match in reading.matches}
    return SERVICE_INTENT if not named & {"project", "district", "service"} else None


def hub_offer_read_as_search(reading: Reading) -> str | None:
    """A question about what the hub offers chambers or its platform.

    E.g. "what does the hub offer to chambers of commerce?" ("commerce" is no trade search),
    "can we use the platform", or a greeting that asks it too.
    """
    greets_and_asks = reading.classified == GREET_INTENT and is_question(reading.text)
    read_as = reading.classified in HUB_OFFER_MISREADINGS or greets_and_asks
    if not read_as or not (names_a_chamber(reading.text) or names_the_platform(reading.text)):
        return None
    named = {match.entity for match in reading.matches}
    return HUB_INTENT if not named & {"project", "district", "service"} else None


def services_asked_in_a_greeting(reading: Reading) -> str | None:
    """A greeting that asks which services there are: the services, not the greeting.

    E.g. "ассалому алайкум, марказ қандай хизматлар кўрсатади?".
    """
    greets_and_asks = reading.classified == GREET_INTENT and is_question(reading.text)
    return SERVICE_INTENT if greets_and_asks and names_services(reading.text) else None


def service_read_as_search(reading: Reading) -> str | None:
    """A service question read as a search: it names a service and no filter.

    E.g. "zan qyzmeti bar ma?" (is there a legal service?).
    """
    if reading.classified != SEARCH_INTENT:
        return None
    named = {match.entity for match in reading.matches}
    return SERVICE_INTENT if "service" in named and not named & PROJECT_NAMING_TYPES else None


def service_without_intent(reading: Reading) -> str | None:
    """A service named and nothing else, the classifier unsure or reading the hub.

    E.g. "soliq masalalarida-chi?" (and tax matters?), "а с персоналом, набрать людей?"; not
    a topic or the hub itself ("какие кадровые компании есть у центра?").
    """
    named = {match.entity for match in reading.matches}
    if reading.classified == HUB_INTENT and ("topic" in named or names_the_hub(reading.text)):
        return None
    if reading.classified not in (DEFAULT_NLU_FALLBACK_INTENT_NAME, HUB_INTENT):
        return None
    return SERVICE_INTENT if "service" in named and not named & PROJECT_NAMING_TYPES else None


def organisations_read_as_a_service(reading: Reading) -> str | None:
    """A question about the hub's companies read as one about the services.

    E.g. "what other company was unveiled with it" right after the HR company.
    """
    if reading.classified != SERVICE_INTENT or not asks_for_organisations(reading.text):
        return None
    named = {match.entity for match in reading.matches}
    return HUB_INTENT if "service" not in named else None


def services_read_as_a_project(reading: Reading) -> str | None:
    """A question about the services read as one about a project.

    E.g. "жөн эле кызматтарыңыз тууралуу айтып бериңиз" (just tell me about your services).
    """
    if reading.classified != PROJECT_INTENT or not names_services(reading.text):
        return None
    named = {match.entity for match in reading.matches}
    return SERVICE_INTENT if not named & PROJECT_NAMING_TYPES else None


def price_question_read_as_contact(reading: Reading) -> str | None:
    """A question about prices or fees read as a wish to be contacted, or as a search.

    E.g. "do members need to pay any fee to join ur matchmaking?", "加入你们的对接机制要交会费吗":
    the hub's answer says that the seeds give no prices, and offers the staff.
    """
    # "do u have price for rent workshop near there? per m2": no sector or district named
    unfiltered_search = reading.is_unfiltered_search(SEARCH_INTENT, FILTER_TYPES)
    misread = reading.classified in KEPT_BEFORE_CONTACT or unfiltered_search
    if not misread or not is_question(reading.text):
        return None
    if asks_to_be_contacted(reading.text) or not asks_for_prices(reading.text):
        return None
    return HUB_INTENT
