from __future__ import annotations

import pytest
from rasa_sdk.executor import CollectingDispatcher
from responses import matchers

from actions.lead_answers import is_cancel, is_decline, is_interruption, wants_to_stop
from actions.lead_form import INTERRUPTING_INTENTS, SKIPPED, ActionAskLeadName, ValidateLeadForm
from tests.actions.conftest import CATALOGUE_URL
from tests.actions.helpers import entity, make_tracker, responses_sent, run_action, slots_set
from tests.actions.test_services import service_json

NAMES_READ_AS_NO = ["Aibek Nurlanov", "Nurlan Abenov", "Dilnoza Karimova", "Rahul Sharma"]


def validate(slot: str, value: str, intent: str = "inform", **slots):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(intent=intent, text=value, slots=slots)
    result = getattr(ValidateLeadForm(), f"validate_{slot}")(value, dispatcher, tracker, {})
    return result, responses_sent(dispatcher.messages)


@pytest.mark.parametrize("name", [*NAMES_READ_AS_NO, "Muhammad Ali Khan", "Нетесов Иван"])
@pytest.mark.parametrize("intent", ["deny", "greet", "nlu_fallback", "ask_service"])
def test_a_name_is_taken_whatever_the_classifier_says(name, intent):
    assert validate("lead_name", name, intent=intent) == ({"lead_name": name}, [])


@pytest.mark.parametrize(
    "answer", ["no", "No.", "stop", "Cancel!", "нет", "Не хочу", "отмена", "不用了", "取消", "算了"]
)
@pytest.mark.parametrize("slot", ["lead_name", "lead_country", "lead_contact"])
def test_a_stop_phrase_ends_the_form_at_a_required_question(slot, answer):
    result, sent = validate(slot, answer, intent="inform")
    assert result == {slot: None, "lead_consent": None, "requested_slot": None}
    assert sent == []


@pytest.mark.parametrize("answer", ["спасибо", "thank you", "谢谢", "рахмет"])
def test_thanks_asked_for_a_name_ends_the_form(answer):
    result, sent = validate("lead_name", answer, intent="thank")
    assert result == {"lead_name": None, "lead_consent": None, "requested_slot": None}
    assert sent == []


@pytest.mark.parametrize("answer", ["no", "нет", "没有", "skip", "-"])
def test_no_skips_an_optional_answer(answer):
    assert validate("lead_company", answer)[0] == {"lead_company": SKIPPED}


def test_stop_ends_the_form_at_an_optional_question():
    assert validate("lead_company", "stop")[0]["requested_slot"] is None


@pytest.mark.parametrize(
    ("typed", "code"),
    [("Kazakhstan", "KZ"), ("Казахстан", "KZ"), ("哈萨克斯坦", "KZ"), ("Atlantis", None)],
)
def test_the_country_keeps_the_typed_text_and_its_iso_code(typed, code):
    result, _ = validate("lead_country", typed)
    assert result == {"lead_country": typed, "lead_country_code": code}


def test_the_interest_answer_records_the_projects_and_services_it_names():
    result, _ = validate(
        "lead_interest",
        "the Xinhong medical project, and we need a visa",
        discussed_projects=["sco-plaza-area"],
    )
    assert result["lead_interest"] == "the Xinhong medical project, and we need a visa"
    assert result["discussed_projects"] == ["sco-plaza-area", "xinhong-medical-industry"]
    assert result["discussed_services"] == ["visa"]


@pytest.mark.parametrize(
    ("answer", "intent", "consent"),
    [
        ("yes", "affirm", True),
        ("/affirm", "affirm", True),
        ("да, согласен", "inform", True),
        ("同意", "greet", True),
        ("нет", "inform", False),
        ("/deny", "deny", False),
        ("stop", "inform", False),
        # Several closed phrases in a row: "ok, I agree" in Uzbek, "of course, I consent".
        ("майли, розиман", "goodbye", True),
        ("әрине, келісімімді беремін", "nlu_fallback", True),
        ("haha", "inform", None),
        # Consent inside a longer answer, with no word of refusal.
        ("ҳа, маълумотларимни сақлашга розиман", "inform", True),
        ("i do not agree", "inform", False),
        # A refusal inside a longer answer.
        ("no i dont agree to store my data", "inform", False),
        ("yo'q, ma'lumotlarimni saqlamang", "inform", False),
        ("not sure what you mean", "inform", None),
    ],
)
def test_consent_is_a_clear_yes_or_no(answer, intent, consent):
    expected = [] if consent is not None else ["utter_invalid_lead_consent"]
    assert validate("lead_consent", answer, intent=intent) == ({"lead_consent": consent}, expected)


