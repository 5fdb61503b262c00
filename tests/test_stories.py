"""Test stories: every intent's path in English, Chinese and Russian (`rasa test core`)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

from bot.domain_file import intent_names
from tests.async_support import run_coroutine
from tests.conftest import model_path
from tests.test_domain import load_domain

REPO_ROOT = Path(__file__).resolve().parent.parent
RASA = Path(sys.executable).parent / "rasa"
STORIES = REPO_ROOT / "tests" / "stories"


def test_every_intent_has_a_test_story_in_every_language():
    domain_intents = set(intent_names(load_domain()))
    for language in ("en", "zh", "ru"):
        stories = yaml.safe_load((STORIES / f"test_{language}.yml").read_text())["stories"]
        intents = {
            step["intent"] for story in stories for step in story["steps"] if "intent" in step
        }
        assert intents >= domain_intents - {"nlu_fallback"}, language


def test_test_stories_pass(tmp_path):
    result = subprocess.run(
        [
            str(RASA),
            "test",
            "core",
            "--stories",
            str(STORIES),
            "--model",
            str(model_path()),
            "--out",
            str(tmp_path),
            "--no-plot",
        ],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    failed = (tmp_path / "failed_test_stories.yml").read_text()
    assert "story:" not in failed, failed


#: Conversation stories whose every message must also be understood as the story says
#: (`rasa test core` takes a story's intents as given and checks only the actions).
UNDERSTOOD_STORIES = ("test_dialogue_followups.yml",)


def test_the_conversation_stories_are_understood_as_written():
    from rasa.core.agent import Agent

    agent = Agent.load(str(model_path()))
    expected = [
        (step["user"], step["intent"])
        for name in UNDERSTOOD_STORIES
        for story in yaml.safe_load((STORIES / name).read_text())["stories"]
        for step in story["steps"]
        if "user" in step
    ]

    async def parse_all() -> list[str]:
        return [(await agent.parse_message(text))["intent"]["name"] for text, _ in expected]

    understood = run_coroutine(parse_all())
    wrong = [
        (text, intent, got)
        for (text, intent), got in zip(expected, understood, strict=True)
        if got != intent
    ]
    assert wrong == []
