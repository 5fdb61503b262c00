"""The project's lexicon on colloquial forms, two requests in one message, and Kazakh,
Kyrgyz, Uzbek and Belarusian words with their endings (issue 20)."""

from __future__ import annotations

import pytest

from bot.nlu.entities.reading import is_short_reference
from hub_lexicon.normaliser import default_normaliser
from hub_lexicon.suffixes import default_stripper


def found(text: str, entity: str) -> list[str]:
    return [match.value for match in default_normaliser().find(text) if match.entity == entity]


@pytest.mark.parametrize(
    ("text", "services"),
    [
        ("нужен юрист и бух", ["legal", "accounting"]),
        ("нужна юр. помощь и бухи", ["legal", "accounting"]),
        ("we need a lawyer and an auditor", ["legal", "audit"]),
        ("need an accountant and a translator", ["accounting", "translation"]),
        ("我们需要律师和会计", ["legal", "accounting"]),
        ("заңгер мен бухгалтер керек", ["legal", "accounting"]),
        ("бизга юрист ва ҳисобчи керак", ["legal", "accounting"]),
        ("нужно открыть юр. лицо", ["company_registration"]),
        ("визасы керек", ["visa"]),
        ("а с персоналом, набрать людей?", ["hr", "hr"]),
        ("Ходим ёллашда ёрдам берасизларми?", ["hr"]),
    ],
)
def test_every_service_of_a_message_is_found(text: str, services: list[str]) -> None:
    assert found(text, "service") == services


@pytest.mark.parametrize(
    "text",
    [
        "айти проекты",
        "есть ЦОДы?",
        "деректер орталықтары бар ма",
        "маълумотлар марказлари бўйича лойиҳалар",
        "ақпараттық технологиялар саласындағы жобалар",
        "机房和算力",
        "лічбавыя тэхналогіі",
    ],
)
def test_it_and_data_centre_words_are_the_digital_economy(text: str) -> None:
    assert "digital_economy" in found(text, "sector")


@pytest.mark.parametrize(
    ("text", "ordinal"),
    [
        ("екіншісі туралы айтып беріңізші", "2"),  # Kazakh
        ("иккинчиси ҳақида гапириб беринг", "2"),  # Uzbek
        ("экинчиси жөнүндө айтып бериңиз", "2"),  # Kyrgyz
        ("раскажыце пра другі", "2"),  # Belarusian
        ("үшіншісін көрсетіңіз", "3"),
        ("соңғысы туралы", "last"),
        ("биринчисини очинг", "1"),
        ("үчүнчүсүн ачыңызчы", "3"),  # Kyrgyz
    ],
)
def test_positions_in_a_list_are_understood_with_their_endings(text: str, ordinal: str) -> None:
    matches = default_normaliser().find(text)
    assert [match.value for match in matches if match.entity == "ordinal"] == [ordinal]
    assert is_short_reference(text, matches)


@pytest.mark.parametrize(
    ("text", "project"),
    [
        ("Синьхунның жобасы туралы", "xinhong-medical-industry"),
        ("Шоучэнге қатысты", "shoucheng-park-infrastructure"),
    ],
)
def test_project_names_keep_their_endings(text: str, project: str) -> None:
    assert found(text, "project") == [project]


def test_russian_words_are_not_stripped() -> None:
    assert found("что-то другое", "ordinal") == []
    assert found("сау болыңыз", "sector") == []  # "goodbye", not "trade" (сауда)
    assert found("hire a lawyer", "service") == ["legal"]


def test_endings_are_stripped_one_after_another() -> None:
    stripper = default_stripper()
    assert "екінші" in stripper.stems("екіншісі")
    assert "лойиҳа" in stripper.stems("лойиҳаларни")
    assert "салық" in stripper.stems("салығы")  # ғ before a vowel is қ in the dictionary
    assert stripper.stems("сау") == ()


@pytest.mark.parametrize(
    ("text", "entity", "code"),
    [
        ("патрэбна юрыдычная дапамога", "service", "legal"),
        ("дапамажыце з рэгістрацыяй кампаніі", "service", "company_registration"),
        ("якія ёсць медыцынскія праекты?", "sector", "medical"),
        ("лічбавыя праекты", "sector", "digital_economy"),
    ],
)
def test_belarusian_words_are_found_with_their_endings(text: str, entity: str, code: str) -> None:
    assert code in found(text, entity)


def test_when_it_was_signed_asks_a_date() -> None:
    assert "date" in found("啥时候签的", "topic")


@pytest.mark.parametrize(
    "text", ["when did it start", "Орталық қашан ашылды?", "марказ қачон очилган?"]
)
def test_when_the_hub_opened_asks_for_its_events(text: str) -> None:
    assert "events" in found(text, "topic")