def test_an_unclear_consent_is_asked_again():
    assert validate("lead_consent", "maybe later", intent="inform") == (
        {"lead_consent": None},
        ["utter_invalid_lead_consent"],
    )


@pytest.mark.parametrize(
    ("text", "intent", "expected"),
    [
        ("what about visas?", "ask_service", True),
        ("what about visas", "ask_service", True),
        ("нужен юрист", "ask_service", True),
        ("有翻译吗", "ask_service", True),
        ("Rahul Sharma", "ask_service", False),
        ("Kazakhstan", "greet", False),
        ("Almaty Logistics LLP", "search_projects", False),
        ("what about visas?", "deny", False),
        ("is there an interpreter", "ask_service", True),
        ("my email is li.wei@", "ask_contact", False),
        ("есть переводчик", "ask_service", True),
        # Inflected and Central Asian question words.
        ("на сайте какого ведомства опубликовали программу", "ask_hub_info", True),
        ("откуда инфа", "ask_hub_info", True),
        ("визанын мөөнөтү канча", "ask_service", True),
        ("ООО Какого-то Ltd", "greet", False),
    ],
)
def test_only_a_question_interrupts_the_form(text, intent, expected):
    assert is_interruption(text, intent, INTERRUPTING_INTENTS) is expected


def test_a_request_is_the_answer_to_what_the_visitor_is_interested_in():
    assert not is_interruption(
        "we need visa support", "ask_service", INTERRUPTING_INTENTS, asks_for_wishes=True
    )
    assert is_interruption(
        "what about visas?", "ask_service", INTERRUPTING_INTENTS, asks_for_wishes=True
    )


def test_stop_vocabulary_is_matched_on_the_whole_answer():
    assert is_cancel("Stop!") and is_cancel("не хочу")
    assert not is_cancel("Stopani") and not is_decline("Nettie Noh")
    assert not is_decline("Нетесов Иван") and not is_cancel("no visa for me, what now?")


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("ладно, не нужен менеджер", "request_human"),
        ("等等，暂时不需要了，我先随便逛逛", "deny"),
        ("йўқ, ҳозирча шарт эмас", "deny"),
        ("раҳмат, саломат бўлинг", "goodbye"),
        ("жоқ, рахмет, қазір емес", "deny"),
        ("жок, токтотолу, азыр маалымат бергим келбейт", "deny"),
        ("жок, казир емес", "deny"),  # Kazakh typed on a Russian keyboard
        ("我还是先跟会长商量一下吧，这个表下回再填", "deny"),
        ("жок, азыр убактым жок, кийинчерээк жазам", "deny"),  # Kyrgyz: no time, later
        ("не, неохота ничего заполнять. забей", "deny"),
        ("qoia turaiyq, qazir uaqytym joq, keiin oralamyn", "nlu_fallback"),  # Kazakh, Latin
        ("行吧 那我以后再联系 谢谢", "thank"),  # later, I'll be in touch
        ("ok thanks, I'll get back to you later", "thank"),
    ],
)
def test_a_visitor_leaves_the_form_in_their_own_words(text, intent):
    assert wants_to_stop(text, intent, 1.0)


def test_a_question_mid_form_is_answered_and_the_question_asked_again(catalogue):
    catalogue.get(
        f"{CATALOGUE_URL}/services",
        match=[matchers.query_param_matcher({"lang": "en", "type": "visa"})],
        json={"items": [service_json("visa", "Visa support")]},
    )
    tracker = make_tracker(
        intent="ask_service",
        text="what about visas?",
        entities=[entity("service", "visa")],
        slots={"requested_slot": "lead_company", "lead_company": "what about visas?"},
    )
    messages, events = run_action(ValidateLeadForm(), tracker)
    assert responses_sent(messages) == [
        "utter_service_item",
        "utter_service_limits_visa",
        "utter_service_followup_sourced",
    ]
    slots = slots_set(events)
    assert slots["lead_company"] is None
    assert slots["discussed_services"] == ["visa"]


