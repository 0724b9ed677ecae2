# Tori — `make run` serves the demo, `make test` runs every check.
SHELL := /bin/bash
.DEFAULT_GOAL := help

# Python is pinned in .python-version; pyenv provides it on our machines.
PY_VERSION := $(shell cat .python-version)
PYTHON_BOOT ?= $(firstword $(wildcard $(HOME)/.pyenv/versions/$(PY_VERSION)/bin/python) $(shell command -v python$(basename $(PY_VERSION)) 2>/dev/null) $(shell command -v python3.12 2>/dev/null) $(shell command -v python3.13 2>/dev/null))
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: help install run serve test test-fast lint format messages compilemessages browser-deps reference demo bench clean

help:
	@echo "make run    – install, migrate, load reference + demo data, serve on http://$(HOST):$(PORT)"
	@echo "make test   – lint, migration check, translations, the whole test suite"
	@echo "make bench  – benchmarks (JSON figures)"

$(VENV)/.installed: requirements.lock pyproject.toml .python-version
	@test -n "$(PYTHON_BOOT)" || { echo "Python $(PY_VERSION) not found (install it with pyenv)"; exit 1; }
	$(PYTHON_BOOT) -m venv $(VENV)
	@# (the machine's pip config names local mirrors that may be absent; hide those notices)
	set -o pipefail; $(PY) -m pip install --quiet --upgrade pip 2>&1 | { grep -v "^WARNING: Location" || true; }
	set -o pipefail; $(PY) -m pip install --quiet -r requirements.lock 2>&1 | { grep -v "^WARNING: Location" || true; }
	$(PY) -c "import django, celery, rest_framework, psycopg, playwright"
	touch $@

install: $(VENV)/.installed

compilemessages: install
	@$(MANAGE) compilemessages --ignore=.venv --ignore=node_modules -v0

messages: install
	$(MANAGE) makemessages -l fi -l sv --no-obsolete --ignore=.venv --ignore=node_modules --ignore=var

reference: install
	$(MANAGE) migrate --noinput -v0
	$(MANAGE) import_reference

demo: reference
	$(MANAGE) load_demo

run: compilemessages demo
	@echo "Serving Tori on http://$(HOST):$(PORT)/  (Ctrl-C stops)"
	$(MANAGE) runserver $(HOST):$(PORT)

# Browser tests need Debian's Chromium and axe-core from npm; both are installed here if missing.
browser-deps: node_modules/axe-core/axe.min.js /usr/bin/chromium

node_modules/axe-core/axe.min.js: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

/usr/bin/chromium:
	@if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; fi

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

test: install compilemessages browser-deps lint
	DJANGO_SETTINGS_MODULE=tori.settings.test $(MANAGE) makemigrations --check --dry-run
	$(VENV)/bin/pytest $(PYTEST_ARGS)

test-fast: install compilemessages
	$(VENV)/bin/pytest -m "not browser" $(PYTEST_ARGS)

bench: install
	@for script in bench/*.py; do echo "== $$script"; $(PY) $$script; done

clean:
	rm -rf $(VENV) node_modules var
