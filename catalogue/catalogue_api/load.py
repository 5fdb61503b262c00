"""``python -m catalogue_api.load FILE.yaml|FILE.csv``: load or replace the project catalogue.

The file is validated whole first; a bad file is rejected with messages naming the line or entry
and the field (exit 1), and the old catalogue stays. The replacement is one transaction.
Leads keep their project ids as plain strings: ids that leads mention but the new catalogue
lacks are reported as a warning, and the leads are left as they are.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from catalogue_api.db import make_engine, make_session_factory
from catalogue_api.loader import CatalogueFileError, read_projects_file, replace_projects
from catalogue_api.migrate import MigrationError, upgrade_database
from catalogue_api.seed import seed_if_empty
from catalogue_api.settings import SettingsError, load_settings


def main(argv: list[str] | None = None) -> int:
    """Run the loader.

    Args:
        argv: Arguments (default ``sys.argv[1:]``).

    Returns:
        0 on success, 1 for a rejected file or a failed write, 2 for bad usage or settings.
    """
    parser = argparse.ArgumentParser(
        prog="python -m catalogue_api.load",
        description="Replace the project catalogue with the projects of a YAML or CSV file "
        "(database from DATABASE_URL).",
    )
    parser.add_argument("file", type=Path, help="projects file: .yaml/.yml or .csv (UTF-8)")
    parser.add_argument(
        "--dry-run", action="store_true", help="only validate the file; change nothing"
    )
    args = parser.parse_args(argv)

    try:
        projects = read_projects_file(args.file)
    except CatalogueFileError as exc:
        print(f"rejected, catalogue unchanged:\n{exc}", file=sys.stderr)
        return 1
    if args.dry_run:
        print(f"{args.file}: valid, {len(projects)} projects (dry run: nothing changed)")
        return 0

    try:
        settings = load_settings()
    except SettingsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    engine = make_engine(settings.database_url)
    try:
        upgrade_database(engine)
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
    finally:
        engine.dispose()
    print(f"{args.file}: loaded {result.loaded} projects (replaced {result.previous})")
    if result.orphaned_lead_projects:
        print(
            "warning: stored leads mention project ids that are no longer in the catalogue "
            f"(kept as they are): {', '.join(result.orphaned_lead_projects)}",
            file=sys.stderr,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
