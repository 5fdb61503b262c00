"""Staff content editor: services, contacts and hub facts in en, zh and ru, sources, change log."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from conftest import TEST_CATALOGUE, Backend
from fastapi.testclient import TestClient
from sqlalchemy import delete

from catalogue_api.catalogue_writes import contact_row, event_row, service_row
from catalogue_api.models import Contact, ContentChange, Event, Service

NAMES = {"en": "Legal help", "zh": "法律帮助", "ru": "Юридическая помощь"}
TEXTS = {
    "en": "Invented legal help, as the test hub's staff now describe it.",
    "zh": "测试中心工作人员现在描述的虚构法律帮助。",
    "ru": "Вымышленная юридическая помощь в новом описании сотрудников тестового центра.",
}


@pytest.fixture
def editor(db: Backend, staff: dict[str, str]) -> Iterator[TestClient]:
    """A staff client; the test catalogue's services, contacts and events come back after."""
    client = db.client
    client.headers.update(staff)
    yield client
    for name in staff:
        client.headers.pop(name, None)
    with db.factory() as session, session.begin():
        for model in (Service, Event, ContentChange, Contact):
            session.execute(delete(model))
        session.flush()
        session.add_all(contact_row(c, i) for i, c in enumerate(TEST_CATALOGUE.contacts))
        session.flush()
        session.add_all(service_row(s, i) for i, s in enumerate(TEST_CATALOGUE.services))
        session.add_all(event_row(e, i) for i, e in enumerate(TEST_CATALOGUE.events))


def _service(**fields: Any) -> dict[str, Any]:
    body = {
        "name": dict(NAMES),
        "description": dict(TEXTS),
        "provider_id": "lantern-hub-company",
        "changed_by": "anna@hub",
        "source": {"date": "2032-05-04"},
    }
    return {**body, **fields}


def _fact(**fields: Any) -> dict[str, Any]:
    body = {
        "date": "2032-05",
        "title": {"en": "Test hub fair", "zh": "测试中心展会", "ru": "Ярмарка тестового центра"},
        "summary": {
            "en": "An invented fair of the test hub.",
            "zh": "测试中心的虚构展会。",
            "ru": "Вымышленная ярмарка тестового центра.",
        },
        "changed_by": "anna@hub",
        "source": {"title": "Fair programme", "date": "2032-05-02"},
    }
    return {**body, **fields}


def _served(client: TestClient, path: str, item_id: str, lang: str, key: str = "items") -> dict:
    answer = client.get(path, params={"lang": lang}).json()
    return next(item for item in answer[key] if item["id"] == item_id)


def test_service_edit_reaches_visitors_with_its_staff_source(editor: TestClient) -> None:
    """A saved description is served at once in each language, cited as hub staff."""
    saved = editor.put("/staff/services/legal", json=_service())
    assert saved.status_code == 200, saved.text
    assert saved.json()["source_label"] == "hub staff, 4 May 2032"
    labels = {}
    for lang in ("en", "zh", "ru"):
        served = _served(editor, "/services", "legal", lang)
        assert served["description"] == TEXTS[lang]
        assert served["source"] is None
        labels[lang] = served["source_label"]
    assert labels == {
        "en": "hub staff, 4 May 2032",
        "zh": "中心工作人员，2032年5月4日",
        "ru": "сотрудники центра, 04.05.2032",
    }
    untouched = _served(editor, "/services", "visa", "en")
    assert untouched["source"] == "fixture-a.txt" or untouched["source_label"].startswith("press")


def test_service_change_log_names_who_and_what(editor: TestClient) -> None:
    """Each changed field is logged with its author; the same content again changes nothing."""
    first = editor.put("/staff/services/legal", json=_service()).json()
    fields = {change["field"] for change in first["history"]}
    assert {"description.en", "description.zh", "description.ru", "source"} <= fields
    assert {change["changed_by"] for change in first["history"]} == {"anna@hub"}
    again = editor.put("/staff/services/legal", json=_service(changed_by="boris@hub")).json()
    assert again["history"] == first["history"]
    fixed = dict(TEXTS, ru="Вымышленная юридическая помощь.")
    third = editor.put(
        "/staff/services/legal", json=_service(description=fixed, changed_by="boris@hub")
    ).json()
    latest = [change for change in third["history"] if change["changed_by"] == "boris@hub"]
    assert [change["field"] for change in latest] == ["description.ru"]
    assert latest[0]["changed_at"].endswith("+00:00")


@pytest.mark.parametrize(("part", "lang"), [("description", "zh"), ("name", "ru")])
def test_a_missing_translation_is_refused_naming_the_field(
    editor: TestClient, part: str, lang: str
) -> None:
    """A missing or blank translation is a 422 naming it; the stored service stays."""
    before = editor.get("/staff/services/legal").json()
    for missing in (None, " "):
        texts = dict(_service()[part])
        if missing is None:
            del texts[lang]
        else:
            texts[lang] = missing
        response = editor.put("/staff/services/legal", json=_service(**{part: texts}))
        assert response.status_code == 422, response.text
        assert ["body", part, lang] in [error["loc"] for error in response.json()["errors"]]
    assert editor.get("/staff/services/legal").json() == before


def test_every_save_names_its_source_and_a_known_provider(editor: TestClient) -> None:
    """No source: 422; a provider that is no stored contact: 409 naming it; unknown: 404."""
    body = _service()
    del body["source"]
    assert editor.put("/staff/services/legal", json=body).status_code == 422
    unknown = editor.put("/staff/services/legal", json=_service(provider_id="no-such-org"))
    assert unknown.status_code == 409
    assert "provider_id" in unknown.json()["detail"]
    assert editor.put("/staff/services/no-such", json=_service()).status_code == 404


