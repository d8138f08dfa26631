# Daftar: the two commands are `make run` and `make test`; each sets itself up.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test lint catalogs clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the project's declared dependencies change.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	@$(BIN)/daftar start

test: $(STAMP)
	$(BIN)/ruff check bot storage tests tools benchmarks
	$(BIN)/mypy
	$(BIN)/pytest -q --durations=25

lint: $(STAMP)
	$(BIN)/ruff check bot storage tests tools benchmarks
	$(BIN)/ruff format --check bot storage tests tools
	$(BIN)/mypy

# Refresh the catalogs after adding or changing a user-facing string.
catalogs: $(STAMP)
	$(BIN)/python tools/catalogs.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
