"""Project names learnt from the catalogue: a project staff add is found by name at once.

A fake catalogue (a page reader over a dict) stands for `GET /projects`; the component's
normaliser is swapped when the names change, and kept when the catalogue cannot be read.
"""

from __future__ import annotations

import logging
from functools import cache

import pytest
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.entities.catalogue_names import CatalogueNames, name_forms
from bot.nlu.entities.component import VocabularyEntityExtractor
from hub_lexicon.lexicon import SurfaceForm, read_lexicon
from hub_lexicon.normaliser import default_normaliser

NEW_PROJECT = {
    "en": "Harbour Kiln Works Project",
    "zh": "港湾窑厂项目",
    "ru": "Проект «Гаванская печь»",
}


class FakeCatalogue:
    """Serves project names per language in pages, or fails while `down`."""

    def __init__(self) -> None:
        self.names: dict[str, dict[str, str]] = {"en": {}, "zh": {}, "ru": {}}
        self.down = False
        self.reads = 0

    def add(self, project_id: str, names: dict[str, str]) -> None:
        for language, name in names.items():
            self.names[language][project_id] = name

    def read_page(self, language: str, page: int, page_size: int) -> tuple[dict[str, str], int]:
        self.reads += 1
        if self.down:
            raise ConnectionError("catalogue unreachable")
        items = sorted(self.names[language].items())
        chosen = items[(page - 1) * page_size : page * page_size]
        return dict(chosen), len(items)


@cache
def lexicon_forms() -> tuple[SurfaceForm, ...]:
    return tuple(read_lexicon())


def _extractor_and_names(
    catalogue: FakeCatalogue,
) -> tuple[VocabularyEntityExtractor, CatalogueNames]:
    extractor = VocabularyEntityExtractor(default_normaliser())
    names = CatalogueNames(
        list(lexicon_forms()), catalogue.read_page, 30.0, extractor.use_normaliser
    )
    return extractor, names


def _projects(extractor: VocabularyEntityExtractor, text: str) -> list[str]:
    message = Message({TEXT: text})
    message.set(INTENT, {"name": "project_details", "confidence": 1.0})
    extractor.process([message])
    return [e["value"] for e in message.get(ENTITIES) or [] if e["entity"] == "project"]


@pytest.mark.parametrize(
    "text",
    [
        "Tell me about Harbour Kiln Works Project",
        "tell me about harbour kiln works",
        "港湾窑厂项目的情况",
        "介绍一下港湾窑厂",
        "Расскажите про проект «Гаванская печь»",
        "расскажи про гаванская печь",
    ],
)
def test_a_new_catalogue_project_is_found_after_a_refresh(text: str) -> None:
    """Unknown before the refresh, found by name and variant in en, zh and ru after it."""
    catalogue = FakeCatalogue()
    extractor, names = _extractor_and_names(catalogue)
    assert names.refresh()  # the seed's names: nothing new for the lexicon
    assert _projects(extractor, text) == []
    catalogue.add("harbour-kiln-works", NEW_PROJECT)
    assert names.refresh()
    assert _projects(extractor, text) == ["harbour-kiln-works"]


def test_all_pages_are_read() -> None:
    """More projects than one page: every page is read, in every language."""
    catalogue = FakeCatalogue()
    for index in range(120):
        catalogue.add(f"p{index}", {"en": f"Zyxo{index}", "zh": f"甲乙{index}", "ru": f"Жэ{index}"})
    _extractor, names = _extractor_and_names(catalogue)
    assert len(names.read_names()) == 120
    assert catalogue.reads == 9  # 3 pages of 50 in each of 3 languages


def test_a_failed_read_keeps_the_names_and_logs_once(caplog: pytest.LogCaptureFixture) -> None:
    """The catalogue down: the last names stay, one warning; back up: read again."""
    catalogue = FakeCatalogue()
    catalogue.add("harbour-kiln-works", NEW_PROJECT)
    extractor, names = _extractor_and_names(catalogue)
    assert names.refresh()
    catalogue.down = True
    with caplog.at_level(logging.WARNING, logger="bot.nlu.entities.catalogue_names"):
        assert not names.refresh()
        assert not names.refresh()
    assert len([r for r in caplog.records if r.levelno == logging.WARNING]) == 1
    assert _projects(extractor, "tell me about harbour kiln works") == ["harbour-kiln-works"]
    catalogue.down = False
    catalogue.add("second-kiln", {"en": "Second Kiln Yard", "zh": "第二窑场", "ru": "Вторая печь"})
    assert names.refresh()
    assert _projects(extractor, "tell me about second kiln yard") == ["second-kiln"]


