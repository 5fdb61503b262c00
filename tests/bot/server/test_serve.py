from __future__ import annotations

import argparse

from rasa.cli.arguments.run import add_server_arguments

from bot.server.serve import argv_with_secret


def test_the_secret_comes_from_the_environment_for_run():
    argv = argv_with_secret(["run", "--enable-api"], {"RASA_JWT_SECRET": "s3cret"})
    assert argv == ["run", "--enable-api", "--jwt-secret=s3cret"]


def test_a_secret_starting_with_a_dash_is_not_read_as_an_option():
    argv = argv_with_secret(["run"], {"RASA_JWT_SECRET": "-Abc_12"})
    parser = argparse.ArgumentParser()
    add_server_arguments(parser)
    assert parser.parse_args(argv[1:]).jwt_secret == "-Abc_12"


def test_other_commands_and_an_unset_or_given_secret_are_left_alone():
    assert argv_with_secret(["train"], {"RASA_JWT_SECRET": "s"}) == ["train"]
    assert argv_with_secret(["run"], {}) == ["run"]
    given = ["run", "--jwt-secret", "x"]
    assert argv_with_secret(given, {"RASA_JWT_SECRET": "s"}) == given
    given = ["run", "--jwt-secret=x"]
    assert argv_with_secret(given, {"RASA_JWT_SECRET": "s"}) == given
