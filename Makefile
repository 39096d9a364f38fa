# newskg: two commands do all the set-up.
#   make demo   create .venv, install the pinned dependencies, build seeds/ into output/
#   make test   the same set-up, then lint, types and the whole test suite
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.lock requirements-dev.lock pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: demo test test-fast lint eval fuzz bench bench-scaling bench-long-article bench-sparql clean
CHROMIUM := /usr/bin/chromium
SECONDS_TO_FUZZ ?= 60

$(STAMP): requirements.lock requirements-dev.lock pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r requirements.lock -r requirements-dev.lock
	$(BIN)/python -m pip check
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	@rm -f $(VENV)/.installed-*
	@touch $@

# Debian's Chromium, for the browser tests and the demo's screenshot (the test set-up installs it).
$(CHROMIUM):
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium

demo: $(STAMP) $(CHROMIUM)
	$(BIN)/newskg build seeds/ --out output/
	$(CHROMIUM) --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
		--no-first-run --user-data-dir="$$(mktemp -d)" --window-size=1400,900 --virtual-time-budget=8000 \
		--screenshot=output/graph.png "file://$(CURDIR)/output/graph.html" 2>/dev/null
	@echo
	@echo "Built output/ from seeds/:"
	@echo "  output/graph.html     the interactive graph page: open it in a browser (a picture: output/graph.png)"
	@echo "  output/timeline.html  the dated events in order, linked to the graph page"
	@echo "  output/report.html    what was built: entities, figures, conflicts, SHACL result (also report.json)"
	@echo "  output/graph.trig     one named graph per article (also graph.ttl, graph.jsonld, graph.graphml)"
	@echo "Try: $(BIN)/newskg query output/ -f queries/who-said-what.rq"

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks fuzz
	$(BIN)/ruff format --check src tests benchmarks fuzz
	$(BIN)/mypy

test: lint $(CHROMIUM)
	$(BIN)/pytest

# The tests not marked slow (no whole builds of long or many articles, no browser, no servers under load):
# under a minute, for the edit-test loop. `make test` runs everything.
test-fast: $(STAMP)
	$(BIN)/pytest -m "not slow" -q

eval: $(STAMP)
	$(BIN)/newskg eval ../shared/gold/*.json

fuzz: $(STAMP)
	$(BIN)/python fuzz/fuzz_build.py --seconds $(SECONDS_TO_FUZZ)

bench: $(STAMP) $(CHROMIUM)
	$(BIN)/python benchmarks/bench_build.py
	$(BIN)/python benchmarks/bench_profile.py
	$(BIN)/python benchmarks/bench_page.py
	$(BIN)/python benchmarks/bench_throughput.py
	$(BIN)/python benchmarks/bench_incremental.py
	$(BIN)/python benchmarks/bench_cache.py

# Build time and peak memory for growing synthetic corpora (50,000 articles take over an hour on two cores).
COUNTS ?= 1000 10000 50000
bench-scaling: $(STAMP)
	$(BIN)/python benchmarks/bench_scaling.py $(COUNTS)

# Build time and peak memory for one article of growing length, in megabytes.
MEGABYTES ?= 0.001 0.5 1 2
bench-long-article: $(STAMP)
	$(BIN)/python benchmarks/bench_long_article.py $(MEGABYTES)

# A graph of about a million statements from 3,000 synthetic articles, then SPARQL and serving on it.
bench-sparql: $(STAMP)
	mkdir -p output/bench
	$(BIN)/python benchmarks/corpus.py 3000 output/bench/corpus.jsonl
	$(BIN)/newskg build output/bench/corpus.jsonl --out output/bench/build --quiet
	$(BIN)/python benchmarks/bench_sparql.py output/bench/build/graph.trig

clean:
	rm -rf $(VENV) output .pytest_cache .mypy_cache .ruff_cache
