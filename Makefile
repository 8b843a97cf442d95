# Two commands matter (see README.md): `make demo` and `make test`. Everything else is a step
# they take. uv installs the locked dependencies from uv.lock on the machine's own Python.

PYTHON ?= python3
export UV_PYTHON_DOWNLOADS := never
export UV_PYTHON := $(PYTHON)
export UV_PROJECT_ENVIRONMENT := .venv
export UV_COMPILE_BYTECODE := 1
UV_VERSION := 0.13.9
# Use the machine's uv if it has one, otherwise one bootstrapped into .tools/ with pip.
UV := $(or $(shell command -v uv 2>/dev/null),.tools/bin/uv)
VENV_PY := .venv/bin/python
MANAGE := $(VENV_PY) manage.py

.PHONY: demo fresh test install lint migrations-check messages compilemessages client clean backup restore

.tools/bin/uv:
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet "uv==$(UV_VERSION)"

.venv/.installed: pyproject.toml uv.lock | $(if $(shell command -v uv 2>/dev/null),,.tools/bin/uv)
	$(UV) sync --frozen
	@touch $@

install: .venv/.installed

demo: install
	@mkdir -p var
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo
	$(MANAGE) runserver 127.0.0.1:8000

# An empty installation of its own (var/fresh.sqlite3): the browser opens the first-run page
# that creates the administrator and their initiative (docs/setup.md). Run again, it keeps
# what was made; delete the file to start over.
fresh: export DATABASE_URL := sqlite:///$(CURDIR)/var/fresh.sqlite3
fresh: install
	@mkdir -p var
	$(MANAGE) migrate --noinput
	@echo "Open http://127.0.0.1:8000 to set up your initiative."
	$(MANAGE) runserver 127.0.0.1:8000

test: install
	.venv/bin/pytest $(PYTEST_ARGS)

lint: install
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/djlint templates --lint

migrations-check: install
	$(MANAGE) makemigrations --check --dry-run

# Regenerate the message catalogues after changing user-facing strings (needs GNU gettext).
messages: install
	$(MANAGE) makemessages --locale he --locale ar --ignore '.venv/*' --ignore '.tools/*' --ignore 'var/*'

compilemessages: install
	$(MANAGE) compilemessages --ignore '.venv/*' --ignore '.tools/*'

# A typed Python client of the API, generated from its OpenAPI description (docs/api.md):
# `pip install var/yachad-client`.
client: install
	@mkdir -p var
	$(MANAGE) spectacular --format openapi-json --file var/schema.json
	.venv/bin/openapi-python-client generate --path var/schema.json --config api/client.yml \
		--meta uv --output-path var/yachad-client --overwrite

# The database and a manifest into var/backups (or BACKUP_DIR): pg_dump's custom format on
# PostgreSQL, a copy on SQLite (docs/operations.md, "Backup and restore").
backup: install
	$(MANAGE) backup_create --output-dir $(or $(BACKUP_DIR),var/backups)

# Into an empty database only, then the migrations: make restore FILE=var/backups/yachad-….json
restore: install
	@test -n "$(FILE)" || (echo "Name the backup's manifest: make restore FILE=var/backups/yachad-....json" && exit 2)
	$(MANAGE) backup_restore $(FILE)

clean:
	rm -rf .venv .tools var/static
