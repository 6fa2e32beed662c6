# Every target bootstraps .venv on first use, so a fresh clone needs only python3 and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test test-postgres bench lint format clean

# .venv is made without a pip of its own and filled by the pip of the Python that makes
# it (pip --python, pip 22.3 and later): 4 of a fresh clone's 16 s of setting up. Where
# that Python has no such pip, .venv gets its own, brought up to date.
OUTER_PIP_WORKS = $(PYTHON) -c 'import sys, pip; sys.exit(tuple(map(int, pip.__version__.split(".")[:2])) < (22, 3))' 2>/dev/null
PIP = $$(if [ -x $(BIN)/pip ]; then echo $(BIN)/python -m pip; else echo $(PYTHON) -m pip --python $(BIN)/python; fi)
# pip then puts uv into .venv, and uv installs the project: 4 s where pip alone took 14
# (it reads the package index and unpacks in parallel). Where uv cannot be had or
# fails, pip installs everything, as before. Libraries are compiled to bytecode as pip
# does, so `wardpanel` never compiles them at start-up.
UV = uv~=0.13.9
INSTALL = $$(if [ -x $(BIN)/uv ]; then echo $(BIN)/uv pip install --quiet --python $(BIN)/python --compile-bytecode; else echo $(PIP) install --quiet; fi)

$(STAMP): pyproject.toml
	if $(OUTER_PIP_WORKS); then $(PYTHON) -m venv --without-pip $(VENV); \
	else $(PYTHON) -m venv --upgrade-deps $(VENV); fi
	$(PIP) install --quiet '$(UV)' || echo "uv not installed: pip installs the project"
	$(INSTALL) -e '.[dev]' || $(PIP) install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/wardpanel

# With WARDPANEL_TEST_POSTGRES (a server URL) the suite runs on PostgreSQL as well as
# SQLite, and needs the driver: only then is it installed (a laptop on SQLite never
# needs it; when installed, it is loaded only once a server database is opened).
$(VENV)/.postgres: $(STAMP)
	$(INSTALL) -e '.[dev,postgres]'
	touch $(VENV)/.postgres

# The suite runs in parallel (pytest-xdist), three workers per CPU: a Pilot test spends
# much of its time waiting for the app's next frame, and with one worker per CPU a
# third of the machine stood idle (on 2 CPUs: 222 s with 2 workers, 152 s with 4, 142 s
# with 6). Each worker takes the next test as it finishes one, which spreads the few
# long tests best. PYTEST_WORKERS=0 runs it in one process.
PYTEST_WORKERS ?= $(shell echo $$(( 3 * $$(nproc 2>/dev/null || echo 1) )))

# Bytecode is cached even where PYTHONDONTWRITEBYTECODE is set: else every worker, and
# every `wardpanel` process a test starts, compiles the package and the tests again. On
# a fresh clone it is compiled once, on every CPU, before the workers start together.
test: $(STAMP) $(if $(WARDPANEL_TEST_POSTGRES),$(VENV)/.postgres)
	$(BIN)/ruff check wardpanel tests benchmarks
	$(BIN)/lint-imports
	$(BIN)/python -m compileall -q -j 0 wardpanel tests >/dev/null
	PYTHONDONTWRITEBYTECODE= $(BIN)/pytest -n $(PYTEST_WORKERS) --dist worksteal

# The suite on both engines, against a throwaway PostgreSQL server started for it and
# stopped afterwards (scripts/postgres-for-tests; Debian's 'postgresql' package).
test-postgres: $(VENV)/.postgres
	@folder=$$(mktemp -d "$${TMPDIR:-/tmp}/wardpanel-postgres.XXXXXX") || exit 1; \
	trap 'scripts/postgres-for-tests stop "$$folder"' EXIT; \
	trap 'exit 130' INT TERM; \
	url=$$(scripts/postgres-for-tests start "$$folder") && \
	WARDPANEL_TEST_POSTGRES="$$url" $(MAKE) --no-print-directory test

# pandoc (from pypandoc-binary) is a baseline for the export benchmark only.
$(VENV)/.bench: $(STAMP)
	$(INSTALL) -e '.[dev,bench]'
	touch $(VENV)/.bench

# bench_search_limits.py measures PostgreSQL too: on WARDPANEL_BENCH_POSTGRES, else on a
# throwaway server (scripts/postgres-for-tests), else SQLite only.
bench: $(VENV)/.bench $(VENV)/.postgres
	$(BIN)/python benchmarks/run_all.py
	$(BIN)/python benchmarks/bench_exports.py
	$(BIN)/python benchmarks/bench_pack.py
	$(BIN)/python benchmarks/bench_followup.py
	$(BIN)/python benchmarks/actions_view.py
	$(BIN)/python benchmarks/bench_search_limits.py --reuse
	$(BIN)/python benchmarks/bench_import.py --big
	$(BIN)/python benchmarks/meeting_pace.py
	$(BIN)/python benchmarks/bench_identity.py
	$(BIN)/python benchmarks/bench_figures.py

lint: $(STAMP)
	$(BIN)/ruff check wardpanel tests benchmarks
	$(BIN)/ruff format --check wardpanel tests benchmarks
	$(BIN)/lint-imports

format: $(STAMP)
	$(BIN)/ruff format wardpanel tests benchmarks
	$(BIN)/ruff check --fix wardpanel tests benchmarks

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
