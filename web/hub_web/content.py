"""Public page texts, one page per language of ``hub_vocabulary.LANGUAGES``.

Every fact comes from the two press releases in ``shared/seeds/``; nothing else is claimed.
The hub's figures are not written here: the pages take them from the catalogue API.
"""

from __future__ import annotations

from dataclasses import dataclass

from hub_vocabulary import DEFAULT_LANGUAGE, LANGUAGES

#: Each language's name in that language, for the language switch.
LANGUAGE_NAMES = {"en": "English", "zh": "中文", "ru": "Русский"}
HTML_LANG = {"en": "en", "zh": "zh-Hans", "ru": "ru"}
#: The default language's page is the site's root; the others live under their code.
PAGE_PATHS = {code: "/" if code == DEFAULT_LANGUAGE else f"/{code}/" for code in LANGUAGES}
#: The pages show the catalogue's figures (``GET /hub``) about projects, in the catalogue's
#: order: how many were signed or announced, and their investment (by ``unit_code``).
PAGE_FIGURE_UNITS = ("projects", "billion_cny")


@dataclass(frozen=True)
class PageText:
    """All text of one language's public page."""

    title: str
    place: str
    summary: str
    figures_heading: str
    #: Shown instead of the figures when the catalogue API cannot give them.
    figures_unavailable: str
    sectors_note: str
    offer_heading: str
    offer: tuple[str, ...]
    companies_note: str
    chat_heading: str
    chat_intro: str
    source_note: str
    widget: dict[str, str]


