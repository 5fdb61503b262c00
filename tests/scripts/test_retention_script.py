"""`make retention`: the catalogue's and the console's retention, wired as `make run` wires them."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts import retention
from stack.profiles.default import Ports, Stack
from stack.secrets import Secrets


@pytest.fixture(autouse=True)
def no_overrides(monkeypatch: pytest.MonkeyPatch) -> None:
    """Neither the database nor the secrets come from the test run's environment."""
    for name in ("DATABASE_URL", "RASA_JWT_SECRET", "CATALOGUE_API_KEY", "AUDIT_HASH_KEY"):
        monkeypatch.delenv(name, raising=False)


def test_the_catalogue_goes_first_then_the_console(tmp_path: Path) -> None:
    (catalogue_argv, catalogue_env), (web_argv, web_env) = retention.commands(
        tmp_path, Ports(catalogue=18200, rasa=15205)
    )
    secrets = Secrets.load_or_create(tmp_path / "secrets.json")
    assert catalogue_argv[-2:] == ["catalogue_api", "retention"]
    assert catalogue_env == {"DATABASE_URL": f"sqlite:///{tmp_path / 'catalogue.db'}"}
    assert web_argv[-2:] == ["hub_web", "retention"]
    assert web_env["RASA_URL"] == "http://127.0.0.1:15205"
    assert web_env["CATALOGUE_API_URL"] == "http://127.0.0.1:18200"
    assert web_env["RASA_JWT_SECRET"] == secrets.rasa_jwt_secret
    assert web_env["CATALOGUE_API_KEY"] == secrets.catalogue_api_key
    assert web_env["AUDIT_HASH_KEY"] == secrets.audit_hash_key
    assert web_env["EVENT_BROKER_URL"] == f"sqlite:///{tmp_path / 'events.db'}"


def test_a_failing_step_stops_the_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ran: list[str] = []

    class Done:
        def __init__(self, code: int) -> None:
            self.returncode = code

    def fake_run(argv: list[str], **_kwargs: object) -> Done:
        ran.append(argv[-2])
        return Done(1 if argv[-2] == "catalogue_api" else 0)

    monkeypatch.setattr(retention.subprocess, "run", fake_run)
    assert retention.main(["--state-dir", str(tmp_path)]) == 1
    assert ran == ["catalogue_api"]


def test_the_console_command_is_wired_as_the_web_service_of_make_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Same Rasa, catalogue, secrets and databases as the running website (one wiring)."""
    monkeypatch.setenv("STAFF_USERS", "anna:not-a-real-hash")
    ports = Ports(catalogue=18200, rasa=15205, web=18300)
    stack = Stack(
        model_path=tmp_path / "m.tar.gz",
        state_dir=tmp_path,
        ports=ports,
        with_web=True,
        rasa_pair=False,
    )
    web_service = stack.service("web").env
    _catalogue, (_argv, console_env) = retention.commands(tmp_path, ports)
    assert {name: web_service.get(name) for name in console_env} == console_env
