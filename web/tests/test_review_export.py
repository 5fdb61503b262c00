"""Staff-labelled messages as Rasa NLU YAML, one file per language, and the domain loader."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
import yaml
from review_stream import STREAM, TURKISH, UNSURE, language_entity, user

from hub_web.events import ConsoleStore
from hub_web.review.decisions import EntityRow, mark_out_of_scope, save_label
from hub_web.review.domain import DomainLists, read_domain_lists
from hub_web.review.export import annotate, main
from hub_web.review.queue import QueueRules, review_items

DOMAIN = DomainLists(intents=("ask_hub_info", "search_projects", "greet"), entities=("service",))
#: Every message of the fixture is below this confidence, so all are in the queue.
EVERYTHING = QueueRules(confidence_threshold=1.01, form_idle=timedelta(minutes=30))
CHINESE = "有哪些物流项目"


def label(store: ConsoleStore, sender_id: str, intent: str, rows=()) -> None:
    message = next(
        item.message
        for item in review_items(store.engine, EVERYTHING)
        if item.message.sender_id == sender_id
    )
    save_label(store.engine, message.id, intent, list(rows), DOMAIN, "alice")


@pytest.fixture
def store(tmp_path: Path):
    console = ConsoleStore(f"sqlite:///{tmp_path / 'console.db'}")
    console.apply_events(
        [
            *STREAM,
            user("payload", 50, "/greet", "greet", 0.5),
            user("brackets", 51, "what is [this]?", "greet", 0.5),
            user("zh", 52, CHINESE, "ask_hub_info", 0.5, [language_entity(CHINESE, "zh")]),
        ]
    )
    yield console
    console.close()


def test_annotate_marks_entities_inline() -> None:
    text = "law firms and visas"
    entities = [
        {"entity": "service", "start": 14, "end": 19},
        {"entity": "service", "start": 0, "end": 3},
    ]
    assert annotate(text, entities) == "[law](service) firms and [visas](service)"
    assert annotate(text, []) == text


def test_the_command_writes_one_rasa_file_per_language(store: ConsoleStore, tmp_path: Path) -> None:
    label(store, UNSURE, "ask_hub_info")
    label(store, TURKISH, "search_projects", [EntityRow("service", "projeleri")])
    label(store, "payload", "greet")
    label(store, "brackets", "greet")
    label(store, "zh", "search_projects", [EntityRow("service", "物流")])
    out = tmp_path / "corrections"
    assert main(["--db", str(store.url), "--out", str(out)]) == 0
    assert sorted(path.name for path in out.iterdir()) == ["nlu_en.yml", "nlu_tr.yml", "nlu_zh.yml"]

    english = yaml.safe_load((out / "nlu_en.yml").read_text(encoding="utf-8"))
    assert english == {
        "version": "3.1",
        "nlu": [{"intent": "ask_hub_info", "examples": "- what about my family?\n"}],
    }
    turkish = (out / "nlu_tr.yml").read_text(encoding="utf-8")
    assert "    - merhaba, yatırım [projeleri](service) var mı?" in turkish
    assert turkish.startswith("# Corrections from the staff console's review queue (tr)")
    chinese = yaml.safe_load((out / "nlu_zh.yml").read_text(encoding="utf-8"))
    assert chinese["nlu"][0]["examples"] == "- 有哪些[物流](service)项目\n"


def test_out_of_scope_messages_are_not_exported(store: ConsoleStore, tmp_path: Path) -> None:
    message = review_items(store.engine, EVERYTHING)[0]
    mark_out_of_scope(store.engine, message.message.id, "alice")
    out = tmp_path / "out"
    assert main(["--db", str(store.url), "--out", str(out)]) == 0
    assert list(out.iterdir()) == []


def test_the_command_refuses_a_missing_database(tmp_path: Path, capsys) -> None:
    assert main(["--db", f"sqlite:///{tmp_path / 'none.db'}", "--out", str(tmp_path)]) == 1
    assert "no console database" in capsys.readouterr().err
    assert not (tmp_path / "none.db").exists()


def test_the_domain_loader_reads_every_file_and_both_list_shapes(tmp_path: Path) -> None:
    (tmp_path / "core.yml").write_text(
        "intents:\n  - greet\n  - nlu_fallback\n  - ask:\n      use_entities: []\n"
        "entities:\n  - service\n  - topic:\n      influence_conversation: false\n"
        "  - unsupported_language\n",
        encoding="utf-8",
    )
    (tmp_path / "more.yml").write_text("intents: [greet, bye]\nresponses: {}\n", encoding="utf-8")
    (tmp_path / "broken.yml").write_text("intents: [unclosed\n", encoding="utf-8")
    lists = read_domain_lists(tmp_path)
    assert lists == DomainLists(intents=("greet", "ask", "bye"), entities=("service", "topic"))
    assert read_domain_lists(tmp_path / "missing") == DomainLists(intents=(), entities=())
