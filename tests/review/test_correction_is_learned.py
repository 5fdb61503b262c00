"""A message the model gets wrong, corrected in the review queue, exported, is then understood.

A small NLU-only model (tests/review/fixtures/config.yml: whitespace tokens, word counts,
logistic regression) is trained on a fixture of its own; the message goes to the wrong
intent. Staff's correction is stored in a console database and exported by
`python -m hub_web.review.export` (the website's environment, as `make export-corrections`
runs it); trained again with the exported file, the model gets the message right.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import yaml
from rasa.core.agent import Agent
from rasa.model_training import train_nlu

from stack.profiles.default import REPO_ROOT

HERE = Path(__file__).resolve().parent
WEB_PYTHON = REPO_ROOT / "web/.venv/bin/python"
MESSAGE = "notary for contracts please"
WRONG, RIGHT = "ask_contact", "ask_service"


def _parse(model_path: str, text: str) -> dict[str, object]:
    agent = Agent.load(model_path)
    # A thread of its own: an earlier test's browser may keep an event loop in this one.
    with ThreadPoolExecutor(max_workers=1) as thread:
        return thread.submit(asyncio.run, agent.parse_message(text)).result()["intent"]


def _train(data_dir: Path, out_dir: Path, name: str) -> str:
    model = train_nlu(
        str(HERE / "fixtures/config.yml"), str(data_dir), str(out_dir), fixed_model_name=name
    )
    assert model, "training failed"
    return model


def _web(*args: str) -> str:
    result = subprocess.run(
        [str(WEB_PYTHON), *args], cwd=REPO_ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture
def web_environment() -> None:
    if not WEB_PYTHON.exists():
        if os.environ.get("CI") == "true":
            pytest.fail("web/.venv missing in CI; run scripts/setup_env.sh web")
        pytest.skip("web/.venv missing; run scripts/setup_env.sh web")


def test_an_exported_correction_teaches_the_model(tmp_path: Path, web_environment) -> None:
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(HERE / "fixtures/nlu_small.yml", data)

    before = _parse(_train(data, tmp_path / "models", "before"), MESSAGE)
    assert before["name"] == WRONG

    database = f"sqlite:///{tmp_path / 'console.db'}"
    status = _web(
        str(HERE / "seed_console.py"),
        database,
        MESSAGE,
        WRONG,
        str(before["confidence"]),
        RIGHT,
        "service=contracts",
    )
    assert status.strip() == "corrected"
    corrections = tmp_path / "corrections"
    _web("-m", "hub_web.review.export", "--db", database, "--out", str(corrections))
    exported = corrections / "nlu_en.yml"
    assert yaml.safe_load(exported.read_text(encoding="utf-8"))["nlu"] == [
        {"intent": RIGHT, "examples": "- notary for [contracts](service) please\n"}
    ]

    shutil.copy(exported, data)
    after = _parse(_train(data, tmp_path / "models", "after"), MESSAGE)
    assert after["name"] == RIGHT
