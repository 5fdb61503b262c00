"""Uzbek and Kazakh in Latin letters: recognised, rewritten in Cyrillic for the NLU, and
answered in Russian; requests in the visitor's words that the classifier cannot place."""

from __future__ import annotations

from pathlib import Path

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.language import LanguageDetector
from bot.nlu.language.transliterator import TURKIC_LATIN_PROPERTY, TurkicLatinTransliterator
from bot.nlu.language.turkic_latin import identify_turkic_latin, to_cyrillic


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Assalomu alaykum, qanday loyihalar bor?", "uz"),
        ("Bizga buxgalter kerak", "uz"),
        ("Sälemetsız be, jobalar turaly aityp berıñız", "kk"),
        ("Qandai qyzmetter bar?", "kk"),
        ("Sälemetsız be, qaiyrly kün", "kk"),
        ("Men bilan bog'laning, raqamimni qoldiraman", "uz"),
        ("investiciya qansha?", "kk"),
        ("buhgalteriya she?", "kk"),
        ("bul jobanyn mártebesi qandai?", "kk"),  # the 2018 alphabet, with acutes
        ("yashash uchun uy topishda-chi?", "uz"),
        ("bir yildan keyin-chi?", "uz"),  # "yil" + "dan"
        ("investiciia kölemi qansha?", "kk"),
        ("20 shildede kimder keldi?", "kk"),
        ("SCO Finance Building haqida ma'lumot bering", "uz"),
        ("kontaktilerimdi qaldyrgym keledi", "kk"),
        ("qoia turaiyq, qazir uaqytym joq, keiin oralamyn", "kk"),
        ("sovutish zanjiri, meva savdosi", "uz"),  # a lead form's answer
        # not Uzbek or Kazakh
        ("what about she?", None),
        ("Yatırım projeleri hakkında bilgi almak istiyorum", None),
        ("Saya mau investasi di Qingdao", None),
        ("Dilnoza Karimova", None),
        ("we need a lawyer and an auditor", None),
        ("it was made in china", None),  # "ma" + "de": two-letter words take no suffix
        ("Bir yıldan sonra ne oldu?", None),
        # A greeting of many languages before English words says nothing of the language.
        ("salam. tell me abt xinhong medcal project", None),
        ("salam, loyihalar haqida ma'lumot bering", "uz"),
        # Dates, places and sectors asked short (issue 20, set 12's class).
        ("qaysi sanada bo'lgan?", "uz"),
        ("Shandun audany qansha?", "kk"),
        ("tsifrlyq ekonomika boiynsha ne bar?", "kk"),
        ("roadshow o'tkazasizlarmi?", "uz"),  # a letter only Uzbek writes: one word is enough
        ("see you at 5 o'clock", None),
    ],
)
def test_uzbek_and_kazakh_in_latin_letters_are_recognised(text: str, language: str | None) -> None:
    assert identify_turkic_latin(text) == language


@pytest.mark.parametrize(
    ("text", "language", "cyrillic"),
    [
        ("bo'yicha loyihalar", "uz", "бўйича лойиҳалар"),
        ("Yo'q, rahmat", "uz", "Йўқ, раҳмат"),
        ("investitsiya", "uz", "инвестиция"),
        ("eng yaxshi", "uz", "энг яхши"),
        ("Xinhong loyihasi", "uz", "Xinhong лойиҳаси"),  # a project's name stays as written
        ("Qandai jobalar", "kk", "Қандай жобалар"),
        ("kömektesesızder", "kk", "көмектесесіздер"),
        ("kompaniia SCO", "kk", "компания SCO"),
        ("qaiyrly kün", "kk", "қайырлы күн"),  # "i" after a vowel is "й", then "y" is "ы"
        ("mártebesi", "kk", "мәртебеси"),
        # an English name inside the text stays as written; the first word is rewritten
        (
            "SCO Finance Building haqida ma'lumot bering",
            "uz",
            "SCO Finance Building ҳақида маълумот беринг",
        ),
        ("Investitsiya qancha?", "uz", "Инвестиция қанча?"),
    ],
)
def test_latin_letters_are_written_in_cyrillic(text: str, language: str, cyrillic: str) -> None:
    assert to_cyrillic(text, language) == cyrillic


def _create(component: type, tmp_path: Path) -> object:
    return component.create(
        component.get_default_config(),
        LocalModelStorage(tmp_path),
        Resource(component.__name__),
        ExecutionContext(GraphSchema({}), "1"),
    )


def test_the_nlu_reads_cyrillic_and_the_text_is_given_back(tmp_path: Path) -> None:
    transliterator = _create(TurkicLatinTransliterator, tmp_path)
    detector = _create(LanguageDetector, tmp_path)
    text = "Salom, logistika bo'yicha loyihalar bormi?"
    [message] = transliterator.process([Message(data={"text": text})])

    assert message.get("text") == "Салом, логистика бўйича лойиҳалар борми?"
    message.set("intent", {"name": "search_projects", "confidence": 0.9}, add_to_output=True)
    message.set("entities", [], add_to_output=True)
    [message] = detector.process([message])

    assert message.get("text") == text
    assert message.get(TURKIC_LATIN_PROPERTY)["language"] == "uz"
    assert [e["value"] for e in message.get("entities") if e["entity"] == "language"] == ["ru"]
    assert message.get("language_detection")["detected"] == "uz"
    assert message.get("intent")["name"] == "search_projects"


def test_other_messages_are_left_alone(tmp_path: Path) -> None:
    transliterator = _create(TurkicLatinTransliterator, tmp_path)
    for text in ("we need a lawyer and an auditor", "нужен юрист", "/greet", "Dilnoza Karimova"):
        [message] = transliterator.process([Message(data={"text": text})])
        assert message.get("text") == text
        assert message.get(TURKIC_LATIN_PROPERTY) is None


@pytest.mark.parametrize(
    ("text", "language"),
    [("орысша жауап беріңізші", "ru"), ("switch на english плиз", "en")],
)
def test_a_request_the_classifier_could_not_place_is_change_language(
    tmp_path: Path, text: str, language: str
) -> None:
    detector = _create(LanguageDetector, tmp_path)
    message = Message(data={"text": text})
    fallback = {"name": "nlu_fallback", "confidence": 1.0}
    message.set("intent", fallback, add_to_output=True)
    message.set(
        "intent_ranking", [fallback, {"name": "greet", "confidence": 0.3}], add_to_output=True
    )
    message.set("entities", [], add_to_output=True)
    [message] = detector.process([message])

    assert message.get("intent")["name"] == "change_language"
    assert [r["name"] for r in message.get("intent_ranking")] == ["change_language", "greet"]
    assert [e["value"] for e in message.get("entities") if e["entity"] == "language"] == [language]


def test_rasa_validates_a_pipeline_that_starts_with_the_transliterator() -> None:
    from rasa.engine import validation
    from rasa.engine.recipes.default_recipe import DefaultV1Recipe
    from rasa.shared.data import TrainingType

    pipeline = [
        {"name": "bot.nlu.language.transliterator.TurkicLatinTransliterator"},
        {"name": "bot.nlu.tokenizer.MultilingualTokenizer"},
        {"name": "CountVectorsFeaturizer"},
        {"name": "DIETClassifier", "epochs": 1},
        {"name": "bot.nlu.language.LanguageDetector"},
    ]
    config = {"recipe": "default.v1", "language": "en", "pipeline": pipeline}
    validation.validate(
        DefaultV1Recipe().graph_config_for_recipe(
            config, cli_parameters={}, training_type=TrainingType.NLU
        )
    )
