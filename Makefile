# Two commands: `make run` and `make test`. Both install into .venv and are quick the second time.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
# The suite runs in two processes (pytest-xdist), each with its own test database and Redis database.
TEST_PROCESSES ?= 2

.PHONY: run test install messages lint

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed

messages: install
	@mkdir -p var
	$(PY) manage.py compilemessages --ignore=.venv --ignore=var -v 0

# Links in mails point at the port served (SITE_URL given in the environment wins).
run: export SITE_URL ?= http://127.0.0.1:$(PORT)
run: messages
	$(PY) manage.py migrate --noinput -v 0
	$(PY) manage.py load_demo
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

test: export DJANGO_SETTINGS_MODULE = nnr_site.settings.test
test: messages lint
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run -v 1
	$(VENV)/bin/pytest -n $(TEST_PROCESSES)
