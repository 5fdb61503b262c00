#!/usr/bin/env bash
# mypy in each of the three environments, each with its own section of pyproject.toml:
# .venv here (bot/ actions/ scripts/ vocabulary/ lexicon/ bench/), catalogue/.venv in catalogue/,
# web/.venv in web/. Runs all three and fails if any fails.
set -uo pipefail
cd "$(dirname "$0")/.."

status=0
.venv/bin/mypy || status=1
(cd catalogue && .venv/bin/mypy) || status=1
(cd web && .venv/bin/mypy) || status=1
exit $status
