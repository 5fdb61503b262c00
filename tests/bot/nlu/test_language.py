"""The reply-language decision of package `bot.nlu.language` and its parts, without Rasa.

Its Rasa component is tested in test_language_component.py.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bot.nlu.language import (
    REASON_AMBIGUOUS,
    REASON_EXPLICIT_REQUEST,
    SUPPORTED_LANGUAGES,
    LanguageDecision,
    count_letters_by_script,
    detect_reply_language,
    find_language_request,
    identify_cyrillic_language,
    langdetect_probabilities,
    normalise_language_value,
    text_without_language_evidence,
)
from bot.nlu.language.latin import ENGLISH_EVIDENCE_WORDS, NAME_PARTICLES, SENTENCE_WORDS
from tests.bot.nlu.language_cases import KEEP, UNSUPPORTED, LanguageCase, load_language_cases

LANGUAGE_CASES = load_language_cases()


def outcome(decision: LanguageDecision) -> str:
    """Maps a decision onto the table's vocabulary: en/zh/ru, keep or unsupported."""
    if decision.is_unsupported:
        return UNSUPPORTED
    return decision.reply_language or KEEP


# --- The table -----------------------------------------------------------------------------


def test_table_is_large_and_covers_every_outcome() -> None:
    outcomes = {case.expected for case in LANGUAGE_CASES}
    assert len(LANGUAGE_CASES) >= 60
    assert outcomes == {"en", "zh", "ru", KEEP, UNSUPPORTED}
    assert sum(case.reason == REASON_EXPLICIT_REQUEST for case in LANGUAGE_CASES) >= 10


@pytest.mark.parametrize("case", LANGUAGE_CASES, ids=lambda case: case.id)
def test_reply_language(case: LanguageCase) -> None:
    decision = detect_reply_language(case.text, case.ignore_spans)

    assert outcome(decision) == case.expected, decision
    if case.detected is not None:
        assert decision.detected == case.detected, decision
    if case.reason is not None:
        assert decision.reason == case.reason, decision


@pytest.mark.parametrize("case", LANGUAGE_CASES, ids=lambda case: case.id)
def test_decision_is_consistent(case: LanguageCase) -> None:
    decision = detect_reply_language(case.text, case.ignore_spans)

    if decision.is_unsupported:
        assert decision.reply_language == "en"
        assert decision.detected
    elif decision.keeps_language:
        assert decision.reason == REASON_AMBIGUOUS
    else:
        assert decision.reply_language in SUPPORTED_LANGUAGES
    assert 0.0 <= decision.confidence <= 1.0
    if decision.mention is not None:
        start, end = decision.mention
        assert normalise_language_value(case.text[start:end]) == decision.reply_language


# --- Determinism ------------------------------------------------------------------------


def test_decisions_are_reproducible() -> None:
    first = [detect_reply_language(case.text, case.ignore_spans) for case in LANGUAGE_CASES]
    for _ in range(2):
        again = [detect_reply_language(case.text, case.ignore_spans) for case in LANGUAGE_CASES]
        assert again == first


def test_decisions_do_not_depend_on_the_global_langdetect_seed() -> None:
    from langdetect import DetectorFactory

    # Cases where langdetect itself decides (Latin-script and long Cyrillic text).
    texts = [
        "Je voudrais en savoir plus sur les projets d'investissement",
        "Здравейте, искам да науча повече за инвестиционните проекти",
        "What services do you offer?",
    ]
    expected = [detect_reply_language(text) for text in texts]
    original_seed = DetectorFactory.seed
    try:
        for seed in (None, 1, 42):
            DetectorFactory.seed = seed
            assert [detect_reply_language(text) for text in texts] == expected
    finally:
        DetectorFactory.seed = original_seed


def test_langdetect_probabilities_are_reproducible() -> None:
    text = "book a meeting"  # short text on which langdetect's sampling matters
    first = langdetect_probabilities(text)
    assert first
    assert all(langdetect_probabilities(text) == first for _ in range(5))


