"""Print an Argon2id hash for ``STAFF_USERS``: ``python -m hub_web.hash_password [name]``."""

from __future__ import annotations

import getpass
import sys

from hub_web.auth import USERNAME_PATTERN, hash_password


def main(argv: list[str] | None = None) -> int:
    """Read a password (twice, from the terminal, or once from stdin) and print its hash.

    With a user name argument it prints a whole ``name:hash`` entry.

    Args:
        argv: Command-line arguments without the program name.

    Returns:
        The process exit code.
    """
    args = sys.argv[1:] if argv is None else argv
    username = args[0] if args else None
    if username is not None and not USERNAME_PATTERN.match(username):
        print("user names may hold letters, digits, '_', '.', '-'", file=sys.stderr)
        return 2
    if sys.stdin.isatty():
        password = getpass.getpass("Password: ")
        if password != getpass.getpass("Repeat: "):
            print("the passwords differ", file=sys.stderr)
            return 1
    else:
        password = sys.stdin.readline().rstrip("\r\n")
    if len(password) < 8:
        print("use at least 8 characters", file=sys.stderr)
        return 1
    password_hash = hash_password(password)
    print(f"{username}:{password_hash}" if username else password_hash)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
