"""The stack's state directory is for the service user only: files 0600, directories 0700."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

from stack.profiles.default import Stack
from stack.service import Service

NO_HEALTH = "http://127.0.0.1:9/health"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_an_old_state_directory_is_tightened(tmp_path: Path) -> None:
    """A `var/` written before (0755 directories, 0644 databases and logs) becomes owner-only."""
    state = tmp_path / "var"
    (state / "logs").mkdir(parents=True)
    files = [state / "catalogue.db", state / "lead_outbox.sqlite3", state / "logs" / "web.log"]
    for path in files:
        path.write_text("personal data")
        path.chmod(0o644)
    for directory in (state, state / "logs"):
        directory.chmod(0o755)
    Stack(model_path=tmp_path / "model.tar.gz", state_dir=state, with_web=False, rasa_pair=False)
    assert [mode(path) for path in files] == [0o600] * len(files)
    assert (mode(state), mode(state / "logs")) == (0o700, 0o700)
    assert mode(state / "tracker.db") == 0o600 and mode(state / "events.db") == 0o600


def test_a_new_state_directory_is_owner_only(tmp_path: Path) -> None:
    state = tmp_path / "new" / "var"
    stack = Stack(
        model_path=tmp_path / "m.tar.gz", state_dir=state, with_web=False, rasa_pair=False
    )
    assert mode(state) == 0o700
    written = [path for path in state.rglob("*") if path.is_file()]
    assert written and not [path for path in written if mode(path) & 0o077]
    assert stack.service("catalogue").log_path.parent == state / "logs"


def test_a_service_creates_owner_only_files(tmp_path: Path) -> None:
    """Its log, and whatever the process writes (umask 077), after a restart too."""
    service = Service(
        name="writer",
        argv=[sys.executable, "-c", f"open({str(tmp_path / 'data.db')!r}, 'w').write('x')"],
        env={},
        health_url=NO_HEALTH,
        log_path=tmp_path / "logs" / "writer.log",
    )
    old_umask = os.umask(0o022)
    try:
        for _ in range(2):
            service.start()
            assert service.process is not None and service.process.wait(timeout=30) == 0
    finally:
        os.umask(old_umask)
    assert mode(tmp_path / "data.db") == 0o600
    assert mode(tmp_path / "logs" / "writer.log") == 0o600
    assert mode(tmp_path / "logs") == 0o700
