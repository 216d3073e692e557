# The project's commands. `make serve` and `make test` are the two a new reader needs (see README.md);
# each installs what it needs first (scripts/setup.sh).
VENV := .venv
PY := $(VENV)/bin/python
MKDOCS := $(PY) -m mkdocs
export NO_MKDOCS_2_WARNING := 1

.PHONY: setup serve build test check pdf bench clean new-guide import-tango i18n-status

setup:
	@bash scripts/setup.sh

# Not strict: a problem in the data is shown as a warning and the preview keeps running (build is strict).
serve: setup
	$(MKDOCS) serve --livereload --no-strict

build: setup
	$(MKDOCS) build --strict --clean

test: setup
	$(PY) -m pytest -n 2 --dist loadgroup

check: setup
	$(PY) scripts/check.py

# Editors' tools; pass their arguments in ARGS, e.g. make new-guide ARGS="replace-card --number 8 ..."
# (each has --help; they can also be run directly: scripts/new_guide.py --help).
new-guide: setup
	$(PY) scripts/new_guide.py $(ARGS)

import-tango: setup
	$(PY) scripts/import_tango.py $(ARGS)

i18n-status: setup
	$(PY) scripts/i18n_status.py $(ARGS)

pdf: build
	$(PY) scripts/pdf.py

bench: setup
	$(PY) scripts/bench.py

clean:
	rm -rf site .pytest_cache
