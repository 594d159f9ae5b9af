# Two entry points on a fresh machine (each installs what it needs into .venv):
#   make course   build exercises/ and solutions/ from source/, then grade the bundled
#                 sample class with nbgrader (the main job)
#   make test     the project's test-suite (what CI runs)
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: install sandbox backends course test test-fast lint check release

# the grading sandbox (bubblewrap, from Debian); grading refuses to run without it
sandbox:
	@command -v bwrap >/dev/null 2>&1 || { command -v apt-get >/dev/null 2>&1 && \
	  { apt-get install -y -q bubblewrap >/dev/null 2>&1 || \
	    { apt-get update -q && apt-get install -y -q bubblewrap; }; }; } || \
	  echo "warning: could not install bubblewrap; grading will refuse to run without --no-sandbox"

$(VENV)/.installed: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements.txt
	$(PY) -m pip install -q --no-deps -e .
	touch $@

install: $(VENV)/.installed sandbox

course: install
	$(PY) -m autograder build
	$(PY) -m autograder demo --jobs 2

# the other Keras backends (jax, torch CPU) for tests/test_backends.py
# (best effort: a machine whose registry or wheel cache lacks them skips those tests, saying so)
$(VENV)/.backends: $(VENV)/.installed requirements-backends.txt
	for backend in jax torch; do \
	  $(PY) -m pip install -q $$(grep -E "^$$backend(lib)?==" requirements-backends.txt | cut -d' ' -f1) || \
	  echo "warning: could not install $$backend; tests/test_backends.py will skip it"; done
	touch $@

backends: $(VENV)/.backends

# lint, then the whole suite (CI)
test: install backends lint
	$(PY) -m pytest

# the inner loop: no notebook kernels, no nbgrader runs (about a minute)
test-fast: install lint
	$(PY) -m pytest -m "not kernels"

lint: install
	$(PY) -m ruff check .

# one zip per assignment of exercises/ for Colab and LMS upload, in build/release/
release: install
	$(PY) -m autograder release

check: install
	$(PY) -m autograder build --check
	$(PY) -m autograder contract --check
