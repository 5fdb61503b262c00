"""Multi-turn conversations over the REST channel, in English, Chinese and Russian.

The stack is real: catalogue API on SQLite, action server, Rasa server with the trained
model. Button payloads (`/intent{...}`) are used where a test is about the dialogue, and
typed text where it is about understanding and language.
"""

from __future__ import annotations

import time

import pytest
import requests

from tests.e2e.chat import Visitor, resume, staff_leads

pytestmark = pytest.mark.e2e


def test_english_search_follow_ups_and_details(stack):
    visitor = Visitor(stack)
    assert "Hello" in visitor.texts("Hello!")

    answer = visitor.texts("show me medical projects")
    assert "Xinhong Medical Industry Investment" in answer
    assert "Modern Medical Logistics Industrial Park" in answer
    assert "Medical" in answer

    answer = visitor.texts("only in Pingdu")
    assert "I found no projects" in answer

    # The whole catalogue, as the API has it now (other tests of the session add projects).
    total = requests.get(f"{stack.url('catalogue')}/projects", timeout=10).json()["total"]
    answer = visitor.texts('/search_projects{"sector": "any", "district": "any"}')
    assert f"Matching projects: {total}" in answer
    assert "Showing 1–3" in answer
    assert "Showing 4–6" in visitor.texts("show more")

    cards = visitor.say('/search_projects{"sector": "logistics"}')
    buttons = [b["payload"] for m in cards for b in m.get("buttons", [])]
    assert '/project_details{"project": "medical-logistics-park"}' in buttons

    answer = visitor.texts('/project_details{"project": "medical-logistics-park"}')
    assert "Modern Medical Logistics Industrial Park" in answer
    assert "Investment: not disclosed" in answer
    assert visitor.slot("discussed_projects") == ["medical-logistics-park"]


def test_chinese_conversation_stays_in_chinese(stack):
    visitor = Visitor(stack)
    assert "您好" in visitor.texts("你好")
    answer = visitor.texts("有医疗项目吗？")
    assert "Xinhong 医疗产业投资项目" in answer
    assert "行业" in answer
    answer = visitor.texts("签证服务有哪些？")
    assert "提供方" in answer
    assert visitor.slot("language") == "zh"
    assert "不客气" in visitor.texts("谢谢")


def test_russian_conversation_with_services_and_contacts(stack):
    visitor = Visitor(stack)
    assert "Здравствуйте" in visitor.texts("Здравствуйте!")
    answer = visitor.texts("Какие юридические услуги предлагает центр?")
    assert "Кто предоставляет" in answer
    answer = visitor.texts("Как связаться с центром?")
    assert "Организации центра" in answer
    assert "Qingdao SCO" in answer or "ШОС" in answer
    assert visitor.slot("language") == "ru"


def test_language_rules_across_a_conversation(stack):
    visitor = Visitor(stack)
    assert "Здравствуйте" in visitor.texts("Здравствуйте")
    visitor.texts("ок")
    assert visitor.slot("language") == "ru"
    assert "English" in visitor.texts("по-английски, пожалуйста")
    assert visitor.slot("language") == "en"
    assert "中文" in visitor.texts("请用中文回答")
    assert visitor.slot("language") == "zh"
    visitor.texts("👍")
    assert visitor.slot("language") == "zh"

    kazakh = Visitor(stack, "kazakh")
    answer = kazakh.texts("Сәлеметсіз бе, маған инвестициялық жобалар туралы айтып беріңізші")
    assert kazakh.slot("language") == "ru"
    assert any(word in answer for word in ("Найдено", "проект", "Здравствуйте", "Извините"))

    persian = Visitor(stack, "persian")
    answer = persian.texts("سلام، من می‌خواهم درباره پروژه‌های سرمایه‌گذاری بدانم")
    assert "English, Chinese (中文) and Russian (русский)" in answer


def test_page_language_starts_the_conversation(stack):
    visitor = Visitor(stack)
    answer = visitor.texts("/greet", language="ru")
    assert "Здравствуйте" in answer
    assert visitor.slot("language") == "ru"


