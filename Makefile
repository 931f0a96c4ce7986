# Two commands: `make run` and `make test`. Both install into .venv and are quick the second time.
# Python 3.11 to 3.13: the newest one found; `make test PYTHON=python3.12` chooses (with VENV=var/py312 next to
# an existing .venv of another version). `make smoke` runs the production shape (deploy/smoke.py).
PYTHON ?= $(shell for p in python3.13 python3.12 python3.11 python3; do \
	$$p -c 'import sys; sys.exit(not (3, 11) <= sys.version_info[:2] <= (3, 13))' 2>/dev/null && { echo $$p; break; }; done)
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
# The suite runs in two processes (pytest-xdist), each with its own test database and Redis database.
TEST_PROCESSES ?= 2
SMOKE_DB ?= nnr_smoke
SMOKE_REDIS_DB ?= 1
SMOKE_PORT ?= 8301

.PHONY: run test install messages lint smoke

$(VENV)/bin/python:
	@test -n "$(PYTHON)" || { echo "Python 3.11, 3.12 or 3.13 is needed (none found; PYTHON=... names one)"; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed
ifneq ($(filter command line environment,$(origin PYTHON)),)
	@want=$$($(PYTHON) -c 'import sys; print("%d.%d" % sys.version_info[:2])'); \
	have=$$($(PY) -c 'import sys; print("%d.%d" % sys.version_info[:2])'); \
	[ "$$want" = "$$have" ] || { echo "$(VENV) has Python $$have, PYTHON=$(PYTHON) is $$want: remove $(VENV), or add VENV=var/py$$want"; exit 1; }
endif

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

# The production shape without Docker, checked over HTTP (deploy/smoke.py): needs PostgreSQL and Redis running
# on 127.0.0.1 and Debian's caddy; uses the database $(SMOKE_DB), Redis db $(SMOKE_REDIS_DB) and the next one,
# and ports $(SMOKE_PORT) to $(SMOKE_PORT)+4.
smoke: messages
	$(PY) deploy/smoke.py --database $(SMOKE_DB) --redis-db $(SMOKE_REDIS_DB) --port $(SMOKE_PORT)
