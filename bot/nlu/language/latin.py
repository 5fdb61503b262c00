"""Latin-script text: English, another language (unsupported) or too little to tell.

Short Latin messages are judged by a list of English words before langdetect, which alone
is unreliable on three to six words ("visa support please" -> fr). Every tuned threshold
of the decision is a named constant at the top of this module.
"""

from __future__ import annotations

import regex

from bot.nlu.language.langdetect_seeded import best_language, langdetect_probabilities
from bot.nlu.language.outcome import (
    REASON_AMBIGUOUS,
    REASON_LANGDETECT,
    REASON_UNSUPPORTED,
    UNDETERMINED_LANGUAGE,
    UNSUPPORTED_REPLY_LANGUAGE,
    LanguageDecision,
)
from bot.nlu.language.scripts import SCRIPT_LATIN

# --- Thresholds --------------------------------------------------------------------------

# Latin text is judged only with at least this many words and letters...
MIN_LATIN_WORDS = 3
MIN_LATIN_LETTERS = 12
# ...or this many words of ENGLISH_EVIDENCE_WORDS among at least MIN_LATIN_WORDS words.
MIN_ENGLISH_EVIDENCE_WORDS = 2
# Latin text is English when this share of its words are English evidence words...
MIN_ENGLISH_WORD_SHARE = 0.5
# ...or when langdetect gives English at least this probability.
MIN_ENGLISH_PROBABILITY = 0.5
# Latin text is another language only when langdetect gives English at most this...
MAX_ENGLISH_PROBABILITY_FOR_FOREIGN = 0.1
# ...and either langdetect is this sure of one other language and at most this share of
# the words are English...
MIN_FOREIGN_PROBABILITY = 0.9
MAX_ENGLISH_WORD_SHARE_FOR_FOREIGN = 0.2
# ...or no word is English and the text has this many words (or non-English letters).
MIN_FOREIGN_WORDS_WITHOUT_CONFIDENT_GUESS = 4
# Text of at most this many words and no SENTENCE_WORDS is taken for names ("Ahmad bin
# Abdullah", "Kazakhstan"), e.g. answers to the lead form: never unsupported, it keeps
# the conversation's language...
MAX_NAME_LIKE_WORDS = 4
# ...and so is text of at most this many capitalised words ("Mohammed bin Salman Al Saud";
# NAME_PARTICLES may be in lower case).
MAX_CAPITALISED_NAME_WORDS = 6

# --- Words ---------------------------------------------------------------------------------

LATIN_WORD_PATTERN = regex.compile(r"\p{Latin}+(?:['’]\p{Latin}+)*")
NON_ENGLISH_LATIN_LETTER_PATTERN = regex.compile(r"[\p{Latin}--[A-Za-z]]", flags=regex.V1)
# Latin-script place and company names of the hub (pinyin): no evidence of any language.
LATIN_NAMES_WITHOUT_LANGUAGE = frozenset(
    {
        "qingdao", "jiaozhou", "pingdu", "huanxiu", "xiushui", "shoucheng", "xinhong",
        "saihe", "huarong", "guangde", "sco", "scoda", "mcc", "cmic", "shandong",
        "beijing", "shanghai", "wechat", "weixin", "whatsapp", "telegram", "viber", "skype",
        "linkedin",
    }
)  # fmt: skip

# Words that are English and rarely words of other Latin-script languages (so are "I" in
# capitals).
_ENGLISH_EVIDENCE_TEXT = """
    the and or but of with about from into for at by than then if because just is are were
    be been being isn't aren't i'm i'd i'll i've it's you you're your yours he she it its
    they them their we us our my mine myself what which who whom whose where when why how
    there here this that these those does did don't doesn't can can't could would should
    shall might must have has had any some all each every other another more most much many
    very only not yes please thanks thank hello hi hey good morning afternoon evening bye
    goodbye sorry sure great want need like tell show give send find help know get make
    talk speak call contact invest book register open looking interested learn meet visit
    ask explain list provide offer apply work living live project projects company
    companies business investment investments investor investors lawyer lawyers legal visa
    visas tax taxes accounting accountant audit office meeting partner partners manager
    person human someone services support price cost costs opportunities opportunity sector
    sectors park parks industrial industry economy digital medical logistics finance
    financial trade manufacturing infrastructure headquarters building plaza area city
    river lake district hub contract signed settled details brochure phone number address
    add pls plz thx abt wanna gonna smth
    website location today tomorrow week money cold chain new lease factory warehouse
"""
ENGLISH_EVIDENCE_WORDS = frozenset(_ENGLISH_EVIDENCE_TEXT.split())

# Function words, greetings and thanks that make a short text a sentence, not a list of
# names, in Latin-script languages the assistant does not speak (French, Spanish,
# Portuguese, Italian, German, Dutch, Polish, Swedish, Turkish, Indonesian/Malay,
# Uzbek/Kazakh, Persian and Russian in Latin letters, Vietnamese). Name particles (de, da,
# la, van, von, bin, binti, al, el, ibn) and words that are also names or parts of names
# (ma, man, mu, su, chi, sen, dan, ada, kita, rahmat, salam) are left out.
_SENTENCE_WORDS_TEXT = """
    je tu il elle nous vous ils les un une des et est sont pour avec sur dans que qui pas
    ne mon votre ce cette au aux en bonjour merci beaucoup oui non
    yo los las una unos y o por para con es estoy quiero hola gracias muchas
    eu você os um uma e é em no com gostaria obrigado obrigada olá
    io gli che per sono voglio ciao grazie
    ich wir sie ist sind und mit für nicht ein eine einen bitte möchte habe suche hallo danke
    ik het een niet wil
    jest się nie w z i że chcę szukam jestem dziękuję
    tack mycket
    biz siz bir bu şu ve ile için mı mü ne var yok istiyorum merhaba lütfen teşekkür
    teşekkürler ederim çok
    saya aku kami anda yang ke dari untuk dengan ini itu apa tidak mau ingin bisa terima
    kasih
    men va bilan uchun haqida kerak bor qanday salom
    shoma to dar az ke ra mikham mikhaham hast ast che baraye lotfan
    mne hochu nuzhen nuzhno kak chto gde eto privet spasibo
    tôi là và của có không muốn xin chào bạn
"""
SENTENCE_WORDS = frozenset(_SENTENCE_WORDS_TEXT.split())
# Parts of personal names written in lower case ("Maria da Silva", "Siti binti Tarudin").
_NAME_PARTICLES_TEXT = """
    al el bin binti bint ibn ben da das de del della der di do dos du la le van von ul
"""
NAME_PARTICLES = frozenset(_NAME_PARTICLES_TEXT.split())


