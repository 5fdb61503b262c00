"""Retention: unqualified leads unchanged for RETENTION_DAYS are deleted, by command or schedule."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, update

from catalogue_api import cli
from catalogue_api.models import Lead, LeadHistory
from catalogue_api.privacy import apply_retention, run_retention_periodically
from catalogue_api.settings import SettingsError, load_settings

#: "Now" of the tests: the real clock, so that the command and the schedule see the same ages.
NOW = datetime.now(UTC)


def age(db, lead_id: int, days: float) -> None:
    """Make a lead's last change ``days`` days before :data:`NOW`."""
    with db.factory() as session, session.begin():
        session.execute(
            update(Lead).where(Lead.id == lead_id).values(updated_at=NOW - timedelta(days=days))
        )


def stored_ids(db) -> set[int]:
    """The ids of the stored leads."""
    with db.factory() as session:
        return set(session.scalars(select(Lead.id)))


def move(client: TestClient, staff: dict, lead_id: int, *statuses: str) -> None:
    """Move a lead through ``statuses`` as staff."""
    for status in statuses:
        response = client.patch(
            f"/staff/leads/{lead_id}", headers=staff, json={"status": status, "changed_by": "a"}
        )
        assert response.status_code == 200, response.text


@pytest.fixture
def leads(db, client: TestClient, staff: dict, make_lead: Callable) -> dict[str, int]:
    """Leads of every kind, 31 days old unless named ``recent``."""
    made = {name: make_lead(name=name)["id"] for name in ("new", "contacted", "closed")}
    made |= {name: make_lead(name=name)["id"] for name in ("qualified", "was_qualified", "recent")}
    move(client, staff, made["contacted"], "contacted")
    move(client, staff, made["closed"], "closed")
    move(client, staff, made["qualified"], "contacted", "qualified")
    move(client, staff, made["was_qualified"], "contacted", "qualified", "closed")
    for name, lead_id in made.items():
        age(db, lead_id, 1 if name == "recent" else 31)
    return made


def test_old_unqualified_leads_go_qualified_and_recent_ones_stay(db, leads: dict[str, int]) -> None:
    """New, contacted and closed leads unchanged for 30 days go, with their history."""
    result = apply_retention(db.factory, days=30, now=NOW)
    assert result is not None
    assert result.deleted == 3
    assert result.cutoff == NOW - timedelta(days=30)
    kept = {leads[name] for name in ("qualified", "was_qualified", "recent")}
    assert stored_ids(db) == kept
    with db.factory() as session:
        history_leads = set(session.scalars(select(LeadHistory.lead_id)))
    assert history_leads == kept


def test_retention_is_idempotent_and_off_at_zero_days(db, leads: dict[str, int]) -> None:
    """A second run finds nothing; ``RETENTION_DAYS=0`` deletes nothing at all."""
    assert apply_retention(db.factory, days=0, now=NOW) is None
    assert len(stored_ids(db)) == 6
    assert apply_retention(db.factory, days=30, now=NOW).deleted == 3
    assert apply_retention(db.factory, days=30, now=NOW).deleted == 0
    assert apply_retention(db.factory, days=60, now=NOW).deleted == 0


def test_the_retention_command(
    db, leads: dict[str, int], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    """``python -m catalogue_api retention`` applies RETENTION_DAYS to DATABASE_URL, once."""
    monkeypatch.setenv("DATABASE_URL", db.url)
    monkeypatch.setenv("RETENTION_DAYS", "0")
    assert cli.main(["retention"]) == 0
    assert "retention is off" in capsys.readouterr().out
    monkeypatch.setenv("RETENTION_DAYS", "30")
    assert cli.main(["retention"]) == 0
    assert "deleted 3 unqualified lead(s)" in capsys.readouterr().out
    assert len(stored_ids(db)) == 3


def test_the_retention_command_refuses_bad_settings(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    """A negative RETENTION_DAYS stops the command with exit code 2, naming the variable."""
    monkeypatch.setenv("RETENTION_DAYS", "-1")
    assert cli.main(["retention"]) == 2
    assert "RETENTION_DAYS" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("environ", "days", "hours"),
    [({}, 365, 24.0), ({"RETENTION_DAYS": "30", "RETENTION_INTERVAL_HOURS": "0.5"}, 30, 0.5)],
)
def test_retention_settings(environ: dict[str, str], days: int, hours: float) -> None:
    """RETENTION_DAYS (default 365) and RETENTION_INTERVAL_HOURS (default 24)."""
    settings = load_settings(environ)
    assert (settings.retention_days, settings.retention_interval_hours) == (days, hours)
    with pytest.raises(SettingsError, match="RETENTION_INTERVAL_HOURS"):
        load_settings({"RETENTION_INTERVAL_HOURS": "soon"})


def test_the_schedule_applies_the_retention_until_cancelled(db, leads: dict[str, int]) -> None:
    """The background task applies the retention every interval until it is cancelled."""

    async def scenario() -> None:
        task = asyncio.create_task(run_retention_periodically(db.factory, 30, 0.5 / 3600))
        try:
            async with asyncio.timeout(30):
                while len(stored_ids(db)) != 3:
                    await asyncio.sleep(0.05)
        finally:
            task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    asyncio.run(scenario())
