"""A language the visitor asked for outlasts the turns Rasa hands the action server.

Rasa reads back only a conversation's recent turns (``bot/server/tracker_tail.py``); the choice is
kept in the ``chosen_language`` slot, so it holds however long the visitor keeps writing.
"""

from __future__ import annotations

import pytest

from bot.server.tracker_tail import TAIL_TURNS
from tests.e2e.chat import Visitor

pytestmark = pytest.mark.e2e

#: Chinese messages that keep the conversation going without asking for a language.
CHINESE_TURNS = ("你好", "有哪些物流项目", "谢谢", "签证服务有吗", "好的")


def test_english_asked_for_in_chinese_stays_past_the_read_back_turns(stack):
    visitor = Visitor(stack)
    visitor.texts("请用英文回答")
    for turn in range(TAIL_TURNS + 2):
        visitor.texts(CHINESE_TURNS[turn % len(CHINESE_TURNS)])
    answer = visitor.texts("有哪些医疗项目")
    assert "Medicine" in answer and "医疗" not in answer, answer