# --- Building blocks ----------------------------------------------------------------------


def test_letters_are_counted_per_script() -> None:
    counts = count_letters_by_script("有没有medical项目? Пинду 123 👍")

    assert counts == {"Han": 5, "Latin": 7, "Cyrillic": 5}


def test_text_without_language_evidence_keeps_offsets() -> None:
    text = "Write to ivan@example.ru or see https://example.com/x, SCO Plaza"
    residual = text_without_language_evidence(text, [(text.index("SCO"), len(text))])

    assert len(residual) == len(text)
    assert residual.split() == ["Write", "to", "or", "see"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("мне нужен юрист", "ru"),
        ("Сәлеметсіз бе", "kk"),
        ("Саламатсызбы, долбоорлор жөнүндө", "ky"),
        ("лойиҳалар ҳақида", "uz"),
        ("Прывітанне, інвестыцыйныя", "be"),
        ("інвестиційні проекти", "uk"),
        ("Здраво, желим да сазнам више о пројектима", "sr"),
        ("Рахмет, түсіндім", "kk"),  # Kazakh і with ү, never Ukrainian
    ],
)
def test_cyrillic_languages_are_reported(text: str, expected: str) -> None:
    assert identify_cyrillic_language(text) == expected


def test_refusing_the_language_written_in_gets_the_visitors_own() -> None:
    decision = detect_reply_language("你好，我是俄罗斯人，中文不太好")
    assert decision.reply_language == "ru"
    assert detect_reply_language("我是俄罗斯人").reply_language == "zh"  # refuses nothing


@pytest.mark.parametrize(
    ("text", "mongolian"),
    [
        ("Сайн байна уу, Монголоос бичиж байна. Хөрөнгө оруулалтын төслүүд байна уу?", True),
        ("Сайн байна уу", True),
        ("уу", False),  # a particle alone is no evidence
        ("сайн байна уу. я из монголии, есть проекты по производству?", False),  # Russian
        ("Саламатсызбы, долбоорлор барбы?", False),  # Kyrgyz
        ("Жаңы долбоорлор бар бекен?", False),  # Kyrgyz ң
    ],
)
def test_mongolian_is_not_spoken_and_answered_in_russian(text: str, mongolian: bool) -> None:
    decision = detect_reply_language(text)
    assert decision.reply_language == "ru"
    assert decision.is_unsupported is mongolian
    assert (decision.detected == "mn") is mongolian


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("请用英文回答", ("en", (2, 4))),
        ("can we continue in Russian?", ("ru", (19, 26))),
        ("по-английски, пожалуйста", ("en", (3, 12))),
        ("Do you have Chinese partners?", None),
        ("I don't speak English", None),
        ("有没有说英语的律师？", None),
        # A refused language is never the one requested; the other one named is.
        ("no english pls, russian", ("ru", (16, 23))),
        ("можно не на английском? на русском", ("ru", (27, 34))),
        ("my English is bad", None),
        ("请不要用英语", None),
        # Languages of a translation service are not requests.
        ("I need an interpreter into Russian, please", None),
        ("Нужен переводчик на английский, пожалуйста", None),
        ("需要俄语翻译", None),
    ],
)
def test_language_requests(text: str, expected: tuple[str, tuple[int, int]] | None) -> None:
    assert find_language_request(text) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [("ru", "ru"), ("English", "en"), ("俄语", "ru"), ("китайском", "zh"), ("fr", None), (3, None)],
)
def test_language_entity_values_are_normalised(value: object, expected: str | None) -> None:
    assert normalise_language_value(value) == expected


def test_sentence_words_are_neither_name_particles_nor_english() -> None:
    assert not SENTENCE_WORDS & NAME_PARTICLES
    assert not SENTENCE_WORDS & ENGLISH_EVIDENCE_WORDS


def test_the_decision_does_not_load_rasa() -> None:
    code = "import sys, bot.nlu.language; assert not any(m.startswith('rasa') for m in sys.modules)"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).parents[3])