def _is_english_evidence(word: str) -> bool:
    return word == "I" or word.lower().replace("’", "'") in ENGLISH_EVIDENCE_WORDS


def _is_name_like(words: list[str]) -> bool:
    """Whether a few words read as names rather than a sentence ("Muhammad Ali Khan")."""
    if any(word.lower() in SENTENCE_WORDS for word in words):
        return False
    capitalised = all(word[0].isupper() or word in NAME_PARTICLES for word in words)
    return len(words) <= MAX_NAME_LIKE_WORDS or (
        capitalised and len(words) <= MAX_CAPITALISED_NAME_WORDS
    )


def _is_capitalised_name(tokens: list[str]) -> bool:
    """Whether a few capitalised words read as a name ("Dilnoza Yo‘ldosheva").

    Args:
        tokens: The text split on spaces (an apostrophe inside a name stays in its word).
    """
    words = [token.strip(".,;:!?()\"'") for token in tokens]
    words = [word for word in words if word]
    if not words or any(word.lower() in SENTENCE_WORDS for word in words):
        return False
    capitalised = all(word[0].isupper() or word in NAME_PARTICLES for word in words)
    return capitalised and len(words) <= MAX_CAPITALISED_NAME_WORDS


def decide_latin(residual: str) -> LanguageDecision:
    """Decides the reply language of text whose dominant script is Latin.

    Args:
        residual: The text without parts that carry no language.

    Returns:
        English, the unsupported treatment, or an ambiguous decision (keep the
        conversation's language) when the text is too short, langdetect is unsure, or the
        text is a few names that langdetect takes for another language.
    """
    words = [
        word
        for word in LATIN_WORD_PATTERN.findall(residual)
        if word.lower() not in LATIN_NAMES_WITHOUT_LANGUAGE
    ]
    letters = sum(len(word) for word in words)
    english_words = [word for word in words if _is_english_evidence(word)]
    enough_evidence = len(words) >= MIN_LATIN_WORDS and (
        letters >= MIN_LATIN_LETTERS or len(english_words) >= MIN_ENGLISH_EVIDENCE_WORDS
    )
    if not enough_evidence:
        return LanguageDecision(None, None, SCRIPT_LATIN, REASON_AMBIGUOUS, 0.0)

    if len(english_words) < len(words) and _is_capitalised_name(residual.split()):
        # "Dilnoza Yo‘ldosheva", "Samarqand Meva Eksport", "Astana Invest Group" answering
        # the lead form: names, which langdetect often calls English.
        return LanguageDecision(None, None, SCRIPT_LATIN, REASON_AMBIGUOUS, 0.0)
    english_share = len(english_words) / len(words)
    if english_share >= MIN_ENGLISH_WORD_SHARE:
        # English by its words: langdetect (most of a turn's language cost) is not asked.
        return LanguageDecision("en", "en", SCRIPT_LATIN, REASON_LANGDETECT, english_share)
    probabilities = langdetect_probabilities(" ".join(words))
    english_probability = probabilities.get("en", 0.0)
    if english_probability >= MIN_ENGLISH_PROBABILITY:
        return LanguageDecision("en", "en", SCRIPT_LATIN, REASON_LANGDETECT, english_probability)

    best_code, best_probability = best_language(probabilities)
    if english_probability > MAX_ENGLISH_PROBABILITY_FOR_FOREIGN or _is_name_like(words):
        return LanguageDecision(None, best_code, SCRIPT_LATIN, REASON_AMBIGUOUS, 0.0)
    confident_guess = best_code != "en" and best_probability >= MIN_FOREIGN_PROBABILITY
    if confident_guess and english_share <= MAX_ENGLISH_WORD_SHARE_FOR_FOREIGN:
        return LanguageDecision(
            UNSUPPORTED_REPLY_LANGUAGE,
            best_code,
            SCRIPT_LATIN,
            REASON_UNSUPPORTED,
            best_probability,
        )
    # langdetect is unsure which language it is (e.g. Uzbek, which it does not know): call
    # it unsupported only when not one word is English and the text is long or not English
    # in its letters (ı, ş, ü...).
    non_english_letters = bool(NON_ENGLISH_LATIN_LETTER_PATTERN.search(" ".join(words)))
    if not english_words and (
        non_english_letters or len(words) >= MIN_FOREIGN_WORDS_WITHOUT_CONFIDENT_GUESS
    ):
        return LanguageDecision(
            UNSUPPORTED_REPLY_LANGUAGE,
            UNDETERMINED_LANGUAGE,
            SCRIPT_LATIN,
            REASON_UNSUPPORTED,
            1.0 - english_probability,
        )
    return LanguageDecision(None, best_code, SCRIPT_LATIN, REASON_AMBIGUOUS, 0.0)
