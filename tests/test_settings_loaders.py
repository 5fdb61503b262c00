"""The catalogue's and the website's `load_settings()` stay word for word the same.

Each deployable keeps its own copy (a shared module would tie their environments
together); this test reads both files and fails when the copies drift.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COPIES = (
    ROOT / "catalogue" / "catalogue_api" / "settings.py",
    ROOT / "web" / "hub_web" / "settings.py",
)
#: The definitions both settings modules share.
SHARED = ("ENV_NAMES", "_explain", "load_settings")


def shared_definitions(path: Path) -> dict[str, str]:
    """The source of each shared top-level definition of one settings module."""
    found: dict[str, str] = {}
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.FunctionDef | ast.AnnAssign):
            name = node.name if isinstance(node, ast.FunctionDef) else ast.unparse(node.target)
            if name in SHARED:
                found[name] = ast.unparse(node)
    return found


def test_both_settings_modules_define_the_shared_loader() -> None:
    for path in COPIES:
        assert sorted(shared_definitions(path)) == sorted(SHARED), path


def test_the_two_loaders_have_not_drifted() -> None:
    catalogue, web = (shared_definitions(path) for path in COPIES)
    assert catalogue == web
