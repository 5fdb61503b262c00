"""One rule places the website's routes (web/README.md, "Layout").

The visitors' routes are top-level modules of ``hub_web``, every staff route is in
``hub_web/console/``, and the area packages (``events/``, ``feedback/``, ``review/``,
``privacy/``, ``staff_alerts/``) hold no routes.
"""

from __future__ import annotations

import ast
from pathlib import Path

import hub_web

PACKAGE = Path(hub_web.__file__).resolve().parent


def makes_a_router(path: Path) -> bool:
    """Whether the module builds a FastAPI ``APIRouter``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return any(
        isinstance(node, ast.Call) and getattr(node.func, "id", None) == "APIRouter"
        for node in ast.walk(tree)
    )


def test_routes_are_top_level_or_in_the_console() -> None:
    routers = {
        path.relative_to(PACKAGE).parts for path in PACKAGE.rglob("*.py") if makes_a_router(path)
    }
    misplaced = sorted(
        "/".join(parts) for parts in routers if len(parts) > 1 and parts[0] != "console"
    )
    assert misplaced == []
    assert ("chat_feedback.py",) in routers and ("console", "leads.py") in routers
