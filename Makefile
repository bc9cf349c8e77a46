# TĐKT — the commands a newcomer needs: `make run`, `make test`. Everything installs into .venv.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8000
STAMP  := $(VENV)/.installed

.PHONY: install run test test-sqlite test-postgres lint fmt messages browser bench demo clean

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
	TDKT_DEBUG=1 $(BIN)/tdkt runserver 127.0.0.1:$(PORT)

demo: install
	TDKT_DEBUG=1 $(BIN)/tdkt migrate --noinput -v 0
	TDKT_DEBUG=1 $(BIN)/tdkt demo --reset

# Debian's chromium for the Playwright tests (no browser download); needs root or an already installed chromium.
browser:
	@command -v chromium >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null); \
	  else echo "Cần cài chromium (sudo apt-get install chromium) cho kiểm thử trình duyệt."; exit 1; fi; }

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
test: install browser lint
	$(BIN)/pytest $(PYTEST_ARGS)

test-sqlite: install browser
	env -u TDKT_DATABASE_URL $(BIN)/pytest $(PYTEST_ARGS)

test-postgres: install browser
	TDKT_DATABASE_URL=$${TDKT_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test} $(BIN)/pytest $(PYTEST_ARGS)

bench: install
	$(BIN)/python bench/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) var/*.sqlite3* var/static build src/*.egg-info
