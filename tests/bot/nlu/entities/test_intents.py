"""`bot.nlu.entities.intents`: where the lexicon overrules the classifier's intent."""

from __future__ import annotations

import pytest

from bot.nlu.entities.intents import Reading, overruled_intent
from hub_lexicon.normaliser import default_normaliser


def overruled(text: str, classified: str) -> str | None:
    matches = default_normaliser().find(text)
    return overruled_intent(Reading(text, classified, matches, frozenset(), frozenset()))


@pytest.mark.parametrize(
    ("text", "classified", "expected"),
    [
        # A question that names a topic is not small talk ("where exactly" read as "affirm").
        ("where exactly", "affirm", "ask_hub_info"),
        ("are both signed", "bot_challenge", "ask_hub_info"),
        ("u have smth in industrial internet or software?", "bot_challenge", "search_projects"),
        ("yes, the visa service please", "affirm", "ask_service"),
        # A "no" that asks, or turns to something else.
        ("算了，还是看看基础设施的吧", "deny", "search_projects"),
        ("бұл компания Циндаоға не әкелмек?", "deny", "ask_hub_info"),
        ("no, not logistics", "deny", None),
        ("能帮我订酒店不", "deny", "ask_service"),
        ("какие у него направления", "deny", "ask_hub_info"),
        ("нет, как-нибудь потом", "deny", None),
        # Taking part in an event is no wish to be contacted.
        ("кто из ШОС участвовал", "leave_contact", "ask_hub_info"),
        ("who attended?", "ask_contact", "ask_hub_info"),
        ("谁参加了？", "request_human", "ask_hub_info"),
        ("can we participate in this project?", "leave_contact", None),
        ("кто участвовал? позвоните мне", "leave_contact", None),
        # What the hub offers chambers of commerce is in its summary, even after a greeting;
        # what its platform does (roadshows, exhibitions, matchmaking) the services answer.
        ("what does the hub offer to chambers of commerce?", "ask_service", "ask_hub_info"),
        ("чем вы полезны членам нашей торговой палаты", "search_projects", "ask_hub_info"),
        (
            "hello, i am from chamber of commerce of kyrgyzstan. what hub can offer our members?",
            "greet",
            "ask_hub_info",
        ),
        ("hello from the chamber of commerce of kazakhstan", "greet", None),
        ("can we use the platform to meet central enterprises?", "nlu_fallback", "ask_hub_info"),
        ("can we do a roadshow for our company at the hub", "search_projects", "ask_service"),
        ("我们能在中心做路演吗", "nlu_fallback", "ask_service"),
        (
            "do you organise roadshow or exhibition for our companies?",
            "ask_hub_info",
            "ask_service",
        ),
        ("а выставки и роудшоу для наших экспортёров проводите?", "ask_hub_info", "ask_service"),
        (
            "is there regular matchmaking with chambers of SCO countries?",
            "ask_hub_info",
            "ask_service",
        ),
        ("Вы проводите выставки?", "bot_challenge", "ask_service"),
        ("А регулярные встречи с палатами и ассоциациями есть?", "ask_hub_info", "ask_service"),
        ("our chamber needs a lawyer", "ask_service", None),
        # "Interest" that is a question, and the hub asked about as if it were a project.
        ("чем он интересен для айти компании", "leave_contact", "ask_hub_info"),
        ("нам интересен этот проект", "leave_contact", None),
        ("марказ қаерда жойлашган?", "project_details", "ask_hub_info"),
        ("where is it located?", "project_details", None),
        # "And a year later?" in Uzbek, rewritten from Latin letters, read as "yes".
        ("бир йилдан кейин-чи?", "affirm", "ask_hub_info"),
        # A service named in what reads as the hub's question; the hub's own words stay.
        ("а с персоналом, набрать людей?", "ask_hub_info", "ask_service"),
        ("какие кадровые компании есть у центра?", "ask_hub_info", None),
        # Plain small talk stays.
        ("yes", "affirm", None),
        ("are you a bot?", "bot_challenge", None),
        ("r u a real human or AI", "bot_challenge", None),
        ("what is this hub actualy? who is behind it", "bot_challenge", "ask_hub_info"),
        ("are you the hub's bot?", "bot_challenge", None),
        ("是AI在回答吗", "bot_challenge", None),
        ("вы нейросеть?", "bot_challenge", None),
        ("這個機器人能做什麼", "help", None),
        ("ok", "affirm", None),
    ],
)
def test_a_question_read_as_small_talk_gets_the_intent_of_what_it_names(
    text: str, classified: str, expected: str | None
) -> None:
    assert overruled(text, classified) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("alright, thank you", "thank"),
        ("ок, спасибо", "thank"),
        ("спасибо, всё", "thank"),
        ("好的谢谢", "thank"),
        ("ясно", "affirm"),
        ("got it", "affirm"),
        ("明白了", "affirm"),
        ("what about it", None),
    ],
)
def test_thanks_and_acknowledgements_the_classifier_was_unsure_of(
    text: str, expected: str | None
) -> None:
    assert overruled(text, "nlu_fallback") == expected
    assert overruled(text, "greet") is None  # a sure classifier is left alone


