# Two commands do all set-up on a fresh machine: `make serve` and `make test`.
# Everything lands in .venv; the stamps make reruns skip installs that are current.

PYTHON  ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
COMPILE := $(BIN)/pip-compile -q --generate-hashes --strip-extras --no-emit-index-url --no-emit-find-links
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test lock clean

serve: $(VENV)/.site  ## build strictly, then serve with live reload
	$(BIN)/mkdocs build --strict
	$(BIN)/mkdocs serve --strict --dev-addr 127.0.0.1:8000

build: $(VENV)/.site  ## strict build into site/
	$(BIN)/mkdocs build --strict

test: $(VENV)/.test  ## every test: strict builds, hooks, content
	$(BIN)/python -m pytest

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.site: requirements.txt | $(VENV)/bin/python
	$(BIN)/python -m pip install -q --require-hashes -r requirements.txt
	touch $@

$(VENV)/.test: requirements-test.txt $(VENV)/.site
	$(BIN)/python -m pip install -q --require-hashes -r requirements-test.txt
	touch $@

lock: | $(VENV)/bin/python  ## re-resolve the pinned requirements from the .in files
	$(BIN)/python -m pip install -q pip-tools
	$(COMPILE) -o requirements.txt requirements.in
	$(COMPILE) -o requirements-test.txt requirements-test.in

clean:
	rm -rf site .pytest_cache
