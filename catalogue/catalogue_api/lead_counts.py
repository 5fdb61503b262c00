"""Lead counts for the staff console's charts: ``GROUP BY`` in SQL, on SQLite and PostgreSQL.

Every count honours the same :class:`~catalogue_api.lead_service.LeadFilters` as the lead list.
Days are local days at a fixed offset from UTC (the hub's time zone, given by the caller).
:func:`conversation_lead_counts` matches leads to conversation ids sent by the caller, counting
in chunks of :data:`CONVERSATION_CHUNK` ids (one ``IN`` list each, within both databases' limits
of bound parameters).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, func, literal, select
from sqlalchemy.orm import Session

from catalogue_api.lead_count_schemas import (
    ConversationLeadCounts,
    CountryCount,
    KeyCount,
    LeadCounts,
)
from catalogue_api.lead_service import LeadFilters
from catalogue_api.models import Lead, LeadProject, LeadService

#: Conversation ids per SQL statement of :func:`conversation_lead_counts`.
CONVERSATION_CHUNK = 500


def _local_day(session: Session, offset_minutes: int) -> ColumnElement[Any]:
    """The local calendar day of ``Lead.created_at`` (stored in UTC) at ``offset_minutes``."""
    if session.get_bind().dialect.name == "postgresql":
        utc = func.timezone("UTC", Lead.created_at)
        return func.date(utc + literal(timedelta(minutes=offset_minutes)))
    return func.date(Lead.created_at, f"{offset_minutes:+d} minutes")


def _matching_ids(filters: LeadFilters) -> Select[Any]:
    return filters.apply(select(Lead.id))


def _day_text(value: Any) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)


def lead_counts(session: Session, filters: LeadFilters, offset_minutes: int) -> LeadCounts:
    """Count the matching leads: in total, per local day, country, project, service and channel.

    Args:
        session: A database session.
        filters: Which leads count.
        offset_minutes: The hub's offset from UTC, for the days (``480`` for Asia/Shanghai).

    Returns:
        The counts; groups are ordered by count (largest first), then by key; days by day.
    """
    ids = _matching_ids(filters)
    total = session.scalar(select(func.count()).select_from(ids.subquery())) or 0
    day = _local_day(session, offset_minutes).label("day")
    per_day = session.execute(
        select(day, func.count()).where(Lead.id.in_(ids)).group_by(day).order_by(day)
    ).all()
    count = func.count().label("n")
    coded = session.execute(
        select(Lead.country_code, count)
        .where(Lead.id.in_(ids), Lead.country_code.is_not(None))
        .group_by(Lead.country_code)
    ).all()
    typed = session.execute(
        select(Lead.country_key, func.min(Lead.country), count)
        .where(Lead.id.in_(ids), Lead.country_code.is_(None))
        .group_by(Lead.country_key)
    ).all()
    countries = [CountryCount(country_code=code, country=None, count=n) for code, n in coded] + [
        CountryCount(country_code=None, country=shown, count=n) for _, shown, n in typed
    ]
    countries.sort(key=lambda item: (-item.count, item.country_code or "", item.country or ""))
    projects = session.execute(
        select(LeadProject.project_id, count)
        .where(LeadProject.lead_id.in_(ids))
        .group_by(LeadProject.project_id)
        .order_by(count.desc(), LeadProject.project_id)
    ).all()
    services = session.execute(
        select(LeadService.service_type, count)
        .where(LeadService.lead_id.in_(ids))
        .group_by(LeadService.service_type)
        .order_by(count.desc(), LeadService.service_type)
    ).all()
    channels = session.execute(
        select(Lead.channel, count)
        .where(Lead.id.in_(ids), Lead.channel.is_not(None))
        .group_by(Lead.channel)
        .order_by(count.desc(), Lead.channel)
    ).all()
    return LeadCounts(
        total=total,
        per_day=[KeyCount(key=_day_text(key), count=n) for key, n in per_day if key is not None],
        by_country=countries,
        by_project=[KeyCount(key=key, count=n) for key, n in projects],
        by_service=[KeyCount(key=key, count=n) for key, n in services],
        by_channel=[KeyCount(key=key, count=n) for key, n in channels],
    )


def conversation_lead_counts(
    session: Session, filters: LeadFilters, conversation_ids: Iterable[str]
) -> ConversationLeadCounts:
    """Count how many of ``conversation_ids`` the matching leads name, in total and per status.

    The ids are made distinct and counted :data:`CONVERSATION_CHUNK` at a time; as the chunks
    share no id, their ``COUNT(DISTINCT conversation_id)`` add up.

    Args:
        session: A database session.
        filters: Which leads count.
        conversation_ids: Conversation ids (Rasa sender ids), any number, repeats allowed.

    Returns:
        The counts; ``by_status`` ordered by count (largest first), then by status.
    """
    distinct = list(dict.fromkeys(conversation_ids))
    named = func.count(Lead.conversation_id.distinct())
    with_lead = 0
    by_status: Counter[str] = Counter()
    for start in range(0, len(distinct), CONVERSATION_CHUNK):
        matching = filters.apply(select(Lead.id)).where(
            Lead.conversation_id.in_(distinct[start : start + CONVERSATION_CHUNK])
        )
        with_lead += session.scalar(matching.with_only_columns(named)) or 0
        per_status = matching.with_only_columns(Lead.status, named).group_by(Lead.status)
        for status, n in session.execute(per_status):
            by_status[status] += n
    return ConversationLeadCounts(
        conversations=len(distinct),
        with_lead=with_lead,
        by_status=[
            KeyCount(key=status, count=n)
            for status, n in sorted(by_status.items(), key=lambda item: (-item[1], item[0]))
        ],
    )