@pytest.mark.parametrize(
    "text",
    [
        "Биз Кара-Балтадан кант заводубуз. Силер менен кызматташкыбыз келет, номеримди калтырайын",
        "have someone call me",
    ],
)
def test_asking_to_be_contacted_wins_over_everything(text: str) -> None:
    assert overruled(text, "ask_contact") == "leave_contact"


def test_a_short_goodbye_wins_over_thanks() -> None:
    assert overruled("раҳмат, саломат бўлинг", "thank") == "goodbye"


@pytest.mark.parametrize(
    ("text", "classified", "expected"),
    [
        # A question about a topic the classifier could not place.
        ("ладно, какая площадь Циндао тогда", "nlu_fallback", "ask_hub_info"),
        ("бул жобанын мәртебеси қандай?", "nlu_fallback", "ask_hub_info"),
        ("Rahul Sharma", "nlu_fallback", None),
        ("we export mangoes from pakistan. anything for trade?", "nlu_fallback", "search_projects"),
        # A place read as a service question; the services named as such.
        ("а рядом с рекой Сюшуй?", "ask_service", "search_projects"),
        ("где юрист?", "ask_service", None),
        ("жөн эле кызматтарыңыз тууралуу айтып бериңиз", "project_details", "ask_service"),
        ("ал эмне кылат?", "help", "ask_hub_info"),
        ("what can you do?", "help", None),
        # "Which day?" in Uzbek read as a question about contacts.
        ("Қайси куни?", "ask_contact", "ask_hub_info"),
        # Who came, in Kazakh from Latin letters, that the classifier could not place.
        ("20 шилдеде кимдер келди?", "nlu_fallback", "ask_hub_info"),
        # A price or a total the classifier could not place: the hub's answer.
        ("membership fee for a chamber to join?", "nlu_fallback", "ask_hub_info"),
        ("а всего по десяти проектам?", "nlu_fallback", "ask_hub_info"),
        ("кто у вас директор?", "nlu_fallback", "ask_hub_info"),
        ("какой у вас телефон?", "ask_contact", None),
        # A topic alone read as a search: the hub's answer, the project's right after one.
        ("а вложения какие", "search_projects", "ask_hub_info"),
        ("а логистика какие", "search_projects", None),
        ("請問你們有哪些投資項目", "search_projects", None),
        (
            "kindly share investment opportunities available for foreign company",
            "search_projects",
            None,
        ),
        # A greeting that asks which services there are.
        ("ассалому алайкум, марказ қандай хизматлар кўрсатади?", "greet", "ask_service"),
        ("ассалому алайкум!", "greet", None),
        # How many, in Uzbek, read as "no": a count of what was just told.
        ("неча компания эди?", "deny", "ask_hub_info"),
        # Asking to be contacted in Kazakh, read as a service question.
        (
            "сәлеметсіз бе, бізге хабарласыңызшы, Циндаода серіктес іздейміз",
            "ask_service",
            "leave_contact",
        ),
    ],
)
def test_questions_the_classifier_misread(text: str, classified: str, expected: str | None) -> None:
    assert overruled(text, classified) == expected


def test_the_bot_asked_what_it_can_do_is_not_a_project() -> None:
    assert overruled("你能做什么", "help") is None


