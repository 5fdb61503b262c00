from __future__ import annotations

from bot.serve import argv_with_secret


def test_the_secret_comes_from_the_environment_for_run():
    argv = argv_with_secret(["run", "--enable-api"], {"RASA_JWT_SECRET": "s3cret"})
    assert argv == ["run", "--enable-api", "--jwt-secret", "s3cret"]


def test_other_commands_and_an_unset_or_given_secret_are_left_alone():
    assert argv_with_secret(["train"], {"RASA_JWT_SECRET": "s"}) == ["train"]
    assert argv_with_secret(["run"], {}) == ["run"]
    given = ["run", "--jwt-secret", "x"]
    assert argv_with_secret(given, {"RASA_JWT_SECRET": "s"}) == given
