"""Staff project editor: create and update in en, zh and ru, validation, sources, change log."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from conftest import Backend
from fastapi.testclient import TestClient


def _body(project_id: str | None = None, **fields: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "name": {"en": "Harbour Kiln Works", "zh": "港湾窑厂项目", "ru": "Завод «Гаванская печь»"},
        "summary": {
            "en": "An invented kiln works signed by the test hub.",
            "zh": "测试中心签约的虚构窑厂。",
            "ru": "Вымышленный завод, подписанный тестовым центром.",
        },
        "sectors": ["manufacturing"],
        "district": None,
        "status": "signed",
        "investment_cny": None,
        "changed_by": "anna@hub",
        "source": {"date": "2032-05-04"},
    }
    if project_id is not None:
        body["id"] = project_id
    return {**body, **fields}


def _new_id() -> str:
    return f"kiln-{uuid.uuid4().hex[:8]}"


@pytest.fixture
def editor(restore_catalogue: Backend, staff: dict[str, str]) -> TestClient:
    """A client whose requests authenticate as staff; the test projects come back after."""
    client = restore_catalogue.client
    client.headers.update(staff)
    yield client
    for name in staff:
        client.headers.pop(name, None)


def test_create_then_visitors_see_it_in_each_language(editor: TestClient) -> None:
    """A created project is served at once in en, zh and ru, with its staff source."""
    project_id = _new_id()
    created = editor.post("/staff/projects", json=_body(project_id))
    assert created.status_code == 201, created.text
    assert created.json()["source_label"] == "hub staff, 4 May 2032"
    names = {}
    for lang in ("en", "zh", "ru"):
        answer = editor.get(f"/projects/{project_id}", params={"lang": lang}).json()
        names[lang] = answer["name"]
        assert answer["source"] is None
        assert answer["investment_cny"] is None
        if lang == "zh":
            assert answer["source_label"] == "中心工作人员，2032年5月4日"
        if lang == "ru":
            assert answer["source_label"] == "сотрудники центра, 04.05.2032"
    assert names == _body()["name"]
    found = editor.get("/projects", params={"q": "гаванская печь", "lang": "ru"}).json()
    assert found["items"][0]["id"] == project_id


def test_document_source_is_shown_like_the_seed_sources(editor: TestClient) -> None:
    """A document's title and date make the label; the figure it gives is served."""
    body = _body(
        _new_id(),
        investment_cny=120000000,
        source={"title": "Signing agreement No. 7", "date": "2032-05-04"},
    )
    created = editor.post("/staff/projects", json=body).json()
    answer = editor.get(f"/projects/{created['id']}", params={"lang": "en"}).json()
    assert answer["source_label"] == "Signing agreement No. 7, 4 May 2032"
    assert answer["investment_cny"] == 120000000


@pytest.mark.parametrize(("part", "lang"), [("name", "zh"), ("summary", "ru"), ("name", "en")])
def test_missing_translation_is_refused_naming_the_field(
    editor: TestClient, part: str, lang: str
) -> None:
    """A missing or blank translation is a 422 naming the field; nothing is stored."""
    project_id = _new_id()
    for missing in (None, "  "):
        body = _body(project_id)
        texts = dict(body[part])
        if missing is None:
            del texts[lang]
        else:
            texts[lang] = missing
        body[part] = texts
        response = editor.post("/staff/projects", json=body)
        assert response.status_code == 422, response.text
        assert ["body", part, lang] in [error["loc"] for error in response.json()["errors"]]
    assert editor.get(f"/projects/{project_id}").status_code == 404


def test_create_needs_a_source_and_a_new_id(editor: TestClient) -> None:
    """No source: 422; an id in use: 409."""
    body = _body(_new_id())
    del body["source"]
    assert editor.post("/staff/projects", json=body).status_code == 422
    taken = _body("lantern-finance-tower")
    response = editor.post("/staff/projects", json=taken)
    assert response.status_code == 409
    assert "exists already" in response.json()["detail"]


