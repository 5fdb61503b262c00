"""Settings from the environment, ``STAFF_USERS`` parsing and the hash_password command."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from hub_web import hash_password as hash_password_command
from hub_web.auth import (
    StaffDirectory,
    StaffUsersError,
    hash_password,
    parse_staff_users,
)
from hub_web.settings import REPO_ROOT, SettingsError, load_settings


def test_defaults() -> None:
    settings = load_settings({})
    assert (settings.host, settings.port) == ("127.0.0.1", 8080)
    assert settings.rasa_url == settings.rasa_public_url == "http://127.0.0.1:5005"
    assert settings.catalogue_api_url == "http://127.0.0.1:8000"
    assert settings.rasa_jwt_secret is None and settings.catalogue_api_key is None
    assert settings.staff_users == "" and settings.session_secret is None
    assert settings.console_db_url == f"sqlite:///{REPO_ROOT / 'var' / 'console.db'}"
    assert settings.event_broker == "sql"
    assert settings.event_broker_url == f"sqlite:///{REPO_ROOT / 'var' / 'events.db'}"


def test_rabbitmq_broker_defaults_to_the_local_server() -> None:
    settings = load_settings({"EVENT_BROKER": "RabbitMQ", "EVENT_BROKER_QUEUE": "console-2"})
    assert settings.event_broker == "rabbitmq"
    assert settings.event_broker_url == "amqp://guest:guest@127.0.0.1:5672/"
    assert settings.event_queue == "console-2"


def test_values_from_the_environment() -> None:
    settings = load_settings(
        {
            "WEB_HOST": "0.0.0.0",
            "WEB_PORT": "9000",
            "RASA_URL": "https://rasa.example.org/",
            "RASA_JWT_SECRET": "j" * 32,
            "CATALOGUE_API_URL": "http://127.0.0.1:8001",
            "CATALOGUE_API_KEY": "k",
            "SESSION_SECRET": "s" * 32,
            "CONSOLE_DB_URL": "sqlite:////tmp/console.db",
            "EVENT_BROKER_URL": "postgresql://rasa@db.example/events",
            "WEB_SECURE_COOKIES": "true",
        }
    )
    assert settings.port == 9000
    assert settings.rasa_url == "https://rasa.example.org"
    assert settings.rasa_public_url == "https://rasa.example.org"
    assert settings.secure_cookies is True
    assert settings.console_db_url == "sqlite:////tmp/console.db"
    assert settings.event_broker_url == "postgresql://rasa@db.example/events"
    assert "s" * 32 not in repr(settings)


@pytest.mark.parametrize(
    "environ",
    [
        {"WEB_PORT": "eighty"},
        {"WEB_PORT": "70000"},
        {"EVENT_BROKER": "kafka"},
        {"EVENT_POLL_SECONDS": "0"},
        {"RASA_URL": "127.0.0.1:5005"},
        {"RASA_PUBLIC_URL": "ws://chat.example.org"},
        {"SESSION_SECRET": "short"},
        {"WEB_LOG_LEVEL": "loud"},
    ],
)
def test_unusable_values_are_refused(environ: dict[str, str]) -> None:
    with pytest.raises(SettingsError):
        load_settings(environ)


def test_staff_users_with_argon2_commas_are_split_per_user() -> None:
    alice, bob = hash_password("alice-password"), hash_password("bob-password")
    assert "," in alice
    users = parse_staff_users(f"alice:{alice}, bob:{bob}")
    assert users == {"alice": alice, "bob": bob}
    directory = StaffDirectory(users)
    assert directory.usernames == ["alice", "bob"]
    assert directory.verify("alice", "alice-password")
    assert not directory.verify("alice", "bob-password")
    assert not directory.verify("carol", "alice-password")


@pytest.mark.parametrize(
    "raw",
    [
        "alice",
        "alice:plaintext",
        "al ice:$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA",
        "alice:$argon2id$x,alice:$argon2id$y",
    ],
)
def test_malformed_staff_users_are_refused(raw: str) -> None:
    with pytest.raises(StaffUsersError):
        parse_staff_users(raw)


def test_empty_staff_users() -> None:
    assert parse_staff_users("  ") == {}


def test_a_corrupt_hash_never_verifies() -> None:
    directory = StaffDirectory({"alice": "$argon2id$v=19$garbage"})
    assert not directory.verify("alice", "anything")


def test_hash_password_command_reads_stdin(monkeypatch, capsys) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("a-long-password\n"))
    assert hash_password_command.main(["carol"]) == 0
    entry = capsys.readouterr().out.strip()
    users = parse_staff_users(entry)
    assert StaffDirectory(users).verify("carol", "a-long-password")


def test_hash_password_command_refuses_short_passwords(monkeypatch, capsys) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("short"))
    assert hash_password_command.main([]) == 1
    assert "at least 8" in capsys.readouterr().err


def test_alert_addresses_from_the_process_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    # From os.environ, pydantic-settings would read a tuple or dict field as JSON.
    monkeypatch.setenv("HUB_ALERT_EMAIL", "desk@example.org, duty@example.org")
    monkeypatch.setenv("HUB_ALERT_EMAIL_BY_SERVICE", "legal=legal@example.org")
    settings = load_settings()
    assert settings.alert_email == ("desk@example.org", "duty@example.org")
    assert settings.alert_email_by_service == {"legal": ("legal@example.org",)}


def test_no_password_hash_is_committed_in_the_package() -> None:
    full_hash = re.compile(r"\$argon2(id|i|d)\$v=\d+\$m=\d+,t=\d+,p=\d+\$[A-Za-z0-9+/]{8,}\$")
    package = Path(hash_password_command.__file__).parent
    for path in package.rglob("*"):
        if path.is_file() and path.suffix in {".py", ".html", ".js", ".css", ".toml"}:
            assert not full_hash.search(path.read_text()), path


def test_server_refuses_to_start_on_bad_configuration(monkeypatch, capsys) -> None:
    from hub_web import __main__ as entry_point

    monkeypatch.setenv("STAFF_USERS", "alice:plaintext-password")
    assert entry_point.main([]) == 2
    assert "configuration error" in capsys.readouterr().err


def test_timestamps_for_staff() -> None:
    from hub_web.staff_labels import format_when

    assert format_when("2024-05-07T11:30:00+02:00") == "2024-05-07 09:30 UTC"
    assert format_when(1715000000) == "2024-05-06 12:53 UTC"
    assert format_when(None) == "—"
