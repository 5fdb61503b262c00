"""Read endpoints besides projects: health, services, contacts, hub; in en, zh and ru."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_health(client: TestClient) -> None:
    """``GET /health`` answers ok while the database answers."""
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


# ---------------------------------------------------------------- services and contacts


def test_services(client: TestClient) -> None:
    """Services with their types, labels and providers."""
    items = client.get("/services").json()["items"]
    types = [s["type"] for s in items]
    for expected in ("legal", "visa", "hr", "platform"):
        assert expected in types
    for absent in ("tax", "banking", "translation", "company_registration", "logistics", "audit"):
        assert absent not in types
    by_id = {s["id"]: s for s in items}
    assert by_id["hr"]["provider_id"] == "lantern-hr-company"
    assert by_id["hr"]["provider_name"] == "Lantern Bay Talent Co. (fictional)"
    assert by_id["legal"]["provider_id"] == "lantern-hub-company"
    assert all(s["name"] and s["description"] and s["type_label"] for s in items)
    assert {s["id"] for s in items if s["type"] == "platform"} == {
        "platform-exhibition",
        "platform-roadshow",
    }


def test_services_filter_and_languages(client: TestClient) -> None:
    """``?type=`` filters services; a known type without entries gives none."""
    zh = client.get("/services", params={"type": "hr", "lang": "zh"}).json()["items"]
    assert [s["id"] for s in zh] == ["hr"]
    assert zh[0]["provider_name"] == "灯笼湾人才公司（虚构）"
    ru = client.get("/services", params={"type": "legal", "lang": "ru"}).json()["items"]
    assert ru[0]["name"] == "Юридические услуги"
    assert client.get("/services", params={"type": "banking"}).json() == {"items": []}


def test_unknown_service_type_is_422(client: TestClient) -> None:
    """An unknown service type is a 422 naming the parameter."""
    response = client.get("/services", params={"type": "massage"})
    assert response.status_code == 422
    assert "query parameter 'type'" in response.json()["detail"]


def test_contacts(client: TestClient) -> None:
    """Contacts with placeholder channels on reserved example domains."""
    items = client.get("/contacts").json()["items"]
    assert [c["id"] for c in items] == [
        "lantern-hub-company",
        "lantern-hr-company",
        "lantern-bay-committee",
    ]
    for contact in items:
        assert contact["is_placeholder"] is True
        assert contact["phone"] is None
        assert contact["phone_label"] == "not disclosed"
        assert contact["email"].endswith("@example.org")
        assert contact["website"].startswith("https://") and ".example.org" in contact["website"]
        assert "placeholder" in contact["email_label"]
    assert items[0]["name"] == "Lantern Bay Hub Development Co. (fictional)"


def test_contacts_in_chinese_and_russian(client: TestClient) -> None:
    """Contact names and channel labels follow ``?lang=``."""
    zh = client.get("/contacts", params={"lang": "zh"}).json()["items"]
    assert zh[2]["name"] == "灯笼湾管理委员会（虚构）"
    assert zh[0]["phone_label"] == "未披露"
    ru = client.get("/contacts", params={"lang": "ru"}).json()["items"]
    assert ru[0]["phone_label"] == "не раскрыто"
    assert "заглушка" in ru[0]["email_label"]


# ---------------------------------------------------------------- hub


def test_hub_figures_exactly_as_in_the_seeds(client: TestClient) -> None:
    """Figures keep the seed file's values, units and qualifiers; ``display`` formats them."""
    hub = client.get("/hub").json()
    assert hub["name"] == "Lantern Bay Test Hub"
    figures = {f["key"]: f for f in hub["figures"]}
    expected = {
        "launch_projects": (7, "projects", None),
        "launch_investment": (12.5, "billion_cny", "approximately"),
        "launch_enterprises": (40, "central_enterprises", "more_than"),
        "tour_investment": (3.456, "billion_cny", None),
        "trade_growth": (25.0, "percent", None),
        "bay_area": (2500, "km2", None),
        "bay_population": (3, "million_people", None),
    }
    for key, (value, unit, qualifier) in expected.items():
        assert figures[key]["value"] == value, key
        assert figures[key]["unit_code"] == unit, key
        assert figures[key]["qualifier"] == qualifier, key
        assert figures[key]["source"].endswith(".txt"), key
    assert figures["launch_investment"]["display"] == "about 12.5 billion yuan"
    assert figures["launch_enterprises"]["display"] == "more than 40 central enterprises"
    assert figures["bay_area"]["display"] == "2,500 km²"


def test_hub_in_chinese_and_russian(client: TestClient) -> None:
    """Figures are shown in each language's units and number format."""
    zh = client.get("/hub", headers={"Accept-Language": "zh-CN"}).json()
    figures = {f["key"]: f for f in zh["figures"]}
    assert figures["launch_investment"]["display"] == "约125亿元"
    assert figures["tour_investment"]["display"] == "34.56亿元"
    assert figures["launch_investment"]["unit"] == "亿元"
    assert figures["launch_investment"]["value"] == 12.5
    assert zh["name"].startswith("灯笼湾")
    ru = client.get("/hub", params={"lang": "ru"}).json()
    figures = {f["key"]: f for f in ru["figures"]}
    assert figures["tour_investment"]["display"] == "3,456 млрд юаней"
    assert figures["launch_enterprises"]["display"] == "более 40 центральных предприятий"
    assert ru["events"][1]["date_label"] == "1 апреля 2032 г."


def test_hub_events(client: TestClient) -> None:
    """Events in seed order, dated to the precision given, with labels."""
    events = client.get("/hub").json()["events"]
    assert [(e["id"], e["date"]) for e in events] == [
        ("tour-2031", "2031"),
        ("launch-2032", "2032-04-01"),
        ("fair-2033", "2033-05"),
        ("companies-unveiled-2033", "2033-05"),
        ("delegation-2033", "2033-09-17"),
    ]
    assert [e["date_label"] for e in events] == [
        "2031",
        "1 April 2032",
        "May 2033",
        "May 2033",
        "17 September 2033",
    ]
    assert "7 projects" in events[1]["summary"] and "3.456 billion yuan" in events[2]["summary"]
    assert all(e["title"] and e["summary"] and e["source"] for e in events)


def test_hub_names_its_press_releases_once_with_their_titles(client: TestClient) -> None:
    """Every release a summary, figure or event cites, once, with its date and title."""
    hub = client.get("/hub", params={"lang": "ru"}).json()
    cited = {
        name.strip()
        for item in [hub, *hub["figures"], *hub["events"]]
        if item.get("source")
        for name in item["source"].split(",")
    }
    releases = hub["releases"]
    assert [r["source"] for r in releases] == list(dict.fromkeys(r["source"] for r in releases))
    assert {r["source"] for r in releases} == cited
    assert all(r["title"] and r["date_label"] and r["date"] for r in releases)
