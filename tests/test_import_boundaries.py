"""Which package may import which: the rooms of issue 19, item 4.

The action server and the Rasa server share the lexicon (`hub_lexicon`): `actions` imports
nothing of `bot`. The lexicon imports neither. Inside `bot/`, the NLU
components (`bot.nlu`) and the server's plug-ins (`bot.server`) do not import each other;
both may use what `bot/` holds at its top (the settings, the domain reader).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent

#: Folder (relative to the repository) -> module prefixes its code must not import.
FORBIDDEN = {
    "actions": ("bot",),
    "lexicon/hub_lexicon": ("bot", "actions"),
    "bot/nlu": ("bot.server", "actions"),
    "bot/server": ("bot.nlu", "actions"),
}
#: Crossings that are known and kept: the entity extractor reads the catalogue's project
#: names through the `.venv` deployable's one catalogue client (a lazy import, at run time).
ALLOWED = {
    ("bot/nlu/entities/catalogue_names.py", "actions.catalogue_client"),
    ("bot/nlu/entities/catalogue_names.py", "actions.catalogue_client.CatalogueClient"),
}


def imported_modules(path: Path) -> set[str]:
    """Every module a file imports, at any depth (lazy imports in functions included)."""
    modules: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules.add(node.module)
            modules.update(f"{node.module}.{alias.name}" for alias in node.names)
    return modules


def is_under(module: str, prefix: str) -> bool:
    return module == prefix or module.startswith(prefix + ".")


@pytest.mark.parametrize("folder", sorted(FORBIDDEN))
def test_a_room_does_not_import_its_neighbours(folder):
    files = sorted((REPO_ROOT / folder).rglob("*.py"))
    assert files, folder
    crossings = [
        f"{path.relative_to(REPO_ROOT)}: {module}"
        for path in files
        for module in sorted(imported_modules(path))
        if any(is_under(module, prefix) for prefix in FORBIDDEN[folder])
        and (str(path.relative_to(REPO_ROOT)), module) not in ALLOWED
    ]
    assert crossings == []


def test_the_scan_sees_lazy_and_dotted_imports(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        "import bot.server.serve\ndef f():\n    from bot import nlu\n    import actions\n"
    )
    found = imported_modules(sample)
    assert {"bot.server.serve", "bot.nlu", "actions"} <= found
    assert is_under("bot.nlu.tokenizer", "bot.nlu") and not is_under("bot.nlux", "bot.nlu")
