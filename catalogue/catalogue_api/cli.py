"""The command line: ``python -m catalogue_api COMMAND``, one function per command.

Commands: ``serve`` (the default), ``seed``, ``load``, ``migrate``, ``retention``, ``openapi``.

Every command reads its settings from the environment (``DATABASE_URL``, ``CATALOGUE_*``, see
:mod:`catalogue_api.settings`). Exit codes: 0 done, 1 a rejected file or a failed database
step (nothing changed), 2 bad usage or settings.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import uvicorn
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from catalogue_api.app import create_app, openapi_json
from catalogue_api.catalogue_writes import replace_projects
from catalogue_api.db import make_engine, make_session_factory
from catalogue_api.file_parsing import CatalogueFileError, read_projects_file
from catalogue_api.migrate import MigrationError, current_revision, upgrade_database
from catalogue_api.privacy import apply_retention
from catalogue_api.seed import seed_if_empty
from catalogue_api.settings import Settings, SettingsError, load_settings

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def _settings() -> Settings | None:
    """The settings, or ``None`` after printing why the environment is unusable."""
    try:
        return load_settings()
    except SettingsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return None


@contextmanager
def _migrated_engine(settings: Settings) -> Iterator[Engine]:
    """An engine on the configured database, migrated to the newest schema; disposed after."""
    engine = make_engine(settings.database_url)
    try:
        upgrade_database(engine)
        yield engine
    finally:
        engine.dispose()


def serve(_args: argparse.Namespace) -> int:
    """Serve the API with uvicorn on ``CATALOGUE_HOST``:``CATALOGUE_PORT``."""
    settings = _settings()
    if settings is None:
        return 2
    logging.basicConfig(level=settings.log_level.upper(), format=LOG_FORMAT)
    if not settings.api_key:
        logging.getLogger("catalogue_api").warning(
            "CATALOGUE_API_KEY is not set: the /staff endpoints answer 503"
        )
    if not settings.lead_intake_key:
        logging.getLogger("catalogue_api").warning(
            "LEAD_INTAKE_KEY is not set: POST /leads answers 503"
        )
    uvicorn.run(
        create_app(settings),
        host=settings.host,
        port=settings.port,
        log_level=settings.log_level,
        server_header=False,
        proxy_headers=False,
    )
    return 0


def seed(_args: argparse.Namespace) -> int:
    """Migrate the schema and fill every empty catalogue table from the seed file."""
    settings = _settings()
    if settings is None:
        return 2
    with _migrated_engine(settings) as engine:
        inserted = seed_if_empty(make_session_factory(engine))
    print(f"seeded: {inserted}" if inserted else "already seeded: nothing to do")
    return 0


def migrate(_args: argparse.Namespace) -> int:
    """Upgrade the database to the newest schema (``alembic upgrade head``)."""
    settings = _settings()
    if settings is None:
        return 2
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    try:
        with _migrated_engine(settings) as engine:
            print(f"database at revision {current_revision(engine)}")
    except MigrationError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


def load(args: argparse.Namespace) -> int:
    """Validate a project file whole, then replace the project catalogue with it."""
    try:
        projects = read_projects_file(args.file)
    except CatalogueFileError as exc:
        print(f"rejected, catalogue unchanged:\n{exc}", file=sys.stderr)
        return 1
    if args.dry_run:
        print(f"{args.file}: valid, {len(projects)} projects (dry run: nothing changed)")
        return 0

    settings = _settings()
    if settings is None:
        return 2
    try:
        with _migrated_engine(settings) as engine:
            factory = make_session_factory(engine)
            seed_if_empty(factory)  # services, contacts and hub facts exist before the first load
            result = replace_projects(factory, projects)
    except (SQLAlchemyError, MigrationError) as exc:
        reason = str(exc.args[0]).splitlines()[0] if exc.args else ""
        print(
            f"database error, catalogue unchanged: {type(exc).__name__}: {reason}",
            file=sys.stderr,
        )
        return 1
    print(f"{args.file}: loaded {result.loaded} projects (replaced {result.previous})")
    if result.orphaned_lead_projects:
        print(
            "warning: stored leads mention project ids that are no longer in the catalogue "
            f"(kept as they are): {', '.join(result.orphaned_lead_projects)}",
            file=sys.stderr,
        )
    return 0


def retention(_args: argparse.Namespace) -> int:
    """Delete the unqualified leads unchanged for ``RETENTION_DAYS`` days, once."""
    settings = _settings()
    if settings is None:
        return 2
    try:
        with _migrated_engine(settings) as engine:
            result = apply_retention(make_session_factory(engine), settings.retention_days)
    except (SQLAlchemyError, MigrationError) as exc:
        print(f"database error, nothing deleted: {type(exc).__name__}", file=sys.stderr)
        return 1
    if result is None:
        print("retention is off (RETENTION_DAYS=0): nothing deleted")
    else:
        print(
            f"deleted {result.deleted} unqualified lead(s) unchanged since "
            f"{result.cutoff:%Y-%m-%d %H:%M} UTC ({settings.retention_days} days)"
        )
    return 0


def openapi(args: argparse.Namespace) -> int:
    """Write the API's OpenAPI schema as JSON (what ``catalogue/openapi.json`` holds)."""
    text = openapi_json()
    if args.output is None:
        sys.stdout.write(text)
    else:
        args.output.write_text(text, encoding="utf-8")
        print(f"wrote {args.output}", file=sys.stderr)
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser: one sub-command per task, ``serve`` when none is given."""
    parser = argparse.ArgumentParser(
        prog="python -m catalogue_api",
        description="Project catalogue API of the hub. Without a command: serve.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(
        name: str, run: Callable[[argparse.Namespace], int], summary: str
    ) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=summary, description=summary)
        sub.set_defaults(run=run)
        return sub

    command("serve", serve, "serve the API on CATALOGUE_HOST:CATALOGUE_PORT (the default)")
    command("seed", seed, "migrate, then fill every empty catalogue table from the seed file")
    command("migrate", migrate, "upgrade the database to the newest schema")
    command("retention", retention, "delete unqualified leads older than RETENTION_DAYS, once")
    loader = command("load", load, "replace the project catalogue with a YAML or CSV file")
    loader.add_argument("file", type=Path, help="projects file: .yaml/.yml or .csv (UTF-8)")
    loader.add_argument(
        "--dry-run", action="store_true", help="only validate the file; change nothing"
    )
    exporter = command("openapi", openapi, "write the API's OpenAPI schema as JSON")
    exporter.add_argument(
        "-o", "--output", type=Path, help="file to write (default: standard output)"
    )
    parser.set_defaults(run=serve)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one command.

    Args:
        argv: Arguments (default ``sys.argv[1:]``).

    Returns:
        The exit code: 0 done, 1 rejected file or failed database step, 2 bad usage or settings.
    """
    args = build_parser().parse_args(argv)
    return int(args.run(args))
