"""Console content editor: services, contacts, hub facts; preview, errors, save, audit log."""

from __future__ import annotations

import json

from content_fakes import (
    DESCRIPTIONS,
    FACT_PREVIEW,
    NAMES,
    SERVICE_PREVIEW,
    listing,
    staff_contact,
    staff_fact,
    staff_service,
)
from project_fakes import PREVIEW, staff_project
from web_support import API_KEY, CATALOGUE_URL

FORM = {
    **{f"name_{lang}": name for lang, name in NAMES.items()},
    **{f"description_{lang}": text for lang, text in DESCRIPTIONS.items()},
    "provider_id": "lantern-hub",
    "source_title": "",
    "source_date": "2026-12-01",
}


def _service_routes(upstream, saved=None):
    upstream.get(f"{CATALOGUE_URL}/staff/services/legal").respond(json=staff_service())
    upstream.get(f"{CATALOGUE_URL}/staff/contacts").respond(json=listing(staff_contact()))
    preview = upstream.post(f"{CATALOGUE_URL}/staff/services/legal/preview").respond(
        json=SERVICE_PREVIEW
    )
    update = upstream.put(f"{CATALOGUE_URL}/staff/services/legal").respond(
        json=saved or staff_service(history=2)
    )
    return preview, update


def test_overview_lists_services_contacts_and_facts(staff_client, upstream) -> None:
    client, _ = staff_client
    route = upstream.get(f"{CATALOGUE_URL}/staff/services").respond(json=listing(staff_service()))
    upstream.get(f"{CATALOGUE_URL}/staff/contacts").respond(json=listing(staff_contact()))
    upstream.get(f"{CATALOGUE_URL}/staff/hub-facts").respond(json=listing(staff_fact()))
    page = client.get("/console/content")
    assert page.status_code == 200
    assert route.calls.last.request.headers["X-API-Key"] == API_KEY
    assert 'href="/console/content/services/legal"' in page.text
    assert 'href="/console/content/contacts/lantern-hub"' in page.text
    assert 'href="/console/content/hub-facts/test-fair"' in page.text
    assert "press release, 29 Jun 2020" in page.text and "hub staff, 1 Dec 2026" in page.text
    assert 'href="/console/content" aria-current="page"' in page.text


def test_service_form_is_side_by_side_with_the_bots_preview(staff_client, upstream) -> None:
    client, _ = staff_client
    preview, _ = _service_routes(upstream)
    page = client.get("/console/content/services/legal")
    assert page.status_code == 200
    for lang in ("en", "zh", "ru"):
        assert f'name="description_{lang}"' in page.text
        assert f'data-testid="preview-{lang}"' in page.text
    assert "中心提供：测试工作人员描述的虚构法律帮助。" in page.text  # as the bot frames it
    assert "来源：中心工作人员，2026年12月1日" in page.text
    assert "Description (Chinese)" in page.text and "alice" in page.text  # change log
    assert "source" not in json.loads(preview.calls.last.request.content)


def test_a_missing_translation_is_shown_and_nothing_is_saved(staff_client, upstream) -> None:
    client, token = staff_client
    preview, update = _service_routes(upstream)
    refused = {
        "detail": "1 invalid field",
        "errors": [{"loc": ["body", "description", "ru"], "msg": "Field required"}],
    }
    preview.respond(422, json=refused)
    form = {**FORM, "description_ru": "", "action": "save", "csrf_token": token}
    response = client.post("/console/content/services/legal", data=form)
    assert response.status_code == 422
    assert 'id="description_ru-error"' in response.text
    assert "a missing translation is never filled in from another language" in response.text
    assert not update.called


def test_save_sends_the_staff_source_and_writes_the_audit_log(staff_client, upstream) -> None:
    client, token = staff_client
    _, update = _service_routes(upstream)
    form = {**FORM, "action": "save", "csrf_token": token}
    response = client.post("/console/content/services/legal", data=form, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"].endswith("/console/content/services/legal?notice=saved")
    sent = json.loads(update.calls.last.request.content)
    assert sent["changed_by"] == "alice"
    assert sent["source"] == {"title": None, "date": "2026-12-01"}
    assert sent["description"] == DESCRIPTIONS and sent["provider_id"] == "lantern-hub"
    audit = client.get("/console/audit")
    assert "Content change" in audit.text
    assert "Service &#34;Legal services&#34; (legal): Source date" in audit.text


def test_contact_and_new_fact_forms(staff_client, upstream) -> None:
    client, token = staff_client
    upstream.get(f"{CATALOGUE_URL}/staff/contacts/lantern-hub").respond(json=staff_contact())
    upstream.post(f"{CATALOGUE_URL}/staff/contacts/lantern-hub/preview").respond(
        422, json={"detail": "x"}
    )
    page = client.get("/console/content/contacts/lantern-hub")
    assert page.status_code == 200
    assert 'name="is_placeholder" checked' in page.text
    assert "Now: press release, 29 Jun 2020" in page.text
    upstream.post(f"{CATALOGUE_URL}/staff/hub-fact-preview").respond(json=FACT_PREVIEW)
    create = upstream.post(f"{CATALOGUE_URL}/staff/hub-facts").respond(201, json=staff_fact())
    fact = {
        "id": "test-fair",
        "date": "2026-11",
        **{f"title_{lang}": text for lang, text in staff_fact()["title"].items()},
        **{f"summary_{lang}": text for lang, text in staff_fact()["summary"].items()},
        "source_title": "Fair programme",
        "source_date": "2026-11-20",
    }
    shown = client.post(
        "/console/content/hub-facts/new", data={**fact, "action": "preview", "csrf_token": token}
    )
    assert "• ноябрь 2026: Тестовая ярмарка" in shown.text and not create.called
    saved = client.post(
        "/console/content/hub-facts/new",
        data={**fact, "action": "save", "csrf_token": token},
        follow_redirects=False,
    )
    assert saved.status_code == 303
    sent = json.loads(create.calls.last.request.content)
    assert sent["id"] == "test-fair" and sent["source"]["title"] == "Fair programme"
    assert client.get("/console/content/services/new").status_code == 404


def test_project_edits_are_in_the_audit_log_too(staff_client, upstream) -> None:
    client, token = staff_client
    before = staff_project()
    after = staff_project()
    change = {**after["history"][0], "field": "summary.ru", "changed_by": "alice"}
    after["history"] = [*after["history"], change]
    upstream.get(f"{CATALOGUE_URL}/staff/projects/harbour-kiln").respond(json=before)
    upstream.post(f"{CATALOGUE_URL}/staff/project-preview").respond(json=PREVIEW)
    upstream.put(f"{CATALOGUE_URL}/staff/projects/harbour-kiln").respond(json=after)
    form = {
        **{f"name_{lang}": text for lang, text in before["name"].items()},
        **{f"summary_{lang}": text for lang, text in before["summary"].items()},
        "sectors": ["manufacturing"],
        "status": "signed",
        "action": "save",
        "csrf_token": token,
    }
    response = client.post("/console/projects/harbour-kiln", data=form, follow_redirects=False)
    assert response.status_code == 303
    audit = client.get("/console/audit").text
    assert "Project &#34;Harbour Kiln Works&#34; (harbour-kiln): Summary (Russian)" in audit
    assert "alice" in audit


def test_saving_needs_the_csrf_token(staff_client, upstream) -> None:
    client, _ = staff_client
    _, update = _service_routes(upstream)
    response = client.post("/console/content/services/legal", data={**FORM, "csrf_token": "x"})
    assert response.status_code in (400, 403)
    assert not update.called
