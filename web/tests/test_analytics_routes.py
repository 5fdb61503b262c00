"""The analytics endpoints, their CSV downloads and the charts page, on the fixed stream."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
import respx
from analytics_stream import DAY_1, DAY_2, STREAM, A, B, D, user
from fastapi.testclient import TestClient
from lead_fakes import LEAD_COUNTS, fake_conversation_lead_counts, lead
from public_fakes import PROJECTS
from web_support import CATALOGUE_URL, publish

from hub_web.console.analytics_page import CHARTS
from hub_web.console.analytics_routes import CSV_CHARTS, chart_csv, csv_cell
from hub_web.feedback.store import store_rating
from hub_web.upstream.catalogue import leads as catalogue_leads

CONVERSATION_COUNTS = f"{CATALOGUE_URL}/staff/lead-counts/conversations"

LEADS = [
    lead(7, conversation_id=A, status="qualified"),
    lead(8, conversation_id=B, status="new", handoff=True),
]


@pytest.fixture
def analytics_client(
    staff_client: tuple[TestClient, str], upstream: respx.MockRouter, tmp_path: Path
) -> TestClient:
    client, _ = staff_client
    publish(tmp_path / "events.db", STREAM)
    upstream.post(CONVERSATION_COUNTS).mock(side_effect=fake_conversation_lead_counts(LEADS))
    upstream.get(f"{CATALOGUE_URL}/staff/lead-counts").respond(json=LEAD_COUNTS)
    upstream.get(f"{CATALOGUE_URL}/projects").respond(json=PROJECTS)
    return client


def test_every_analytics_chart_answers(analytics_client: TestClient) -> None:
    for name in CHARTS:
        response = analytics_client.get(f"/console/api/analytics/{name}")
        assert response.status_code == 200, name
        assert set(response.json()) == {"labels", "values", "note"}


def test_funnel_and_containment_from_the_event_stream(analytics_client: TestClient) -> None:
    funnel = analytics_client.get("/console/api/analytics/funnel").json()
    assert funnel["values"] == [4, 2, 2, 2, 1]
    containment = analytics_client.get("/console/api/analytics/containment").json()
    assert containment["values"] == [3, 1]


def test_the_filter_applies(analytics_client: TestClient) -> None:
    per_day = analytics_client.get(
        "/console/api/analytics/conversations-per-day", params={"from": "2024-05-07"}
    ).json()
    assert per_day == {"labels": ["2024-05-07"], "values": [2], "note": ""}
    zh = analytics_client.get("/console/api/analytics/funnel", params={"language": "zh"}).json()
    assert zh["values"] == [1, 1, 1, 1, 0]


def test_the_funnel_counts_every_lead_in_the_catalogue_with_no_cap(
    staff_client: tuple[TestClient, str],
    upstream: respx.MockRouter,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Every conversation's lead counts, and no lead is read (the lead list stops at a cap).

    The catalogue matches the conversations' ids to its leads in batches (of 7 here) and the
    website adds the counts up; the lead list (``/staff/leads``, capped) is never asked.
    """
    client, _ = staff_client
    monkeypatch.setattr(catalogue_leads, "CONVERSATION_IDS_PER_REQUEST", 7)
    many = 3 * 7 + 2
    senders = [f"visitor-{index:03d}" for index in range(many)]
    publish(
        tmp_path / "events.db",
        [user(sender, DAY_1 + index, "hello", "greet") for index, sender in enumerate(senders)],
    )
    leads = [
        lead(index + 1, conversation_id=sender, status="qualified" if index % 2 else "new")
        for index, sender in enumerate(senders)
    ]
    counts = upstream.post(CONVERSATION_COUNTS).mock(
        side_effect=fake_conversation_lead_counts(leads)
    )
    listed = upstream.get(f"{CATALOGUE_URL}/staff/leads").respond(json={"items": [], "total": 0})

    funnel = client.get("/console/api/analytics/funnel").json()
    assert funnel["values"] == [many, many, many, many, many // 2]
    assert not listed.called
    assert counts.call_count == 4  # 23 ids: 7 + 7 + 7 + 2


def test_project_names_come_from_the_catalogue(analytics_client: TestClient) -> None:
    top = analytics_client.get("/console/api/analytics/top-projects").json()
    assert top["labels"] == ["Xinhong Medical Industry Investment"]


@pytest.mark.parametrize(
    ("query", "status", "detail"),
    [
        ({"from": "May"}, 422, "'from' must be a date such as 2024-05-31."),
        ({"language": "de"}, 422, "'language' must be one of en, zh, ru, unknown."),
    ],
)
def test_bad_filters_are_refused_clearly(
    analytics_client: TestClient, query: dict, status: int, detail: str
) -> None:
    for path, chart in (
        ("/console/api/analytics/funnel", {}),
        ("/console/api/analytics.csv", {"chart": "funnel"}),
    ):
        response = analytics_client.get(path, params={**chart, **query})
        assert response.status_code == status
        assert response.json() == {"detail": detail}


def test_unknown_charts_are_404(analytics_client: TestClient) -> None:
    assert analytics_client.get("/console/api/analytics/nope").status_code == 404
    response = analytics_client.get("/console/api/analytics.csv", params={"chart": "nope"})
    assert response.status_code == 404
    assert "funnel" in response.json()["detail"]


def test_csv_of_the_funnel(analytics_client: TestClient) -> None:
    response = analytics_client.get(
        "/console/api/analytics.csv", params={"chart": "funnel", "to": "2024-05-31"}
    )
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    disposition = response.headers["content-disposition"]
    assert disposition == 'attachment; filename="funnel_2024-05-31.csv"'
    assert response.text.splitlines() == [
        "\ufeffStep,Conversations",
        "Conversations,4",
        "Asked about a project or service,2",
        "Lead form started,2",
        "Lead stored,2",
        "Lead qualified,1",
        "",
        "50.0% of conversations left a lead.",
    ]


def test_every_chart_of_the_page_downloads_as_csv(analytics_client: TestClient) -> None:
    page = analytics_client.get("/console/charts").text
    for name in CSV_CHARTS:
        assert f"/console/api/analytics.csv?chart={name}" in page
        response = analytics_client.get("/console/api/analytics.csv", params={"chart": name})
        assert response.status_code == 200, name
        assert response.text.startswith("\ufeff" + ",".join(CSV_CHARTS[name][0].columns))


def test_csv_needs_a_staff_session(client: TestClient, upstream: respx.MockRouter) -> None:
    for path in ("/console/api/analytics.csv?chart=funnel", "/console/api/analytics/funnel"):
        response = client.get(path)
        assert response.status_code == 401
    assert not upstream.calls


def test_csv_cells_never_run_as_formulas() -> None:
    assert csv_cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert csv_cell("-5") == "'-5"
    assert csv_cell(12.5) == "12.5"
    info = CHARTS["top-projects"]
    text = chart_csv(info, {"labels": ["+SUM(A1)"], "values": [1], "note": ""})
    assert text.splitlines()[1] == "'+SUM(A1),1"


def test_the_funnel_needs_the_catalogue(
    analytics_client: TestClient, upstream: respx.MockRouter
) -> None:
    upstream.post(CONVERSATION_COUNTS).mock(side_effect=httpx.ConnectError("down"))
    response = analytics_client.get("/console/api/analytics/funnel")
    assert response.status_code == 502
    assert "catalogue" in response.json()["detail"]
    assert analytics_client.get("/console/api/analytics/containment").status_code == 200


def test_charts_page_carries_the_filter_to_the_charts(analytics_client: TestClient) -> None:
    page = analytics_client.get("/console/charts?from=2024-05-07&language=ru").text
    assert 'data-chart-url="/console/api/analytics/funnel?from=2024-05-07&amp;language=ru"' in page
    assert "/console/api/analytics.csv?chart=funnel&amp;from=2024-05-07&amp;language=ru" in page
    assert '<option value="ru" selected>Russian</option>' in page


def test_charts_page_explains_a_bad_filter(analytics_client: TestClient) -> None:
    response = analytics_client.get("/console/charts?from=2024-06-01&to=2024-05-01")
    assert response.status_code == 200
    assert "&#39;from&#39; must not be after &#39;to&#39;." in response.text
    assert "/console/api/analytics/funnel" not in response.text


def test_satisfaction_from_the_visitors_ratings(analytics_client: TestClient) -> None:
    before = analytics_client.get("/console/api/analytics/satisfaction").json()
    assert before["note"] == "No answer has been rated in this selection."
    engine = analytics_client.app.state.console_store.engine
    for sender_id, answer_time, rating in [
        (A, DAY_1 + 1, "up"),
        (A, DAY_1 + 62, "up"),
        (B, DAY_1 + 31, "down"),
        (D, DAY_2 + 31, "up"),  # the widget's greeting only: not a conversation
    ]:
        store_rating(engine, sender_id, answer_time, rating, None)
    after = analytics_client.get("/console/api/analytics/satisfaction").json()
    assert after == {
        "labels": ["Helpful", "Not helpful"],
        "values": [2, 1],
        "note": "66.7% of 3 rated answers were helpful.",
    }
