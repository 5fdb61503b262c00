"""Run with the website's environment: one misunderstood message and staff's correction of it.

    web/.venv/bin/python tests/review/seed_console.py DB_URL TEXT WRONG_INTENT CONFIDENCE \
        RIGHT_INTENT ENTITY=WORDS ...

Writes the visitor's message as Rasa's event broker publishes it (with the wrong intent the
model gave it) into the console's tables, then saves the correction as a member of staff
would in the review queue, choosing from the project's domain.
"""

from __future__ import annotations

import sys
import time

from sqlalchemy import select

from hub_web.events import ConsoleStore
from hub_web.events.messages import ConversationMessage
from hub_web.review.decisions import EntityRow, save_label
from hub_web.review.domain import read_domain_lists
from hub_web.settings import DEFAULT_DOMAIN_DIR


def main(url: str, text: str, wrong: str, confidence: str, right: str, *entities: str) -> None:
    store = ConsoleStore(url)
    parse_data = {
        "text": text,
        "intent": {"name": wrong, "confidence": float(confidence)},
        "entities": [{"entity": "language", "value": "en", "start": 0, "end": len(text)}],
    }
    store.apply_events(
        [
            {
                "sender_id": "correction-test",
                "event": "user",
                "timestamp": time.time(),
                "text": text,
                "parse_data": parse_data,
            }
        ]
    )
    with store.engine.connect() as connection:
        message_id = connection.scalar(select(ConversationMessage.id))
    rows = [EntityRow(*entity.split("=", 1)) for entity in entities]
    domain = read_domain_lists(DEFAULT_DOMAIN_DIR)
    status = save_label(store.engine, message_id, right, rows, domain, "test")
    store.close()
    print(status)


if __name__ == "__main__":
    main(*sys.argv[1:])
