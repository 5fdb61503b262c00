"""Reading and validating catalogue files, and replacing the project catalogue.

A file is validated whole before the database is touched; the replacement runs in one
transaction, so a bad file or a failed write leaves the old catalogue in place.

Project files are YAML (a list of projects, or a mapping with a ``projects`` list, such as the
seed ``data/catalogue.yaml``) or CSV with the columns of :data:`CSV_COLUMNS`.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session, sessionmaker

from catalogue_api.codes import District, ProjectStatus, Sector, ServiceType
from catalogue_api.models import (
    Contact,
    Event,
    Figure,
    Hub,
    LeadProject,
    Project,
    ProjectSector,
    Service,
)
from catalogue_api.schemas import ProjectId, single_line

MAX_PROJECTS = 5000
MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_REPORTED_ERRORS = 30

CSV_COLUMNS: tuple[str, ...] = (
    "id",
    "name_en",
    "name_zh",
    "name_ru",
    "sectors",
    "district",
    "status",
    "investment_cny",
    "summary_en",
    "summary_zh",
    "summary_ru",
    "source",
)
CSV_REQUIRED_COLUMNS = frozenset({"id", "name_en", "name_zh", "name_ru", "sectors", "status"})
CSV_SECTOR_SEPARATOR = ";"

Line = Annotated[str, AfterValidator(single_line)]
Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]{0,62}[a-z0-9]$")]


class CatalogueFileError(ValueError):
    """A catalogue file is unusable; ``errors`` lists every problem found (entry and field)."""

    def __init__(self, source: str, errors: list[str]) -> None:
        self.source = source
        self.errors = errors
        shown = errors[:MAX_REPORTED_ERRORS]
        more = len(errors) - len(shown)
        text = "\n".join(f"{source}: {error}" for error in shown)
        if more > 0:
            text += f"\n{source}: ... and {more} more error(s)"
        super().__init__(text)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Translated(_Strict):
    """A text in the three languages, each required."""

    en: Annotated[Line, Field(min_length=1, max_length=300)]
    zh: Annotated[Line, Field(min_length=1, max_length=300)]
    ru: Annotated[Line, Field(min_length=1, max_length=300)]


class LongTranslated(_Strict):
    """A longer text in the three languages; a missing language falls back to English."""

    en: Annotated[str | None, Field(max_length=4000)] = None
    zh: Annotated[str | None, Field(max_length=4000)] = None
    ru: Annotated[str | None, Field(max_length=4000)] = None


class ProjectIn(_Strict):
    """A project entry of a catalogue file."""

    id: ProjectId
    name: Translated
    sectors: Annotated[list[Sector], Field(min_length=1, max_length=len(Sector))]
    district: District | None = None
    status: ProjectStatus
    investment_cny: Annotated[float | None, Field(ge=0, le=1e15, allow_inf_nan=False)] = None
    summary: LongTranslated | None = None
    source: Annotated[Line | None, Field(max_length=300)] = None

    @field_validator("sectors")
    @classmethod
    def _unique_sectors(cls, value: list[Sector]) -> list[Sector]:
        repeated = sorted({s.value for s in value if value.count(s) > 1})
        if repeated:
            raise ValueError(f"sector listed twice: {', '.join(repeated)}")
        return value


class ContactIn(_Strict):
    """An organisation entry of the seed file."""

    id: Slug
    name: Translated
    description: LongTranslated | None = None
    website: Annotated[Line | None, Field(max_length=300, pattern=r"^https://")] = None
    email: Annotated[Line | None, Field(max_length=254)] = None
    phone: Annotated[Line | None, Field(max_length=40)] = None
    is_placeholder: bool = False
    source: Annotated[Line | None, Field(max_length=300)] = None


class ServiceIn(_Strict):
    """A service entry of the seed file."""

    id: Slug
    type: ServiceType
    provider_id: Slug | None = None
    name: Translated
    description: LongTranslated | None = None
    source: Annotated[Line | None, Field(max_length=300)] = None


class HubIn(_Strict):
    """The hub entry of the seed file."""

    name: Translated
    summary: LongTranslated | None = None
    source: Annotated[Line | None, Field(max_length=300)] = None


class FigureIn(_Strict):
    """A figure entry of the seed file."""

    key: Slug
    label: Translated
    value: Annotated[float, Field(allow_inf_nan=False)]
    unit: Annotated[str, Field(pattern=r"^[a-z0-9_]+$")]
    qualifier: Annotated[str | None, Field(pattern=r"^(approximately|more_than)$")] = None
    source: Annotated[Line | None, Field(max_length=300)] = None


class EventIn(_Strict):
    """An event entry of the seed file; ``date`` is YYYY, YYYY-MM or YYYY-MM-DD."""

    id: Slug
    date: Annotated[str, Field(pattern=r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")]
    title: Translated
    summary: LongTranslated | None = None
    source: Annotated[Line | None, Field(max_length=300)] = None


class SeedDocument(_Strict):
    """The whole seed file ``data/catalogue.yaml``."""

    hub: HubIn
    contacts: list[ContactIn]
    services: list[ServiceIn]
    projects: list[ProjectIn]
    figures: list[FigureIn]
    events: list[EventIn]

    @model_validator(mode="after")
    def _check_references(self) -> SeedDocument:
        for section in ("contacts", "services", "projects", "events"):
            ids = [entry.id for entry in getattr(self, section)]
            repeated = sorted({i for i in ids if ids.count(i) > 1})
            if repeated:
                raise ValueError(f"{section}: duplicate id(s) {', '.join(repeated)}")
        contact_ids = {contact.id for contact in self.contacts}
        for service in self.services:
            if service.provider_id and service.provider_id not in contact_ids:
                raise ValueError(f"service {service.id}: unknown provider_id {service.provider_id}")
        return self


# ---------------------------------------------------------------- parsing


def _field_name(loc: tuple[Any, ...], csv_style: bool) -> str:
    parts = [str(part) for part in loc if not isinstance(part, int)]
    if not parts:
        return "(entry)"
    if csv_style:
        return "_".join(parts[:2]) if parts[0] in {"name", "summary"} else parts[0]
    return ".".join(parts)


def _entry_errors(exc: ValidationError, where: str, csv_style: bool) -> list[str]:
    errors = []
    for error in exc.errors():
        message = str(error["msg"]).removeprefix("Value error, ")
        if error["type"] == "extra_forbidden":
            message = "unknown field"
        errors.append(f"{where}: field {_field_name(tuple(error['loc']), csv_style)!r}: {message}")
    return errors


def validate_projects(
    entries: list[tuple[str, str | None, dict[str, Any]]], csv_style: bool = False
) -> list[ProjectIn]:
    """Validate raw project entries; collect every error before failing.

    Args:
        entries: ``(where, id, raw)`` per entry; ``where`` names the line or entry.
        csv_style: Name fields as CSV columns (``name_zh``) instead of paths (``name.zh``).

    Returns:
        The validated projects.

    Raises:
        CatalogueFileError: (with ``source`` left empty) if any entry is invalid.
    """
    projects: list[ProjectIn] = []
    errors: list[str] = []
    first_seen: dict[str, str] = {}
    for where, raw_id, raw in entries:
        label = f"{where} (id {raw_id!r})" if raw_id else where
        try:
            project = ProjectIn.model_validate(raw)
        except ValidationError as exc:
            errors.extend(_entry_errors(exc, label, csv_style))
            continue
        if project.id in first_seen:
            errors.append(f"{label}: field 'id': duplicate of {first_seen[project.id]}")
            continue
        first_seen[project.id] = where
        projects.append(project)
    if not entries:
        errors.append("no projects in the file: the catalogue cannot be emptied")
    if len(entries) > MAX_PROJECTS:
        errors.append(f"too many projects ({len(entries)}): at most {MAX_PROJECTS}")
    if errors:
        raise CatalogueFileError("", errors)
    return projects


def parse_projects_yaml(text: str) -> list[ProjectIn]:
    """Parse and validate projects from YAML text.

    Args:
        text: A YAML list of projects, or a mapping with a ``projects`` list.

    Returns:
        The validated projects.

    Raises:
        CatalogueFileError: If the YAML or any entry is invalid.
    """
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise CatalogueFileError("", [f"not valid YAML{where}: {problem}"]) from None
    if isinstance(data, dict):
        if "projects" not in data:
            raise CatalogueFileError("", ["a YAML mapping needs a 'projects' list"])
        data = data["projects"]
    if not isinstance(data, list):
        raise CatalogueFileError("", ["expected a list of projects (or a 'projects' list)"])
    entries: list[tuple[str, str | None, dict[str, Any]]] = []
    errors: list[str] = []
    for index, raw in enumerate(data):
        where = f"projects[{index}] (entry {index + 1})"
        if not isinstance(raw, dict):
            errors.append(f"{where}: expected a mapping of fields, got {type(raw).__name__}")
            continue
        raw_id = raw.get("id")
        entries.append((where, str(raw_id) if raw_id is not None else None, raw))
    if errors and not entries:
        raise CatalogueFileError("", errors)
    try:
        projects = validate_projects(entries)
    except CatalogueFileError as exc:
        errors.extend(exc.errors)
    if errors:
        raise CatalogueFileError("", errors)
    return projects


def _csv_row_to_raw(row: dict[str, str]) -> dict[str, Any]:
    def cell(column: str) -> str | None:
        value = (row.get(column) or "").strip()
        return value or None

    sectors = [s.strip() for s in (row.get("sectors") or "").split(CSV_SECTOR_SEPARATOR)]
    summary = {lang: cell(f"summary_{lang}") for lang in ("en", "zh", "ru")}
    raw: dict[str, Any] = {
        "id": cell("id"),
        "name": {lang: cell(f"name_{lang}") for lang in ("en", "zh", "ru")},
        "sectors": [s for s in sectors if s],
        "district": cell("district"),
        "status": cell("status"),
        "investment_cny": cell("investment_cny"),
        "summary": summary if any(summary.values()) else None,
        "source": cell("source"),
    }
    return raw


def parse_projects_csv(text: str) -> list[ProjectIn]:
    """Parse and validate projects from CSV text (header row required, UTF-8).

    Args:
        text: CSV with the columns of :data:`CSV_COLUMNS` (optional ones may be left out);
            ``sectors`` holds codes separated by ``;``.

    Returns:
        The validated projects.

    Raises:
        CatalogueFileError: If the header or any row is invalid.
    """
    reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
    try:
        header = reader.fieldnames
    except csv.Error as exc:
        raise CatalogueFileError("", [f"line 1: not valid CSV: {exc}"]) from None
    if not header:
        raise CatalogueFileError("", ["the file is empty: expected a header row"])
    header = [name.strip() for name in header]
    reader.fieldnames = header
    problems = []
    unknown = [name for name in header if name not in CSV_COLUMNS]
    if unknown:
        problems.append(
            f"line 1: unknown column(s) {', '.join(map(repr, unknown))}; "
            f"columns are {', '.join(CSV_COLUMNS)}"
        )
    missing = sorted(CSV_REQUIRED_COLUMNS - set(header))
    if missing:
        problems.append(f"line 1: missing column(s) {', '.join(missing)}")
    repeated = sorted({name for name in header if header.count(name) > 1})
    if repeated:
        problems.append(f"line 1: repeated column(s) {', '.join(repeated)}")
    if problems:
        raise CatalogueFileError("", problems)

    entries: list[tuple[str, str | None, dict[str, Any]]] = []
    errors: list[str] = []
    try:
        for row in reader:
            where = f"line {reader.line_num}"
            if None in row:
                errors.append(f"{where}: more values than columns")
                continue
            if not any((value or "").strip() for value in row.values()):
                continue  # blank line
            raw = _csv_row_to_raw(row)
            entries.append((where, raw["id"], raw))
    except csv.Error as exc:
        errors.append(f"near line {reader.line_num + 1}: not valid CSV: {exc}")
    if errors and not entries:
        raise CatalogueFileError("", errors)
    try:
        projects = validate_projects(entries, csv_style=True)
    except CatalogueFileError as exc:
        errors.extend(exc.errors)
    if errors:
        raise CatalogueFileError("", errors)
    return projects


def read_projects_file(path: Path) -> list[ProjectIn]:
    """Read a ``.yaml``/``.yml`` or ``.csv`` project file and validate it whole.

    Args:
        path: The file.

    Returns:
        The validated projects.

    Raises:
        CatalogueFileError: If the file cannot be read or is invalid; errors name the line or
            entry and the field.
    """
    source = str(path)
    suffix = path.suffix.lower()
    if suffix not in {".yaml", ".yml", ".csv"}:
        raise CatalogueFileError(source, ["unsupported file type: use .yaml, .yml or .csv"])
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise CatalogueFileError(source, [f"file larger than {MAX_FILE_BYTES} bytes"])
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise CatalogueFileError(source, [f"cannot read the file: {exc.strerror}"]) from None
    except UnicodeDecodeError as exc:
        raise CatalogueFileError(
            source, [f"not UTF-8 text (byte {exc.start}): save the file as UTF-8"]
        ) from None
    try:
        if suffix == ".csv":
            return parse_projects_csv(text)
        return parse_projects_yaml(text)
    except CatalogueFileError as exc:
        raise CatalogueFileError(source, exc.errors) from None


# ---------------------------------------------------------------- database rows


def _texts(prefix: str, value: Translated | LongTranslated | None) -> dict[str, str | None]:
    return {
        f"{prefix}_{lang}": (getattr(value, lang) if value is not None else None) or None
        for lang in ("en", "zh", "ru")
    }


def project_row(project: ProjectIn, position: int) -> Project:
    """Build the ORM row (with its sectors) of a validated project."""
    row = Project(
        id=project.id,
        position=position,
        district=project.district.value if project.district else None,
        status=project.status.value,
        investment_cny=project.investment_cny,
        source=project.source,
        **_texts("name", project.name),
        **_texts("summary", project.summary),
    )
    row.sectors = [
        ProjectSector(sector=sector.value, position=index)
        for index, sector in enumerate(project.sectors)
    ]
    return row


def contact_row(contact: ContactIn, position: int) -> Contact:
    """Build the ORM row of a validated contact."""
    return Contact(
        id=contact.id,
        position=position,
        website=contact.website,
        email=contact.email,
        phone=contact.phone,
        is_placeholder=contact.is_placeholder,
        source=contact.source,
        **_texts("name", contact.name),
        **_texts("description", contact.description),
    )


def service_row(service: ServiceIn, position: int) -> Service:
    """Build the ORM row of a validated service."""
    return Service(
        id=service.id,
        position=position,
        type=service.type.value,
        provider_id=service.provider_id,
        source=service.source,
        **_texts("name", service.name),
        **_texts("description", service.description),
    )


def hub_row(hub: HubIn) -> Hub:
    """Build the ORM row of the hub."""
    return Hub(
        id=1, source=hub.source, **_texts("name", hub.name), **_texts("summary", hub.summary)
    )


def figure_row(figure: FigureIn, position: int) -> Figure:
    """Build the ORM row of a validated figure."""
    return Figure(
        key=figure.key,
        position=position,
        value=figure.value,
        unit=figure.unit,
        qualifier=figure.qualifier,
        source=figure.source,
        **_texts("label", figure.label),
    )


def event_row(event: EventIn, position: int) -> Event:
    """Build the ORM row of a validated event."""
    return Event(
        id=event.id,
        position=position,
        date=event.date,
        source=event.source,
        **_texts("title", event.title),
        **_texts("summary", event.summary),
    )


@dataclass(frozen=True)
class ReplaceResult:
    """Outcome of a catalogue replacement.

    Attributes:
        previous: Number of projects before.
        loaded: Number of projects now.
        orphaned_lead_projects: Project ids that stored leads mention but the new catalogue
            lacks (the leads keep them as plain strings).
    """

    previous: int
    loaded: int
    orphaned_lead_projects: list[str]


def insert_projects(session: Session, projects: list[ProjectIn]) -> None:
    """Add validated projects to ``session`` (no commit).

    Args:
        session: An open session inside a transaction.
        projects: Validated projects, in catalogue order.
    """
    session.add_all(project_row(project, index) for index, project in enumerate(projects))


def replace_projects(factory: sessionmaker[Session], projects: list[ProjectIn]) -> ReplaceResult:
    """Replace the whole project catalogue in one transaction.

    Args:
        factory: Session factory.
        projects: Validated projects (at least one).

    Returns:
        Counts and the lead project ids that the new catalogue no longer has.

    Raises:
        ValueError: If ``projects`` is empty.
        sqlalchemy.exc.SQLAlchemyError: If the write fails; nothing is changed then.
    """
    if not projects:
        raise ValueError("refusing to replace the catalogue with no projects")
    with factory() as session, session.begin():
        previous = session.scalar(select(func.count()).select_from(Project)) or 0
        session.execute(delete(ProjectSector))
        session.execute(delete(Project))
        insert_projects(session, projects)
        session.flush()
        referenced = set(session.scalars(select(LeadProject.project_id).distinct()))
        orphans = sorted(referenced - {project.id for project in projects})
    return ReplaceResult(previous=previous, loaded=len(projects), orphaned_lead_projects=orphans)
