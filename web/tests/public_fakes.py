"""Fake answers of the catalogue's public ``/hub`` and ``/projects`` (checked against OpenAPI)."""

from __future__ import annotations


def _figure(key: str, label: str, value: float, unit: str, display: str) -> dict[str, object]:
    unit_codes = {"projects": "projects", "billion yuan": "billion_cny"}
    return {
        "key": key,
        "label": label,
        "value": value,
        "unit": unit,
        "unit_code": unit_codes[unit],
        "qualifier": "approximately" if display.startswith("about") else None,
        "display": display,
        "source": "000_2cccb1eb8e631a90.txt",
    }


#: The catalogue's ``GET /hub?lang=en`` (``HubOut``), cut to the figures the pages show.
HUB = {
    "name": "SCO and Belt and Road International Cooperation Hub for Central SOEs",
    "summary": "A hub in Qingdao that links China's central state-owned enterprises (SOEs) "
    "with SCO countries and the countries along the Belt and Road.",
    "figures": [
        _figure(
            "opening_signed_projects",
            "Projects signed at the hub's opening conference (29 June 2020)",
            10.0,
            "projects",
            "10 projects",
        ),
        _figure(
            "opening_signed_investment",
            "Total investment of the projects signed at the opening conference",
            42.7,
            "billion yuan",
            "about 42.7 billion yuan",
        ),
        _figure(
            "announced_projects",
            "Projects Qingdao announced at the opening conference to seek cooperation with "
            "central enterprises",
            20.0,
            "projects",
            "20 projects",
        ),
        _figure(
            "announced_investment",
            "Total investment of the announced projects",
            80.0,
            "billion yuan",
            "80 billion yuan",
        ),
        _figure(
            "visiting_2021_projects",
            "Projects signed during the 2021 SOEs Visiting Qingdao (June 2021)",
            16.0,
            "projects",
            "16 projects",
        ),
        _figure(
            "visiting_2021_investment",
            "Total investment of the projects signed during the 2021 SOEs Visiting Qingdao",
            48.327,
            "billion yuan",
            "48.327 billion yuan",
        ),
    ],
    "events": [
        {
            "id": "opening-conference-2020",
            "date": "2020-06-29",
            "date_label": "29 June 2020",
            "title": "Opening of the hub — online investment-attraction conference",
            "summary": "Ten projects with a total investment of about 42.7 billion yuan were "
            "signed on site.",
            "source": "000_2cccb1eb8e631a90.txt, 001_0a785f59c5b8bd8c.txt",
        }
    ],
}


def _project(project_id: str, name: str, sectors: dict[str, str]) -> dict[str, object]:
    return {
        "id": project_id,
        "name": name,
        "sectors": list(sectors),
        "sector_labels": list(sectors.values()),
        "district": None,
        "district_label": "not disclosed",
        "status": "signed",
        "status_label": "Contract signed",
        "investment_cny": None,
        "investment_label": "not disclosed",
        "summary": "One of the ten central-local cooperation projects signed on site at the "
        "hub's online investment-attraction conference in Qingdao on 29 June 2020.",
        "source": "000_2cccb1eb8e631a90.txt",
    }


#: The catalogue's ``GET /projects?lang=en`` (``ProjectPage``) for two projects.
PROJECTS = {
    "items": [
        _project(
            "sco-plaza-area",
            "SCO Plaza Area",
            {"headquarters_economy": "Headquarters economy", "infrastructure": "Infrastructure"},
        ),
        _project(
            "xinhong-medical-industry",
            "Xinhong Medical Industry Investment",
            {"medical": "Medicine and health"},
        ),
    ],
    "total": 2,
    "page": 1,
    "page_size": 50,
    "filters": [],
}
