"""Where the lexicon overrules the classifier's intent, in one ordered table.

The classifier learns from examples; a few readings are surer from words than from
examples. Each rule reads the text, the intent the classifier gave and the lexicon's
matches, and names the intent the message has instead, or None. The first rule that
names one wins (`overruled_intent`).
"""

from __future__ import annotations

from collections.abc import Callable

from bot.nlu.entities import conversation_rules as conversation
from bot.nlu.entities import corrections
from bot.nlu.entities import question_rules as question
from bot.nlu.entities.reading import Reading

__all__ = ["RULES", "Reading", "overruled_intent"]

#: The rules, strongest first.
RULES: tuple[Callable[[Reading], str | None], ...] = (
    conversation.contact,
    conversation.goodbye,
    conversation.reference,
    corrections.correction,
    question.price_question_read_as_contact,
    conversation.thanks,
    question.platform_function_question,
    conversation.examples_read_as_small_talk,
    conversation.question_in_small_talk,
    conversation.question_read_as_interest,
    conversation.event_question_read_as_contact,
    conversation.in_person_read_as_a_person,
    question.hub_named_as_a_project,
    # before questions without an intent: "savdo palatasi" names a chamber, not trade
    question.hub_offer_read_as_search,
    question.question_without_intent,
    question.topic_read_as_out_of_scope,
    question.services_asked_in_a_greeting,
    question.search_read_as_service,
    question.hub_figures_read_as_search,
    question.topic_read_as_search,
    conversation.their_contacts_read_as_contact_me,
    conversation.channel_question_read_as_contact,
    question.service_read_as_search,
    conversation.unsure_contact_question,
    question.services_read_as_a_project,
    question.organisations_read_as_a_service,
    question.service_without_intent,
    conversation.language_change_without_a_language,
)


def overruled_intent(reading: Reading) -> str | None:
    """The intent the lexicon gives the message instead of the classifier's, or None."""
    return next((intent for rule in RULES if (intent := rule(reading)) is not None), None)
