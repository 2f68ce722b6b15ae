# A plan's targets (data/plan.toml names the plan): data → notebooks → charts → PDF.
# `make help` lists what you can run. On a fresh machine `make report` and `make test`
# create the environment first (.venv, pinned by requirements.lock).

SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
KERNEL := vn-integration
PIP_VERSION := 25.3
# uv only installs requirements.lock faster; the lock alone decides every package's version.
UV_VERSION := 0.13.8

# Python: 3.11, 3.12 or 3.13. Unset, make keeps the Python of an existing .venv, else takes python3 when it is
# one of them, else the newest python3.13, python3.12, python3.11 that runs; PYTHON=... picks one. Anything else stops here, before .venv is touched.
NO_PYTHON_GOALS := help clean distclean
# A .venv made earlier by a supported Python is kept when PYTHON is not given: the choice is remembered.
PY_FOUND := $(shell tools/find_python.sh $(if $(filter command line environment environment override,$(origin PYTHON)),"$(PYTHON)",--venv $(VENV)))
ifeq ($(firstword $(PY_FOUND)),ok)
override PYTHON := $(word 2,$(PY_FOUND))
PY_VERSION := $(word 3,$(PY_FOUND))
else ifneq ($(filter-out $(NO_PYTHON_GOALS),$(or $(MAKECMDGOALS),help)),)
$(error $(wordlist 2,999,$(PY_FOUND)))
endif
# A .venv made by another Python (or whose Python no longer runs) is made again, never reused with the wrong one.
VENV_VERSION := $(shell [ -x $(VENV)/bin/python ] && $(VENV)/bin/python -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null)
ifneq ($(wildcard $(VENV)/.installed),)
ifneq ($(VENV_VERSION),$(PY_VERSION))
ifneq ($(PY_VERSION),)
$(info [setup] $(VENV) was made with Python $(or $(VENV_VERSION),that no longer runs); make uses Python $(PY_VERSION) ($(PYTHON)) now, so $(VENV) is made again)
REMAKE_VENV := FORCE
endif
endif
endif

DATA ?= data
REPORTS ?= reports
# Default edition: the latest year the data reach; the outputs' names: plan.toml's [plan] short_name (empty when
# plan.toml lacks it: the build then stops with the located problem). Both read in one call of a stdlib-only
# helper (works before .venv exists), "-" for either not found.
EDITION_FACTS := $(if $(PY_VERSION),$(shell $(PYTHON) src/analysis/data/edition.py --both "$(DATA)"))
ifeq ($(origin AS_OF),undefined)
AS_OF := $(filter-out -,$(word 1,$(EDITION_FACTS)))
endif
SHORT_NAME := $(filter-out -,$(word 2,$(EDITION_FACTS)))
LANGS ?= vi,en
BASELINE_YEAR ?=
# The edition the report says what changed since: an earlier edition's .record.json or a git revision of
# $(DATA) (e.g. HEAD~1); empty: the previous edition in $(REPORTS), if any.
SINCE ?=

