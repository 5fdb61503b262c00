"""Read endpoints: health, projects, services, contacts, hub; in en, zh and ru."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

ALL_PROJECT_IDS = [
    "sco-finance-building",
    "sco-plaza-area",
    "xinhong-medical-industry",
    "shoucheng-park-infrastructure",
    "huanxiu-lake-city-industry",
    "saihe-industrial-it",
    "mcc17-regional-hq",
    "medical-logistics-park",
    "xiushui-river-city-industry",
    "pingdu-new-economy-city",
    "huarong-guangde-cold-chain-park",
    "cmic-qingdao-branch",
]


def ids(response) -> list[str]:
    assert response.status_code == 200, response.text
    return [item["id"] for item in response.json()["items"]]


def test_health(client: TestClient) -> None:
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


# ---------------------------------------------------------------- projects


def test_projects_default_page(client: TestClient) -> None:
    body = client.get("/projects").json()
    assert body["total"] == 12
    assert body["page"] == 1 and body["page_size"] == 5
    assert [p["id"] for p in body["items"]] == ALL_PROJECT_IDS[:5]


def test_projects_pagination_walks_the_catalogue(client: TestClient) -> None:
    seen = []
    for page in (1, 2, 3):
        seen += ids(client.get("/projects", params={"page": page, "page_size": 5}))
    assert seen == ALL_PROJECT_IDS
    assert ids(client.get("/projects", params={"page": 4, "page_size": 5})) == []
    assert ids(client.get("/projects", params={"page_size": 50})) == ALL_PROJECT_IDS


@pytest.mark.parametrize(
    "params",
    [{"page": 0}, {"page": -1}, {"page": "abc"}, {"page_size": 0}, {"page_size": 51}],
)
def test_projects_pagination_bounds(client: TestClient, params: dict) -> None:
    response = client.get("/projects", params=params)
    assert response.status_code == 422
    assert list(params)[0] in response.json()["detail"]


def test_project_shape_and_not_disclosed_investment(client: TestClient) -> None:
    project = client.get("/projects/pingdu-new-economy-city").json()
    assert project == {
        "id": "pingdu-new-economy-city",
        "name": "Pingdu New Economy Industrial City",
        "sectors": ["digital_economy", "industrial_park"],
        "sector_labels": ["Digital economy", "Industrial park"],
        "district": "pingdu",
        "district_label": "Pingdu",
        "status": "signed",
        "status_label": "Contract signed",
        "investment_cny": None,
        "investment_label": "not disclosed",
        "summary": project["summary"],
        "source": "000_2cccb1eb8e631a90.txt, 001_0a785f59c5b8bd8c.txt",
    }
    assert "29 June 2020" in project["summary"]


def test_every_project_has_null_investment_and_three_languages(client: TestClient) -> None:
    names = {}
    for lang, label in (("en", "not disclosed"), ("zh", "未披露"), ("ru", "не раскрывается")):
        items = client.get("/projects", params={"lang": lang, "page_size": 50}).json()["items"]
        assert all(p["investment_cny"] is None for p in items)
        assert all(p["investment_label"] == label for p in items)
        assert all(p["summary"] for p in items)
        names[lang] = {p["id"]: p["name"] for p in items}
    assert names["zh"]["sco-finance-building"] == "上合金融大厦项目"
    assert names["ru"]["sco-finance-building"] == "Финансовое здание ШОС"
    assert names["zh"]["cmic-qingdao-branch"] == "中国机械工业建设集团青岛分公司"
    assert names["ru"]["pingdu-new-economy-city"] == "Промышленный город новой экономики Пинду"
    for project_id in ALL_PROJECT_IDS:
        assert len({names["en"][project_id], names["zh"][project_id], names["ru"][project_id]}) == 3


def test_project_in_chinese_and_russian(client: TestClient) -> None:
    zh = client.get("/projects/cmic-qingdao-branch", params={"lang": "zh"})
    assert zh.headers["content-language"] == "zh"
    assert zh.json()["district_label"] == "胶州"
    assert zh.json()["status_label"] == "已落户青岛"
    assert zh.json()["sector_labels"] == ["制造业"]
    ru = client.get("/projects/cmic-qingdao-branch", params={"lang": "ru"}).json()
    assert ru["name"] == "Циндаоский филиал China Machinery Industry Construction Group"
    assert ru["district_label"] == "Цзяочжоу"
    assert "Цзяочжоу" in ru["summary"]


@pytest.mark.parametrize(
    ("header", "expected_name"),
    [
        ("ru-RU,ru;q=0.9,en-US;q=0.8", "Финансовое здание ШОС"),
        ("zh-CN,zh;q=0.9", "上合金融大厦项目"),
        ("de-DE,fr;q=0.9", "SCO Finance Building"),
        ("en;q=0.5,zh;q=0.8", "上合金融大厦项目"),
        ("", "SCO Finance Building"),
    ],
)
def test_accept_language(client: TestClient, header: str, expected_name: str) -> None:
    response = client.get("/projects/sco-finance-building", headers={"Accept-Language": header})
    assert response.status_code == 200
    assert response.json()["name"] == expected_name


def test_lang_parameter_wins_over_header(client: TestClient) -> None:
    response = client.get(
        "/projects/sco-finance-building", params={"lang": "ru"}, headers={"Accept-Language": "zh"}
    )
    assert response.json()["name"] == "Финансовое здание ШОС"


@pytest.mark.parametrize("path", ["/projects", "/services", "/contacts", "/hub"])
def test_unknown_lang_is_422(client: TestClient, path: str) -> None:
    response = client.get(path, params={"lang": "xx"})
    assert response.status_code == 422
    assert "unsupported lang 'xx'" in response.json()["detail"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"sector": "medical"}, ["xinhong-medical-industry", "medical-logistics-park"]),
        ({"sector": "finance"}, ["sco-finance-building", "huarong-guangde-cold-chain-park"]),
        ({"district": "pingdu"}, ["pingdu-new-economy-city"]),
        ({"district": "scoda"}, []),
        ({"status": "settled"}, ["cmic-qingdao-branch"]),
        ({"sector": "industrial_park", "district": "huanxiu_lake"}, ["huanxiu-lake-city-industry"]),
        (
            {"sector": "logistics", "status": "signed"},
            ["medical-logistics-park", "huarong-guangde-cold-chain-park"],
        ),
    ],
)
def test_project_filters(client: TestClient, params: dict, expected: list[str]) -> None:
    response = client.get("/projects", params={**params, "page_size": 50})
    assert ids(response) == expected
    assert response.json()["total"] == len(expected)


@pytest.mark.parametrize(
    ("name", "value"),
    [("sector", "mining"), ("district", "beijing"), ("status", "planned"), ("sector", "")],
)
def test_unknown_filter_values_are_422(client: TestClient, name: str, value: str) -> None:
    response = client.get("/projects", params={name: value})
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert f"query parameter '{name}'" in detail
    assert isinstance(detail, str)


@pytest.mark.parametrize(
    ("query", "expected_first"),
    [
        ("sco finanse bilding", "sco-finance-building"),
        ("SCO FINANCE", "sco-finance-building"),
        ("平度", "pingdu-new-economy-city"),
        ("пинду", "pingdu-new-economy-city"),
        ("Пинду", "pingdu-new-economy-city"),
        ("pindu", "pingdu-new-economy-city"),
        ("хуансю", "huanxiu-lake-city-industry"),
        ("金融大厦", "sco-finance-building"),
        ("medcal logistic", "medical-logistics-park"),
        ("Pingdu New Economy Industrial City project", "pingdu-new-economy-city"),
        ("cold-chain", "huarong-guangde-cold-chain-park"),
        ("mcc17-regional-hq", "mcc17-regional-hq"),
    ],
)
def test_search_in_any_language_with_typos(
    client: TestClient, query: str, expected_first: str
) -> None:
    found = ids(client.get("/projects", params={"q": query}))
    assert found and found[0] == expected_first


def test_search_returns_only_matches(client: TestClient) -> None:
    assert ids(client.get("/projects", params={"q": "sco finanse bilding"})) == [
        "sco-finance-building"
    ]
    assert sorted(ids(client.get("/projects", params={"q": "sco"}))) == [
        "sco-finance-building",
        "sco-plaza-area",
    ]
    assert ids(client.get("/projects", params={"q": "zzzz qqqq"})) == []
    assert ids(client.get("/projects", params={"q": "b"})) == []


def test_search_combines_with_filters_and_pages(client: TestClient) -> None:
    assert ids(client.get("/projects", params={"q": "park", "sector": "medical"})) == [
        "medical-logistics-park"
    ]
    body = client.get("/projects", params={"q": "park", "page_size": 1, "page": 2}).json()
    assert body["total"] == 3 and len(body["items"]) == 1


def test_blank_search_lists_everything(client: TestClient) -> None:
    assert client.get("/projects", params={"q": "   "}).json()["total"] == 12


def test_search_query_too_long_is_422(client: TestClient) -> None:
    assert client.get("/projects", params={"q": "x" * 201}).status_code == 422


@pytest.mark.parametrize(
    "project_id", ["nope", "SCO-FINANCE-BUILDING", "a" * 500, "x%00y", "..%2F..%2Fetc"]
)
def test_unknown_project_is_404(client: TestClient, project_id: str) -> None:
    response = client.get(f"/projects/{project_id}")
    assert response.status_code == 404
    assert "not found" in response.json()["detail"].lower()


# ---------------------------------------------------------------- services and contacts


def test_services(client: TestClient) -> None:
    items = client.get("/services").json()["items"]
    types = [s["type"] for s in items]
    for expected in ("legal", "audit", "accounting", "visa", "living", "hr", "platform"):
        assert expected in types
    for absent in ("tax", "banking", "translation", "company_registration", "logistics"):
        assert absent not in types
    by_id = {s["id"]: s for s in items}
    assert by_id["hr"]["provider_id"] == "qingdao-sco-hr"
    assert by_id["hr"]["provider_name"] == "Qingdao SCO Human Resources Co., Ltd."
    assert by_id["legal"]["provider_id"] == "hub-development-company"
    assert all(s["name"] and s["description"] and s["type_label"] for s in items)
    assert {s["id"] for s in items if s["type"] == "platform"} == {
        "platform-exhibition",
        "platform-promotion",
        "platform-roadshow",
        "platform-contact",
        "platform-transaction",
    }


def test_services_filter_and_languages(client: TestClient) -> None:
    zh = client.get("/services", params={"type": "hr", "lang": "zh"}).json()["items"]
    assert [s["id"] for s in zh] == ["hr"]
    assert zh[0]["provider_name"] == "青岛上合人力资源有限公司"
    ru = client.get("/services", params={"type": "legal", "lang": "ru"}).json()["items"]
    assert ru[0]["name"] == "Юридические услуги"
    assert client.get("/services", params={"type": "banking"}).json() == {"items": []}


def test_unknown_service_type_is_422(client: TestClient) -> None:
    response = client.get("/services", params={"type": "massage"})
    assert response.status_code == 422
    assert "query parameter 'type'" in response.json()["detail"]


def test_contacts(client: TestClient) -> None:
    items = client.get("/contacts").json()["items"]
    assert [c["id"] for c in items] == [
        "hub-development-company",
        "qingdao-sco-hr",
        "scoda-administrative-committee",
    ]
    for contact in items:
        assert contact["is_placeholder"] is True
        assert contact["phone"] is None
        assert contact["phone_label"] == "not disclosed"
        assert contact["email"].endswith("@example.org")
        assert contact["website"].startswith("https://") and ".example.org" in contact["website"]
        assert "placeholder" in contact["email_label"]
    assert items[0]["name"] == (
        "SCO SOEs (Qingdao) International Cooperation Hub Development Co., Ltd."
    )


def test_contacts_in_chinese_and_russian(client: TestClient) -> None:
    zh = client.get("/contacts", params={"lang": "zh"}).json()["items"]
    assert zh[2]["name"] == "中国—上海合作组织地方经贸合作示范区管理委员会"
    assert zh[0]["phone_label"] == "未披露"
    ru = client.get("/contacts", params={"lang": "ru"}).json()["items"]
    assert ru[0]["phone_label"] == "не раскрывается"
    assert "заглушка" in ru[0]["email_label"]


# ---------------------------------------------------------------- hub


def test_hub_figures_exactly_as_in_the_seeds(client: TestClient) -> None:
    hub = client.get("/hub").json()
    assert hub["name"] == "SCO and Belt and Road International Cooperation Hub for Central SOEs"
    figures = {f["key"]: f for f in hub["figures"]}
    expected = {
        "opening_signed_projects": (10, "projects", None),
        "opening_signed_investment": (42.7, "billion_cny", "approximately"),
        "announced_projects": (20, "projects", None),
        "announced_investment": (80, "billion_cny", None),
        "opening_central_enterprises": (30, "central_enterprises", "more_than"),
        "visiting_2021_projects": (16, "projects", None),
        "visiting_2021_investment": (48.327, "billion_cny", None),
        "scoda_visit_central_soes": (6, "central_enterprises", None),
        "exports_asean_growth_2019": (40.2, "percent", None),
        "trade_belt_and_road_growth_2019": (30.0, "percent", None),
        "trade_asean_growth_2020q1": (32.7, "percent", None),
        "trade_belt_and_road_growth_2020q1": (19.3, "percent", None),
    }
    for key, (value, unit, qualifier) in expected.items():
        assert figures[key]["value"] == value, key
        assert figures[key]["unit_code"] == unit, key
        assert figures[key]["qualifier"] == qualifier, key
        assert figures[key]["source"].endswith(".txt"), key
    assert figures["opening_signed_investment"]["display"] == "about 42.7 billion yuan"
    assert figures["opening_central_enterprises"]["display"] == "more than 30 central enterprises"
    assert figures["qingdao_land_area"]["display"] == "12,000 km²"


def test_hub_in_chinese_and_russian(client: TestClient) -> None:
    zh = client.get("/hub", headers={"Accept-Language": "zh-CN"}).json()
    figures = {f["key"]: f for f in zh["figures"]}
    assert figures["opening_signed_investment"]["display"] == "约427亿元"
    assert figures["visiting_2021_investment"]["display"] == "483.27亿元"
    assert figures["opening_signed_investment"]["unit"] == "亿元"
    assert figures["opening_signed_investment"]["value"] == 42.7
    assert zh["name"].startswith("上合组织")
    ru = client.get("/hub", params={"lang": "ru"}).json()
    figures = {f["key"]: f for f in ru["figures"]}
    assert figures["visiting_2021_investment"]["display"] == "48,327 млрд юаней"
    assert figures["opening_central_enterprises"]["display"] == "более 30 центральных предприятий"
    assert ru["events"][1]["date_label"] == "29 июня 2020 г."


def test_hub_events(client: TestClient) -> None:
    events = client.get("/hub").json()["events"]
    assert [(e["id"], e["date"]) for e in events] == [
        ("four-season-trip-2019", "2019"),
        ("opening-conference-2020", "2020-06-29"),
        ("soes-visiting-qingdao-2021", "2021-06"),
        ("hub-companies-unveiled-2021", "2021-06"),
        ("six-central-soes-visit-2021", "2021-07-20"),
    ]
    assert [e["date_label"] for e in events] == [
        "2019",
        "29 June 2020",
        "June 2021",
        "June 2021",
        "20 July 2021",
    ]
    assert "16 projects" in events[2]["summary"] and "48.327 billion yuan" in events[2]["summary"]
    assert all(e["title"] and e["summary"] and e["source"] for e in events)


def test_applied_filters_come_with_labels_in_the_asked_language(client: TestClient) -> None:
    body = client.get(
        "/projects", params={"sector": "medical", "district": "pingdu", "lang": "ru"}
    ).json()
    assert body["total"] == 0
    assert [(f["name"], f["value"]) for f in body["filters"]] == [
        ("sector", "medical"),
        ("district", "pingdu"),
    ]
    assert body["filters"][1]["label"] == "Пинду"
    assert client.get("/projects").json()["filters"] == []


@pytest.mark.parametrize(
    ("lang", "label"), [("en", "not disclosed"), ("zh", "未披露"), ("ru", "не раскрывается")]
)
def test_a_project_without_a_district_says_not_disclosed(
    client: TestClient, lang: str, label: str
) -> None:
    body = client.get("/projects/sco-plaza-area", params={"lang": lang}).json()
    assert body["district"] is None
    assert body["district_label"] == label
