"""The three environments' mypy sections keep the same strictness (issue 19, item 2).

Each environment has its own [tool.mypy] (the root pyproject.toml for .venv, catalogue/ and
web/ for theirs): pydantic's plugin exists only in the pydantic-2 ones. What makes the check
strict must not drift between them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import tomllib

ROOT = Path(__file__).resolve().parent.parent
SECTIONS = {name: ROOT / name / "pyproject.toml" for name in ("", "catalogue", "web")}
STRICTNESS = (
    "no_implicit_optional",
    "strict_equality",
    "extra_checks",
    "warn_unused_ignores",
    "warn_redundant_casts",
)
OWN_CODE = ("disallow_untyped_defs", "disallow_incomplete_defs", "check_untyped_defs")


def mypy_section(path: Path) -> dict[str, Any]:
    return tomllib.loads(path.read_text(encoding="utf-8"))["tool"]["mypy"]


def own_code_override(section: dict[str, Any]) -> dict[str, Any]:
    (override,) = [o for o in section["overrides"] if "disallow_untyped_defs" in o]
    return override


def test_every_section_is_as_strict():
    for name, path in SECTIONS.items():
        section = mypy_section(path)
        assert {key: section.get(key) for key in STRICTNESS} == dict.fromkeys(STRICTNESS, True), (
            name
        )
        override = own_code_override(section)
        assert {key: override.get(key) for key in OWN_CODE} == dict.fromkeys(OWN_CODE, True), name
        assert "hub_vocabulary.*" in override["module"], name


def test_pydantic_plugin_settings_are_the_same():
    configs = [
        tomllib.loads(SECTIONS[name].read_text(encoding="utf-8"))["tool"]
        for name in ("catalogue", "web")
    ]
    assert all(c["mypy"]["plugins"] == ["pydantic.mypy"] for c in configs)
    assert configs[0]["pydantic-mypy"] == configs[1]["pydantic-mypy"]
