# eventwire: `make run` (the main job on the bundled corpus) and `make test` (the whole suite).
# Everything installs into .venv/ from pyproject.toml pinned by constraints.txt.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
SHARED ?= ../shared
STAMP := $(VENV)/.installed

.PHONY: run test test-unit eval bench airflow clean-data help venv

help:  ## list the targets
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | sed 's/:.*##/\t/'

$(STAMP): pyproject.toml constraints.txt
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "need $(PYTHON) (set PYTHON=...)"; exit 2; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -c constraints.txt -e '.[test]'
	$(BIN)/pip check
	touch $(STAMP)

venv: $(STAMP)  ## create .venv and install the project

run: $(STAMP)  ## the main job: bundled corpus -> Airflow DAG (dag.test) -> embedded Postgres; prints what landed
	$(BIN)/eventwire run

test: $(STAMP)  ## the whole test suite (unit, integration, dags, e2e)
	$(BIN)/python -m pytest tests

test-unit: $(STAMP)
	$(BIN)/python -m pytest tests/unit

airflow: $(STAMP)  ## Airflow UI + scheduler on the embedded Postgres, DAG and "eventwire health" page, until Ctrl-C (AIRFLOW_ARGS="--port 8081 --no-wire")
	$(BIN)/python -m tools.stack $(AIRFLOW_ARGS)

eval: $(STAMP)  ## score against ../shared: seeds, world-dev (also with its towns swapped), snippets, text extraction
	$(BIN)/python -m tools.evaluate --shared $(SHARED)

bench: $(STAMP)  ## throughput and memory on the ../shared corpora; results go to docs/benchmarks.md
	$(BIN)/python -m tools.benchmark --shared $(SHARED)

clean-data:  ## stop the embedded Postgres and delete .data/ (refuses while a server still runs on it)
	@if [ -x $(BIN)/eventwire ]; then $(BIN)/eventwire db stop || { echo "clean-data: PostgreSQL under .data/pg did not stop; .data/ kept"; exit 1; }; \
	elif [ -f .data/pg/postmaster.pid ] && kill -0 "$$(head -1 .data/pg/postmaster.pid)" 2>/dev/null; then \
	  echo "clean-data: PostgreSQL (pid $$(head -1 .data/pg/postmaster.pid)) still runs on .data/pg; stop it first"; exit 1; fi
	rm -rf .data
