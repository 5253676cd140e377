# Two commands do everything on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# The address the demo's links and partner thumbnails name: the one `make run` serves on.
SITE_URL ?= http://127.0.0.1:$(PORT)
STAMP := $(VENV)/.installed
# Test-only validators from npm (the Nu HTML Checker's vnu.jar, axe-core): tests/validators/.
VALIDATORS := tests/validators
VALIDATORS_STAMP := $(VALIDATORS)/node_modules/.installed

.PHONY: run test install validators lint messages compilemessages lock clean

run: install compilemessages
	DEBUG=1 SITE_URL=$(SITE_URL) $(BIN)/bigasia migrate --no-input
	DEBUG=1 SITE_URL=$(SITE_URL) $(BIN)/bigasia demo
	DEBUG=1 SITE_URL=$(SITE_URL) PORT=$(PORT) $(BIN)/bigasia devserver

test: install compilemessages validators
	$(BIN)/python tests/run.py

install: $(STAMP)

# The lock pins every package; the project itself installs editable on top of it.
$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

validators: $(VALIDATORS_STAMP)

# npm ci installs exactly the lock; --ignore-scripts: vnu-jar's postinstall would fetch a JRE
# (Java comes from Debian: default-jre-headless).
$(VALIDATORS_STAMP): $(VALIDATORS)/package.json $(VALIDATORS)/package-lock.json
	cd $(VALIDATORS) && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $(VALIDATORS_STAMP)

compilemessages: install
	cd src/bigasia && DATA_DIR=$(CURDIR)/var ../../$(BIN)/bigasia compilemessages --verbosity 0

# Refresh the .po catalogues after changing interface strings (needs GNU gettext).
messages: install
	cd src/bigasia && DATA_DIR=$(CURDIR)/var ../../$(BIN)/bigasia makemessages -l ru -l en --no-obsolete --no-location

# Regenerate the lock after changing dependencies in pyproject.toml.
lock: install
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --extra dev --generate-hashes --python-version 3.11 -o requirements.lock

# Style, the layering contracts of docs/architecture.md (pyproject.toml, [tool.importlinter]),
# migrations that match the models; the type check (mypy) goes last.
lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/lint-imports
	DATA_DIR=$(CURDIR)/var $(BIN)/bigasia makemigrations --check --dry-run
	$(BIN)/mypy

clean:
	rm -rf $(VENV) var test-output $(VALIDATORS)/node_modules
