"""The committed OpenAPI schema, ``catalogue/openapi.json``, is the app's current schema.

Other deployables (the action server, the website) check their fakes of this API against that
file. After changing the API, regenerate it from the repository root:
``catalogue/.venv/bin/python -m catalogue_api openapi -o catalogue/openapi.json``.
"""

from __future__ import annotations

from pathlib import Path

from catalogue_api import cli
from catalogue_api.app import openapi_json

OPENAPI_FILE = Path(__file__).resolve().parents[1] / "openapi.json"


def test_committed_openapi_schema_is_current() -> None:
    """The file equals what the app serves at ``/openapi.json`` (regenerate it if not)."""
    assert OPENAPI_FILE.read_text("utf-8") == openapi_json()


def test_openapi_command_writes_the_schema(tmp_path: Path) -> None:
    """``python -m catalogue_api openapi -o FILE`` writes the committed file's content."""
    target = tmp_path / "openapi.json"
    assert cli.main(["openapi", "-o", str(target)]) == 0
    assert target.read_text("utf-8") == OPENAPI_FILE.read_text("utf-8")
