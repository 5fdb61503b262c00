"""Fake answers of the catalogue's staff project editor (checked against its OpenAPI schema)."""

from __future__ import annotations

from typing import Any

NAMES = {"en": "Harbour Kiln Works", "zh": "港湾窑厂项目", "ru": "Завод «Гаванская печь»"}
SUMMARIES = {
    "en": "A ceramics kiln works.",
    "zh": "陶瓷窑厂。",
    "ru": "Керамический завод.",
}


def staff_project(project_id: str = "harbour-kiln", **fields: Any) -> dict[str, Any]:
    """``GET /staff/projects/{id}``: a project in every language with its change log."""
    project: dict[str, Any] = {
        "id": project_id,
        "name": dict(NAMES),
        "summary": dict(SUMMARIES),
        "sectors": ["manufacturing"],
        "district": None,
        "status": "signed",
        "investment_cny": None,
        "source": None,
        "source_date": "2026-12-01",
        "source_title": None,
        "source_label": "hub staff, 1 Dec 2026",
        "history": [
            {
                "changed_at": "2026-12-01T08:00:00Z",
                "changed_by": "alice",
                "field": "name.en",
                "from_value": None,
                "to_value": NAMES["en"],
            }
        ],
    }
    return {**project, **fields}


def staff_projects() -> dict[str, Any]:
    """``GET /staff/projects``."""
    item = staff_project()
    del item["history"]
    return {"items": [item]}


def _card(lang: str, status: str, source: str) -> dict[str, Any]:
    return {
        "id": "harbour-kiln",
        "name": NAMES[lang],
        "sectors": ["manufacturing"],
        "sector_labels": ["Manufacturing"],
        "district": None,
        "district_label": "not disclosed",
        "status": "signed",
        "status_label": status,
        "investment_cny": None,
        "investment_label": "not disclosed",
        "summary": SUMMARIES[lang],
        "source": None,
        "source_label": source,
    }


#: ``POST /staff/project-preview``.
PREVIEW = {
    "en": _card("en", "Contract signed", "hub staff, 1 Dec 2026"),
    "zh": _card("zh", "已签约", "中心工作人员，2026年12月1日"),
    "ru": _card("ru", "Договор подписан", "сотрудники центра, 01.12.2026"),
}
