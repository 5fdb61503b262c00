from __future__ import annotations

import pytest

from hub_lexicon.countries import default_country_normaliser


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Kazakhstan", "KZ"),
        ("O'zbekiston", "UZ"),
        ("Орусия", "RU"),
        ("Казахстан", "KZ"),
        ("哈萨克斯坦", "KZ"),
        ("哈薩克", "KZ"),
        ("из Казахстана", "KZ"),
        ("Қазақстанмен сауда қанша өсті?", "KZ"),  # Kazakh "with": -мен
        ("Қырғызстанменен", "KG"),
        ("Almaty, Kazakhstan", "KZ"),
        ("Kazakstan", "KZ"),
        ("KZ", "KZ"),
        ("Кыргызстан", "KG"),
        ("Киргизия", "KG"),
        ("Ўзбекистон", "UZ"),
        ("Republic of Uzbekistan", "UZ"),
        ("UAE", "AE"),
        ("Viet Nam", "VN"),
        ("巴基斯坦", "PK"),
        ("Беларусь", "BY"),
        ("Iran", "IR"),
    ],
)
def test_country_names_in_any_language_map_to_iso_codes(text, code):
    assert default_country_normaliser().code(text) == code


@pytest.mark.parametrize("text", ["Atlantis", "Korea", "India or Pakistan", ""])
def test_no_single_country_is_none(text):
    assert default_country_normaliser().code(text) is None
