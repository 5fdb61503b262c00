"""Retention: conversations without a lead, idle for RETENTION_DAYS, are erased; runs audited."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import httpx
import pytest
import respx
from fastapi.testclient import TestClient
from lead_fakes import lead
from privacy_support import OTHER, VISITOR, conversation_events
from web_support import AUDIT_KEY, CATALOGUE_URL, RASA_URL, make_settings

from hub_web import __main__ as entry_point
from hub_web.app import create_app
from hub_web.events import ConsoleStore
from hub_web.privacy.audit import AuditLog
from hub_web.privacy.local_copies import conversation_rows, sql_broker_url
from hub_web.privacy.person import PersonalDataServices
from hub_web.privacy.retention import apply_retention
from hub_web.settings import Settings, SettingsError
from hub_web.upstream import UpstreamError, upstream_clients

RECENT = "visitor-recent"
LEADS = f"{CATALOGUE_URL}/staff/leads"


def erase_route(upstream: respx.MockRouter, sender_id: str) -> respx.Route:
    """Rasa's erasure of one conversation."""
    return upstream.put(f"{RASA_URL}/conversations/{sender_id}/tracker/events").respond(json={})


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Test settings: the console's database and broker in ``tmp_path``."""
    return make_settings(tmp_path)


@pytest.fixture
def store(settings: Settings) -> ConsoleStore:
    """Two old conversations (one with a lead) and a recent one, in the console's tables."""
    console = ConsoleStore(settings.console_db_url)
    console.apply_events(
        [
            *conversation_events(VISITOR),
            *conversation_events(OTHER),
            *conversation_events(RECENT, time.time() - 86_400),
        ]
    )
    yield console
    console.close()


def run(settings: Settings, store: ConsoleStore, days: int):
    """One retention run with real clients (their HTTP mocked by respx)."""

    async def scenario():
        async with upstream_clients(settings) as (catalogue, rasa):
            services = PersonalDataServices(
                catalogue, rasa, store, sql_broker_url(settings), AuditLog(store.engine, AUDIT_KEY)
            )
            return await apply_retention(services, days)

    return asyncio.run(scenario())


def test_idle_conversations_without_a_lead_are_erased(settings, store, upstream) -> None:
    upstream.get(LEADS).respond(json={"items": [lead(1, conversation_id=OTHER)], "total": 1})
    erased = erase_route(upstream, VISITOR)
    result = run(settings, store, days=30)
    assert (result.erased, result.failed) == (1, 0)
    assert erased.called
    assert [str(call.request.url) for call in upstream.calls if call.request.method == "PUT"] == [
        f"{RASA_URL}/conversations/{VISITOR}/tracker/events"
    ]
    assert conversation_rows(store.engine, VISITOR) == {}
    assert conversation_rows(store.engine, OTHER) and conversation_rows(store.engine, RECENT)
    [row] = AuditLog(store.engine, AUDIT_KEY).recent()
    assert (row["actor"], row["action"], row["outcome"]) == ("retention", "retention", "done")
    assert row["detail"] == "1 conversation(s) without a lead, idle over 30 days, erased"
    assert row["subject"] is None and row["lead_id"] is None


def test_a_conversation_rasa_cannot_erase_stays_for_the_next_run(settings, store, upstream) -> None:
    upstream.get(LEADS).respond(json={"items": [], "total": 0})
    upstream.put(f"{RASA_URL}/conversations/{OTHER}/tracker/events").mock(
        side_effect=httpx.ConnectError("refused")
    )
    erase_route(upstream, VISITOR)
    result = run(settings, store, days=30)
    assert (result.erased, result.failed) == (1, 1)
    assert conversation_rows(store.engine, OTHER)  # kept, so the next run finds it again
    [row] = AuditLog(store.engine, AUDIT_KEY).recent()
    assert row["outcome"] == "failed" and row["detail"].endswith("; 1 failed")


def test_without_the_list_of_leads_nothing_is_erased(settings, store, upstream) -> None:
    upstream.get(LEADS).respond(503, json={"detail": "database unavailable"})
    with pytest.raises(UpstreamError):
        run(settings, store, days=30)
    assert conversation_rows(store.engine, VISITOR)
    assert not [call for call in upstream.calls if call.request.method == "PUT"]
    [row] = AuditLog(store.engine, AUDIT_KEY).recent()
    assert (row["outcome"], row["detail"]) == ("failed", "catalogue unavailable (503)")


def test_zero_days_keeps_everything(settings, store, upstream) -> None:
    assert run(settings, store, days=0) is None
    assert not upstream.calls


def test_the_retention_command(settings, store, upstream, monkeypatch, capsys) -> None:
    upstream.get(LEADS).respond(json={"items": [], "total": 0})
    erase_route(upstream, VISITOR), erase_route(upstream, OTHER)
    monkeypatch.setattr(entry_point, "get_settings", lambda: settings)
    assert entry_point.main(["retention"]) == 0
    assert "erased 2 conversation(s) without a lead" in capsys.readouterr().out
    store.apply_events(conversation_events("visitor-later"))
    upstream.get(LEADS).respond(503, json={"detail": "down"})
    assert entry_point.main(["retention"]) == 1
    assert "nothing erased, the catalogue service failed" in capsys.readouterr().err


def test_the_running_console_applies_it_on_schedule(tmp_path: Path, upstream) -> None:
    upstream.get(LEADS).respond(json={"items": [], "total": 0})
    erase_route(upstream, VISITOR), erase_route(upstream, OTHER)
    settings = make_settings(tmp_path, retention_days=30, retention_interval_hours=0.1 / 3600)
    with TestClient(create_app(settings)) as client:
        client.app.state.console_store.apply_events(
            [*conversation_events(VISITOR), *conversation_events(OTHER)]
        )
        audit = client.app.state.personal_data.audit_log
        deadline = time.monotonic() + 30
        while not any(row["detail"].startswith("2 conversation(s)") for row in audit.recent()):
            assert time.monotonic() < deadline, audit.recent()
            time.sleep(0.05)
        assert conversation_rows(client.app.state.console_store.engine, VISITOR) == {}


def test_retention_settings(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    assert (settings.retention_days, settings.retention_interval_hours) == (365, 24.0)
    with pytest.raises(SettingsError, match="RETENTION_DAYS"):
        make_settings(tmp_path, retention_days=-1)