def test_update_logs_who_changed_what(editor: TestClient) -> None:
    """An update changes the texts at once and logs each changed field with its author."""
    project_id = _new_id()
    editor.post("/staff/projects", json=_body(project_id))
    new_name = {"en": "Harbour Kiln Park", "zh": "港湾窑业园项目", "ru": "Парк «Гаванская печь»"}
    body = _body(name=new_name, changed_by="boris@hub")
    del body["source"]
    updated = editor.put(f"/staff/projects/{project_id}", json=body)
    assert updated.status_code == 200, updated.text
    history = updated.json()["history"]
    last = [change for change in history if change["changed_by"] == "boris@hub"]
    assert {change["field"] for change in last} == {"name.en", "name.zh", "name.ru"}
    assert {"from_value": "港湾窑厂项目", "to_value": "港湾窑业园项目"}.items() <= next(
        change for change in last if change["field"] == "name.zh"
    ).items()
    assert editor.get(f"/projects/{project_id}", params={"lang": "zh"}).json()["name"] == (
        "港湾窑业园项目"
    )
    again = editor.put(f"/staff/projects/{project_id}", json=body).json()
    assert len(again["history"]) == len(history)  # the same content changes nothing


def test_a_changed_fact_needs_its_source(editor: TestClient) -> None:
    """A seed project keeps its press release for a text fix; a new figure needs a source."""
    seed = editor.get("/staff/projects/lantern-finance-tower").json()
    assert seed["source"] == "fixture-a.txt, fixture-b.txt"
    body = _body(
        name={"en": "Lantern Finance Tower", "zh": "灯笼金融大厦项目", "ru": "Башня «Фонарь»"},
        sectors=seed["sectors"],
        district=seed["district"],
        status=seed["status"],
    )
    del body["source"]
    fixed = editor.put("/staff/projects/lantern-finance-tower", json=body).json()
    assert fixed["source"] == "fixture-a.txt, fixture-b.txt"
    refused = editor.put(
        "/staff/projects/lantern-finance-tower", json={**body, "investment_cny": 5e8}
    )
    assert refused.status_code == 409
    assert "source" in refused.json()["detail"]
    sourced = {**body, "investment_cny": 5e8, "source": {"title": "Contract", "date": "2032-06-01"}}
    answer = editor.put("/staff/projects/lantern-finance-tower", json=sourced).json()
    assert answer["source"] is None
    assert answer["source_label"] == "Contract, 1 Jun 2032"


def test_update_unknown_project_is_404(editor: TestClient) -> None:
    """Updating a project that does not exist is a 404."""
    response = editor.put("/staff/projects/no-such-project", json=_body())
    assert response.status_code == 404


def test_staff_list_has_every_language(editor: TestClient) -> None:
    """The staff list gives each project's texts in en, zh and ru."""
    items = editor.get("/staff/projects").json()["items"]
    first = items[0]
    assert set(first["name"]) == {"en", "zh", "ru"}
    assert first["source_label"].startswith("press release")


def test_editor_needs_the_staff_key(client: TestClient) -> None:
    """Without the key the editor endpoints answer 401."""
    assert client.get("/staff/projects").status_code == 401
    assert client.post("/staff/projects", json=_body(_new_id())).status_code == 401


def test_preview_shows_the_card_unsaved(editor: TestClient) -> None:
    """The preview answers as GET /projects/{id} would, in each language, and saves nothing."""
    body = _body()
    del body["source"]
    preview = editor.post("/staff/project-preview", json=body)
    assert preview.status_code == 200, preview.text
    cards = preview.json()
    assert cards["zh"]["name"] == "港湾窑厂项目"
    assert cards["ru"]["status_label"]
    assert cards["en"]["source_label"] is None
    kept = editor.post(
        "/staff/project-preview", params={"project_id": "lantern-finance-tower"}, json=body
    ).json()
    assert kept["en"]["source_label"].startswith("press release")
    assert editor.get("/projects/new-project").status_code == 404


def test_refusals_the_schema_describes(editor: TestClient) -> None:
    """A repeated sector and a date that is not a string are 422; change times are in UTC."""
    twice = editor.post("/staff/projects", json=_body(_new_id(), sectors=["trade", "trade"]))
    assert twice.status_code == 422
    number = editor.post("/staff/projects", json=_body(_new_id(), source={"date": 0}))
    assert number.status_code == 422
    flag = editor.post("/staff/projects", json=_body(_new_id(), investment_cny=False))
    assert flag.status_code == 422
    created = editor.post("/staff/projects", json=_body(_new_id())).json()
    assert created["history"][0]["changed_at"].endswith(("Z", "+00:00"))
