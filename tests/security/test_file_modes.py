"""Personal data on disk is for the service user only (issue 18, finding 8).

The SQLite databases, the lead outbox and the logs were 0644: every local user could read the
visitors' names, e-mails and conversations. Now every file the running stack writes under its
state directory is readable by its owner only, and every directory there is 0700.
"""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from stack.profiles.default import Stack
from tests.e2e.test_personal_data import (
    console_post,
    csrf_token,
    lead_of,
    leave_a_lead,
    staff_session,
)

pytestmark = pytest.mark.e2e

#: The files that hold personal data, each of which must exist by the end of the test.
PERSONAL_DATA_FILES = (
    "catalogue.db",
    "tracker.db",
    "events.db",
    "console.db",
    "lead_outbox.sqlite3",
    "logs/catalogue.log",
    "logs/actions.log",
    "logs/web.log",
)


def loose_modes(root: Path) -> list[str]:
    """Everything under `root` that another user could read or enter."""
    loose = []
    for path in [root, *root.rglob("*")]:
        if path.is_symlink():
            continue
        mode = stat.S_IMODE(path.lstat().st_mode)
        if (path.is_dir() and mode != 0o700) or mode & 0o077:
            loose.append(f"{path.relative_to(root)} {mode:04o}")
    return loose


def test_every_file_of_the_running_stack_is_owner_only(stack: Stack) -> None:
    visitor = leave_a_lead(stack)
    lead = lead_of(stack, visitor.sender_id)
    session = staff_session(stack)  # the console writes its tables and its log
    try:
        state = stack.state_dir
        assert [name for name in PERSONAL_DATA_FILES if not (state / name).is_file()] == []
        assert loose_modes(state) == []
    finally:  # the other tests of the session look for this visitor's e-mail everywhere
        token = csrf_token(session, stack, lead["id"])
        console_post(session, stack, lead["id"], "erase", token, confirm="erase")


def test_a_restarted_service_writes_owner_only_files_too(stack: Stack) -> None:
    stack.stop(["web"])
    (stack.state_dir / "console.db").chmod(0o644)
    try:
        stack.start(["web"])
    finally:
        if stack.service("web").process is None:
            stack.start(["web"])
    staff_session(stack)
    assert loose_modes(stack.state_dir) == []
