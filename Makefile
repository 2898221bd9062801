# Two commands on a fresh machine: `make demo` and `make test`. Everything else is a helper.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DB ?= tacitus.duckdb

.PHONY: setup demo test lint bench clean

setup: $(STAMP)

# Installs the package and its pinned dependencies (requirements.lock constrains every transitive one).
$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[dev,eval]'
	touch $(STAMP)

# Codes the bundled Wikinews sample corpus into the embedded store and prints what it holds.
demo: setup
	$(BIN)/tacitus ingest corpus/wikinews --db $(DB) --progress
	$(BIN)/tacitus stats --db $(DB)

test: setup
	$(BIN)/pytest -q

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: setup
	$(BIN)/python benchmarks/throughput.py

clean:
	rm -rf $(VENV) $(DB) eval .pytest_cache
