#!/usr/bin/env bash
# Trains a model unless models/ already has one for the current data, config, domain and
# components; prints the model's path on the last line.
#
# The model is named after a digest of everything that goes into it, so a second run
# with nothing changed finds it and returns at once. The entity lexicon and the language
# detector are read at run time and learn nothing, so they are not part of the digest.
set -euo pipefail
cd "$(dirname "$0")/.."

inputs=$( { ls config.yml requirements/rasa.lock.txt; find domain data bot -type f \( -name '*.yml' -o -name '*.py' \) -not -path 'bot/entities/*' -not -path 'bot/language/*' -not -path 'bot/channels/*' | sort; } )
digest=$(cat $inputs | sha256sum | cut -c1-16)
model="models/${digest}.tar.gz"

if [[ ! -f $model ]]; then
  printf '\033[1m==> training a model for the current data (digest %s)\033[0m\n' "$digest" >&2
  started=$(date +%s)
  .venv/bin/rasa train --data data --config config.yml --domain domain \
    --out models --fixed-model-name "$digest" >&2
  printf '\033[1m==> trained in %s s\033[0m\n' "$(( $(date +%s) - started ))" >&2
fi
echo "$model"
