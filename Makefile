# InvestBridge: `make run` serves the demo on http://127.0.0.1:8000, `make test` runs the whole suite.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000
# `make run DEMO_ARGS=--force` loads the demo into a database other than the embedded SQLite file.
DEMO_ARGS ?=
PYTEST_ARGS ?=
# The suite runs on both cores (pytest-xdist); PYTEST_WORKERS=0 runs it in one process.
PYTEST_WORKERS ?= 2
# Python trees that lint and fmt check (bench/ exists once a domain adds a benchmark).
PY_DIRS := $(wildcard src tests bench scripts)

.PHONY: setup run serve test test-postgres lint deps dead-code fmt typecheck messages compile-messages check-migrations schema schema-check bench clean system-deps

$(STAMP): pyproject.toml requirements/constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is required.")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --constraint requirements/constraints.txt --editable ".[test]"
	@touch $(STAMP)

# `make run` and `make test` both set up: the virtual environment, the compiled catalogs and the system packages
# (CJK fonts for PDFs and charts, Chromium, gettext; see system-deps).
setup: system-deps $(STAMP) compile-messages

compile-messages: $(STAMP)
	@$(BIN)/python scripts/compile_messages.py

run: setup
	$(BIN)/investbridge migrate --noinput
	$(BIN)/investbridge demo $(DEMO_ARGS)
	@$(MAKE) --no-print-directory serve

# The background worker survives database errors (`investbridge worker`); the supervisor restarts it whenever it
# exits and stops it with the server.
# Links in mails and calendar files point at the address served here unless INVESTBRIDGE_SITE_URL is set (a server
# listening on every interface, HOST=0.0.0.0, is reached on this machine at 127.0.0.1).
run serve: export INVESTBRIDGE_SITE_URL ?= http://$(if $(filter 0.0.0.0,$(HOST)),127.0.0.1,$(HOST)):$(PORT)

serve:
	@$(BIN)/investbridge collectstatic --noinput --verbosity 0
	@$(BIN)/python scripts/welcome.py $(HOST) $(PORT)
	@$(BIN)/python -m investbridge.core.supervisor -- $(BIN)/investbridge worker & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  $(BIN)/gunicorn investbridge.config.wsgi --bind $(HOST):$(PORT) --workers 2 --threads 4 \
	    --access-logfile - --error-logfile -

# System packages from Debian: the CJK fonts that PDFs and charts need (core/fonts.py: WenQuanYi Zen Hei, a TrueType
# font that reportlab can embed, for PDFs; Noto Sans CJK for charts), Chromium for the browser tests and GNU gettext
# (msgfmt) for the catalogs. Part of `make setup`, so `make run` installs them too: as root with apt-get the missing
# ones are installed; otherwise this says what to install. Without the fonts, PDFs and charts with Chinese text are
# refused with a clear error instead of showing boxes.
system-deps:
	@missing=""; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	[ -f /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc ] || missing="$$missing fonts-noto-cjk"; \
	[ -f /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc ] || missing="$$missing fonts-wqy-zenhei"; \
	command -v msgfmt >/dev/null || missing="$$missing gettext"; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
	  echo "Installing Debian packages:$$missing"; \
	  if apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; then exit 0; fi; \
	  echo "Could not install$$missing." >&2; \
	else \
	  echo "Missing system packages:$$missing." >&2; \
	fi; \
	echo "  Install them as root: apt-get install$$missing (Debian, Ubuntu; make setup does it when run as root)." >&2; \
	case "$$missing" in *fonts-*) echo "  Until then, PDFs and charts with Chinese text are refused with an error." >&2;; esac; \
	case "$$missing" in *chromium*) echo "  Without chromium, the browser tests skip (in CI they fail)." >&2;; esac; \
	case "$$missing" in *gettext*) echo "  Without gettext (msgfmt), make messages cannot run." >&2;; esac

test: setup system-deps
	$(BIN)/pytest -n $(PYTEST_WORKERS) --cov --cov-report=term:skip-covered $(PYTEST_ARGS)

test-postgres: setup system-deps
	INVESTBRIDGE_DATABASE_URL=$${INVESTBRIDGE_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test} \
	  $(BIN)/pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check $(PY_DIRS)
	$(BIN)/ruff format --check $(PY_DIRS)
	$(BIN)/lint-imports
	@$(MAKE) --no-print-directory deps dead-code

# Functions, classes, methods and imports that nothing uses (vulture; scripts/dead_code.py says what it leaves out).
dead-code: $(STAMP)
	$(BIN)/python scripts/dead_code.py

# The declared dependencies (pyproject.toml) are exactly what src/ and scripts/ import ([tool.deptry]).
deps: $(STAMP)
	$(BIN)/deptry src scripts

fmt: $(STAMP)
	$(BIN)/ruff check --fix $(PY_DIRS)
	$(BIN)/ruff format $(PY_DIRS)

typecheck: $(STAMP)
	$(BIN)/mypy

# Extract messages of every app into its own catalog (needs GNU gettext).
messages: $(STAMP)
	@for app in src/investbridge/*/; do \
	  if [ -d "$$app/locale" ]; then \
	    (cd "$$app" && ../../../$(BIN)/investbridge makemessages -l ru -l zh_Hans -l en --no-obsolete --no-location >/dev/null) || exit 1; \
	  fi; \
	done; echo "Catalogs updated: translate the new entries in src/investbridge/*/locale/*/LC_MESSAGES/django.po"

check-migrations: $(STAMP)
	$(BIN)/investbridge makemigrations --check --dry-run

# The schema is generated on the embedded default database: integer bounds follow the database backend.
schema: $(STAMP)
	env -u INVESTBRIDGE_DATABASE_URL $(BIN)/investbridge spectacular --lang en --file docs/openapi.yaml --validate --fail-on-warn

schema-check: $(STAMP)
	@env -u INVESTBRIDGE_DATABASE_URL $(BIN)/investbridge spectacular --lang en --file $(VENV)/openapi.yaml --validate --fail-on-warn
	@diff -u docs/openapi.yaml $(VENV)/openapi.yaml >/dev/null \
	  || (echo "docs/openapi.yaml is out of date: run 'make schema' and commit it."; diff -u docs/openapi.yaml $(VENV)/openapi.yaml | head -40; exit 1)

bench: setup
	@for script in bench/*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) var