PAGES: dict[str, PageText] = {
    "en": PageText(
        title='SCO and "Belt and Road" International Cooperation Hub for Central SOEs',
        place="Qingdao",
        summary=(
            "An information exchange and cooperative trading center for central enterprises "
            'that open up to SCO countries and the countries along the "Belt and Road", and a '
            "base for central enterprises to display and promote the development of "
            "industrial clusters."
        ),
        figures_heading="Projects in figures",
        figures_unavailable="The figures cannot be shown right now. Please try again later.",
        sectors_note=(
            "The ten projects signed at the opening mainly focus on infrastructure "
            "construction and the headquarters economy."
        ),
        offer_heading="What the hub offers",
        offer=(
            "A platform that integrates exhibition, promotion, roadshow, contact and "
            "transaction functions.",
            "Supporting services such as law, audit, accounting, visa and living necessities.",
        ),
        companies_note=(
            "In 2021 the SCO SOEs (Qingdao) International Cooperation Hub Development Co., Ltd. "
            "and Qingdao SCO Human Resources Co., Ltd. were officially unveiled."
        ),
        chat_heading="Ask our assistant",
        chat_intro=(
            "Ask about projects, services and how to get in touch, or ask for a member of "
            "staff. The assistant answers in English, Chinese and Russian."
        ),
        source_note="Source: the hub's press releases of 20 April 2021 and 25 September 2021.",
        widget={
            "title": "Hub assistant",
            "subtitle": "Projects, services, contacts",
            "open": "Chat with us",
            "close": "Close chat",
            "placeholder": "Type your message…",
            "input_label": "Your message",
            "send": "Send",
            "connecting": "Connecting…",
            "offline": "Connection lost — reconnecting…",
            "typing": "The assistant is typing…",
            "note": "Notice",
            "handoff_waiting": "A member of staff will answer here.",
            "handoff_open": (
                "A member of staff will answer here. Office hours: {hours} (Qingdao time)."
            ),
            "handoff_closed": (
                "Our office is closed now. Office hours: {hours} (Qingdao time). We "
                "have your contact details and will reply by e-mail; if a member of "
                "staff comes in sooner, they will answer here."
            ),
            "staff_joined": "A member of staff has joined the chat.",
            "you": "You",
            "bot": "Assistant",
            "staff": "Hub staff",
            "sector": "Sector",
            "district": "District",
            "status": "Status",
            "details": "Details",
            "restart": "New conversation",
            "log_label": "Conversation with the hub assistant",
            "rate_label": "Was this answer helpful?",
            "rate_up": "Helpful",
            "rate_down": "Not helpful",
            "feedback_question": "What was wrong? (optional)",
            "feedback_send": "Send feedback",
            "feedback_thanks": "Thank you for your feedback.",
            "feedback_error": "Your feedback could not be sent. Please try again.",
        },
    ),
    "zh": PageText(
        title="上合组织与“一带一路”央企国际合作中心",
        place="青岛",
        summary=(
            "面向上合组织国家和“一带一路”沿线国家开放的央企信息交流与合作交易中心，"
            "以及央企展示和推动产业集群发展的基地。"
        ),
        figures_heading="项目数据",
        figures_unavailable="项目数据暂时无法显示，请稍后再试。",
        sectors_note="开幕时签约的十个项目主要集中在基础设施建设和总部经济领域。",
        offer_heading="中心提供的服务",
        offer=(
            "集展示、推介、路演、对接、交易功能于一体的平台。",
            "法律、审计、会计、签证、生活保障等配套服务。",
        ),
        companies_note=(
            "2021年，SCO SOEs (Qingdao) International Cooperation Hub Development Co., Ltd. "
            "与 Qingdao SCO Human Resources Co., Ltd. 正式揭牌。"
        ),
        chat_heading="咨询智能助手",
        chat_intro="您可以咨询项目、服务和联系方式，也可以要求转人工。助手支持中文、英文和俄文。",
        source_note="资料来源：中心2021年4月20日和2021年9月25日发布的新闻稿。",
        widget={
            "title": "合作中心助手",
            "subtitle": "项目 · 服务 · 联系方式",
            "open": "在线咨询",
            "close": "关闭对话",
            "placeholder": "请输入消息…",
            "input_label": "您的消息",
            "send": "发送",
            "connecting": "正在连接…",
            "offline": "连接中断，正在重新连接…",
            "typing": "助手正在输入…",
            "note": "提示",
            "handoff_waiting": "工作人员将在此回复您。",
            "handoff_open": "工作人员将在此回复您。办公时间：{hours}（青岛时间）。",
            "handoff_closed": (
                "现在是非办公时间。办公时间：{hours}（青岛时间）。我们已收到您的联系方式，将通过电子邮件回复您；如有工作人员提前上线，会在此回复。"
            ),
            "staff_joined": "工作人员已加入对话。",
            "you": "您",
            "bot": "助手",
            "staff": "中心工作人员",
            "sector": "行业",
            "district": "区域",
            "status": "状态",
            "details": "详情",
            "restart": "新对话",
            "log_label": "与合作中心助手的对话",
            "rate_label": "这个回答有帮助吗？",
            "rate_up": "有帮助",
            "rate_down": "没有帮助",
            "feedback_question": "哪里不对？（选填）",
            "feedback_send": "发送反馈",
            "feedback_thanks": "感谢您的反馈。",
            "feedback_error": "反馈未能发送，请重试。",
        },
    ),
    "ru": PageText(
        title=(
            "Центр международного сотрудничества ШОС и «Пояса и пути» "
            "для центральных госпредприятий"
        ),
        place="Циндао",
        summary=(
            "Центр обмена информацией и совместной торговли для центральных предприятий Китая, "
            "открытых к сотрудничеству со странами ШОС и странами вдоль «Пояса и пути», "
            "а также база для демонстрации и развития промышленных кластеров."
        ),
        figures_heading="Проекты в цифрах",
        figures_unavailable="Цифры сейчас недоступны. Попробуйте позже.",
        sectors_note=(
            "Десять проектов, подписанных при открытии, относятся в основном к строительству "
            "инфраструктуры и экономике штаб-квартир."
        ),
        offer_heading="Что предлагает центр",
        offer=(
            "Площадку, объединяющую выставки, продвижение, роуд-шоу, установление контактов "
            "и заключение сделок.",
            "Сопутствующие услуги: юридические, аудит, бухгалтерский учёт, визы и бытовое "
            "обеспечение.",
        ),
        companies_note=(
            "В 2021 году официально открыты SCO SOEs (Qingdao) International Cooperation Hub "
            "Development Co., Ltd. и Qingdao SCO Human Resources Co., Ltd."
        ),
        chat_heading="Спросите нашего помощника",
        chat_intro=(
            "Спросите о проектах, услугах и контактах или попросите соединить с сотрудником. "
            "Помощник отвечает на русском, китайском и английском."
        ),
        source_note="Источник: пресс-релизы центра от 20 апреля 2021 года и 25 сентября 2021 года.",
        widget={
            "title": "Помощник центра",
            "subtitle": "Проекты, услуги, контакты",
            "open": "Чат с нами",
            "close": "Закрыть чат",
            "placeholder": "Введите сообщение…",
            "input_label": "Ваше сообщение",
            "send": "Отправить",
            "connecting": "Подключение…",
            "offline": "Связь потеряна — переподключение…",
            "typing": "Помощник печатает…",
            "note": "Уведомление",
            "handoff_waiting": "Сотрудник центра ответит здесь.",
            "handoff_open": (
                "Сотрудник центра ответит здесь. Часы работы: {hours} (по времени Циндао)."
            ),
            "handoff_closed": (
                "Сейчас офис закрыт. Часы работы: {hours} (по времени Циндао). Ваши "
                "контакты у нас, мы ответим по электронной почте; если сотрудник "
                "подключится раньше, он ответит здесь."
            ),
            "staff_joined": "К чату подключился сотрудник центра.",
            "you": "Вы",
            "bot": "Помощник",
            "staff": "Сотрудник центра",
            "sector": "Отрасль",
            "district": "Район",
            "status": "Статус",
            "details": "Подробнее",
            "restart": "Новый разговор",
            "log_label": "Разговор с помощником центра",
            "rate_label": "Был ли этот ответ полезен?",
            "rate_up": "Полезно",
            "rate_down": "Бесполезно",
            "feedback_question": "Что было не так? (необязательно)",
            "feedback_send": "Отправить отзыв",
            "feedback_thanks": "Спасибо за отзыв.",
            "feedback_error": "Не удалось отправить отзыв. Попробуйте ещё раз.",
        },
    ),
}
