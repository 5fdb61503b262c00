"""Console project editor: list, form in en/zh/ru, preview, validation errors, save, CSRF."""

from __future__ import annotations

import json

import httpx
import respx
from project_fakes import NAMES, PREVIEW, SUMMARIES, staff_project, staff_projects
from web_support import API_KEY, CATALOGUE_URL

FORM = {
    "id": "harbour-kiln",
    **{f"name_{lang}": name for lang, name in NAMES.items()},
    **{f"summary_{lang}": text for lang, text in SUMMARIES.items()},
    "sectors": ["manufacturing"],
    "district": "",
    "status": "signed",
    "investment_cny": "",
    "source_title": "",
    "source_date": "2026-12-01",
}


def test_list_links_every_project_and_the_navigation(staff_client, upstream) -> None:
    client, _ = staff_client
    route = upstream.get(f"{CATALOGUE_URL}/staff/projects").respond(json=staff_projects())
    page = client.get("/console/projects")
    assert page.status_code == 200
    assert route.calls.last.request.headers["X-API-Key"] == API_KEY
    assert 'href="/console/projects/harbour-kiln"' in page.text
    assert "港湾窑厂项目" in page.text and "Завод «Гаванская печь»" in page.text
    assert 'href="/console/projects" aria-current="page"' in page.text


def test_edit_form_shows_the_languages_side_by_side_and_the_preview(staff_client, upstream) -> None:
    client, _ = staff_client
    upstream.get(f"{CATALOGUE_URL}/staff/projects/harbour-kiln").respond(json=staff_project())
    upstream.post(f"{CATALOGUE_URL}/staff/project-preview").respond(json=PREVIEW)
    page = client.get("/console/projects/harbour-kiln")
    assert page.status_code == 200
    for lang in ("en", "zh", "ru"):
        assert f'name="name_{lang}" value="{NAMES[lang]}"' in page.text
        assert f'data-testid="preview-{lang}"' in page.text
    assert "中心工作人员，2026年12月1日" in page.text  # the source, shown as the bot shows it
    assert "Changes" in page.text and "alice" in page.text


def test_a_missing_translation_is_shown_next_to_its_field(staff_client, upstream) -> None:
    client, token = staff_client
    refused = {
        "detail": "1 invalid field",
        "errors": [{"loc": ["body", "name", "zh"], "msg": "Field required"}],
    }
    preview = upstream.post(f"{CATALOGUE_URL}/staff/project-preview").respond(422, json=refused)
    create = upstream.post(f"{CATALOGUE_URL}/staff/projects")
    response = client.post(
        "/console/projects/new", data={**FORM, "name_zh": "", "csrf_token": token}
    )
    assert response.status_code == 422
    assert 'id="name_zh-error"' in response.text and "Field required" in response.text
    assert 'aria-invalid="true" aria-describedby="name_zh-error"' in response.text
    assert not create.called  # nothing saved
    sent = json.loads(preview.calls.last.request.content)
    assert sent["name"]["zh"] == "" and "id" not in sent


def test_save_creates_with_the_signed_in_user_and_a_staff_source(staff_client, upstream) -> None:
    client, token = staff_client
    upstream.post(f"{CATALOGUE_URL}/staff/project-preview").respond(json=PREVIEW)
    create = upstream.post(f"{CATALOGUE_URL}/staff/projects").respond(201, json=staff_project())
    response = client.post(
        "/console/projects/new",
        data={**FORM, "action": "save", "csrf_token": token},
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert response.headers["location"].endswith("/console/projects/harbour-kiln?notice=saved")
    sent = json.loads(create.calls.last.request.content)
    assert sent["changed_by"] == "alice"
    assert sent["source"] == {"title": None, "date": "2026-12-01"}
    assert sent["name"] == NAMES and sent["investment_cny"] is None


def test_preview_button_saves_nothing(staff_client, upstream) -> None:
    client, token = staff_client
    upstream.post(f"{CATALOGUE_URL}/staff/project-preview").respond(json=PREVIEW)
    create = upstream.post(f"{CATALOGUE_URL}/staff/projects")
    response = client.post(
        "/console/projects/new", data={**FORM, "action": "preview", "csrf_token": token}
    )
    assert response.status_code == 200
    assert "Договор подписан" in response.text
    assert not create.called


def test_update_without_a_source_keeps_it(staff_client, upstream) -> None:
    client, token = staff_client
    upstream.get(f"{CATALOGUE_URL}/staff/projects/harbour-kiln").respond(json=staff_project())
    upstream.post(f"{CATALOGUE_URL}/staff/project-preview").respond(json=PREVIEW)
    update = upstream.put(f"{CATALOGUE_URL}/staff/projects/harbour-kiln").respond(
        json=staff_project()
    )
    form = {**FORM, "source_date": "", "action": "save", "csrf_token": token}
    response = client.post("/console/projects/harbour-kiln", data=form, follow_redirects=False)
    assert response.status_code == 303
    sent = json.loads(update.calls.last.request.content)
    assert "source" not in sent and "id" not in sent


def test_saving_needs_the_csrf_token(staff_client, upstream: respx.MockRouter) -> None:
    client, _ = staff_client
    create = upstream.post(f"{CATALOGUE_URL}/staff/projects").mock(
        return_value=httpx.Response(201, json=staff_project())
    )
    response = client.post("/console/projects/new", data={**FORM, "csrf_token": "wrong"})
    assert response.status_code in (400, 403)
    assert not create.called


def test_the_editor_needs_a_staff_session(client) -> None:
    response = client.get("/console/projects", follow_redirects=False)
    assert response.status_code in (303, 307, 401)


def test_a_changed_fact_without_a_source_is_explained(staff_client, upstream) -> None:
    client, token = staff_client
    upstream.get(f"{CATALOGUE_URL}/staff/projects/harbour-kiln").respond(json=staff_project())
    upstream.post(f"{CATALOGUE_URL}/staff/project-preview").respond(json=PREVIEW)
    detail = "field 'source': investment_cny changed: give the source of the new facts"
    upstream.put(f"{CATALOGUE_URL}/staff/projects/harbour-kiln").respond(
        409, json={"detail": detail}
    )
    form = {**FORM, "investment_cny": "5000", "source_date": "", "csrf_token": token}
    response = client.post("/console/projects/harbour-kiln", data={**form, "action": "save"})
    assert response.status_code == 422
    assert "give the source of the new facts" in response.text
    assert 'value="5000"' in response.text  # what staff typed stays in the form