def test_service_preview_saves_nothing(editor: TestClient) -> None:
    """The preview answers as GET /services would, in each language, and keeps the source."""
    body = _service()
    del body["source"]
    preview = editor.post("/staff/services/legal/preview", json=body)
    assert preview.status_code == 200, preview.text
    cards = preview.json()
    assert cards["zh"]["description"] == TEXTS["zh"]
    assert cards["ru"]["provider_name"]
    assert cards["en"]["source_label"].startswith("press release")
    assert _served(editor, "/services", "legal", "zh")["description"] != TEXTS["zh"]


def test_contact_channels_and_placeholder_flag(editor: TestClient) -> None:
    """Staff give real channels (no longer placeholders) with a document as the source."""
    current = editor.get("/staff/contacts/lantern-hub-company").json()
    body = {
        "name": current["name"],
        "description": current["description"],
        "website": "https://lantern.example.org",
        "email": None,
        "phone": "+86 532 0000 0000",
        "is_placeholder": False,
        "changed_by": "anna@hub",
        "source": {"title": "Contact sheet", "date": "2032-06-01"},
    }
    saved = editor.put("/staff/contacts/lantern-hub-company", json=body)
    assert saved.status_code == 200, saved.text
    served = _served(editor, "/contacts", "lantern-hub-company", "en")
    assert served["phone_label"] == "+86 532 0000 0000"
    assert served["email"] is None and served["is_placeholder"] is False
    assert served["source_label"] == "Contact sheet, 1 Jun 2032"
    bad = editor.put("/staff/contacts/lantern-hub-company", json={**body, "phone": "call us"})
    assert bad.status_code == 422
    blank = editor.put("/staff/contacts/lantern-hub-company", json={**body, "email": ""})
    assert blank.status_code == 422
    flag = editor.put("/staff/contacts/lantern-hub-company", json={**body, "is_placeholder": 0})
    assert flag.status_code == 422
    preview = editor.post("/staff/contacts/lantern-hub-company/preview", json=body)
    assert preview.json()["ru"]["phone_label"] == "+86 532 0000 0000"


def test_a_hub_fact_staff_add_is_served_with_its_own_source(editor: TestClient) -> None:
    """A new dated fact is among the hub's events with its document; the seed figures stay."""
    figures = editor.get("/hub", params={"lang": "en"}).json()["figures"]
    fact_id = f"fair-{uuid.uuid4().hex[:8]}"
    created = editor.post("/staff/hub-facts", json={**_fact(), "id": fact_id})
    assert created.status_code == 201, created.text
    assert {c["field"] for c in created.json()["history"]} >= {"title.zh", "date", "source_date"}
    hub = editor.get("/hub", params={"lang": "zh"}).json()
    event = next(e for e in hub["events"] if e["id"] == fact_id)
    assert event["title"] == "测试中心展会"
    assert event["source_label"] == "Fair programme，2032年5月2日"
    assert editor.get("/hub", params={"lang": "en"}).json()["figures"] == figures
    again = editor.post("/staff/hub-facts", json={**_fact(), "id": fact_id})
    assert again.status_code == 409
    moved = editor.put(f"/staff/hub-facts/{fact_id}", json=_fact(date="2032-05-20")).json()
    assert moved["date"] == "2032-05-20"
    assert [c["field"] for c in moved["history"] if c["to_value"] == "2032-05-20"] == ["date"]


def test_hub_fact_validation_and_preview(editor: TestClient) -> None:
    """A bad date or a missing translation is refused; the preview of a new fact saves nothing."""
    bad_date = editor.post("/staff/hub-facts", json={**_fact(date="May 2032"), "id": "fair-x"})
    assert bad_date.status_code == 422
    title = {"en": "Test hub fair", "zh": "测试中心展会"}
    no_ru = editor.post("/staff/hub-facts", json={**_fact(title=title), "id": "fair-x"})
    assert ["body", "title", "ru"] in [e["loc"] for e in no_ru.json()["errors"]]
    preview = editor.post("/staff/hub-fact-preview", json=_fact()).json()
    assert preview["ru"]["source_label"] == "Fair programme, 02.05.2032"
    assert preview["en"]["date_label"]
    assert editor.get("/staff/hub-facts/fair-x").status_code == 404
    listed = editor.get("/staff/hub-facts").json()["items"]
    assert listed[0]["source_label"].startswith("press release")


def test_the_editor_needs_the_staff_key(client: TestClient) -> None:
    """Without the key the content endpoints answer 401."""
    assert client.get("/staff/services").status_code == 401
    assert client.put("/staff/services/legal", json=_service()).status_code == 401
    assert client.post("/staff/hub-facts", json={**_fact(), "id": "x"}).status_code == 401


def test_restoring_the_seed_text_cites_the_seed_again(editor: TestClient) -> None:
    """Content equal to the seed's again is cited to the seed's press release, as before."""
    seed = editor.get("/staff/services/legal").json()
    assert seed["source"] == "fixture-a.txt"
    editor.put("/staff/services/legal", json=_service())
    restored = _service(
        name=seed["name"], description=seed["description"], provider_id=seed["provider_id"]
    )
    back = editor.put("/staff/services/legal", json=restored).json()
    assert back["source"] == "fixture-a.txt" and back["source_date"] is None
    assert _served(editor, "/services", "legal", "en")["source_label"].startswith("press")
