"""The "Sources" page's texts: the hub's two press releases and what each reports.

Titles and dates are the press releases' own (first line and date line of each file in
``shared/seeds/``; ``tests/test_sources_page.py`` compares them). The releases are in English:
titles stay as published, and the points each reports are given in every language. The
seed file names only map a ``source`` value of the catalogue to a release; they are never shown.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class PressRelease:
    """One press release the site's facts come from."""

    #: The release's file in ``shared/seeds/``, as the catalogue's ``source`` fields name it.
    seed_file: str
    #: The release's anchor on the sources page (``/sources#<anchor>``).
    anchor: str
    published: date
    #: The title as published (English).
    title: str
    #: What the release reports, point by point, by language.
    points: dict[str, tuple[str, ...]]
    #: The title in other languages: our translation, shown marked as such.
    translated_titles: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class SourcesText:
    """The texts of the sources page and of the links to it, in one language."""

    nav_label: str
    heading: str
    intro: str
    #: ``{date}``: the release's date in the page's language.
    published: str
    title_note: str
    points_heading: str
    back: str
    #: The link under a fact; ``{date}``: its release's date.
    fact_link: str
    #: Before a translated title: it is ours, not the release's.
    translation_note: str = ""


PRESS_RELEASES: tuple[PressRelease, ...] = (
    PressRelease(
        seed_file="000_2cccb1eb8e631a90.txt",
        anchor="press-release-2021-04-20",
        published=date(2021, 4, 20),
        title=(
            "SCO and the “Belt and Road” International Cooperation Hub for Central SOEs Recruits "
            "Customers Online to Seek Central-local Cooperation in Qingdao and Implement "
            "Win-win National Strategy"
        ),
        translated_titles={
            "zh": (
                "上合组织与“一带一路”央企国际合作中心网上招商，寻求央地在青合作，落实共赢国家战略"
            ),
            "ru": (
                "Центр международного сотрудничества центральных госпредприятий ШОС и «Пояса и "
                "пути» привлекает клиентов онлайн, ищет сотрудничества центра и регионов в "
                "Циндао и реализует взаимовыгодную национальную стратегию"
            ),
        },
        points={
            "en": (
                "The online press conference for investment attraction of the hub was held in "
                "Qingdao on the afternoon of 29 June; heads of more than 30 central enterprises "
                "took part online.",
                "Ten projects with a total investment of approximately 42.7 billion yuan were "
                "signed on site, mainly in infrastructure construction and the headquarters "
                "economy.",
                "Qingdao also announced 20 projects with a total investment of 80 billion yuan, "
                "to seek cooperation with central enterprises.",
                "The hub aims to be an information exchange and cooperative trading center for "
                "central enterprises that open up to SCO countries and the countries along the "
                '"Belt and Road", and a base for central enterprises to display and promote the '
                "development of industrial clusters.",
                "Qingdao will provide a platform that integrates exhibition, promotion, roadshow, "
                "contact and transaction functions, and supporting services such as law, audit, "
                "accounting, visa and living necessities.",
                "Qingdao's exports to ASEAN countries increased by 40.2% in 2019, and its "
                'imports from and exports to countries along the "Belt and Road" by 30.0%.',
            ),
            "zh": (
                "中心招商引资网上推介会于6月29日下午在青岛举行，30余家中央企业负责人在线参会。",
                "现场签约十个项目，总投资约427亿元，主要集中在基础设施建设和总部经济领域。",
                "青岛还发布了20个项目，总投资800亿元，寻求与中央企业合作。",
                "中心旨在打造面向上合组织国家和“一带一路”沿线国家开放的央企信息交流与合作"
                "交易中心，以及央企展示和推动产业集群发展的基地。",
                "青岛将为央企提供集展示、推介、路演、对接、交易功能于一体的平台，以及法律、"
                "审计、会计、签证、生活保障等配套服务。",
                "2019年青岛对东盟国家出口增长40.2%，与“一带一路”沿线国家进出口增长30.0%。",
            ),
            "ru": (
                "Онлайн-пресс-конференция центра по привлечению инвестиций прошла в Циндао "
                "29 июня во второй половине дня; в ней участвовали руководители более "
                "30 центральных предприятий.",
                "На месте подписаны десять проектов с общим объёмом инвестиций около "
                "42,7 млрд юаней, в основном в сферах строительства инфраструктуры и экономики "
                "штаб-квартир.",
                "Циндао также объявил 20 проектов с общим объёмом инвестиций 80 млрд юаней "
                "для сотрудничества с центральными предприятиями.",
                "Центр призван стать центром обмена информацией и совместной торговли для "
                "центральных предприятий, открытых к сотрудничеству со странами ШОС и странами "
                "вдоль «Пояса и пути», и базой для демонстрации и развития промышленных "
                "кластеров.",
                "Циндао предоставит площадку, объединяющую выставки, продвижение, роуд-шоу, "
                "установление контактов и заключение сделок, а также сопутствующие услуги: "
                "юридические, аудит, бухгалтерский учёт, визы и бытовое обеспечение.",
                "В 2019 году экспорт Циндао в страны АСЕАН вырос на 40,2 %, а импорт и экспорт "
                "со странами вдоль «Пояса и пути» — на 30,0 %.",
            ),
        },
    ),
    PressRelease(
        seed_file="001_0a785f59c5b8bd8c.txt",
        anchor="press-release-2021-09-25",
        published=date(2021, 9, 25),
        title=(
            "Qingdao International Cooperation Hub for Belt and Road & Central SOEs—Six Groups "
            "of Guests in One Day: Closer Interaction between Central SOEs and Qingdao"
        ),
        translated_titles={
            "zh": "青岛“一带一路”央企国际合作中心一天迎来六批客人：央企与青岛互动更加紧密",
            "ru": (
                "Циндаоский центр международного сотрудничества центральных госпредприятий "
                "«Пояса и пути» — шесть групп гостей за один день: более тесное "
                "взаимодействие центральных госпредприятий и Циндао"
            ),
        },
        points={
            "en": (
                "Upon its opening last June, the hub signed ten Belt and Road investment "
                "projects between central SOEs and local regions, totalling 42.7 billion yuan.",
                "During the 2021 SOEs Visiting Qingdao in June, 16 projects were signed, with a "
                "total investment of 48.327 billion yuan.",
                "The SCO SOEs (Qingdao) International Cooperation Hub Development Co., Ltd. and "
                "Qingdao SCO Human Resources Co., Ltd. were officially unveiled.",
                "On 20 July the SCODA welcomed guests from six central SOEs; they agreed to "
                "cooperate further in areas such as industrial funds and the development of "
                "digital parks.",
            ),
            "zh": (
                "去年6月开幕时，中心签约十个央地“一带一路”投资项目，总投资427亿元。",
                "今年6月2021年央企青岛行期间签约16个项目，总投资483.27亿元。",
                "SCO SOEs (Qingdao) International Cooperation Hub Development Co., Ltd. 与 "
                "Qingdao SCO Human Resources Co., Ltd. 正式揭牌。",
                "7月20日，上合示范区迎来六家央企的来宾，双方同意在产业基金、数字园区开发等"
                "领域进一步合作。",
            ),
            "ru": (
                "При открытии в июне прошлого года центр подписал десять инвестиционных "
                "проектов «Пояса и пути» между центральными госпредприятиями и регионами "
                "на общую сумму 42,7 млрд юаней.",
                "В июне, во время визита центральных госпредприятий в Циндао в 2021 году, "
                "подписано 16 проектов с общим объёмом инвестиций 48,327 млрд юаней.",
                "Официально открыты SCO SOEs (Qingdao) International Cooperation Hub "
                "Development Co., Ltd. и Qingdao SCO Human Resources Co., Ltd.",
                "20 июля SCODA приняла гостей из шести центральных госпредприятий; стороны "
                "договорились о дальнейшем сотрудничестве, в частности в области промышленных "
                "фондов и развития цифровых парков.",
            ),
        },
    ),
)

