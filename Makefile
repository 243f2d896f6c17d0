# The two commands of the README: `make sample` and `make test`. Both set up .venv first.
VENV ?= .venv
BIN = $(VENV)/bin

.PHONY: setup sample test lint site internal

$(VENV)/.installed: pyproject.toml package-lock.json
	python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	npm ci --no-audit --no-fund --silent
	node web/build.mjs
	touch $@

setup: $(VENV)/.installed

sample: setup
	$(BIN)/kczy validate
	$(BIN)/kczy status --now 2021-10-20T10:00
	$(BIN)/kczy tally
	$(BIN)/kczy verify
	$(BIN)/kczy documents --now 2021-10-20T10:00 --output 公文
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --quiet
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --quiet -f mkdocs.internal.yml
	@echo "公开网站：site/index.html（用 python3 -m http.server -d site 浏览）；评委阅览室：双击 site-internal/index.html 即可打开；公文：公文/"

test: setup
	$(BIN)/python -m pytest

lint: setup
	$(BIN)/ruff check src tests
	$(BIN)/mypy
