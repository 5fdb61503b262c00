"""The sign-in throttle: failures slow down the account they were made on, not everyone.

Failures are counted per account (any address) and per (account, address). After
``free_failures`` failures of a pair, that pair waits ``base_delay`` seconds, twice as long
after each further failure, up to ``max_delay``; an account failing from many addresses waits
the same way after ``free_account_failures``. An address with ``address_ceiling`` failures
in ``address_window`` (password spraying) is refused for every account that has failed.
An account with no failures is never refused: everyone on loopback or behind one reverse
proxy shares one address, so one person's typos (or an attacker's guesses) lock out nobody
else. Failures are forgotten ``forget_after`` seconds after the last one, or by a success.

Kept in memory: the website is one process in both profiles (``python -m hub_web``, one
uvicorn worker), and a restart, which an attacker cannot cause, only forgets at most
``max_delay`` of backoff. Unknown user names are counted like known ones.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

#: The number of entries above which idle ones are dropped on the next failure.
PRUNE_ABOVE = 10_000


@dataclass(frozen=True)
class ThrottlePolicy:
    """How many failures are free, and how the waits grow after them (seconds)."""

    free_failures: int = 5
    free_account_failures: int = 20
    base_delay: float = 15.0
    max_delay: float = 900.0
    address_ceiling: int = 100
    address_window: float = 900.0
    forget_after: float = 3600.0

    def delay(self, failures: int, free: int) -> float:
        """The wait after ``failures`` failures of which ``free`` cost nothing."""
        if failures < free:
            return 0.0
        return min(self.max_delay, self.base_delay * 2.0 ** (failures - free))


@dataclass
class _Failures:
    """The failures of one account or one (account, address) pair."""

    count: int = 0
    last: float = 0.0


@dataclass
class _AddressFailures:
    """The times of an address's recent failures, on any account."""

    times: deque[float] = field(default_factory=deque)


class SignInThrottle:
    """Refuses sign-in attempts on accounts that failed too often, for a growing while."""

    def __init__(
        self,
        policy: ThrottlePolicy | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """Start with no failures.

        Args:
            policy: The limits; :class:`ThrottlePolicy`'s defaults when omitted.
            clock: Monotonic seconds (tests pass a fake one).
        """
        self.policy = policy or ThrottlePolicy()
        self._clock = clock
        self._accounts: dict[str, _Failures] = {}
        self._pairs: dict[tuple[str, str], _Failures] = {}
        self._addresses: dict[str, _AddressFailures] = {}

    def _current(self, table: dict, key: object) -> _Failures | None:
        entry = table.get(key)
        if entry is not None and self._clock() - entry.last > self.policy.forget_after:
            del table[key]
            return None
        return entry

    def _address_failures(self, address: str) -> int:
        entry = self._addresses.get(address)
        if entry is None:
            return 0
        cutoff = self._clock() - self.policy.address_window
        while entry.times and entry.times[0] < cutoff:
            entry.times.popleft()
        return len(entry.times)

    def retry_after(self, account: str, address: str) -> float:
        """Seconds before ``account`` may try again from ``address``; 0 when it may now.

        Args:
            account: The user name typed on the form (known or not).
            address: The client's address.
        """
        policy, now = self.policy, self._clock()
        account_failures = self._current(self._accounts, account)
        if account_failures is None:
            return 0.0
        waits = [
            account_failures.last
            + policy.delay(account_failures.count, policy.free_account_failures)
            - now
        ]
        pair = self._current(self._pairs, (account, address))
        if pair is not None:
            waits.append(pair.last + policy.delay(pair.count, policy.free_failures) - now)
        if self._address_failures(address) >= policy.address_ceiling:
            waits.append(self._addresses[address].times[0] + policy.address_window - now)
        return max(0.0, *waits)

    def record_failure(self, account: str, address: str) -> None:
        """Count one wrong password for ``account`` from ``address``."""
        now = self._clock()
        if len(self._pairs) > PRUNE_ABOVE or len(self._addresses) > PRUNE_ABOVE:
            self._prune()
        tables: tuple[tuple[dict[Any, _Failures], object], ...] = (
            (self._accounts, account),
            (self._pairs, (account, address)),
        )
        for table, key in tables:
            entry = self._current(table, key) or table.setdefault(key, _Failures())
            entry.count += 1
            entry.last = now
        self._addresses.setdefault(address, _AddressFailures()).times.append(now)

    def record_success(self, account: str, address: str) -> None:
        """Forget the failures of ``account`` after it signed in from ``address``."""
        self._accounts.pop(account, None)
        self._pairs.pop((account, address), None)

    def _prune(self) -> None:
        for table in (self._accounts, self._pairs):
            for key in list(table):
                self._current(table, key)
        for address in list(self._addresses):
            if not self._address_failures(address):
                del self._addresses[address]
