#!/usr/bin/env bash
# Creates or updates the project's environments from their locks.
#
# Each environment keeps the digest of the files it was built from; when they have not
# changed, it is left alone, so a second run takes about a second.
#
# Usage: scripts/setup_env.sh [bot] [catalogue] [web] [browser]   (default: bot catalogue web)
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
export PIP_DISABLE_PIP_VERSION_CHECK=1
# The machine-wide pip config names local indexes that may not exist; only PyPI is used.
export PIP_EXTRA_INDEX_URL=""

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

digest_of() { cat "$@" | sha256sum | cut -d' ' -f1; }

# up_to_date STAMP FILES...: true when STAMP holds the digest of FILES.
up_to_date() {
  local stamp=$1; shift
  [[ -f $stamp && "$(cat "$stamp")" == "$(digest_of "$@")" ]]
}

mark_done() {
  local stamp=$1; shift
  digest_of "$@" >"$stamp"
}

new_venv() {
  local venv=$1
  if [[ ! -x $venv/bin/python ]]; then
    say "creating $venv"
    "$PYTHON" -m venv "$venv"
  fi
}

setup_bot() {
  local venv=.venv
  local inputs=(requirements/rasa.lock.txt requirements/nlu.lock.txt requirements/dev.lock.txt
    vocabulary/pyproject.toml lexicon/pyproject.toml scripts/setup_env.sh)
  if up_to_date "$venv/.lock-digest" "${inputs[@]}"; then return; fi
  new_venv "$venv"
  say "installing Rasa's dependencies into $venv (first run: a few minutes)"
  "$venv/bin/pip" install --progress-bar on -r requirements/rasa.lock.txt \
    -r requirements/nlu.lock.txt -r requirements/dev.lock.txt
  if "$venv/bin/python" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
    # Rasa 3.6 declares Python <3.11 but runs here; its dependencies come from the lock.
    local engine
    engine=$(grep -E '^rasa(-sdk)?==' requirements/rasa.lock.txt | sed 's/ *;.*//')
    say "installing $(echo $engine) without dependencies"
    # shellcheck disable=SC2086
    "$venv/bin/pip" install --no-deps --ignore-requires-python $engine
  fi
  "$venv/bin/pip" install --no-deps -e vocabulary
  # The lexicon library: the NLU and the actions import it, both in this environment only.
  "$venv/bin/pip" install --no-deps -e lexicon
  mark_done "$venv/.lock-digest" "${inputs[@]}"
}

setup_catalogue() {
  local venv=catalogue/.venv
  local inputs=(catalogue/requirements.lock.txt catalogue/requirements-dev.lock.txt
    catalogue/pyproject.toml vocabulary/pyproject.toml scripts/setup_env.sh)
  if up_to_date "$venv/.lock-digest" "${inputs[@]}"; then return; fi
  new_venv "$venv"
  say "installing the catalogue API into $venv"
  "$venv/bin/pip" install --progress-bar on -r catalogue/requirements.lock.txt \
    -r catalogue/requirements-dev.lock.txt
  "$venv/bin/pip" install --no-deps -e vocabulary
  "$venv/bin/pip" install --no-deps -e catalogue
  mark_done "$venv/.lock-digest" "${inputs[@]}"
}

setup_web() {
  [[ -d web ]] || return 0
  local venv=web/.venv
  local inputs=(web/requirements.lock.txt web/pyproject.toml web/package-lock.json
    vocabulary/pyproject.toml scripts/setup_env.sh)
  if up_to_date "$venv/.lock-digest" "${inputs[@]}"; then return; fi
  new_venv "$venv"
  say "installing the website and staff console into $venv"
  "$venv/bin/pip" install --progress-bar on -r web/requirements.lock.txt
  "$venv/bin/pip" install --no-deps -e web
  "$venv/bin/pip" install --no-deps -e vocabulary
  say "installing the web assets (npm ci)"
  (cd web && npm ci --no-audit --no-fund)
  mark_done "$venv/.lock-digest" "${inputs[@]}"
}

setup_browser() {
  if dpkg -s chromium fonts-noto-cjk >/dev/null 2>&1; then return; fi
  say "installing Debian's chromium and CJK fonts for the browser tests"
  local sudo=""
  [[ $(id -u) -eq 0 ]] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium fonts-noto-cjk
}

targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=(bot catalogue web)
for target in "${targets[@]}"; do
  case $target in
    bot) setup_bot ;;
    catalogue) setup_catalogue ;;
    web) setup_web ;;
    browser) setup_browser ;;
    *) echo "unknown environment: $target" >&2; exit 2 ;;
  esac
done
