"""Rasa's command line, with the HTTP API's JWT secret read from the environment.

`rasa run --jwt-secret <secret>` puts the secret into the process list (`ps`,
`/proc/<pid>/cmdline`), which every user of the machine can read. The stack starts Rasa as
`python -m bot.server.serve run ...` instead, with the secret in `RASA_JWT_SECRET`, and this
module hands it to Rasa's own argument parser inside the process. A process's environment
is readable only by its owner and root.

It also installs `bot.server.schema_validation` (each JSON schema checked once, not per action
call), `bot.server.action_http` (calls to the action server over kept connections) and
`bot.server.event_types` (event classes found by name in a table).
And `bot.server.jwt_guard`: a bad JWT (another algorithm, no `exp`, expired) gets a 401.
"""

from __future__ import annotations

import os
import sys

from rasa.__main__ import main as rasa_main

from bot.server import action_http, event_types, jwt_guard, schema_validation

SECRET_VARIABLE = "RASA_JWT_SECRET"


def argv_with_secret(argv: list[str], environ: dict[str, str]) -> list[str]:
    """`argv` of a `run` command with `--jwt-secret` from `environ`, when it is set there.

    Args:
        argv: The command line after the program name, e.g. `["run", "--enable-api"]`.
        environ: The environment.

    Returns:
        The command line Rasa parses.
    """
    secret = environ.get(SECRET_VARIABLE, "")
    given = any(arg == "--jwt-secret" or arg.startswith("--jwt-secret=") for arg in argv)
    if argv[:1] != ["run"] or not secret or given:
        return argv
    # One argument: a secret starting with "-" (token_urlsafe gives one in 64) would
    # otherwise be read as an option, and Rasa would not start.
    return [*argv, f"--jwt-secret={secret}"]


def main() -> None:
    """Runs Rasa's command line with the secret added."""
    sys.argv = [sys.argv[0], *argv_with_secret(sys.argv[1:], dict(os.environ))]
    schema_validation.install()
    action_http.install()
    event_types.install()
    jwt_guard.install()
    rasa_main()


if __name__ == "__main__":
    main()