#: The releases by seed file name, for the catalogue's ``source`` values.
RELEASES_BY_SEED_FILE = {release.seed_file: release for release in PRESS_RELEASES}

_OPENING, _ONE_YEAR_ON = PRESS_RELEASES
#: Which release each fact of the main page (a field of ``content.PageText``) comes from.
PAGE_FACT_SOURCES: dict[str, tuple[PressRelease, ...]] = {
    "summary": (_OPENING,),
    "sectors_note": (_OPENING,),
    "offer": (_OPENING,),
    "companies_note": (_ONE_YEAR_ON,),
}

SOURCES_TEXT: dict[str, SourcesText] = {
    "en": SourcesText(
        nav_label="Sources",
        heading="Sources",
        intro=(
            "Every fact on this site and in the assistant's answers comes from the hub's two "
            "press releases below."
        ),
        published="Press release of {date}",
        title_note="Title as published (the releases are in English):",
        points_heading="What it reports",
        back="Back to the main page",
        fact_link="Source: press release of {date}",
    ),
    "zh": SourcesText(
        nav_label="资料来源",
        heading="资料来源",
        intro="本网站及智能助手回答中的所有信息均来自以下两篇中心新闻稿。",
        published="{date}新闻稿",
        title_note="原文标题（新闻稿以英文发布）：",
        points_heading="主要内容",
        back="返回首页",
        fact_link="来源：{date}新闻稿",
        translation_note="标题译文（由本网站翻译，非新闻稿原文）：",
    ),
    "ru": SourcesText(
        nav_label="Источники",
        heading="Источники",
        intro=(
            "Все сведения на этом сайте и в ответах помощника взяты из двух пресс-релизов "
            "центра, приведённых ниже."
        ),
        published="Пресс-релиз от {date}",
        title_note="Заголовок в оригинале (пресс-релизы опубликованы на английском языке):",
        points_heading="О чём сообщается",
        back="На главную страницу",
        fact_link="Источник: пресс-релиз от {date}",
        translation_note="Перевод заголовка (наш, не из пресс-релиза):",
    ),
}
