"""Staff credentials: parsing ``STAFF_USERS`` and checking passwords with Argon2id."""

from __future__ import annotations

import re
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

USERNAME_PATTERN = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")
#: Entries are split on commas that start a new ``name:$`` entry: Argon2 hashes hold commas.
_ENTRY_SEPARATOR = re.compile(r",\s*(?=[A-Za-z0-9_.-]{1,64}:\$)")

_password_hasher = PasswordHasher()
#: Verified against when the user name is unknown, so both cases take the same time.
_DUMMY_HASH = _password_hasher.hash("not a staff password")


class StaffUsersError(ValueError):
    """Raised when ``STAFF_USERS`` cannot be parsed."""


def hash_password(password: str) -> str:
    """Hash a password for ``STAFF_USERS``.

    Args:
        password: The plain password.

    Returns:
        An Argon2id hash string (``$argon2id$...``).
    """
    return _password_hasher.hash(password)


def parse_staff_users(raw: str) -> dict[str, str]:
    """Parse ``alice:<hash>,bob:<hash>`` into a mapping of user name to hash.

    Args:
        raw: The ``STAFF_USERS`` value.

    Returns:
        User names mapped to their Argon2 hashes (empty when ``raw`` is empty).

    Raises:
        StaffUsersError: On a malformed entry, a bad user name or a duplicate user.
    """
    users: dict[str, str] = {}
    if not raw.strip():
        return users
    for entry in _ENTRY_SEPARATOR.split(raw.strip()):
        name, sep, password_hash = entry.strip().partition(":")
        if not sep or not USERNAME_PATTERN.match(name):
            raise StaffUsersError("STAFF_USERS entries must look like name:$argon2id$...")
        if not password_hash.startswith("$argon2"):
            raise StaffUsersError(f"STAFF_USERS: the hash for {name!r} is not an Argon2 hash")
        if name in users:
            raise StaffUsersError(f"STAFF_USERS names {name!r} twice")
        users[name] = password_hash
    return users


@dataclass(frozen=True)
class StaffDirectory:
    """The staff members allowed into the console."""

    password_hashes: dict[str, str]

    @property
    def usernames(self) -> list[str]:
        """Sorted user names of all staff members."""
        return sorted(self.password_hashes)

    def verify(self, username: str, password: str) -> bool:
        """Check a user name and password.

        Args:
            username: The name typed on the sign-in form.
            password: The password typed on the sign-in form.

        Returns:
            True when the user exists and the password matches its hash.
        """
        stored_hash = self.password_hashes.get(username)
        try:
            _password_hasher.verify(stored_hash or _DUMMY_HASH, password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False
        return stored_hash is not None
