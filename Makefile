# Two commands do all set-up on a fresh machine: `make serve` and `make test`.
# Everything lands in .venv; the stamps make reruns skip installs that are current.

PYTHON  ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
COMPILE := $(BIN)/pip-compile -q --generate-hashes --strip-extras --no-emit-index-url --no-emit-find-links
export NO_MKDOCS_2_WARNING := 1
NODE_DEPS := node_modules/.installed
# Zensical (ARCHITECTURE.md, "Two engines") has its own virtual environment.
ZVENV := .venv-zensical
ZBIN  := $(ZVENV)/bin
ZRUN  := PYTHONPATH=$(CURDIR)/hooks $(ZBIN)/python
# The site's own checks, messages first (tests/support/editor_check.py): `python -m adapters.check`, the strict
# build (links, anchors, nav), the content rules.
EDITOR_CHECK := $(BIN)/python tests/support/editor_check.py

.PHONY: serve build test check check-code check-site lint lock clean icu browser-tools linkcheck linkcheck-external bench-web build-zensical serve-zensical

serve: $(VENV)/.site  ## both editions at their published paths (/site/, /site/de/), with live reload
	PYTHONPATH=hooks $(BIN)/python -m adapters.serve --dev-addr 127.0.0.1:8000

build: $(VENV)/.site  ## strict build of both editions: English into site/, German into site/de/ (adapters/editions.py)
	$(BIN)/mkdocs build --strict -f mkdocs.yml
	$(BIN)/mkdocs build --strict -f mkdocs.de.yml

test: lint $(NODE_DEPS) browser-tools $(ZVENV)/.site  ## every test: lint, types, strict builds (both engines), hooks, content, browser, links
	$(BIN)/python -m pytest

check: $(VENV)/.test  ## for editors: the site's own checks, messages first (seconds); lint and unit tests only if code changed
	@$(EDITOR_CHECK)
	@if $(EDITOR_CHECK) --code-changed; then $(MAKE) --no-print-directory check-code; fi

check-code: lint  ## lint, types and every test that needs no browser or server (what `make check` adds for code)
	$(BIN)/python -m pytest -q -m "not browser and not slow"

check-site: $(VENV)/.site  ## CI's first step: adapters.check and the strict build into site/, as GitHub annotations
	@$(EDITOR_CHECK) --annotate --no-rules --site-dir site

lint: $(VENV)/.test  ## ruff (lint and format) and mypy over hooks/ and tests/
	$(BIN)/ruff check hooks tests
	$(BIN)/ruff format --check hooks tests
	$(BIN)/mypy

linkcheck: $(VENV)/.test browser-tools  ## every internal link and #anchor of the built site (HTML-Proofer)
	$(BIN)/python -m tests.support.links

linkcheck-external: $(VENV)/.test browser-tools  ## links to other sites: needs internet, never fails
	-$(BIN)/python -m tests.support.links --external

# axe-core and Lighthouse, pinned in package-lock.json.
$(NODE_DEPS): package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# Debian's Chromium (browser tests, Lighthouse; or any Chromium named by $CHROMIUM) and HTML-Proofer
# (link check), installed when missing.
browser-tools:
	@missing=""; \
	[ -x "$${CHROMIUM:-/usr/bin/chromium}" ] || missing="$$missing chromium"; \
	command -v htmlproofer >/dev/null || missing="$$missing ruby-html-proofer"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq$$missing; \
	  else \
	    echo "make test needs Debian packages:$$missing. As root: apt-get install -y$$missing" >&2; exit 1; \
	  fi; \
	fi

# PyICU (Unicode collation for the glossary and index) is built from source against ICU.
icu:
	@pkg-config --exists icu-i18n 2>/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libicu-dev pkg-config g++; \
	  else \
	    echo "PyICU needs ICU's headers. As root: apt-get install -y libicu-dev pkg-config g++" >&2; exit 1; \
	  fi; }

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.site: requirements.txt | $(VENV)/bin/python icu
	$(BIN)/python -m pip install -q --require-hashes -r requirements.txt
	touch $@

$(VENV)/.test: requirements-test.txt $(VENV)/.site
	$(BIN)/python -m pip install -q --require-hashes -r requirements-test.txt
	touch $@

lock: | $(VENV)/bin/python  ## re-resolve the pinned requirements from the .in files
	$(BIN)/python -m pip install -q pip-tools
	$(COMPILE) -o requirements.txt requirements.in
	$(COMPILE) -o requirements-test.txt requirements-test.in
	$(COMPILE) -o requirements-bench.txt requirements-bench.in
	$(COMPILE) -o requirements-zensical.txt requirements-zensical.in

clean:
	rm -rf site site-zensical .pagework .pytest_cache

# Zensical (ARCHITECTURE.md, "Two engines"): the same docs/ into site-zensical/, in its own virtual
# environment. It runs no hooks: `python -m adapters.prebuild` first runs the engine-free checks on its
# one conversion of the pages (any problem stops here, worded as the MkDocs build words it), then writes
# the glossary and index pages into docs/ (taken out again after the build, also when it fails) and the
# data files, which go in once Zensical is done; last, every page gets its Content Security Policy
# (core.pagework.csp). Zensical checks links and anchors itself.

build-zensical: $(ZVENV)/.site  ## strict build with Zensical into site-zensical/
	$(ZRUN) -m adapters.prebuild
	$(ZRUN) -m zensical build --clean --strict -f zensical.yml; status=$$?; $(ZRUN) -m adapters.prebuild --clean; exit $$status
	cp .pagework/site/* site-zensical/
	$(ZRUN) -m core.pagework.csp --any-inline-style site-zensical

serve-zensical: $(ZVENV)/.site  ## Zensical's live preview (generated pages and related pages as of its start)
	$(ZRUN) -m adapters.prebuild
	$(ZRUN) -m zensical serve -f zensical.yml --dev-addr 127.0.0.1:8000; $(ZRUN) -m adapters.prebuild --clean

$(ZVENV)/bin/python:
	$(PYTHON) -m venv $(ZVENV)
	$(ZBIN)/python -m pip install -q --upgrade pip

$(ZVENV)/.site: requirements-zensical.txt | $(ZVENV)/bin/python icu
	$(ZBIN)/python -m pip install -q --require-hashes -r requirements-zensical.txt
	touch $@

.PHONY: bench
bench: $(VENV)/.site  ## benchmark the hooks against MkDocs alone and mkdocs-ezglossary (~30 min; BENCH_ARGS=--quick: ~2 min)
	$(BIN)/python -m pip install -q --require-hashes -r requirements-bench.txt
	$(BIN)/python tests/benchmark/bench.py $(BENCH_ARGS)

bench-web: $(VENV)/.test $(NODE_DEPS) browser-tools  ## what readers see per page type vs stock Material in Chromium, then Lighthouse (~40 min; BENCH_WEB_ARGS="--lighthouse-runs 0": ~15 min)
	$(BIN)/python tests/benchmark/web.py $(BENCH_WEB_ARGS)
