"""The schema exactly as ``Base.metadata.create_all`` made it before migrations existed.

A frozen copy of ``catalogue_api/models.py`` at revision 0001 (Core tables, same order, types,
keys and indexes), so the tests can build a database "the old way" after the models moved on.
Never change it: it stands for databases that already exist.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

Table(
    "contacts",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("position", Integer, nullable=False),
    Column("name_en", String(300), nullable=False),
    Column("name_zh", String(300), nullable=False),
    Column("name_ru", String(300), nullable=False),
    Column("description_en", Text),
    Column("description_zh", Text),
    Column("description_ru", Text),
    Column("website", String(300)),
    Column("email", String(254)),
    Column("phone", String(40)),
    Column("is_placeholder", Boolean, nullable=False),
    Column("source", String(300)),
)
Table(
    "events",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("position", Integer, nullable=False),
    Column("date", String(10), nullable=False),
    Column("title_en", String(300), nullable=False),
    Column("title_zh", String(300), nullable=False),
    Column("title_ru", String(300), nullable=False),
    Column("summary_en", Text),
    Column("summary_zh", Text),
    Column("summary_ru", Text),
    Column("source", String(300)),
)
Table(
    "figures",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("position", Integer, nullable=False),
    Column("label_en", String(300), nullable=False),
    Column("label_zh", String(300), nullable=False),
    Column("label_ru", String(300), nullable=False),
    Column("value", Float, nullable=False),
    Column("unit", String(32), nullable=False),
    Column("qualifier", String(32)),
    Column("source", String(300)),
)
Table(
    "hub",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name_en", String(300), nullable=False),
    Column("name_zh", String(300), nullable=False),
    Column("name_ru", String(300), nullable=False),
    Column("summary_en", Text),
    Column("summary_zh", Text),
    Column("summary_ru", Text),
    Column("source", String(300)),
)
Table(
    "leads",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("client_reference", String(128), unique=True),
    Column("name", String(200), nullable=False),
    Column("company", String(200)),
    Column("country", String(100)),
    Column("country_key", String(100), index=True),
    Column("email", String(254)),
    Column("phone", String(40)),
    Column("interest", Text),
    Column("consent", Boolean, nullable=False),
    Column("conversation_id", String(200)),
    Column("language", String(2), nullable=False),
    Column("handoff", Boolean, nullable=False),
    Column("status", String(16), nullable=False, index=True),
    Column("assigned_to", String(100), index=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)
Table(
    "projects",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("position", Integer, nullable=False),
    Column("name_en", String(300), nullable=False),
    Column("name_zh", String(300), nullable=False),
    Column("name_ru", String(300), nullable=False),
    Column("district", String(32)),
    Column("status", String(16), nullable=False),
    Column("investment_cny", Float),
    Column("summary_en", Text),
    Column("summary_zh", Text),
    Column("summary_ru", Text),
    Column("source", String(300)),
)
Table(
    "lead_history",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column(
        "lead_id", Integer, ForeignKey("leads.id", ondelete="CASCADE"), nullable=False, index=True
    ),
    Column("changed_at", DateTime(timezone=True), nullable=False),
    Column("changed_by", String(100), nullable=False),
    Column("field", String(32), nullable=False),
    Column("from_value", String(200)),
    Column("to_value", String(200)),
)
Table(
    "lead_projects",
    metadata,
    Column("lead_id", Integer, ForeignKey("leads.id", ondelete="CASCADE"), primary_key=True),
    Column("project_id", String(64), primary_key=True, index=True),
    Column("position", Integer, nullable=False),
)
Table(
    "lead_services",
    metadata,
    Column("lead_id", Integer, ForeignKey("leads.id", ondelete="CASCADE"), primary_key=True),
    Column("service_type", String(32), primary_key=True, index=True),
    Column("position", Integer, nullable=False),
)
Table(
    "project_sectors",
    metadata,
    Column(
        "project_id", String(64), ForeignKey("projects.id", ondelete="CASCADE"), primary_key=True
    ),
    Column("sector", String(32), primary_key=True),
    Column("position", Integer, nullable=False),
)
Table(
    "services",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("position", Integer, nullable=False),
    Column("type", String(32), nullable=False, index=True),
    Column("name_en", String(300), nullable=False),
    Column("name_zh", String(300), nullable=False),
    Column("name_ru", String(300), nullable=False),
    Column("description_en", Text),
    Column("description_zh", Text),
    Column("description_ru", Text),
    Column("provider_id", String(64), ForeignKey("contacts.id")),
    Column("source", String(300)),
)
