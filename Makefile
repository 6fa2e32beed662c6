# Every target bootstraps .venv on first use, so a fresh clone needs only python3 and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test bench lint format clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/wardpanel

test: $(STAMP)
	$(BIN)/ruff check wardpanel tests benchmarks
	$(BIN)/lint-imports
	$(BIN)/pytest

# pandoc (from pypandoc-binary) is a baseline for the export benchmark only.
$(VENV)/.bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	touch $(VENV)/.bench

bench: $(VENV)/.bench
	$(BIN)/python benchmarks/run_all.py
	$(BIN)/python benchmarks/bench_exports.py
	$(BIN)/python benchmarks/actions_view.py
	$(BIN)/python benchmarks/bench_followup.py

lint: $(STAMP)
	$(BIN)/ruff check wardpanel tests benchmarks
	$(BIN)/ruff format --check wardpanel tests benchmarks
	$(BIN)/lint-imports

format: $(STAMP)
	$(BIN)/ruff format wardpanel tests benchmarks
	$(BIN)/ruff check --fix wardpanel tests benchmarks

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