def fill_lead_form(visitor: Visitor, contact: str) -> str:
    visitor.texts("Li Wei")
    visitor.texts("Silk Road Trading")
    visitor.texts("Kazakhstan")
    visitor.texts(contact)
    visitor.texts("The cold chain park")
    return visitor.texts("/affirm")


def test_a_lead_reaches_the_catalogue(stack):
    visitor = Visitor(stack, "lead")
    visitor.texts('/project_details{"project": "huarong-guangde-cold-chain-park"}')
    assert "What is your name?" in visitor.texts("/leave_contact")
    assert "That does not look like" in "".join(
        [
            visitor.texts("Li Wei"),
            visitor.texts("Silk Road Trading"),
            visitor.texts("Kazakhstan"),
            visitor.texts("my email is li.wei@"),
        ]
    )
    visitor.texts("li.wei@example.com")
    visitor.texts("The cold chain park")
    answer = visitor.texts("/affirm")
    assert "Your request is registered" in answer

    leads = [lead for lead in staff_leads(stack) if lead["conversation_id"] == visitor.sender_id]
    assert len(leads) == 1
    lead = leads[0]
    assert lead["email"] == "li.wei@example.com"
    assert lead["country"] == "Kazakhstan"
    assert lead["projects"] == ["huarong-guangde-cold-chain-park"]
    assert lead["language"] == "en" and lead["handoff"] is False


def test_handoff_pauses_the_bot_until_staff_resume(stack):
    visitor = Visitor(stack, "handoff")
    assert "What is your name?" in visitor.texts("I want to talk to a person")
    answer = fill_lead_form(visitor, "+7 701 234 5678")
    assert "A member of the hub's staff will reply" in answer
    assert visitor.tracker()["paused"] is True
    assert visitor.say("hello?") == []

    leads = [
        lead
        for lead in staff_leads(stack, handoff="true")
        if lead["conversation_id"] == visitor.sender_id
    ]
    assert [lead["phone"] for lead in leads] == ["+77012345678"]

    resume(stack, visitor.sender_id)
    assert visitor.tracker()["paused"] is False
    assert "Hello" in visitor.texts("/greet")


def test_catalogue_outage_loses_no_lead(stack):
    visitor = Visitor(stack, "outage")
    visitor.texts("Здравствуйте")
    stack.stop(["catalogue"])
    try:
        # A search no other test makes: the action server reuses a catalogue answer for up
        # to its max-age (30 s), even while the catalogue is down.
        answer = visitor.texts('/search_projects{"sector": "headquarters_economy"}')
        assert "каталог проектов сейчас недоступен" in answer
        assert "Как вас зовут?" in visitor.texts("/leave_contact")
        answer = fill_lead_form(visitor, "aigul@example.kz")
        assert "запрос сохранён" in answer
    finally:
        stack.start(["catalogue"])
    deadline = time.monotonic() + 30
    delivered: list[dict] = []
    while not delivered and time.monotonic() < deadline:
        delivered = [
            lead for lead in staff_leads(stack) if lead["conversation_id"] == visitor.sender_id
        ]
        time.sleep(0.5)
    assert [lead["email"] for lead in delivered] == ["aigul@example.kz"]
    assert delivered[0]["language"] == "ru"


def test_conversations_survive_a_rasa_restart(stack):
    visitor = Visitor(stack, "restart")
    visitor.texts("请用中文回答")
    assert visitor.slot("language") == "zh"
    stack.stop(["rasa"])
    stack.start(["rasa"])
    assert visitor.slot("language") == "zh"
    assert "您好" in visitor.texts("/greet")


def test_saying_no_in_the_lead_form_stores_nothing(stack):
    visitor = Visitor(stack, "cancel")
    assert "What is your name?" in visitor.texts("/leave_contact")
    assert "I have not stored your details" in visitor.texts("/deny")
    assert not (visitor.tracker().get("active_loop") or {}).get("name")
    assert "Hello" in visitor.texts("/greet")
    assert not [lead for lead in staff_leads(stack) if lead["conversation_id"] == visitor.sender_id]
