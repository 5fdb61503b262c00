"""Project endpoints: list, pages, filters, search and languages, on the test catalogue."""

from __future__ import annotations

import pytest
from conftest import TEST_PROJECT_IDS as ALL_PROJECT_IDS
from fastapi.testclient import TestClient


def ids(response) -> list[str]:
    """The ids of a list answer, after checking it is a 200."""
    assert response.status_code == 200, response.text
    return [item["id"] for item in response.json()["items"]]


def test_projects_default_page(client: TestClient) -> None:
    """The first page has the default size, in catalogue order."""
    body = client.get("/projects").json()
    assert body["total"] == 7
    assert body["page"] == 1 and body["page_size"] == 5
    assert [p["id"] for p in body["items"]] == ALL_PROJECT_IDS[:5]


def test_projects_pagination_walks_the_catalogue(client: TestClient) -> None:
    """Pages in a row give every project once, in order; past the end is empty."""
    seen = []
    for page in (1, 2, 3):
        seen += ids(client.get("/projects", params={"page": page, "page_size": 3}))
    assert seen == ALL_PROJECT_IDS
    assert ids(client.get("/projects", params={"page": 4, "page_size": 3})) == []
    assert ids(client.get("/projects", params={"page_size": 50})) == ALL_PROJECT_IDS


@pytest.mark.parametrize(
    "params",
    [{"page": 0}, {"page": -1}, {"page": "abc"}, {"page_size": 0}, {"page_size": 51}],
)
def test_projects_pagination_bounds(client: TestClient, params: dict) -> None:
    """Page numbers and sizes out of range are a 422 naming the parameter."""
    response = client.get("/projects", params=params)
    assert response.status_code == 422
    assert next(iter(params)) in response.json()["detail"]


def test_project_shape_and_not_disclosed_investment(client: TestClient) -> None:
    """A project has every contract field; no investment reads 'not disclosed'."""
    project = client.get("/projects/cloudberry-digital-city").json()
    assert project == {
        "id": "cloudberry-digital-city",
        "name": "Cloudberry Digital City",
        "sectors": ["digital_economy", "industrial_park"],
        "sector_labels": ["Digital economy", "Industrial park"],
        "district": "pingdu",
        "district_label": "Pingdu",
        "status": "signed",
        "status_label": "Contract signed",
        "investment_cny": None,
        "investment_label": "not disclosed",
        "summary": project["summary"],
        "source": "fixture-a.txt, fixture-b.txt",
        "source_label": "press release, 20 Sep 2033; press release, 15 Jun 2033",
    }
    assert "1 April 2032" in project["summary"]


def test_every_project_has_null_investment_and_three_languages(client: TestClient) -> None:
    """Every project has a name in three different languages and a summary."""
    names = {}
    for lang, label in (("en", "not disclosed"), ("zh", "未披露"), ("ru", "не раскрыто")):
        items = client.get("/projects", params={"lang": lang, "page_size": 50}).json()["items"]
        assert all(p["investment_cny"] is None for p in items)
        assert all(p["investment_label"] == label for p in items)
        assert all(p["summary"] for p in items)
        names[lang] = {p["id"]: p["name"] for p in items}
    assert names["zh"]["lantern-finance-tower"] == "灯笼金融大厦项目"
    assert names["ru"]["lantern-finance-tower"] == "Финансовая башня «Фонарь»"
    assert names["zh"]["gearwheel-works-branch"] == "齿轮工坊青岛分公司"
    assert names["ru"]["cloudberry-digital-city"] == "Цифровой город «Морошка»"
    for project_id in ALL_PROJECT_IDS:
        assert len({names["en"][project_id], names["zh"][project_id], names["ru"][project_id]}) == 3


def test_project_in_chinese_and_russian(client: TestClient) -> None:
    """Names and labels follow ``?lang=``."""
    zh = client.get("/projects/gearwheel-works-branch", params={"lang": "zh"})
    assert zh.headers["content-language"] == "zh"
    assert zh.json()["district_label"] == "胶州"
    assert zh.json()["status_label"] == "已落户青岛"
    assert zh.json()["sector_labels"] == ["制造业"]
    ru = client.get("/projects/gearwheel-works-branch", params={"lang": "ru"}).json()
    assert ru["name"] == "Циндаоский филиал «Шестерёнка»"
    assert ru["district_label"] == "Цзяочжоу"
    assert "Цзяочжоу" in ru["summary"]


@pytest.mark.parametrize(
    ("header", "expected_name"),
    [
        ("ru-RU,ru;q=0.9,en-US;q=0.8", "Финансовая башня «Фонарь»"),
        ("zh-CN,zh;q=0.9", "灯笼金融大厦项目"),
        ("de-DE,fr;q=0.9", "Lantern Finance Tower"),
        ("en;q=0.5,zh;q=0.8", "灯笼金融大厦项目"),
        ("", "Lantern Finance Tower"),
    ],
)
def test_accept_language(client: TestClient, header: str, expected_name: str) -> None:
    """Without ``?lang=`` the Accept-Language header chooses, q-weights honoured."""
    response = client.get("/projects/lantern-finance-tower", headers={"Accept-Language": header})
    assert response.status_code == 200
    assert response.json()["name"] == expected_name


def test_lang_parameter_wins_over_header(client: TestClient) -> None:
    """``?lang=`` wins over Accept-Language."""
    response = client.get(
        "/projects/lantern-finance-tower", params={"lang": "ru"}, headers={"Accept-Language": "zh"}
    )
    assert response.json()["name"] == "Финансовая башня «Фонарь»"


