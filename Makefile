# The two commands a newcomer needs: `make run` and `make test`. Everything else is for the team.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test install migrate seed lint check bench security clean sso-provider

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP)

# Local development on SQLite with the demo data; running it again keeps the data. `make run PORT=8010` serves
# another port, and the links in mails (SITE_URL) follow it unless SITE_URL is set.
PORT ?= 8000
run: export DEBUG = 1
run: export SITE_URL ?= http://127.0.0.1:$(PORT)
run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	$(PY) manage.py db_worker & trap 'kill $$!' EXIT; $(PY) manage.py runserver 127.0.0.1:$(PORT)

# The whole suite; with DATABASE_URL set (e.g. postgres://postgres@127.0.0.1:5432/test) on that database. On both
# cores; a worker that is done takes tests from the other (worksteal), so one long module does not keep the run going.
# Bytecode is cached (__pycache__, ignored by git) even where the environment sets PYTHONDONTWRITEBYTECODE (empty is
# off): without it each worker compiles every module and rewrites every test module's asserts on every run (6 s of 90).
test: export PYTHONDONTWRITEBYTECODE =
test: install sso-provider node_modules
	$(PY) -m pytest -n 2 --dist worksteal

# The OpenID Provider that the single sign-on tests start (node's oidc-provider, tests/sso/provider); without npm
# those tests are skipped, saying so.
SSO_PROVIDER := tests/sso/provider
sso-provider: $(SSO_PROVIDER)/node_modules/.package-lock.json
$(SSO_PROVIDER)/node_modules/.package-lock.json: $(SSO_PROVIDER)/package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --prefix $(SSO_PROVIDER) --no-audit --no-fund --loglevel=error; \
	else echo "!! no npm: the single sign-on tests (tests/sso) will be skipped"; fi

# Spectral, the linter of the NL API Design Rules (tests/test_api_design_rules.py), pinned by package-lock.json.
# Without npm the ADR test is skipped, saying so.
node_modules: package.json package-lock.json
	if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --loglevel=error && touch node_modules; \
	else echo "!! npm is not installed: the API design rules test will be skipped"; fi

lint: install
	$(VENV)/bin/ruff check .

check: install
	DEBUG=1 $(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/ruff check .

# Performance at 20,000 commitments (issue 7): a fresh database, every page and export timed, written to
# bench/results.md. SQLite by default; with DATABASE_URL, a database `wpsite_bench` of its own on that PostgreSQL server.
bench: install
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) node_modules staticfiles db.sqlite3 .pytest_cache

# Our code (bandit, medium severity and up) and the pinned dependencies (pip-audit, PyPI's advisories). --strict:
# a dependency that could not be checked (no connection to the advisory service) fails the run instead of passing it.
security: install
	$(VENV)/bin/bandit -r commitments wpsite --severity-level medium --quiet
	$(VENV)/bin/pip-audit --strict -r requirements.txt
