"""Intent rules about the conversation itself: contact, goodbyes, thanks, small talk.

A request to be contacted, a goodbye or thanks the classifier was unsure of, a question
read as small talk or as a wish to be contacted, and a language change that names no
language. See `bot.nlu.entities.intents` for the order they are tried in.
"""

from __future__ import annotations

from dataclasses import replace

from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME

from bot.nlu.entities.intent_names import (
    AFFIRM_INTENT,
    ASK_CONTACT_INTENT,
    BOT_CHALLENGE_INTENT,
    CHANGE_LANGUAGE_INTENT,
    CONTACT_INTENT,
    DENY_INTENT,
    FILTER_TYPES,
    GOODBYE_INTENT,
    GREET_INTENT,
    HELP_INTENT,
    HUB_INTENT,
    HUMAN_INTENT,
    KEPT_BEFORE_CONTACT,
    PROFILE_TOPIC,
    REFERENCE_INTENT,
    SEARCH_INTENT,
    SMALL_TALK_INTENTS,
    THANK_INTENT,
    UNSURE_CONTACT_CONFIDENCE,
    answering_intent,
)
from bot.nlu.entities.question_rules import question_without_intent
from bot.nlu.entities.reading import (
    Reading,
    is_question,
    is_short_reference,
    names_unseen_project,
)
from bot.nlu.language.requests import find_language_request
from hub_lexicon.channels import names_a_channel
from hub_lexicon.replies import (
    addresses_the_bot,
    asks_for_their_contacts,
    asks_instead,
    asks_to_be_contacted,
    asks_what_the_bot_is,
    asks_who_took_part,
    holds,
    is_acknowledgement,
    is_only_goodbye,
    is_only_thanks,
    names_projects,
    names_the_hub,
    refers_back,
)


def contact(reading: Reading) -> str | None:
    """A request to be contacted, whatever else the message names, unless a person is asked."""
    asks = asks_to_be_contacted(reading.text)
    return CONTACT_INTENT if asks and reading.classified not in KEPT_BEFORE_CONTACT else None


def goodbye(reading: Reading) -> str | None:
    """A short goodbye the classifier read as something else."""
    if reading.classified == GOODBYE_INTENT or asks_to_be_contacted(reading.text):
        return None
    return GOODBYE_INTENT if is_only_goodbye(reading.text) else None


def reference(reading: Reading) -> str | None:
    """A bare position in the list just shown ("no. 4"), or a project the model never saw."""
    if asks_to_be_contacted(reading.text):
        return None
    # The classifier reads "no. 4" as "no": a bare position is about a project.
    short = is_short_reference(reading.text, reading.matches)
    return REFERENCE_INTENT if short or names_unseen_project(reading) else None


def thanks(reading: Reading) -> str | None:
    """Thanks or an acknowledgement too short and plain for the classifier to be sure of.

    E.g. "alright, thank you", "ясно".
    """
    if reading.classified != DEFAULT_NLU_FALLBACK_INTENT_NAME:
        return None
    if is_only_thanks(reading.text):
        return THANK_INTENT
    return AFFIRM_INTENT if is_acknowledgement(reading.text) else None


#: Below this confidence, a "greeting" that names a topic is a question.
UNSURE_GREETING = 0.7


def question_in_small_talk(reading: Reading) -> str | None:
    """A question read as small talk gets the intent of what it names.

    A "no" that asks or turns to something ("no, where is it?", "算了，还是看看基础设施的吧");
    a wh-word makes one a question too ("какие у него направления" read as "no").
    """
    turns = is_question(reading.text) or asks_instead(reading.text)
    # "что они туда привезут" read as a greeting, without confidence
    unsure_greeting = reading.classified == GREET_INTENT and reading.confidence < UNSURE_GREETING
    small_talk = reading.classified in SMALL_TALK_INTENTS or (
        reading.classified == DENY_INTENT and turns
    )
    topics = {match.value for match in reading.matches if match.entity == "topic"}
    # "what they make" asks by itself; "你好 我做对俄贸易的" (hello, I trade with Russia)
    # introduces the visitor
    asks = PROFILE_TOPIC in topics or (bool(topics) and is_question(reading.text))
    if unsure_greeting and asks:
        small_talk = True
    if not small_talk or is_acknowledgement(reading.text):
        return None
    about_the_bot = addresses_the_bot(reading.text) or asks_what_the_bot_is(reading.text)
    if names_the_hub(reading.text) and not addresses_the_bot(reading.text):
        return HUB_INTENT  # "what is this hub actualy? who is behind it"
    if reading.classified == HELP_INTENT and about_the_bot:
        return None  # "你能做什么", "這個機器人能做什麼": what the bot can do
    if reading.classified == BOT_CHALLENGE_INTENT and asks_what_the_bot_is(reading.text):
        return None  # "r u a real human or AI": "AI" is no sector here
    # "bir yildan keyin-chi?" (and a year later?) asks for the hub's later figures, "неча
    # компания эди?" (how many companies were there?) for a count of what was just told.
    figures = holds(reading.text, "later_time") or holds(reading.text, "counts")
    # "都有哪些领导参加" (which leaders took part?); "ok agreed" is no question
    figures = figures or (asks_who_took_part(reading.text) and is_question(reading.text))
    named = answering_intent(reading)
    pointed = reading.classified == AFFIRM_INTENT and holds(reading.text, "demonstratives")
    if pointed and named in (None, SEARCH_INTENT):
        return REFERENCE_INTENT  # "ok and that one near the river?": one project, not a list
    return named or (HUB_INTENT if figures else None)