@pytest.mark.parametrize("path", ["/projects", "/services", "/contacts", "/hub"])
def test_unknown_lang_is_422(client: TestClient, path: str) -> None:
    """An unsupported ``?lang=`` is a 422 on every localised endpoint."""
    response = client.get(path, params={"lang": "xx"})
    assert response.status_code == 422
    assert response.json()["detail"] == (
        "query parameter 'lang': Input should be 'en', 'zh' or 'ru' (got 'xx')"
    )


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"sector": "medical"}, ["moonpeach-medical-park"]),
        ({"sector": "finance"}, ["lantern-finance-tower", "frostline-cold-chain-park"]),
        ({"district": "pingdu"}, ["cloudberry-digital-city"]),
        ({"district": "scoda"}, []),
        ({"status": "settled"}, ["gearwheel-works-branch"]),
        ({"sector": "industrial_park", "district": "huanxiu_lake"}, ["kettle-lake-city-industry"]),
        (
            {"sector": "logistics", "status": "signed"},
            ["moonpeach-medical-park", "frostline-cold-chain-park"],
        ),
    ],
)
def test_project_filters(client: TestClient, params: dict, expected: list[str]) -> None:
    """Sector, district and status filters, alone and combined."""
    response = client.get("/projects", params={**params, "page_size": 50})
    assert ids(response) == expected
    assert response.json()["total"] == len(expected)


@pytest.mark.parametrize(
    ("name", "value"),
    [("sector", "mining"), ("district", "beijing"), ("status", "planned"), ("sector", "")],
)
def test_unknown_filter_values_are_422(client: TestClient, name: str, value: str) -> None:
    """A filter value that is not a canonical code is a 422 naming the parameter."""
    response = client.get("/projects", params={name: value})
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert f"query parameter '{name}'" in detail
    assert isinstance(detail, str)


@pytest.mark.parametrize(
    ("query", "expected_first"),
    [
        ("lantren finanse towr", "lantern-finance-tower"),
        ("LANTERN FINANCE", "lantern-finance-tower"),
        ("云莓", "cloudberry-digital-city"),
        ("морошка", "cloudberry-digital-city"),
        ("Морошка", "cloudberry-digital-city"),
        ("cloudbery", "cloudberry-digital-city"),
        ("шестеренка", "gearwheel-works-branch"),
        ("金融大厦", "lantern-finance-tower"),
        ("medcal logistic", "moonpeach-medical-park"),
        ("Cloudberry Digital City project", "cloudberry-digital-city"),
        ("cold-chain", "frostline-cold-chain-park"),
        ("gearwheel-works-branch", "gearwheel-works-branch"),
    ],
)
def test_search_in_any_language_with_typos(
    client: TestClient, query: str, expected_first: str
) -> None:
    """``q`` finds a project by name in any language, with typos, or by id."""
    found = ids(client.get("/projects", params={"q": query}))
    assert found and found[0] == expected_first


def test_search_returns_only_matches(client: TestClient) -> None:
    """``q`` lists only matching projects; noise and single letters match nothing."""
    assert ids(client.get("/projects", params={"q": "lantren finanse towr"})) == [
        "lantern-finance-tower"
    ]
    assert sorted(ids(client.get("/projects", params={"q": "lantern"}))) == [
        "lantern-finance-tower",
        "lantern-plaza-area",
    ]
    assert ids(client.get("/projects", params={"q": "zzzz qqqq"})) == []
    assert ids(client.get("/projects", params={"q": "b"})) == []


def test_search_combines_with_filters_and_pages(client: TestClient) -> None:
    """``q`` combines with filters and pagination; ``total`` counts the matches."""
    assert ids(client.get("/projects", params={"q": "park", "sector": "medical"})) == [
        "moonpeach-medical-park"
    ]
    body = client.get("/projects", params={"q": "park", "page_size": 1, "page": 2}).json()
    assert body["total"] == 2 and len(body["items"]) == 1


def test_blank_search_lists_everything(client: TestClient) -> None:
    """A blank ``q`` is no search."""
    assert client.get("/projects", params={"q": "   "}).json()["total"] == 7


def test_search_query_too_long_is_422(client: TestClient) -> None:
    """``q`` longer than 200 characters is a 422."""
    assert client.get("/projects", params={"q": "x" * 201}).status_code == 422


@pytest.mark.parametrize(
    "project_id", ["nope", "LANTERN-FINANCE-TOWER", "a" * 500, "x%00y", "..%2F..%2Fetc"]
)
def test_unknown_project_is_404(client: TestClient, project_id: str) -> None:
    """Unknown, wrongly cased or malformed ids are a 404, never a 500."""
    response = client.get(f"/projects/{project_id}")
    assert response.status_code == 404
    assert "not found" in response.json()["detail"].lower()


def test_applied_filters_come_with_labels_in_the_asked_language(client: TestClient) -> None:
    """The answer lists the filters it applied, labelled in the asked language."""
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
    ("lang", "label"), [("en", "not disclosed"), ("zh", "未披露"), ("ru", "не раскрыто")]
)
def test_a_project_without_a_district_says_not_disclosed(
    client: TestClient, lang: str, label: str
) -> None:
    """A project without a district has a 'not disclosed' district label."""
    body = client.get("/projects/lantern-plaza-area", params={"lang": lang}).json()
    assert body["district"] is None
    assert body["district_label"] == label
