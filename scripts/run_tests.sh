#!/usr/bin/env bash
# The whole test suite: lint, the catalogue API (SQLite and PostgreSQL), the website's
# unit tests, then the bot, the actions, the end-to-end conversations and the browser
# scenario against one stack started for the session.
set -uo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

scripts/setup_env.sh bot catalogue web browser || { echo "set-up failed"; exit 1; }
# HAProxy: in front of the default profile's two Rasa processes, and the scaled profile's.
scripts/setup_haproxy.sh || { echo "set-up failed (haproxy)"; exit 1; }

failed=()
step() {
  local name=$1; shift
  say "$name"
  "$@" || failed+=("$name")
}

step "lint (ruff)" .venv/bin/ruff check .
step "format (ruff)" .venv/bin/ruff format --check .
step "types (mypy)" scripts/type_check.sh

model=$(scripts/train.sh) || { echo "training failed"; exit 1; }
export HUB_MODEL=$model

step "catalogue API tests" catalogue/.venv/bin/python -m pytest catalogue/tests -q
if [[ -d web/tests ]]; then
  step "website and console unit tests" web/.venv/bin/python -m pytest web/tests -q
fi
step "bot, actions, end-to-end and browser tests" .venv/bin/python -m pytest -q --ignore=tests/scaled
step "scaled profile (HAProxy, replicas; tests/scaled)" make --no-print-directory test-scaled

if ((${#failed[@]})); then
  say "FAILED: ${failed[*]}"
  exit 1
fi
say "all test steps passed"
