"""The three Alembic upgrade-at-start helpers stay the same code, apart from their data.

The catalogue (`catalogue_api/migrate.py`), the action server's lead outbox
(`actions/outbox_migrate.py`) and the website's console (`hub_web/migrate.py`) each keep
their own copy: they are three deployables with three environments, and a shared module
would tie them together (`hub_vocabulary`, the one package all three install, holds
codes and has no dependencies). This test reads the three files and fails when the
shared functions drift apart. Docstrings may differ; what each copy migrates (its
constants and `adopt_unversioned_database`) is its own.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
COPIES = (
    ROOT / "catalogue" / "catalogue_api" / "migrate.py",
    ROOT / "actions" / "outbox_migrate.py",
    ROOT / "web" / "hub_web" / "migrate.py",
)
#: The definitions the three helpers share, word for word but for docstrings.
SHARED = (
    "_PROCESS_LOCK",
    "MigrationError",
    "make_config",
    "script_directory",
    "head_revision",
    "lock",
    "prepare",
    "upgrade_database",
    "current_revision",
)
#: What each helper defines for itself, and the shared code reads.
OWN_CONSTANTS = ("SCRIPT_LOCATION", "VERSION_TABLE", "BASELINE_REVISION", "POSTGRES_LOCK_KEY")


def _without_docstring(node: ast.AST) -> ast.AST:
    body = getattr(node, "body", None)
    if (
        isinstance(node, ast.FunctionDef | ast.ClassDef)
        and body
        and isinstance(body[0], ast.Expr)
        and isinstance(body[0].value, ast.Constant)
        and isinstance(body[0].value.value, str)
    ):
        node.body = body[1:] or [ast.Pass()]
    return node


def top_level(path: Path) -> dict[str, ast.AST]:
    """Each top-level definition and assignment of one module, by name."""
    found: dict[str, ast.AST] = {}
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.FunctionDef | ast.ClassDef):
            found[node.name] = node
        elif isinstance(node, ast.Assign) and len(node.targets) == 1:
            found[ast.unparse(node.targets[0])] = node
        elif isinstance(node, ast.AnnAssign):
            found[ast.unparse(node.target)] = node
    return found


def shared_code(path: Path) -> dict[str, str]:
    """The source of each shared definition of one helper, without docstrings."""
    definitions = top_level(path)
    return {
        name: ast.unparse(_without_docstring(definitions[name]))
        for name in SHARED
        if name in definitions
    }


@pytest.mark.parametrize("path", COPIES, ids=lambda path: path.parent.name)
def test_each_helper_defines_the_shared_code_and_its_own_constants(path: Path) -> None:
    definitions = top_level(path)
    assert [name for name in SHARED if name not in definitions] == []
    assert [name for name in OWN_CONSTANTS if name not in definitions] == []


def test_the_three_helpers_have_not_drifted() -> None:
    catalogue, outbox, web = (shared_code(path) for path in COPIES)
    assert outbox == catalogue
    assert web == catalogue


def test_each_helper_locks_with_a_key_of_its_own() -> None:
    keys = [ast.unparse(top_level(path)["POSTGRES_LOCK_KEY"]) for path in COPIES]
    assert len(set(keys)) == len(COPIES)