def question_read_as_interest(reading: Reading) -> str | None:
    """A question about what a project offers, read as a wish to be contacted.

    E.g. "чем он интересен для айти компании?": "interest", without asking to be contacted.
    """
    if reading.classified != CONTACT_INTENT or asks_to_be_contacted(reading.text):
        return None
    topics = {match.value for match in reading.matches if match.entity == "topic"}
    return HUB_INTENT if PROFILE_TOPIC in topics else None


def event_question_read_as_contact(reading: Reading) -> str | None:
    """A question about an event, read as a wish to be contacted or as a search.

    Taking part ("кто из ШОС участвовал", "who attended?") or a date ("Қайси куни?"), not
    a wish to be contacted, to talk to a person or for someone's contacts.
    """
    read_as_contact = reading.classified in (*KEPT_BEFORE_CONTACT, ASK_CONTACT_INTENT)
    # "шілдеде қандай компаниялар келді?" (which companies came in July?) read as a search
    # that names no sector or district
    unfiltered_search = reading.is_unfiltered_search(SEARCH_INTENT, FILTER_TYPES)
    if not (read_as_contact or unfiltered_search) or not is_question(reading.text):
        return None
    dated = any(m.entity == "topic" and m.value == "date" for m in reading.matches)
    if asks_to_be_contacted(reading.text) or not (asks_who_took_part(reading.text) or dated):
        return None
    return HUB_INTENT  # "Қайси куни?" (which day?) too


def in_person_read_as_a_person(reading: Reading) -> str | None:
    """Whether what was just told happened on site, read as a request for a person.

    E.g. "was it in person?" after an event; "can I meet someone in person?" names no "it".
    """
    if reading.classified != HUMAN_INTENT or not is_question(reading.text):
        return None
    on_site = holds(reading.text, "in_person") and refers_back(reading.text)
    return HUB_INTENT if on_site else None


def their_contacts_read_as_contact_me(reading: Reading) -> str | None:
    """A request for someone's contacts, read as a wish to be contacted.

    E.g. "ok, give me their contact".
    """
    if reading.classified != CONTACT_INTENT or asks_to_be_contacted(reading.text):
        return None
    return ASK_CONTACT_INTENT if asks_for_their_contacts(reading.text) else None


def channel_question_read_as_contact(reading: Reading) -> str | None:
    """A question about a messenger of the hub's, read as a wish to be contacted or unplaced.

    E.g. "你们有微信号吗 加一下" (do you have a WeChat ID? let me add you): the hub lists no
    messenger, which the answer about its contacts says.
    """
    read_as = reading.classified in (CONTACT_INTENT, DEFAULT_NLU_FALLBACK_INTENT_NAME)
    if not read_as or asks_to_be_contacted(reading.text):
        return None  # "有没有微信号 加一下" may not be placed at all
    asks = is_question(reading.text) and names_a_channel(reading.text)
    return ASK_CONTACT_INTENT if asks else None


def unsure_contact_question(reading: Reading) -> str | None:
    """A question read as "contact me" without confidence or words of contact.

    E.g. "and iran specifically?" right after the trade figures, read as "contact me" at 0.54:
    left to the fallback's follow-ups; "membership fee for a chamber to join?" is then read
    as a question the classifier could not place.
    """
    unsure = reading.confidence < UNSURE_CONTACT_CONFIDENCE
    if reading.classified != CONTACT_INTENT or not unsure or not is_question(reading.text):
        return None
    if asks_to_be_contacted(reading.text):
        return None
    unplaced = replace(reading, classified=DEFAULT_NLU_FALLBACK_INTENT_NAME)
    return question_without_intent(unplaced) or DEFAULT_NLU_FALLBACK_INTENT_NAME


def language_change_without_a_language(reading: Reading) -> str | None:
    """A "language change" that names no language gets what the rest asks.

    E.g. "with russia specifically?" right after the trade figures, "ok english. what is
    this hub exactly".
    """
    if reading.classified != CHANGE_LANGUAGE_INTENT or find_language_request(reading.text):
        return None
    answering = answering_intent(reading)
    if answering is not None:
        return answering
    if names_the_hub(reading.text):
        return HUB_INTENT
    return DEFAULT_NLU_FALLBACK_INTENT_NAME if is_question(reading.text) else None


def examples_read_as_small_talk(reading: Reading) -> str | None:
    """A request for examples of what was just counted, read as small talk or a greeting.

    E.g. "name a few of them" after how many central enterprises took part: the hub's answer
    stays on that event, which names them.
    """
    misread = reading.classified in (*SMALL_TALK_INTENTS, GREET_INTENT, DENY_INTENT)
    asks = holds(reading.text, "which_ones") and not names_projects(reading.text)
    return HUB_INTENT if misread and asks else None
