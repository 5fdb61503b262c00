from __future__ import annotations

from pathlib import Path

import pytest

from hub_lexicon.lexicon import read_lexicon
from hub_lexicon.normaliser import EntityNormaliser

FIXTURE_LEXICON = Path(__file__).parent / "lexicon"


@pytest.fixture(scope="module")
def normaliser() -> EntityNormaliser:
    return EntityNormaliser(read_lexicon(FIXTURE_LEXICON))


def found(normaliser: EntityNormaliser, text: str) -> set[tuple[str, str]]:
    return {(match.entity, match.value) for match in normaliser.find(text)}


@pytest.mark.parametrize(
    ("entity", "text", "code"),
    [
        ("sector", "логистическая", "logistics"),
        ("sector", "логистической", "logistics"),
        ("service", "визу", "visa"),
        ("service", "визой", "visa"),
        ("service", "школами", "living"),
        ("service", "registration", "company_registration"),
        ("service", "зарегать", "company_registration"),
        ("service", "переводчики", "translation"),
        ("service", "interpreters", "translation"),
        ("sector", "醫療", "medical"),
        ("sector", "logistcs", "logistics"),
        ("sector", "medical", "medical"),
        ("ordinal", "первом", "1"),
        ("ordinal", "第二个", "2"),
        ("ordinal", "7", "7"),
        # Kazakh letters typed as Russian ones, or transliterated from Latin letters.
        ("service", "тұрғын үй", "living"),
        ("service", "тургын уй", "living"),
    ],
)
def test_surface_forms_map_to_their_code(normaliser, entity, text, code):
    assert normaliser.normalise(entity, text) == code


def test_a_value_that_names_no_code_is_none(normaliser):
    assert normaliser.normalise("sector", "центр") is None
    assert normaliser.normalise("service", "logistics and visa") is None


def test_codes_are_found_inside_sentences(normaliser):
    assert found(normaliser, "we r a logistics firm, need visa pls") >= {
        ("sector", "logistics"),
        ("service", "logistics"),
        ("service", "visa"),
    }
    assert found(normaliser, "нужна помощь с визой и школами для детей") == {
        ("service", "visa"),
        ("service", "living"),
    }
    assert found(normaliser, "我想了解平度的冷链物流项目") == {
        ("district", "pingdu"),
        ("sector", "logistics"),
        ("service", "logistics"),
    }


def test_the_longer_form_wins(normaliser):
    assert found(normaliser, "tell me about the Huanxiu Lake project") == {
        ("project", "huanxiu-lake-city-industry")
    }
    assert found(normaliser, "anything near Huanxiu Lake?") == {("district", "huanxiu_lake")}


def test_offsets_point_into_the_original_text(normaliser):
    text = "請問平度的醫療項目"
    matches = normaliser.find(text)
    assert [(m.entity, m.text) for m in matches] == [
        ("district", "平度"),
        ("sector", "醫療"),
    ]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("the 2nd one", "2"),
        ("#3 pls", "3"),
        ("№ 4", "4"),
        ("第3个", "3"),
        ("последний", "last"),
        ("the last one", "last"),
    ],
)
def test_ordinals(normaliser, text, value):
    assert ("ordinal", value) in found(normaliser, text)
