from __future__ import annotations

import pytest
import requests
from responses import matchers

from actions.catalogue_client import (
    CatalogueClient,
    CatalogueRejected,
    CatalogueUnavailable,
    create_catalogue_client,
    default_catalogue_client,
)
from actions.settings import load_settings
from tests.actions.conftest import CATALOGUE_URL
from tests.actions.helpers import (
    CONTACT_JSON,
    FIRST_RELEASE,
    figure_json,
    hub_json,
    page_json,
    project_json,
)
from tests.actions.test_services import service_json


def client(retries: int = 1) -> CatalogueClient:
    return CatalogueClient(CATALOGUE_URL, timeout_seconds=1.0, read_retries=retries)


def test_search_sends_filters_and_language_and_parses_the_page(catalogue):
    catalogue.get(
        f"{CATALOGUE_URL}/projects",
        match=[
            matchers.query_param_matcher(
                {"lang": "zh", "sector": "medical", "page": "2", "page_size": "3"}
            )
        ],
        json=page_json(
            [project_json(name="上合广场片区项目")],
            total=4,
            page=2,
            filters=[{"name": "sector", "value": "medical", "label": "医疗"}],
        ),
    )
    page = client().search_projects(language="zh", sector="medical", page=2, page_size=3)
    assert page.items[0].name == "上合广场片区项目"
    assert page.total == 4
    assert (page.first_position, page.last_position, page.remaining) == (4, 4, 0)
    assert page.filters[0].label == "医疗"


def test_unknown_project_is_none(catalogue):
    catalogue.get(f"{CATALOGUE_URL}/projects/nope", status=404, json={"detail": "not found"})
    assert client().get_project("nope", language="en") is None


def test_server_error_is_unavailable_after_one_retry(catalogue):
    catalogue.get(f"{CATALOGUE_URL}/contacts", status=503)
    catalogue.get(f"{CATALOGUE_URL}/contacts", status=503)
    with pytest.raises(CatalogueUnavailable):
        client(retries=1).list_contacts(language="en")
    assert len(catalogue.calls) == 2


def test_a_retried_get_can_succeed(catalogue):
    catalogue.get(f"{CATALOGUE_URL}/services", status=502)
    catalogue.get(f"{CATALOGUE_URL}/services", json={"items": []})
    assert client(retries=1).list_services(language="en") == []


def test_connection_failure_and_timeout_are_unavailable(catalogue):
    catalogue.get(f"{CATALOGUE_URL}/hub", body=requests.ConnectionError("refused"))
    catalogue.post(f"{CATALOGUE_URL}/leads", body=requests.ReadTimeout("slow"))
    with pytest.raises(CatalogueUnavailable):
        client(retries=0).hub_info(language="en")
    with pytest.raises(CatalogueUnavailable):
        client().create_lead({"name": "A"})


def test_lead_creation_is_not_retried_on_server_error(catalogue):
    catalogue.post(f"{CATALOGUE_URL}/leads", status=503)
    with pytest.raises(CatalogueUnavailable):
        client(retries=3).create_lead({"name": "A"})
    assert len(catalogue.calls) == 1


def test_invalid_lead_is_rejected_with_the_api_detail(catalogue):
    catalogue.post(f"{CATALOGUE_URL}/leads", status=422, json={"detail": "consent: must be true"})
    with pytest.raises(CatalogueRejected) as error:
        client().create_lead({"name": "A"})
    assert error.value.status_code == 422
    assert "consent" in error.value.detail


def test_every_call_has_a_timeout(monkeypatch):
    seen = []

    def fake_request(self, method, url, **kwargs):
        seen.append(kwargs.get("timeout"))
        raise requests.ConnectionError("no network in this test")

    monkeypatch.setattr(requests.Session, "request", fake_request)
    api = client(retries=0)
    for call in (
        lambda: api.search_projects(language="en"),
        lambda: api.get_project("x", language="en"),
        lambda: api.list_services(language="en"),
        lambda: api.list_contacts(language="en"),
        lambda: api.hub_info(language="en"),
        lambda: api.create_lead({}),
    ):
        with pytest.raises(CatalogueUnavailable):
            call()
    assert seen == [1.0] * 6


def test_factory_reads_settings_and_default_client_is_created_once():
    settings = load_settings()
    assert settings.catalogue_api_url == CATALOGUE_URL
    assert isinstance(create_catalogue_client(settings), CatalogueClient)
    assert default_catalogue_client() is default_catalogue_client()


def test_sources_are_the_apis_labels_and_never_a_file_name(catalogue):
    unlabelled = {"source": "000_2cccb1eb8e631a90.txt", "source_label": None}
    catalogue.get(f"{CATALOGUE_URL}/projects/sco-plaza-area", json=project_json(**unlabelled))
    catalogue.get(
        f"{CATALOGUE_URL}/services",
        json={
            "items": [service_json("visa", "Visa"), service_json("legal", "Legal", **unlabelled)]
        },
    )
    catalogue.get(f"{CATALOGUE_URL}/contacts", json={"items": [{**CONTACT_JSON, **unlabelled}]})
    catalogue.get(
        f"{CATALOGUE_URL}/hub",
        json=hub_json(figures=[figure_json("k", "K", "1", **unlabelled)], **unlabelled),
    )
    api = client()
    assert api.get_project("sco-plaza-area", language="en").source == ""
    visa, legal = api.list_services(language="en")
    assert (visa.source, legal.source) == (FIRST_RELEASE, "")
    assert api.list_contacts(language="en")[0].source == ""
    hub = api.hub_info(language="en")
    assert (hub.summary_source, hub.figures[0].source) == ("", "")


def test_a_lead_carries_the_intake_key_and_reads_do_not(catalogue, monkeypatch):
    """Issue 18, 3: the catalogue's lead intake needs the key the action server holds."""
    monkeypatch.setenv("LEAD_INTAKE_KEY", "intake-secret")
    api = create_catalogue_client(load_settings())
    catalogue.post(
        f"{CATALOGUE_URL}/leads",
        match=[matchers.header_matcher({"X-Lead-Intake-Key": "intake-secret"})],
        status=201,
        json={"id": 4, "status": "new", "created": True},
    )
    catalogue.get(f"{CATALOGUE_URL}/services", json={"items": []})
    assert api.create_lead({"name": "A"}).id == 4
    api.list_services(language="en")
    assert "X-Lead-Intake-Key" not in catalogue.calls[1].request.headers
