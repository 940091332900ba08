# faro — the two commands a newcomer runs are `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test check bench install clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

## demo: install, load the demo knowledge base and analyse the example articles
demo: $(STAMP)
	$(BIN)/faro kb import --demo
	$(BIN)/faro analyze examples/

## test: install and run the whole test suite
test: $(STAMP)
	$(BIN)/python -m pytest -n 2 -q

## check: lint and type-check
check: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy

## bench: run the benchmarks and print a table
bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