def test_a_service_read_as_a_search_and_an_unsure_contact_question() -> None:
    assert overruled("зан қызмети бар ма?", "search_projects") == "ask_service"
    assert overruled("logistics projects and legal help", "search_projects") is None
    matches = default_normaliser().find("and iran specifically?")
    unsure = Reading(
        "and iran specifically?", "leave_contact", matches, frozenset(), frozenset(), 0.54
    )
    assert overruled_intent(unsure) == "nlu_fallback"
    sure = Reading("can you call me?", "leave_contact", [], frozenset(), frozenset(), 0.54)
    assert overruled_intent(sure) is None
    fee = "membership fee for a chamber to join?"
    priced = Reading(fee, "leave_contact", [], frozenset(), frozenset(), 0.58)
    assert overruled_intent(priced) == "ask_hub_info"


@pytest.mark.parametrize(
    ("text", "classified", "expected"),
    [
        (
            "in 2020 first quarter how much trade grew with b&r countries",
            "search_projects",
            "ask_hub_info",
        ),
        ("any trade projects?", "search_projects", None),
        ("we export mangoes from pakistan. anything for trade?", "search_projects", None),
        ("ok, give me their contact", "leave_contact", "ask_contact"),
        ("please contact me", "leave_contact", None),
        ("is it signed or still negotiating", "ask_service", "ask_hub_info"),
    ],
)
def test_hub_figures_contacts_and_topics_read_as_something_else(
    text: str, classified: str, expected: str | None
) -> None:
    assert overruled(text, classified) == expected


@pytest.mark.parametrize(
    ("text", "classified", "expected"),
    [
        # A service named and nothing else, that the classifier could not place.
        ("soliq masalalarida-chi?", "nlu_fallback", "ask_service"),
        ("turgyn uy tabuga komek bar ma?", "nlu_fallback", "ask_service"),
        ("soliq masalalarida-chi? Pingdu", "nlu_fallback", None),
        # No language asked for: no change of language, but what the rest of it asks.
        ("with russia specifically?", "change_language", "nlu_fallback"),
        ("ok english. what is this hub exactly", "change_language", "ask_hub_info"),
        ("ok english", "change_language", None),
        ("english please", "change_language", None),
        ("russian?", "change_language", None),
        # What an event agreed is about the hub's events.
        ("what they agreed on", "affirm", "ask_hub_info"),
        ("上合组织秘书处有人参加开业吗", "leave_contact", "ask_hub_info"),
        ("7月20日那次来了哪些企业", "nlu_fallback", "ask_hub_info"),
        # Kazakh from Latin letters, as the transliterator gives it to the NLU.
        ("орталықта қандай ис-шаралар откизилди?", "nlu_fallback", "ask_hub_info"),
        # Asking to be contacted, or who can help, in other words and languages.
        ("мени менен байланышкыла, кызыгып жатам", "help", "leave_contact"),
        ("понятно. а кто может подсказать?", "thank", "leave_contact"),
        (
            "саламатсызбы, Пинду долбоору боюнча мага чалып коюңуздарчы",
            "search_projects",
            "leave_contact",
        ),
        ("how fast is the trade growing?", "search_projects", "ask_hub_info"),
        (
            "Биз Тошкентдаги савдо палатасимиз. Марказ аъзоларимизга нима таклиф қила олади?",
            "search_projects",
            "ask_hub_info",
        ),
        ("нима бўйича келишишди?", "search_projects", "ask_hub_info"),
    ],
)
def test_services_languages_and_agreements_the_classifier_misread(
    text: str, classified: str, expected: str | None
) -> None:
    assert overruled(text, classified) == expected


@pytest.mark.parametrize(
    ("text", "classified", "expected"),
    [
        # A fee asked is no wish to be contacted: the hub's answer says none is published.
        ("do members need to pay any fee to join ur matchmaking?", "request_human", "ask_hub_info"),
        ("加入你们的对接机制要交会费吗", "leave_contact", "ask_hub_info"),
        ("членский взнос есть?", "leave_contact", "ask_hub_info"),
        ("send me your prices, call me", "leave_contact", None),
        ("do u have price for rent workshop near there? per m2", "search_projects",
         "ask_hub_info"),
        ("logistics projects, any prices?", "search_projects", None),
        # Who came to an event, asked in Kazakh, read as a search naming no sector.
        ("шілдеде қандай компаниялар келді?", "search_projects", "ask_hub_info"),
        # Chambers of commerce in the Uzbek plural: what the hub offers them.
        ("ШҲТ давлатлари савдо палаталари билан ишлайсизларми?", "search_projects",
         "ask_hub_info"),
        # "…了没有" asks whether something happened; a bare "没有" is a "no".
        ("簽約了沒有", "deny", "ask_hub_info"),
        ("没有", "deny", None),
        # How much trade grew, a question the classifier could not place.
        ("Умуман Белбоғ ва Йўл мамлакатлари билан савдо қанчага ўсган?", "nlu_fallback",
         "ask_hub_info"),
    ],
)  # fmt: skip
def test_fees_chinese_have_you_questions_and_trade_growth(
    text: str, classified: str, expected: str | None
) -> None:
    assert overruled(text, classified) == expected


