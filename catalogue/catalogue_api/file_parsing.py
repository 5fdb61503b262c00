"""Reading project files (YAML or CSV) and validating them whole.

Project files are YAML (a list of projects, or a mapping with a ``projects`` list, such as the
seed ``data/catalogue.yaml``) or CSV with the columns of :data:`CSV_COLUMNS`. Every problem is
collected, naming the line or entry and the field, before a file is rejected. A ``source``
is optional, but when given it must name seed files listed in ``data/sources.yaml``.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from catalogue_api.file_models import ProjectIn, SourceFiles
from catalogue_api.sources import load_sources, source_problem
from hub_vocabulary import LANGUAGES

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
    entries: list[tuple[str, str | None, dict[str, Any]]],
    csv_style: bool = False,
    sources: SourceFiles | None = None,
) -> list[ProjectIn]:
    """Validate raw project entries; collect every error before failing.

    Args:
        entries: ``(where, id, raw)`` per entry; ``where`` names the line or entry.
        csv_style: Name fields as CSV columns (``name_zh``) instead of paths (``name.zh``).
        sources: The seed files a ``source`` may name; the packaged list when omitted.

    Returns:
        The validated projects.

    Raises:
        CatalogueFileError: (with ``source`` left empty) if any entry is invalid.
    """
    known = load_sources() if sources is None else sources
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
        problem = source_problem(project.source, known)
        if problem:
            errors.append(f"{label}: field 'source': {problem}")
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


def parse_projects_yaml(text: str, sources: SourceFiles | None = None) -> list[ProjectIn]:
    """Parse and validate projects from YAML text.

    Args:
        text: A YAML list of projects, or a mapping with a ``projects`` list.
        sources: The seed files a ``source`` may name; the packaged list when omitted.

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
        projects = validate_projects(entries, sources=sources)
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
    summary = {lang: cell(f"summary_{lang}") for lang in LANGUAGES}
    raw: dict[str, Any] = {
        "id": cell("id"),
        "name": {lang: cell(f"name_{lang}") for lang in LANGUAGES},
        "sectors": [s for s in sectors if s],
        "district": cell("district"),
        "status": cell("status"),
        "investment_cny": cell("investment_cny"),
        "summary": summary if any(summary.values()) else None,
        "source": cell("source"),
    }
    return raw


def parse_projects_csv(text: str, sources: SourceFiles | None = None) -> list[ProjectIn]:
    """Parse and validate projects from CSV text (header row required, UTF-8).

    Args:
        text: CSV with the columns of :data:`CSV_COLUMNS` (optional ones may be left out);
            ``sectors`` holds codes separated by ``;``.
        sources: The seed files a ``source`` may name; the packaged list when omitted.

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
        projects = validate_projects(entries, csv_style=True, sources=sources)
    except CatalogueFileError as exc:
        errors.extend(exc.errors)
    if errors:
        raise CatalogueFileError("", errors)
    return projects


def read_projects_file(path: Path, sources: SourceFiles | None = None) -> list[ProjectIn]:
    """Read a ``.yaml``/``.yml`` or ``.csv`` project file and validate it whole.

    Args:
        path: The file.
        sources: The seed files a ``source`` may name; the packaged list when omitted.

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
            return parse_projects_csv(text, sources)
        return parse_projects_yaml(text, sources)
    except CatalogueFileError as exc:
        raise CatalogueFileError(source, exc.errors) from None
