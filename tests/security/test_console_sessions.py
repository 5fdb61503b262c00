"""The staff console against a hostile visitor (issue 18, findings 7 and 9).

- Five wrong passwords from one address locked every account from that address, the right
  password included; on loopback or behind a proxy that address is everyone's.
- A console cookie still worked after its owner signed out.
- The audit log named a conversation by an unsalted SHA-256 of its sender id.
"""

from __future__ import annotations

import hashlib
import re

import pytest
import requests

from stack.profiles.default import Stack
from tests.e2e.test_personal_data import (
    CSRF,
    console_post,
    csrf_token,
    lead_of,
    leave_a_lead,
    staff_session,
)

pytestmark = pytest.mark.e2e


def sign_in(stack: Stack, username: str, password: str) -> requests.Response:
    """One sign-in attempt from a fresh browser."""
    session = requests.Session()
    login = session.get(f"{stack.url('web')}/console/login", timeout=10)
    return session.post(
        f"{stack.url('web')}/console/login",
        data={
            "username": username,
            "password": password,
            "csrf_token": CSRF.search(login.text).group(1),
        },
        allow_redirects=False,
        timeout=10,
    )


def test_one_accounts_failures_lock_out_nobody_else(stack: Stack) -> None:
    """Everyone signs in from 127.0.0.1 here: guesses at one name must not lock out staff."""
    codes = [sign_in(stack, "intruder-target", f"guess-{n}").status_code for n in range(8)]
    assert codes[:5] == [401] * 5 and codes[-1] == 429
    signed_in = sign_in(stack, stack.secrets.staff_user, stack.secrets.staff_password)
    assert signed_in.status_code == 303


def test_a_copied_cookie_is_dead_after_sign_out(stack: Stack) -> None:
    session = staff_session(stack)
    web = stack.url("web")
    copied = dict(session.cookies)
    page = session.get(f"{web}/console/leads", allow_redirects=False, timeout=10)
    assert page.status_code == 200
    token = CSRF.search(page.text).group(1)
    signed_out = session.post(
        f"{web}/console/logout", data={"csrf_token": token}, allow_redirects=False, timeout=10
    )
    assert signed_out.status_code == 303
    replayed = requests.get(
        f"{web}/console/leads", cookies=copied, allow_redirects=False, timeout=10
    )
    assert replayed.status_code == 303
    assert "/console/login" in replayed.headers["location"]
    api = requests.get(f"{web}/console/api/me", cookies=copied, timeout=10)
    assert api.status_code == 401


def test_the_audit_log_does_not_give_the_sender_id_back(stack: Stack) -> None:
    visitor = leave_a_lead(stack)
    lead = lead_of(stack, visitor.sender_id)
    session = staff_session(stack)
    token = csrf_token(session, stack, lead["id"])
    assert console_post(session, stack, lead["id"], "export", token).status_code == 200
    # Erased too: the other tests of the session look for this visitor's e-mail everywhere.
    erased = console_post(session, stack, lead["id"], "erase", token, confirm="erase")
    assert erased.status_code == 303
    audit = session.get(f"{stack.url('web')}/console/audit", timeout=10).text
    subjects = {
        subject.group(1)
        for row in audit.split("<tr ")[1:]
        if f'data-lead="{lead["id"]}"' in row
        for subject in [re.search(r"<code>([0-9a-f]+)</code>", row)]
        if subject
    }
    [subject] = subjects  # the export's and the erasure's rows name the same conversation
    unsalted = hashlib.sha256(visitor.sender_id.encode()).hexdigest()[:16]
    assert len(subject) == 16 and subject != unsalted
