"""Closed vocabularies of short replies and cues (`lexicon/replies.yml`), and their matching.

The lead form's answers ("stop", "нет", "不用"), the words of leaving, the words that make a
message a question, the words that ask for the whole catalogue, and the words that ask to be
contacted. The actions and the NLU both read them.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType

import regex
import yaml

from hub_lexicon.lexicon import LEXICON_DIRECTORY
from hub_lexicon.text import fold_turkic_letters, to_simplified

REPLIES_FILE = LEXICON_DIRECTORY / "replies.yml"
HAN = regex.compile(r"\p{Han}")
AI = regex.compile(r"(?<![a-z])ai(?![a-z])")
HAN_OR_WORD = regex.compile(r"\p{Han}|[^\s\p{Han}]+")


def normalise_reply(text: str) -> str:
    """An answer reduced for comparison: lowercase, Simplified, no punctuation or emoji."""
    text = to_simplified(unicodedata.normalize("NFKC", text)).casefold().replace("ё", "е")
    text = fold_turkic_letters(text)  # "казир емес" typed for "қазір емес"
    kept = "".join(
        char if unicodedata.category(char)[0] in "LMN" or char == "/" else " " for char in text
    )
    return " ".join(kept.split())


@functools.cache
def closed_replies(path: Path = REPLIES_FILE) -> Mapping[str, frozenset[str]]:
    """Reads the closed vocabularies once per process: each section's phrases, normalised."""
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    return MappingProxyType(
        {
            section: frozenset(
                normalise_reply(str(phrase))
                for forms in by_language.values()
                for phrase in forms or ()
                if normalise_reply(str(phrase))
            )
            for section, by_language in document.items()
        }
    )


def words_in(text: str, words: frozenset[str]) -> set[str]:
    """Which of ``words`` the text holds: whole words and word sequences, Chinese as text."""
    reply = normalise_reply(text)
    return {
        word
        for word in words
        if (
            word.replace(" ", "") in reply.replace(" ", "")
            if HAN.search(word)
            else f" {word} " in f" {reply} "
        )
    }


def holds(text: str, section: str) -> bool:
    """Whether the text holds a phrase of one closed vocabulary ("others", "prices", ...)."""
    return bool(words_in(text, closed_replies()[section]))


def names_everything(text: str) -> bool:
    """Whether the message asks for the whole catalogue ("all projects", "全部", "все")."""
    return holds(text, "everything")


def asks_for_others(text: str) -> bool:
    """Whether the message asks for other things than the last answer's ("what else?")."""
    return holds(text, "others")


def asks_instead(text: str) -> bool:
    """Whether the message turns to something else ("还是看看…", "show me … instead")."""
    return holds(text, "instead")


def asks_for_organisations(text: str) -> bool:
    """Whether the message asks which companies were set up for the hub."""
    return holds(text, "organisations")


def asks_about_the_future(text: str) -> bool:
    """Whether the message asks about what is next ("the next conference", "下一次")."""
    return holds(text, "upcoming")


def has_question_word(text: str) -> bool:
    """Whether the message holds a question word ("какая", "where", "哪")."""
    return holds(text, "wh_words")


def names_services(text: str) -> bool:
    """Whether the message names the services as such ("your services", "кызматтар")."""
    return holds(text, "services_word")


def asks_for_prices(text: str) -> bool:
    """Whether the message asks for prices ("прайс на аренду", "price list", "租金")."""
    return holds(text, "prices")


def addresses_the_bot(text: str) -> bool:
    """Whether the message speaks to the bot ("你能做什么", "what can you do")."""
    return holds(text, "you_words")


def asks_what_the_bot_is(text: str) -> bool:
    """Whether the message asks whether the bot is a person ("r u a real human or AI")."""
    # "是AI在回答吗": Latin "AI" between Chinese characters is no separate word.
    return holds(text, "bot_words") or bool(AI.search(normalise_reply(text)))


def gives_consent(text: str) -> bool:
    """Whether a longer answer gives consent with no word of refusal ("ҳа, ... розиман")."""
    replies = closed_replies()
    consents = words_in(text, replies["consent_words"])
    return bool(consents) and not words_in(text, replies["refusal_words"])


def refuses_consent(text: str) -> bool:
    """Whether a longer answer refuses consent ("no i dont agree to store my data")."""
    replies = closed_replies()
    refused = words_in(text, replies["refusal_words"]) and words_in(text, replies["storage_words"])
    return bool(refused) and not words_in(text, replies["consent_words"])