def test_names_that_clash_with_the_lexicon_are_left_out() -> None:
    """A catalogue name the lexicon reads as a sector does not become a project form."""
    catalogue = FakeCatalogue()
    catalogue.add("logistics-thing", {"en": "Logistics Project", "zh": "物流", "ru": "Логистика"})
    extractor, names = _extractor_and_names(catalogue)
    names.refresh()
    assert _projects(extractor, "tell me about logistics") == []


def test_name_forms_strip_the_project_word() -> None:
    """The variant drops a leading or trailing "project" word and folds case."""
    assert name_forms("x", "en", "Harbour Kiln Project") == [
        "harbour kiln project",
        "harbour kiln",
    ]
    assert name_forms("x", "zh", "港湾窑厂项目") == ["港湾窑厂项目", "港湾窑厂"]
    assert name_forms("x", "ru", "Проект Печь") == ["проект печь", "печь"]
    assert name_forms("x", "zh", "项目") == ["项目"]


@pytest.mark.parametrize("intent", ["affirm", "nlu_fallback", "search_projects"])
def test_a_message_naming_an_unseen_project_asks_about_it(intent: str) -> None:
    """The model never saw a new name ("Works" reads as "affirm"): the name sets the intent."""
    catalogue = FakeCatalogue()
    catalogue.add("harbour-kiln-works", NEW_PROJECT)
    extractor, names = _extractor_and_names(catalogue)
    names.refresh()
    message = Message({TEXT: "tell me about Harbour Kiln Works"})
    message.set(INTENT, {INTENT_NAME_KEY: intent, "confidence": 0.8})
    # Below the fallback threshold the best ranked intent may take projects: still fallback.
    message.set(INTENT_RANKING_KEY, [{INTENT_NAME_KEY: "ask_hub_info", "confidence": 0.3}])
    extractor.process([message])
    assert message.get(INTENT)[INTENT_NAME_KEY] == "project_details"
    seed = Message({TEXT: "any projects like xinhong?"})
    seed.set(INTENT, {INTENT_NAME_KEY: "search_projects", "confidence": 0.8})
    extractor.process([seed])
    # Projects the model knows: as before.
    assert seed.get(INTENT)[INTENT_NAME_KEY] == "search_projects"


@pytest.mark.parametrize(
    ("text", "intent", "expected"),
    [
        ("the 2nd one looks good, have someone call me", "project_details", "leave_contact"),
        ("а по медицине кто-нибудь может со мной связаться?", "search_projects", "leave_contact"),
        ("第二个不错，请联系我", "nlu_fallback", "leave_contact"),
        ("второй подходит, перезвоните мне", "leave_contact", "leave_contact"),
        ("can a person call me now?", "request_human", "request_human"),
        ("how can I contact you?", "ask_contact", "ask_contact"),
    ],
)
def test_a_message_asking_to_be_contacted_is_a_request_to_leave_details(
    text: str, intent: str, expected: str
) -> None:
    """Whatever else it names, "call me" asks the hub to get in touch: the lead form."""
    extractor, _ = _extractor_and_names(FakeCatalogue())
    message = Message({TEXT: text})
    message.set(INTENT, {INTENT_NAME_KEY: intent, "confidence": 0.8})
    extractor.process([message])
    assert message.get(INTENT)[INTENT_NAME_KEY] == expected


@pytest.mark.parametrize(
    ("text", "intent", "expected"),
    [
        ("хўп, хайр", "affirm", "goodbye"),
        ("благодарю, всего доброго", "nlu_fallback", "goodbye"),
        ("пока нет", "deny", "deny"),
    ],
)
def test_a_short_goodbye_is_a_goodbye(text: str, intent: str, expected: str) -> None:
    """ "xo'p, xayr" (ok, bye) reads as "ok": the goodbye word says what it is."""
    extractor, _ = _extractor_and_names(FakeCatalogue())
    message = Message({TEXT: text})
    message.set(INTENT, {INTENT_NAME_KEY: intent, "confidence": 0.8})
    extractor.process([message])
    assert message.get(INTENT)[INTENT_NAME_KEY] == expected
