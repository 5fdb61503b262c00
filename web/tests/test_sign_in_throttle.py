"""The sign-in throttle: per account and per (account, address), with backoff."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from web_support import STAFF_PASSWORDS, csrf_from

from hub_web.sign_in_throttle import SignInThrottle, ThrottlePolicy

HOUR = 3600.0


class FakeClock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def _post_login(client: TestClient, username: str, password: str):
    token = csrf_from(client.get("/console/login").text)
    return client.post(
        "/console/login",
        data={"username": username, "password": password, "csrf_token": token},
        follow_redirects=False,
    )


def _guesses_in(throttle: SignInThrottle, clock: FakeClock, seconds: float, address) -> int:
    """How many wrong passwords for alice an attacker gets in, trying whenever allowed."""
    end, guesses = clock.now + seconds, 0
    while clock.now < end:
        source = address(guesses)
        wait = throttle.retry_after("alice", source)
        if wait > 0:
            clock.advance(wait)
            continue
        throttle.record_failure("alice", source)
        guesses += 1
        clock.advance(0.1)
    return guesses


def test_own_correct_password_works_after_the_backoff(client: TestClient, upstream) -> None:
    clock = FakeClock()
    client.app.state.sign_in_throttle = SignInThrottle(clock=clock)
    for _ in range(5):
        assert _post_login(client, "alice", "wrong").status_code == 401
    refused = _post_login(client, "alice", STAFF_PASSWORDS["alice"])
    assert refused.status_code == 429
    assert "Too many failed attempts" in refused.text
    wait = int(refused.headers["retry-after"])
    assert 0 < wait <= 60
    clock.advance(wait)
    assert _post_login(client, "alice", STAFF_PASSWORDS["alice"]).status_code == 303


def test_a_brute_force_from_one_address_is_slowed() -> None:
    clock = FakeClock()
    throttle = SignInThrottle(clock=clock)
    assert _guesses_in(throttle, clock, HOUR, lambda _: "10.0.0.1") <= 15


def test_a_brute_force_from_many_addresses_is_slowed() -> None:
    clock = FakeClock()
    throttle = SignInThrottle(clock=clock)
    assert _guesses_in(throttle, clock, HOUR, lambda n: f"10.0.{n // 256}.{n % 256}") <= 30


def test_the_backoff_doubles_and_is_capped() -> None:
    clock = FakeClock()
    policy = ThrottlePolicy()
    throttle = SignInThrottle(policy, clock=clock)
    waits = []
    for _ in range(policy.free_failures + 8):
        clock.advance(throttle.retry_after("alice", "a"))
        throttle.record_failure("alice", "a")
        waits.append(throttle.retry_after("alice", "a"))
    assert waits[: policy.free_failures - 1] == [0.0] * (policy.free_failures - 1)
    growing = waits[policy.free_failures - 1 :]
    assert growing[0] == policy.base_delay and growing[1] == 2 * policy.base_delay
    assert max(growing) == policy.max_delay


def test_a_clean_account_is_never_refused() -> None:
    """Not by another account's failures, nor by a spraying address over its ceiling."""
    clock = FakeClock()
    throttle = SignInThrottle(ThrottlePolicy(address_ceiling=10), clock=clock)
    for n in range(50):
        throttle.record_failure(f"user{n}", "proxy")
    for _ in range(40):
        throttle.record_failure("alice", "proxy")
    assert throttle.retry_after("bob", "proxy") == 0
    assert throttle.retry_after("user1", "proxy") > 0  # one failure, over the ceiling


def test_success_forgets_the_failures_and_old_failures_are_forgotten() -> None:
    clock = FakeClock()
    policy = ThrottlePolicy()
    throttle = SignInThrottle(policy, clock=clock)
    for _ in range(policy.free_failures):
        throttle.record_failure("alice", "a")
    assert throttle.retry_after("alice", "a") > 0
    clock.advance(policy.forget_after + 1)
    assert throttle.retry_after("alice", "a") == 0
    for _ in range(policy.free_failures - 1):
        throttle.record_failure("alice", "a")
    throttle.record_success("alice", "a")
    throttle.record_failure("alice", "a")
    assert throttle.retry_after("alice", "a") == 0


@pytest.mark.parametrize("account", ["alice", "nobody-by-this-name"])
def test_known_and_unknown_names_are_throttled_alike(account: str) -> None:
    throttle = SignInThrottle(clock=FakeClock())
    for _ in range(ThrottlePolicy().free_failures):
        throttle.record_failure(account, "a")
    assert throttle.retry_after(account, "a") == ThrottlePolicy().base_delay
