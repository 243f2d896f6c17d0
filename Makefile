# The two commands of the README: `make sample` and `make test`. Both set up .venv first.
VENV ?= .venv
BIN = $(VENV)/bin

.PHONY: setup sample test lint site internal

$(VENV)/.installed: pyproject.toml package-lock.json
	python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	npm ci --no-audit --no-fund --silent
	touch $@

setup: $(VENV)/.installed

sample: setup
	$(BIN)/kczy validate

test: setup
	$(BIN)/python -m pytest

lint: setup
	$(BIN)/ruff check src tests
	$(BIN)/mypy
