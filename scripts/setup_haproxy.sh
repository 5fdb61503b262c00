#!/usr/bin/env bash
# Installs HAProxy from the Debian packages when it is missing (the scaled profile's load
# balancer). Idempotent: does nothing when `haproxy` is already on the PATH.
#
# Usage: scripts/setup_haproxy.sh     (needs root, or sudo without a password)
set -euo pipefail

if command -v haproxy >/dev/null 2>&1; then
  exit 0
fi

as_root=()
if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null 2>&1; then
    as_root=(sudo)
  else
    echo "haproxy is missing and this is not root: run 'apt-get install -y haproxy' as root" >&2
    exit 1
  fi
fi

printf '\033[1m==> %s\033[0m\n' "installing haproxy (apt-get)"
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update
"${as_root[@]}" apt-get install -y --no-install-recommends haproxy
# The package's own service is not used: the runner starts HAProxy with its generated config.
if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet haproxy 2>/dev/null; then
  "${as_root[@]}" systemctl disable --now haproxy || true
fi
haproxy -v | head -1
