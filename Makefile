# TĐKT — the commands a newcomer needs: `make run`, `make test`. Everything installs into .venv.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8000
STAMP  := $(VENV)/.installed
# Two workers (the machine has two cores); a file's tests stay on one worker so module fixtures load once.
# `make test PYTEST_ARGS="tests/awards -x"` runs a part serially.
PYTEST_ARGS ?= -n 2 --dist loadfile

.PHONY: install run test test-sqlite test-postgres lint fmt messages browser doctools bench demo clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	@# PyICU (ICU's Vietnamese collation) needs libicu-dev; without it tdkt.vn uses its pure-Python collation.
	@if pkg-config --exists icu-i18n 2>/dev/null; then \
	  $(BIN)/python -m pip install -q -e '.[dev,icu]' || echo "PyICU không cài được: dùng bộ so sánh thuần Python."; \
	else echo "Không có libicu-dev: dùng bộ so sánh tiếng Việt thuần Python."; fi
	touch $(STAMP)

install: $(STAMP) messages

# Compiled catalogues are build products (not committed); GNU gettext's msgfmt builds them.
messages: $(STAMP)
	@if command -v msgfmt >/dev/null; then cd src/tdkt && DJANGO_SETTINGS_MODULE=tdkt.test_settings ../../$(BIN)/tdkt compilemessages -v 0; \
	else echo "Không có msgfmt (gói gettext): giao diện tiếng Anh sẽ hiện tiếng Việt."; fi

run: install
	TDKT_DEBUG=1 $(BIN)/tdkt migrate --noinput -v 0
	TDKT_DEBUG=1 $(BIN)/tdkt demo --if-empty
	@echo "TĐKT: http://127.0.0.1:$(PORT)/"
	@# The background-job worker (batch rendering) runs beside the server and stops with it.
	TDKT_DEBUG=1 $(BIN)/tdkt db_worker --no-reload & WORKER=$$!; trap "kill $$WORKER" EXIT INT TERM; \
	TDKT_DEBUG=1 $(BIN)/tdkt runserver 127.0.0.1:$(PORT)

demo: install
	TDKT_DEBUG=1 $(BIN)/tdkt migrate --noinput -v 0
	TDKT_DEBUG=1 $(BIN)/tdkt demo --reset

# Debian's chromium for the Playwright tests (no browser download); needs root or an already installed chromium.
browser:
	@command -v chromium >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null); \
	  else echo "Cần cài chromium (sudo apt-get install chromium) cho kiểm thử trình duyệt."; exit 1; fi; }

# Debian packages the documents need: fonts-liberation2 (Liberation Serif 2, Times New Roman's metrics with every
# Vietnamese letter, for the PDFs when Times New Roman is absent) and poppler-utils (pdftotext and pdftoppm, with
# which the tests read the PDFs back), and Pango, which WeasyPrint lays text out with. Installed with apt when root;
# otherwise a clear message.
DOC_PACKAGES := fonts-liberation2 poppler-utils libpango-1.0-0 libpangoft2-1.0-0
doctools:
	@if command -v pdftotext >/dev/null && command -v pdftoppm >/dev/null && [ -e /usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf ] \
	   && ldconfig -p | grep -q libpangoft2-1.0; then :; \
	elif [ "$$(id -u)" = 0 ]; then (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(DOC_PACKAGES) >/dev/null); \
	else echo "Cần cài $(DOC_PACKAGES) (sudo apt-get install $(DOC_PACKAGES)) cho văn bản PDF và kiểm thử."; exit 1; fi

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/lint-imports
	$(BIN)/mypy
	DJANGO_SETTINGS_MODULE=tdkt.test_settings $(BIN)/tdkt makemigrations --check --dry-run -v 0

fmt: install
	$(BIN)/ruff check --fix src tests bench
	$(BIN)/ruff format src tests bench

# The whole suite on the database named by TDKT_DATABASE_URL (SQLite when unset).
test: install browser doctools lint
	$(BIN)/pytest $(PYTEST_ARGS)

test-sqlite: install browser doctools
	env -u TDKT_DATABASE_URL $(BIN)/pytest $(PYTEST_ARGS)

test-postgres: install browser doctools
	TDKT_DATABASE_URL=$${TDKT_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test} $(BIN)/pytest $(PYTEST_ARGS)

bench: install doctools
	$(BIN)/python bench/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) var/*.sqlite3* var/static build src/*.egg-info
