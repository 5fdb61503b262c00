#!/usr/bin/env bash
# Trains a model unless models/ already has one for the current data, config, domain and
# trained component (the tokenizer); prints the model's path on the last line.
#
# The model is named after a digest of everything that goes into it, so a second run
# with nothing changed finds it and returns at once. The rest of bot/ and lexicon/ (the
# entity lexicon, the language detector, the channels, the stores) is read at run time and
# learns nothing, so it is not part of the digest.
set -euo pipefail
cd "$(dirname "$0")/.."

inputs=$( { ls config.yml requirements/rasa.lock.txt bot/nlu/tokenizer.py lexicon/hub_lexicon/text.py; echo domain.yml; find data -type f -name '*.yml' | sort; } )
digest=$(cat $inputs | sha256sum | cut -c1-16)
model="models/${digest}.tar.gz"

if [[ ! -f $model ]]; then
  printf '\033[1m==> training a model for the current data (digest %s)\033[0m\n' "$digest" >&2
  started=$(date +%s)
  .venv/bin/rasa train --data data --config config.yml --domain domain.yml \
    --out models --fixed-model-name "$digest" >&2
  printf '\033[1m==> trained in %s s\033[0m\n' "$(( $(date +%s) - started ))" >&2
fi
echo "$model"