@pytest.mark.parametrize("text", ["我想留下联系方式", "yes please contact me"])
def test_the_wish_to_be_contacted_said_again_is_no_name(text):
    tracker = make_tracker(
        intent="leave_contact",
        text=text,
        slots={"requested_slot": "lead_name", "lead_name": text},
    )
    messages, events = run_action(ValidateLeadForm(), tracker)
    assert messages == []
    assert slots_set(events) == {"lead_name": None}


def test_asking_for_a_person_mid_form_flags_the_handoff():
    tracker = make_tracker(
        intent="request_human",
        text="can I talk to a real person?",
        slots={"requested_slot": "lead_country"},
    )
    messages, events = run_action(ValidateLeadForm(), tracker)
    assert responses_sent(messages) == ["utter_handoff_after_form"]
    slots = slots_set(events)
    assert slots == {"handoff_requested": True, "lead_country": None}


def run_form(text: str, intent: str, confidence: float, requested: str = "lead_company"):
    tracker = make_tracker(
        intent=intent, text=text, slots={"requested_slot": requested, requested: text}
    )
    tracker.latest_message["intent"]["confidence"] = confidence
    messages, events = run_action(ValidateLeadForm(), tracker)
    return responses_sent(messages), slots_set(events)


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("never mind, maybe later", "deny"),
        ("thanks, bye", "goodbye"),
        ("先不填了，以后再说", "deny"),
        ("забудьте, не надо сейчас", "deny"),
        ("stop", "greet"),
    ],
)
@pytest.mark.parametrize("requested", ["lead_name", "lead_company", "lead_interest"])
def test_a_visitor_who_wants_out_gets_out_in_their_own_words(text, intent, requested):
    sent, slots = run_form(text, intent, 0.9, requested)
    assert sent == []
    assert slots == {requested: None, "lead_consent": None, "requested_slot": None}


@pytest.mark.parametrize(
    ("text", "intent", "confidence"),
    [
        ("Rahul Sharma", "deny", 0.99),
        ("Nettie Noh", "goodbye", 0.99),
        ("Forget-Me-Not Florists", "deny", 0.3),
        ("Later Industries", "search_projects", 0.9),
    ],
)
def test_an_answer_is_kept_unless_the_visitor_clearly_wants_out(text, intent, confidence):
    _, slots = run_form(text, intent, confidence)
    assert slots == {}  # validated as an answer, not a wish to stop


@pytest.mark.parametrize(
    "text",
    [
        "never mind, maybe later",
        "керек емес, кейін жазамын",
        "kerak emas, keyinroq yozaman",
        "не сейчас, потом как-нибудь",
        "先不填了，以后再说",
    ],
)
def test_two_words_of_leaving_end_the_form_whatever_the_classifier_says(text):
    _, slots = run_form(text, "search_projects", 0.3, "lead_name")
    assert slots == {"lead_name": None, "lead_consent": None, "requested_slot": None}


def test_after_a_handoff_the_name_question_does_not_repeat_its_introduction():
    tracker = make_tracker(slots={"handoff_requested": True})
    messages, _ = run_action(ActionAskLeadName(), tracker)
    assert responses_sent(messages) == ["utter_ask_lead_name_after_handoff"]
    messages, _ = run_action(ActionAskLeadName(), make_tracker(slots={"handoff_requested": False}))
    assert responses_sent(messages) == ["utter_ask_lead_name"]


def test_a_request_for_prices_hears_first_that_none_are_published(catalogue):
    tracker = make_tracker(
        intent="leave_contact", text="пришлите прайс на аренду офисов", slots={"language": "ru"}
    )
    messages, _ = run_action(ActionAskLeadName(), tracker)
    assert responses_sent(messages) == ["utter_prices_not_published", "utter_ask_lead_name"]
