#!/usr/bin/env bash
# Creates or updates bench/.venv (Locust and py-spy) from bench/requirements.lock.txt.
# Its own environment: the load generator never goes into the Rasa venv. Like
# scripts/setup_env.sh, it does nothing when the lock has not changed since the last run.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
export PIP_DISABLE_PIP_VERSION_CHECK=1
# The machine-wide pip config names local indexes that may not exist; only PyPI is used.
export PIP_EXTRA_INDEX_URL=""

venv=bench/.venv
inputs=(bench/requirements.lock.txt bench/setup_env.sh)
digest=$(cat "${inputs[@]}" | sha256sum | cut -d' ' -f1)
if [[ -f $venv/.lock-digest && "$(cat "$venv/.lock-digest")" == "$digest" ]]; then exit 0; fi
printf '\033[1m==> installing Locust and py-spy into %s\033[0m\n' "$venv"
[[ -x $venv/bin/python ]] || "$PYTHON" -m venv "$venv"
"$venv/bin/pip" install --quiet -r bench/requirements.lock.txt
echo "$digest" >"$venv/.lock-digest"
