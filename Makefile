# make demo: build the bundled sample kit.  make test: lint, type-check and run the suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint pdf-tools cups-tools browser optional-fonts fuzz fonts font-metrics previews clean

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

test: lint pdf-tools cups-tools browser optional-fonts
	$(BIN)/python -m pytest

# qpdf, poppler and Ghostscript check the PDFs in the tests; installed when missing and we may (root
# with apt), otherwise those tests skip and say why.
pdf-tools:
	@if command -v qpdf >/dev/null && command -v pdfinfo >/dev/null && command -v gs >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "installing qpdf, poppler-utils and ghostscript for the PDF checks"; \
	  (apt-get install -y -qq qpdf poppler-utils ghostscript >/dev/null 2>&1 || \
	   (apt-get update -qq >/dev/null 2>&1 && \
	    apt-get install -y -qq qpdf poppler-utils ghostscript >/dev/null 2>&1)) || \
	  echo "could not install qpdf/poppler-utils/ghostscript: their checks will be skipped"; \
	else echo "qpdf/poppler-utils/ghostscript missing and not root: their checks will be skipped"; fi

# The print tests start a CUPS scheduler of their own (tests/test_cups.py: a temporary server root
# and port, queues printing to /dev/null); its programs are installed when missing and we may (root
# with apt), otherwise those tests skip and say why. About 40 s the first time.
cups-tools:
	@if [ -x /usr/sbin/cupsd ] && command -v lp >/dev/null && command -v ipptool >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "installing cups-daemon, cups-client and cups-ipp-utils for the print tests"; \
	  (apt-get install -y -qq cups-daemon cups-client cups-ipp-utils >/dev/null 2>&1 || \
	   (apt-get update -qq >/dev/null 2>&1 && \
	    apt-get install -y -qq cups-daemon cups-client cups-ipp-utils >/dev/null 2>&1)) || \
	  echo "could not install CUPS: the print tests will be skipped"; \
	else echo "CUPS missing and not root: the print tests will be skipped"; fi

# Debian's chromium and chromedriver run the web page's browser tests (selenium drives them; no
# browser is ever downloaded); installed when missing and we may, otherwise those tests skip saying why.
browser:
	@if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "installing chromium and chromium-driver for the web page's browser tests"; \
	  (apt-get install -y -qq chromium chromium-driver >/dev/null 2>&1 || \
	   (apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq chromium chromium-driver >/dev/null 2>&1)) || \
	  echo "could not install chromium/chromium-driver: the browser tests will be skipped"; \
	else echo "chromium/chromium-driver missing and not root: the browser tests will be skipped"; fi

# The optional Japanese, Chinese and Korean fonts (39 MB, a 128 MB download the first time) from the npm
# registry into .cache/fonts, where the tests look for them (tests/conftest.py); without the registry
# the tests that need them skip and say why.
optional-fonts: $(STAMP)
	@CARDGEN_FONTS="$(CURDIR)/.cache/fonts" $(BIN)/cardgen fonts install --all >/dev/null || \
	  echo "could not install the optional fonts (above): the tests that need them will be skipped"

# Mutation fuzzing of the note loader and the whole layout, for FUZZ_SECONDS (default 60).
fuzz: $(STAMP)
	$(BIN)/python tests/fuzz.py --seconds $${FUZZ_SECONDS:-60}

# Regenerate the reference outputs and the README pictures, the web page's screenshot taken in the
# real browser (explicit, never part of `make test`).
previews: $(STAMP) browser
	$(BIN)/python -m pytest tests/test_reference.py --regen-reference
	$(BIN)/python docs/make_pictures.py
	$(BIN)/python docs/make_screenshot.py

# Re-fetch the bundled fonts from the npm registry (needs npm); see fonts/SOURCES.md.
fonts:
	bash tools/fetch_fonts.sh fonts

clean:
	rm -rf $(VENV) out build dist

# Re-measure the bundled fonts into fonts/metrics.json after changing one (a test checks it is current).
font-metrics: $(STAMP)
	$(BIN)/python tools/font_metrics.py
