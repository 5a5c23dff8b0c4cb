# The two commands a new machine needs: `make demo` and `make test`.
VENV ?= .venv

.PHONY: setup demo test bench

setup:
	VENV=$(VENV) scripts/setup.sh

demo: setup
	$(VENV)/bin/certsweep demo

test: setup
	$(VENV)/bin/python -m pytest

bench: setup
	$(VENV)/bin/python -m bench
