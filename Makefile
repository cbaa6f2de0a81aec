# make demo: build the bundled sample kit.  make test: lint, type-check and run the suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint fonts previews clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/cardgen demo -o out/demo

lint: $(STAMP)
	$(BIN)/ruff check cardgen tests docs
	$(BIN)/ruff format --check cardgen tests docs
	$(BIN)/mypy

test: lint
	$(BIN)/python -m pytest

# Regenerate the reference outputs and the README pictures (explicit, never part of `make test`).
previews: $(STAMP)
	$(BIN)/python -m pytest tests/test_reference.py --regen-reference
	$(BIN)/python docs/make_pictures.py

# Re-fetch the bundled fonts from the npm registry (needs npm); see fonts/SOURCES.md.
fonts:
	bash tools/fetch_fonts.sh fonts

clean:
	rm -rf $(VENV) out build dist
