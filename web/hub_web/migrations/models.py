"""Every declarative base of the console's database: what ``upgrade head`` must give.

The console's tables are declared by the module of the area that owns them; this module
imports them all so that the migration environment (and the tests) can compare the database
with all of them at once.
"""

from __future__ import annotations

from sqlalchemy import MetaData

from hub_web.events.event_log import LogBase
from hub_web.events.messages import MessageBase
from hub_web.events.skipped import SkippedBase
from hub_web.events.store import Base
from hub_web.feedback.store import AnswerFeedback
from hub_web.privacy.audit import AuditBase
from hub_web.review.decisions import ReviewDecision
from hub_web.staff_alerts.store import AlertBase
from hub_web.staff_sessions import SessionBase

#: The metadata of each base, as Alembic's ``target_metadata`` takes them.
CONSOLE_METADATA: list[MetaData] = [
    Base.metadata,
    MessageBase.metadata,
    LogBase.metadata,
    SkippedBase.metadata,
    AuditBase.metadata,
    SessionBase.metadata,
    AlertBase.metadata,
]

#: Declared on ``MessageBase`` by the feedback and review areas (imported for their tables).
AREA_MODELS = (AnswerFeedback, ReviewDecision)
