"""MessageGuard: long messages get a short answer, commands are screened, the rest passes."""

from __future__ import annotations

import asyncio
import threading
from types import SimpleNamespace
from typing import Any

import pytest
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.core.tracker_store import InMemoryTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ConversationPaused, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.server.channels.guard import MessageGuard, listen_after_circuit_break
from bot.server.channels.validation import MAX_MESSAGE_LENGTH
from tests.test_domain import REPO_ROOT


@pytest.fixture(scope="module")
def domain() -> Domain:
    return Domain.load(str(REPO_ROOT / "domain.yml"))


class Rasa:
    """Stands in for the agent behind the guard: records what reaches it, answers "ok"."""

    def __init__(self) -> None:
        self.received: list[UserMessage] = []
        self.answers = True

    async def __call__(self, message: UserMessage) -> None:
        self.received.append(message)
        if self.answers:
            await message.output_channel.send_response(message.sender_id, {"text": "ok"})


@pytest.fixture
def rasa() -> Rasa:
    return Rasa()


@pytest.fixture
def guard(rasa: Rasa, domain: Domain) -> MessageGuard:
    guard = MessageGuard(rasa)
    agent = SimpleNamespace(
        domain=domain,
        nlg=TemplatedNaturalLanguageGenerator(domain.responses),
        tracker_store=InMemoryTrackerStore(domain),
    )
    guard.app = SimpleNamespace(ctx=SimpleNamespace(agent=agent))  # type: ignore[assignment]
    return guard


def send(guard: MessageGuard, text: str, sender: str = "v-1") -> list[dict[str, Any]]:
    output = CollectingOutputChannel()
    asyncio.run(guard(UserMessage(text, output, sender, input_channel="rest")))
    return output.messages


def test_a_message_passes_unchanged(guard, rasa):
    assert [m["text"] for m in send(guard, "show me medical projects")] == ["ok"]
    assert [m.text for m in rasa.received] == ["show me medical projects"]
    assert rasa.received[0].sender_id == "v-1"


def test_the_longest_allowed_message_passes(guard, rasa):
    send(guard, "长" * MAX_MESSAGE_LENGTH)
    assert len(rasa.received[0].text) == MAX_MESSAGE_LENGTH


def test_an_offered_payload_passes_and_another_command_becomes_text(guard, rasa):
    send(guard, '/search_projects{"sector":"medical"}')
    send(guard, "/restart")
    send(guard, '/leave_contact{"language": "xx"}')
    assert [m.text for m in rasa.received] == [
        '/search_projects{"sector": "medical"}',
        "restart",
        'leave_contact{"language": "xx"}',
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a" * 1_000_000, "Sorry, your message is too long"),
        ("我想了解医疗项目。" * 300, "抱歉，您的消息太长"),
        ("Расскажите о проектах. " * 100, "Извините, ваше сообщение слишком длинное"),
    ],
)
def test_a_new_visitor_is_told_in_the_message_s_script(guard, rasa, text, expected):
    answer = send(guard, text, sender="new-visitor")
    assert rasa.received == []
    assert len(answer) == 1
    assert answer[0]["text"].startswith(expected)
    assert str(MAX_MESSAGE_LENGTH) in answer[0]["text"]


def test_a_known_conversation_is_told_in_its_language(guard, rasa):
    store = guard.agent.tracker_store
    tracker = DialogueStateTracker.from_events(
        "known", [UserUttered("你好"), SlotSet("language", "zh")], slots=guard.agent.domain.slots
    )
    asyncio.run(store.save(tracker))
    answer = send(guard, "Latin text " * 300, sender="known")
    assert answer[0]["text"].startswith("抱歉，您的消息太长")
    assert rasa.received == []


def test_a_too_long_message_is_not_stored(guard):
    send(guard, "a" * (MAX_MESSAGE_LENGTH + 1), sender="not-stored")
    assert asyncio.run(guard.agent.tracker_store.retrieve("not-stored")) is None


def test_without_a_loaded_model_a_long_message_is_dropped_quietly(rasa):
    guard = MessageGuard(rasa)
    assert send(guard, "a" * (MAX_MESSAGE_LENGTH + 1)) == []
    assert rasa.received == []


def test_without_a_loaded_model_commands_are_still_screened(rasa):
    guard = MessageGuard(rasa)
    send(guard, '/leave_contact{"lead_name": "Eve"}')
    assert [m.text for m in rasa.received] == ['leave_contact{"lead_name": "Eve"}']


def test_a_conversation_stopped_by_the_circuit_breaker_listens_again():
    """Ten failed actions in a row (action server down) must not silence it for good."""
    from rasa.core.processor import MessageProcessor
    from rasa.shared.core.constants import ACTION_LISTEN_NAME
    from rasa.shared.core.events import ActionExecuted

    tracker = DialogueStateTracker.from_events(
        "stuck",
        [UserUttered("hi"), *(ActionExecuted("action_fallback") for _ in range(10))],
    )
    processor = SimpleNamespace(max_number_of_predictions=10)
    assert MessageProcessor.is_action_limit_reached(processor, tracker, True)
    tracker.update(UserUttered("hello again"))
    assert MessageProcessor.is_action_limit_reached(processor, tracker, True)  # Rasa's flaw

    listen_after_circuit_break(tracker, None, None)

    assert tracker.latest_action_name == ACTION_LISTEN_NAME
    tracker.update(UserUttered("and now?"))
    assert not MessageProcessor.is_action_limit_reached(processor, tracker, True)


def test_the_guard_registers_the_circuit_breaker_callback(guard, rasa):
    processor = Processor()
    processor.on_circuit_break = None
    guard.app.ctx.agent.processor = processor
    asyncio.run(guard(UserMessage("hello", CollectingOutputChannel(), "v")))
    assert processor.on_circuit_break is listen_after_circuit_break


class Processor:
    """Stands in for Rasa's processor: parses in whatever thread calls it."""

    http_interpreter = None
    on_circuit_break = listen_after_circuit_break

    def __init__(self) -> None:
        self.threads: list[str] = []

    async def parse_message(self, message: UserMessage) -> dict[str, Any]:
        self.threads.append(threading.current_thread().name)
        return {"text": message.text, "intent": {"name": "greet", "confidence": 1.0}}


def test_the_nlu_runs_off_the_event_loop_and_rasa_gets_its_result(guard, rasa):
    processor = Processor()
    guard.agent.processor = processor
    send(guard, "hello there")
    assert rasa.received[0].parse_data == {
        "text": "hello there",
        "intent": {"name": "greet", "confidence": 1.0},
    }
    assert len(processor.threads) == 1
    assert processor.threads[0].startswith("nlu")
    assert processor.threads[0] != threading.current_thread().name


def test_a_turn_rasa_leaves_unanswered_gets_the_unavailable_answer(guard, rasa):
    rasa.answers = False
    answer = send(guard, "покажите проекты", sender="silent")
    assert len(answer) == 1
    assert answer[0]["text"].startswith("К сожалению, каталог проектов сейчас недоступен")


def test_a_conversation_staff_took_over_stays_silent(guard, rasa):
    rasa.answers = False
    tracker = DialogueStateTracker.from_events(
        "paused", [UserUttered("hi"), ConversationPaused()], slots=guard.agent.domain.slots
    )
    asyncio.run(guard.agent.tracker_store.save(tracker))
    assert send(guard, "hello?", sender="paused") == []
