# The README's two commands: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/cgtask check
	$(BIN)/cgtask list --dept 监督科

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

# In parallel on every core; each test file stays on one worker so a module's fixtures (a LibreOffice
# conversion, a built site) are made once. `make test PYTEST_WORKERS=0` runs in one process.
PYTEST_WORKERS ?= auto
test: $(STAMP) lint
	$(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadfile

# Each benchmark reports its ratio or budget; one that misses does not stop the others. Each verdict is
# also appended to BENCH_RESULTS, and the last step prints them all in one table with ✓ or ✗.
BENCH_RESULTS ?= .bench-results.jsonl
bench: export CGTASK_BENCH_RESULTS = $(abspath $(BENCH_RESULTS))
bench: $(STAMP)
	rm -f $(BENCH_RESULTS)
	-$(BIN)/python bench/budgets.py
	-$(BIN)/python bench/run.py
	-$(BIN)/python bench/due_bench.py
	-$(BIN)/python bench/board_bench.py
	-$(BIN)/python bench/site_bench.py
	-$(BIN)/python bench/forms_bench.py
	-$(BIN)/python bench/render_bench.py
	-$(BIN)/python bench/safety_bench.py
	-$(BIN)/python bench/ledger_bench.py
	-$(BIN)/python bench/city_bench.py
	-$(BIN)/python bench/cold_bench.py
	$(BIN)/python bench/results.py $(BENCH_RESULTS)

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
