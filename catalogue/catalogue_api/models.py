"""ORM tables: catalogue (projects, services, contacts, hub, figures, events) and leads.

The one import path of the tables: importing it defines every table on ``Base.metadata``
(Alembic's ``env.py`` imports ``Base`` from here). The tables are defined by area in
``table_base`` (``Base``, ``utcnow``), ``catalogue_tables``, ``lead_tables`` and
``staff_change_tables`` (staff's change logs).
"""

from catalogue_api.catalogue_tables import (
    Contact,
    Event,
    Figure,
    Hub,
    Project,
    ProjectSector,
    Service,
    StaffDate,
)
from catalogue_api.lead_tables import Lead, LeadHistory, LeadProject, LeadService
from catalogue_api.staff_change_tables import ContentChange, ProjectChange
from catalogue_api.table_base import Base, utcnow

__all__ = [
    "Base",
    "Contact",
    "ContentChange",
    "Event",
    "Figure",
    "Hub",
    "Lead",
    "LeadHistory",
    "LeadProject",
    "LeadService",
    "Project",
    "ProjectChange",
    "ProjectSector",
    "Service",
    "StaffDate",
    "utcnow",
]