@pytest.mark.parametrize(
    ("text", "classified", "expected"),
    [
        # A topic of something the catalogue holds is no question outside the bot's field.
        ("где будет штаб-квартира?", "out_of_scope", "ask_hub_info"),
        ("where would the hq be located?", "out_of_scope", "ask_hub_info"),
        ("what is the weather like?", "out_of_scope", None),
        # A messenger asked for is no wish to be contacted: the hub lists none.
        ("你们有微信号吗 加一下", "leave_contact", "ask_contact"),
        ("есть телеграм? напишу туда", "leave_contact", "ask_contact"),
        ("add me on wechat please, call me", "leave_contact", None),
        # The hub's two companies, asked by a question the classifier could not place.
        ("那两家公司叫什么", "nlu_fallback", "ask_hub_info"),
        ("what are those two companies called?", "nlu_fallback", "ask_hub_info"),
        # A chamber of commerce in Latin Uzbek with its endings.
        ("men Toshkent savdo palatasidanman. a'zolarimizga nima taklif qilasiz?",
         "search_projects", "ask_hub_info"),
        ("мен Тошкент савдо палатасиданман. марказ аъзоларимизга нима таклиф қилади?",
         "nlu_fallback", "ask_hub_info"),
        # Whether what was just told happened on site is no request for a person.
        ("was it in person?", "request_human", "ask_hub_info"),
        ("是线下的吗？这个", "request_human", "ask_hub_info"),
        ("can I meet someone in person?", "request_human", None),
        # "有没有" asks wherever it stands; homophone typos of logistics and the cold chain.
        ("有没有微信号 加一下", "leave_contact", "ask_contact"),
        ("有没有微信号 加一下", "nlu_fallback", "ask_contact"),
        ("冷连项目有木有", "nlu_fallback", "project_details"),
        # Who took part, read as a request for help; "agreed" alone is no question.
        ("都有哪些领导参加", "help", "ask_hub_info"),
        ("ok agreed", "affirm", None),
        ("这个怎么用啊", "help", None),  # how do I use this: help, not a project
        # One of the projects just shown, read as "ok".
        ("ok and that one near the river?", "affirm", "project_details"),
        # What else was unveiled: the hub's companies.
        ("同时还揭牌了什么", "nlu_fallback", "ask_hub_info"),
        # Who takes part, in Uzbek.
        ("қайси давлат компаниялари қатнашади?", "search_projects", "ask_hub_info"),
    ],
)  # fmt: skip
def test_out_of_scope_topics_messengers_the_hubs_companies_and_latin_chambers(
    text: str, classified: str, expected: str | None
) -> None:
    assert overruled(text, classified) == expected


def test_an_unsure_greeting_that_names_a_topic_is_a_question() -> None:
    text = "что они туда привезут"
    matches = default_normaliser().find(text)
    unsure = Reading(text, "greet", matches, frozenset(), frozenset(), 0.53)
    sure = Reading(text, "greet", matches, frozenset(), frozenset(), 0.95)
    assert overruled_intent(unsure) == "ask_hub_info"
    assert overruled_intent(sure) is None
    introduction = "你好 我做对俄贸易的"  # hello, I trade with Russia
    found = default_normaliser().find(introduction)
    assert (
        overruled_intent(Reading(introduction, "greet", found, frozenset(), frozenset(), 0.5))
        is None
    )


def test_the_hubs_companies_read_as_the_services_are_the_hubs() -> None:
    assert overruled("what other company was unveiled with it", "ask_service") == "ask_hub_info"
    assert overruled("can the hr company help me hire local staff?", "ask_service") is None
