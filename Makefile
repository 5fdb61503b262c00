# Everyday commands. Each one sets up what it needs first, and does nothing twice.
SHELL := /bin/bash
.DEFAULT_GOAL := help

.PHONY: help run run-scaled rolling-update test test-scaled setup train shell validate evaluate bench soak load-catalogue export-corrections retention lint format

help: ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-15s %s\n", $$1, $$2}'

run: ## Install what is missing, train if needed, start everything (Ctrl-C stops it)
	@scripts/setup_env.sh bot catalogue web
	@scripts/setup_haproxy.sh || echo "Going on without HAProxy: one Rasa process."
	@model=$$(scripts/train.sh) && .venv/bin/python -m stack run --model "$$model"

run-scaled: ## Scaled profile: RASA_REPLICAS/ACTION_REPLICAS/CATALOGUE_WORKERS behind HAProxy, on PostgreSQL, Redis, RabbitMQ (docs/deployment.md)
	@scripts/setup_env.sh bot catalogue web && scripts/setup_haproxy.sh && model=$$(scripts/train.sh) && \
	  .venv/bin/python -m stack.profiles.scaled run --model "$$model" \
	  --rasa-replicas $(or $(RASA_REPLICAS),2) --action-replicas $(or $(ACTION_REPLICAS),2) \
	  --catalogue-workers $(or $(CATALOGUE_WORKERS),2) \
	  --state-dir "$(or $(SCALED_STATE_DIR),var/scaled)" $(SCALED_ARGS)

rolling-update: ## Replace the running scaled stack's Rasa replicas one at a time: make rolling-update MODEL=models/x.tar.gz
	@test -n "$(MODEL)" || { echo "usage: make rolling-update MODEL=models/<name>.tar.gz"; exit 2; }
	@.venv/bin/python -m stack.profiles.scaled rolling-update --model "$(MODEL)" \
	  --state-dir "$(or $(SCALED_STATE_DIR),var/scaled)"

test-scaled: ## Tests of the scaled profile (tests/scaled/; skipped without PostgreSQL, Redis, RabbitMQ)
	@scripts/setup_env.sh bot catalogue web && scripts/setup_haproxy.sh && model=$$(scripts/train.sh) && \
	  HUB_MODEL="$$model" .venv/bin/python -m pytest tests/scaled -q $(PYTEST_ARGS)

test: ## Run the whole test suite (installs and trains first when needed)
	@scripts/run_tests.sh

setup: ## Create or update the environments from the locks
	@scripts/setup_env.sh bot catalogue web

train: ## Train a model unless one exists for the current data, config and domain
	@scripts/setup_env.sh bot && scripts/train.sh

shell: ## Chat in the terminal (needs `make run` in another terminal for the actions)
	@scripts/setup_env.sh bot && model=$$(scripts/train.sh) && \
	  token=$$(.venv/bin/python -c 'from stack.secrets import Secrets; from pathlib import Path; print(Secrets.load_or_create(Path("var/secrets.json")).action_server_token)') && \
	  HUB_STATE_DIR=var ACTION_SERVER_URL=http://127.0.0.1:5055 ACTION_SERVER_TOKEN=$$token \
	  .venv/bin/rasa shell --model "$$model" --endpoints endpoints.yml

validate: ## Check the training data and the domain
	@scripts/setup_env.sh bot && .venv/bin/rasa data validate --data data --domain domain.yml --config config.yml

evaluate: ## NLU scores per set and language, language identification, and whole conversations against a stack (results/)
	@scripts/setup_env.sh bot catalogue web && scripts/setup_haproxy.sh && model=$$(scripts/train.sh) && \
	  .venv/bin/python evaluation/evaluate_nlu.py --model "$$model" && \
	  .venv/bin/python evaluation/eval_language.py && \
	  for set in evaluation/conversations/conversations_blind*.yml; do \
	    .venv/bin/python evaluation/evaluate_conversations.py --model "$$model" --set "$$set" \
	      $(EVAL_ARGS) || exit 1; \
	  done

bench: ## Load benchmark (Locust): this assistant and its scaled profile beside Rasa's starter bot, see docs/benchmark.md
	@scripts/setup_env.sh bot catalogue && bench/setup_env.sh && scripts/setup_haproxy.sh && \
	  model=$$(scripts/train.sh) && \
	  .venv/bin/python -m bench --model "$$model" $(BENCH_ARGS)

soak: ## Soak: 20 messages/s for 10 min on a stack of its own; errors, latency, memory growth (SOAK_ARGS="--replicas 2": the scaled profile)
	@scripts/setup_env.sh bot catalogue web && scripts/setup_haproxy.sh && model=$$(scripts/train.sh) && \
	  .venv/bin/python scripts/soak.py --model "$$model" $(SOAK_ARGS)

load-catalogue: ## Load or replace the project catalogue: make load-catalogue FILE=projects.csv
	@test -n "$(FILE)" || { echo "usage: make load-catalogue FILE=path/to/projects.(yaml|csv)"; exit 2; }
	@scripts/setup_env.sh catalogue && \
	  DATABASE_URL=$${DATABASE_URL:-sqlite:///$(CURDIR)/var/catalogue.db} \
	  catalogue/.venv/bin/python -m catalogue_api load "$(FILE)"

export-corrections: ## Staff's corrections from the console's review queue as Rasa NLU YAML (results/corrections/)
	@scripts/setup_env.sh web && web/.venv/bin/python -m hub_web.review.export --out results/corrections

retention: ## Delete unqualified leads and erase conversations without a lead older than RETENTION_DAYS (var/, with make run up)
	@scripts/setup_env.sh catalogue web && catalogue/.venv/bin/python scripts/retention.py

lint: ## ruff lint and format check, then mypy in each of the three environments
	@scripts/setup_env.sh bot catalogue web && .venv/bin/ruff check . && .venv/bin/ruff format --check . && \
	  scripts/type_check.sh

format: ## ruff format and autofix
	@scripts/setup_env.sh bot && .venv/bin/ruff format . && .venv/bin/ruff check --fix .