comma := ,
DATA_FILES := $(wildcard $(DATA)/*.csv $(DATA)/plan.toml)
SRC := $(shell find src/analysis -name '*.py' -o -name '*.typ' -o -name '*.toml') pyproject.toml
NOTEBOOKS := $(wildcard notebooks/*.ipynb)
PDFS := $(foreach l,$(subst $(comma), ,$(LANGS)),$(REPORTS)/$(SHORT_NAME)-report-$(AS_OF)-$(l).pdf)
RECORDS := $(PDFS:.pdf=.ipynb)  # each edition's executed notebook, kept next to its PDF
WORKBOOKS := $(PDFS:.pdf=.xlsx)  # each edition's Excel workbook
EDITION_RECORD := $(REPORTS)/$(SHORT_NAME)-report-$(AS_OF).record.json  # what the next edition compares with
PARAMS := build/.params-$(AS_OF)

.DEFAULT_GOAL := help
.PHONY: help setup validate intake import report slides test check-pythons lab bench bench-tests lock clean distclean FORCE
.PRECIOUS: $(REPORTS)/%.pdf $(REPORTS)/%.ipynb $(REPORTS)/%.xlsx $(PDFS) $(RECORDS) $(WORKBOOKS) $(EDITION_RECORD)  # never let an interrupted make delete the last good report

help: ## Show this list
	@echo "Usage: make <target> [AS_OF=$(or $(AS_OF),year)] [LANGS=vi,en] [BASELINE_YEAR=] [SINCE=] [DATA=data] [REPORTS=reports]"
	@echo "       [PYTHON=python3.12 or a full path: the Python that makes .venv; later runs keep it until PYTHON is given again]"
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  \033[1m%-14s\033[0m %s\n", $$1, $$2}'

setup: $(STAMP) ## Create .venv: pinned packages, the analysis package (editable), the Jupyter kernel

$(STAMP): requirements.lock pyproject.toml $(REMAKE_VENV)
	@echo "[setup] creating $(VENV) with Python $(PY_VERSION) ($(PYTHON))"
	@rm -rf $(VENV)
	@# Fast path: a venv without pip (ensurepip alone takes ~6 s), uv put into it by this Python's own pip
	@# (pip >= 22.3 can install into another environment), then uv installs the lock, pip itself included.
	@# Plain pip in a fresh venv is the fallback when any of that cannot be had or fails.
	@if $(PYTHON) -m venv --without-pip $(VENV) \
		&& $(PYTHON) -m pip --python $(BIN)/python install --quiet uv==$(UV_VERSION) 2>/dev/null \
		&& $(PYTHON) tools/uv_pip_install.py $(BIN)/python -r requirements.lock pip==$(PIP_VERSION) \
		&& $(PYTHON) tools/uv_pip_install.py $(BIN)/python --no-deps -e . ; then \
		echo "[setup] installed requirements.lock with uv $(UV_VERSION)"; \
	else \
		echo "[setup] installing requirements.lock with pip (uv unavailable or failed)"; \
		rm -rf $(VENV) && $(PYTHON) -m venv $(VENV) \
		&& $(BIN)/python -m pip install --quiet --upgrade pip==$(PIP_VERSION) \
		&& $(BIN)/python -m pip install --quiet -r requirements.lock \
		&& $(BIN)/python -m pip install --quiet --no-deps -e . ; \
	fi
	$(BIN)/python -m ipykernel install --sys-prefix --name $(KERNEL) --display-name "Python ($(KERNEL))"
	@touch $@
	@echo "[setup] done"

validate: $(STAMP) ## Check data/*.csv; each problem as file:line: column: message
	$(BIN)/python -m analysis validate --data "$(DATA)"

.PHONY: datalog
datalog: $(STAMP) ## Regenerate the data log in data/README.md from sources.csv (after editing the CSV files by hand)
	$(BIN)/python -m analysis datalog

# In intake/, not build/: `make clean` must never delete a workbook an analyst has filled in.
INTAKE ?= intake/intake-$(shell date +%Y-%m-%d).xlsx
intake: $(STAMP) ## Write the workbook to fill with new figures and sources (INTAKE=file.xlsx, LANG=vi or en; default vi)
	@$(BIN)/python -m analysis intake --data "$(DATA)" --out "$(INTAKE)" --lang "$(if $(filter command line,$(origin LANG)),$(LANG),vi)"

import: $(STAMP) ## Check a filled intake workbook and add its rows to data/ (FILE=the .xlsx); nothing is written on any error
	@# Said in Vietnamese first, then in English (the users are Vietnamese-speaking).
	@test -n "$(FILE)" || { echo "Cần nêu sổ nhập đã điền ở FILE, ví dụ: make import FILE=$(INTAKE)" >&2; \
		echo "FILE: give the filled workbook, e.g. make import FILE=$(INTAKE)" >&2; exit 2; }
	@$(BIN)/python -m analysis import "$(FILE)" --data "$(DATA)"

report: $(PDFS) $(RECORDS) $(WORKBOOKS) $(EDITION_RECORD) ## Build the PDF report(s), workbooks and executed notebooks in reports/ (only when data, code or parameters changed)
	@# build/.report-built is left by the build below when it ran in this make: otherwise nothing was rebuilt
	@if [ -f build/.report-built ]; then rm -f build/.report-built; else \
		echo "Báo cáo vẫn là bản mới nhất: số liệu, chương trình và tham số không thay đổi kể từ lần lập trước, nên không lập lại."; \
		echo "Up to date: no data, code or parameter changed since the last build, so nothing was rebuilt."; fi
	@for f in $(PDFS) $(RECORDS) $(WORKBOOKS) $(EDITION_RECORD); do echo "Report: $$f"; done

$(PARAMS): FORCE
	@mkdir -p build
	@echo "LANGS=$(LANGS) BASELINE_YEAR=$(BASELINE_YEAR) SINCE=$(SINCE)" | cmp -s - $@ || echo "LANGS=$(LANGS) BASELINE_YEAR=$(BASELINE_YEAR) SINCE=$(SINCE)" > $@

$(PDFS) $(RECORDS) $(WORKBOOKS) $(EDITION_RECORD) &: $(STAMP) $(DATA_FILES) $(SRC) $(NOTEBOOKS) $(PARAMS)
	$(BIN)/python -m analysis build --as-of "$(AS_OF)" --lang "$(LANGS)" --baseline-year "$(BASELINE_YEAR)" \
		--since "$(SINCE)" --data "$(DATA)" --reports "$(REPORTS)"
	@touch build/.report-built

slides: $(STAMP) ## PNG charts for slides (about 1,920 px wide, stamped "as of AS_OF") in reports/figures/AS_OF-LANG/
	$(BIN)/python -m analysis slides --as-of "$(AS_OF)" --lang "$(LANGS)" --data "$(DATA)" --reports "$(REPORTS)"

test: $(STAMP) ## Unit tests (tests/) and the notebooks under nbval
	$(BIN)/python -m pytest tests notebooks --nbval-lax --nbval-kernel-name $(KERNEL) -p no:cacheprovider

check-pythons: ## Each supported Python found (3.11-3.13): fresh clone, make report, read-back tests, same bytes
	tools/check_pythons.sh

lab: $(STAMP) ## Open JupyterLab on the project: notebooks/, the executed editions in reports/, scenario charts in build/
	@# Rooted at the project so reports/ and build/ show in the file browser; it opens on notebooks/.
	$(BIN)/jupyter lab --ServerApp.root_dir="$(CURDIR)" --LabApp.default_url=/lab/tree/notebooks \
		$(if $(filter 0,$(shell id -u)),--allow-root)

bench: $(STAMP) ## Print the engine's speed on 10,000 synthetic targets, the report build's, a new user's first run per Python and make test's time (about 10 minutes)
	$(BIN)/python benchmarks/bench_progress.py
	$(BIN)/python benchmarks/bench_build.py
	@echo "First run of a new user (fresh clone, make report, environment included), per Python found:"
	tools/check_pythons.sh --first-run-only
	@echo "make test, timed (the README's test command, once):"
	$(BIN)/python benchmarks/bench_tests.py

bench-tests: $(STAMP) ## Time the README's test command alone (goal: under 4 minutes)
	$(BIN)/python benchmarks/bench_tests.py

lock: ## Re-pin requirements.lock from pyproject.toml (after changing a pin): one lock for Python 3.11-3.13
	rm -rf build/lock-venv
	$(PYTHON) -m venv build/lock-venv
	build/lock-venv/bin/python -m pip install --quiet uv==$(UV_VERSION)
	@# --universal: one file for every supported Python and platform; markers keep version-specific packages.
	build/lock-venv/bin/uv pip compile pyproject.toml --extra dev --universal --no-header --quiet -o requirements.lock
	rm -rf build/lock-venv

clean: ## Remove build/ scratch and the built reports
	rm -rf build reports/*.pdf reports/*.ipynb reports/*.xlsx reports/figures

distclean: clean ## Also remove .venv
	rm -rf $(VENV)
