"""Fake answers of the catalogue's staff content editor (checked against its OpenAPI schema)."""

from __future__ import annotations

from typing import Any

NAMES = {"en": "Legal services", "zh": "法律服务", "ru": "Юридические услуги"}
DESCRIPTIONS = {
    "en": "Invented legal help, as test staff describe it.",
    "zh": "测试工作人员描述的虚构法律帮助。",
    "ru": "Вымышленная юридическая помощь в описании тестовых сотрудников.",
}
SOURCE = {
    "source": None,
    "source_date": "2026-12-01",
    "source_title": None,
    "source_label": "hub staff, 1 Dec 2026",
}


def _change(field: str, to_value: str | None, who: str = "alice") -> dict[str, Any]:
    return {
        "changed_at": "2026-12-01T08:00:00+00:00",
        "changed_by": who,
        "field": field,
        "from_value": None,
        "to_value": to_value,
    }


def staff_service(history: int = 1) -> dict[str, Any]:
    """``GET /staff/services/{id}``: a service in every language with its change log."""
    changes = [_change("description.zh", DESCRIPTIONS["zh"]), _change("source_date", "2026-12-01")]
    return {
        "id": "legal",
        "type": "legal",
        "name": dict(NAMES),
        "description": dict(DESCRIPTIONS),
        "provider_id": "lantern-hub",
        **SOURCE,
        "history": changes[:history],
    }


def staff_contact() -> dict[str, Any]:
    """``GET /staff/contacts/{id}``."""
    return {
        "id": "lantern-hub",
        "name": {"en": "Lantern Hub Co.", "zh": "灯笼中心公司", "ru": "Компания «Фонарь»"},
        "description": dict(DESCRIPTIONS),
        "website": "https://lantern.example.org",
        "email": None,
        "phone": None,
        "is_placeholder": True,
        "source": "000_2cccb1eb8e631a90.txt",
        "source_date": None,
        "source_title": None,
        "source_label": "press release, 29 Jun 2020",
        "history": [],
    }


def staff_fact() -> dict[str, Any]:
    """``GET /staff/hub-facts/{id}``."""
    return {
        "id": "test-fair",
        "date": "2026-11",
        "title": {"en": "Test fair", "zh": "测试展会", "ru": "Тестовая ярмарка"},
        "summary": {"en": "A test fair.", "zh": "测试展会。", "ru": "Тестовая ярмарка."},
        **SOURCE,
        "history": [_change("title.en", "Test fair")],
    }


def listing(item: dict[str, Any]) -> dict[str, Any]:
    """``GET /staff/{kind}``: one item."""
    return {"items": [item]}


def _service_card(lang: str, source: str) -> dict[str, Any]:
    return {
        "id": "legal",
        "type": "legal",
        "type_label": "Legal",
        "name": NAMES[lang],
        "description": DESCRIPTIONS[lang],
        "provider_id": "lantern-hub",
        "provider_name": "Lantern Hub Co.",
        "source": None,
        "source_label": source,
    }


#: ``POST /staff/services/{id}/preview``.
SERVICE_PREVIEW = {
    "en": _service_card("en", "hub staff, 1 Dec 2026"),
    "zh": _service_card("zh", "中心工作人员，2026年12月1日"),
    "ru": _service_card("ru", "сотрудники центра, 01.12.2026"),
}


def _fact_card(lang: str) -> dict[str, Any]:
    return {
        "id": "test-fair",
        "date": "2026-11",
        "date_label": {"en": "November 2026", "zh": "2026年11月", "ru": "ноябрь 2026"}[lang],
        "title": staff_fact()["title"][lang],
        "summary": staff_fact()["summary"][lang],
        "source": None,
        "source_label": "hub staff, 1 Dec 2026",
    }


#: ``POST /staff/hub-fact-preview``.
FACT_PREVIEW = {lang: _fact_card(lang) for lang in ("en", "zh", "ru")}
