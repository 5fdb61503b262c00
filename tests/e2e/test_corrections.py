"""A visitor corrects what they asked (issue 20): "no, I meant logistics, not finance".

The correction is a search for what it names, not a "no": the negated sector is dropped,
and a position asked next is in the corrected list. Every visitor's wording here is this
file's own.
"""

from __future__ import annotations

import pytest

from tests.e2e.chat import Visitor

pytestmark = pytest.mark.e2e

MEDICAL_LOGISTICS = {
    "en": "Modern Medical Logistics Industrial Park",
    "zh": "现代医药物流产业园",
    "ru": "медицинский логистический",
}
FINANCE_BUILDING = {"en": "SCO Finance Building", "zh": "上合金融大厦", "ru": "Финансовое здание"}


@pytest.mark.parametrize(
    ("language", "search", "corrected", "first"),
    [
        ("en", "got any finance projects?", "nope, i was asking about logistics not finance",
         "first one pls"),
        ("zh", "金融类的项目有吗", "搞错了，我要的是物流，而不是金融", "第一个"),
        ("ru", "финансовые проекты есть?", "нет, я про логистику, а не про финансы", "первый"),
        ("ru", "Финанс долбоорлору барбы?", "Жок, логистика керек, финанс эмес", "биринчиси"),
    ],
)  # fmt: skip
def test_a_corrected_search_lists_what_was_meant(stack, language, search, corrected, first):
    visitor = Visitor(stack)
    assert FINANCE_BUILDING[language] in visitor.texts(search)
    reply = visitor.texts(corrected)
    assert MEDICAL_LOGISTICS[language] in reply, reply
    assert FINANCE_BUILDING[language] not in reply, reply
    assert MEDICAL_LOGISTICS[language] in visitor.texts(first)