def asks_for_their_contacts(text: str) -> bool:
    """Whether the message asks for someone's contacts ("give me their contact")."""
    return holds(text, "their_contacts")


def asks_growth(text: str) -> bool:
    """Whether the message asks how much something grew ("how much trade grew", "增长")."""
    return holds(text, "growth")


def asks_who_took_part(text: str) -> bool:
    """Whether the message asks who took part in an event, or what it agreed ("кто участвовал")."""
    return holds(text, "took_part")


def names_a_chamber(text: str) -> bool:
    """Whether the message names a chamber of commerce or business council ("商会")."""
    return holds(text, "chambers")


def names_the_platform(text: str) -> bool:
    """Whether the message names the hub as a platform ("the platform", "平台", "площадка")."""
    return holds(text, "platform")


def names_a_platform_function(text: str) -> bool:
    """Whether the message names what the hub's platform does ("roadshow", "路演", "выставки")."""
    return holds(text, "platform_functions")


def names_projects(text: str) -> bool:
    """Whether the message names the catalogue's projects ("projects", "项目", "лойиҳалари")."""
    return holds(text, "projects_word")


def asks_for_all_services(text: str) -> bool:
    """Whether the message asks which services there are ("what support services are there")."""
    return holds(text, "all_services")


def asks_for_a_total(text: str) -> bool:
    """Whether the message asks for a total ("the total signed", "всего", "一共")."""
    return holds(text, "totals")


def refers_back(text: str) -> bool:
    """Whether the message refers to something just named ("it", "он", "它", "этот проект")."""
    return holds(text, "pronouns") or holds(text, "demonstratives")


def asks_to_be_contacted(text: str) -> bool:
    """Whether the message asks the hub to contact the visitor ("call me", "联系我")."""
    return holds(text, "contact_me")


#: A message of at most this many words that holds a goodbye is only a goodbye.
GOODBYE_MAX_WORDS = 4


def means_for_now(text: str) -> bool:
    """Whether the message says "not now" with a word that is also a goodbye ("не нужно пока")."""
    return holds(text, "for_now")


def is_only_goodbye(text: str) -> bool:
    """Whether a short message says goodbye ("xo'p, xayr", "благодарю, всего доброго")."""
    short = len(normalise_reply(text).split()) <= GOODBYE_MAX_WORDS
    return short and holds(text, "goodbye")


#: A reply longer than this is never read as a sequence of closed phrases.
TILED_MAX_CHARACTERS = 80


def reply_tokens(text: str) -> tuple[str, ...]:
    """The reply's words, each Chinese character a word of its own."""
    return tuple(HAN_OR_WORD.findall(normalise_reply(text)))


def tiling(text: str, phrases: frozenset[str]) -> list[str] | None:
    """The closed phrases that make up the whole reply, in order, or None.

    "майли, розиман" is "майли" then "розиман", "alright, thank you" is "alright" then "thank
    you", and "好的谢谢" is "好的" then "谢谢"; a phrase never ends inside a word ("haha" is
    not "ha" twice). The longest phrase is tried first at each place.
    """
    tokens = reply_tokens(text)
    if not tokens or sum(map(len, tokens)) > TILED_MAX_CHARACTERS:
        return None
    pieces = sorted(((reply_tokens(p), p) for p in phrases), key=lambda item: -len(item[0]))
    ways: dict[int, list[str] | None] = {len(tokens): []}
    for start in range(len(tokens) - 1, -1, -1):
        ways[start] = next(
            (
                [phrase, *rest]
                for piece, phrase in pieces
                if piece
                and tokens[start : start + len(piece)] == piece
                and (rest := ways.get(start + len(piece))) is not None
            ),
            None,
        )
    return ways[0]


def is_acknowledgement(text: str) -> bool:
    """Whether the message only acknowledges ("ясно", "got it", "明白了"), without thanks."""
    return tiling(text, closed_replies()["acknowledge"]) is not None


def is_only_thanks(text: str) -> bool:
    """Whether the message only thanks, perhaps with an acknowledgement ("alright, thank you")."""
    replies = closed_replies()
    pieces = tiling(text, replies["acknowledge"] | replies["thanks"])
    return pieces is not None and any(piece in replies["thanks"] for piece in pieces)


def names_the_hub(text: str) -> bool:
    """Whether the message names the hub itself ("中心", "the hub", "марказ")."""
    return holds(text, "hub_named")
