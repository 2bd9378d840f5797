# The two commands of a fresh machine: `make demo`, then `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
EVAL   ?= ../shared/eval

.PHONY: demo test lint bench eval fuzz clean install

install: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

## Check the sample newsletter against its stand-in sources and print the editor's report.
## Findings are the point of the demo, so exit 1 (findings) counts as success; 2 (failure) does not.
demo: $(STAMP)
	@$(BIN)/claimledger check examples/newsletter.md --root examples; rc=$$?; test $$rc -le 1

test: $(STAMP)
	$(BIN)/pytest -q

## ruff over everything, then mypy (strict, [tool.mypy] in pyproject.toml) over pipeline/.
lint: $(STAMP)
	$(BIN)/ruff check pipeline tests bench examples
	$(BIN)/mypy

bench: $(STAMP)
	$(PY) bench/run.py

## Score the matcher on the evaluation bundle (read-only: the cache goes to a temporary folder).
eval: $(STAMP)
	@tmp=$$(mktemp -d); \
	$(PYTHON) $(EVAL)/score.py $(EVAL)/dev --run "$(CURDIR)/$(BIN)/claimledger check drafts --root . --format json --offline --no-ledger --cache-dir $$tmp"; \
	rc=$$?; rm -rf $$tmp; exit $$rc

## Coverage-guided fuzzing of the draft reader, bounded (FUZZ_SECONDS, default 60); atheris is
## needed only here, so it is installed on demand rather than with the project.
fuzz: $(STAMP)
	@$(PY) -c "import atheris" 2>/dev/null || $(PY) -m pip install --quiet atheris
	$(PY) tests/fuzz/fuzz_draft.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache .hypothesis
