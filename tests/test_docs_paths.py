"""Every file the documentation names exists: the guides (README, ARCHITECTURE, STAFF, bench,
deploy) and the docstrings and comments that point a reader elsewhere. A moved or deleted
module leaves no stale reference behind."""

from __future__ import annotations

import re
import subprocess

from sitebuild import REPO

# Folders of the repository whose files the documentation names (not docs/: the guides name
# example articles there).
FOLDERS = ("hooks", "overrides", "tests", "tools", "bench", "deploy", "editor", "data", "strings", ".github")
# A path into one of them, with a file name: `hooks/multilingual_site/upstream.py`, or a
# module named alone: `content_checks.py`, `test_search.py`.
NAMED_PATH = re.compile(r"(?<![\w./-])((?:" + "|".join(re.escape(f) for f in FOLDERS) + r")/[\w./-]*\w\.\w+)")
NAMED_FILE = re.compile(r"(?<![\w./<>-])([a-z][a-z0-9_]*\.py)\b")
# Not repository files: placeholders, and what a run writes (bench's results).
PLACEHOLDER = re.compile(r"[<>*{}]|\.\.\.|^bench/results/")
# Where the documentation is: the guides, and the docstrings and comments of the code and
# configuration (the tests name invented files on purpose; bench writes its own).
GUIDES = ("README.md", "ARCHITECTURE.md", "STAFF.md", "bench/README.md", "deploy/README.md", "tests/README.md")
DOCUMENTED = ("hooks/", "tools/", "overrides/", "editor/", "deploy/", ".github/", "Makefile", "mkdocs.yml", "pyproject.toml")


def _tracked() -> list[str]:
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=REPO, capture_output=True,
                            text=True, check=True).stdout.splitlines()
    return [name for name in listed if (REPO / name).is_file()]


def _documents(tracked: list[str]) -> list[str]:
    return [name for name in tracked if name in GUIDES or name.startswith(DOCUMENTED)
            and name.endswith((".md", ".py", ".html", ".js", ".yml", ".conf", "Makefile", ".toml"))]


def test_every_file_the_documentation_names_exists():
    tracked = _tracked()
    names = {name.rsplit("/", 1)[-1] for name in tracked}
    missing = []
    for document in _documents(tracked):
        text = (REPO / document).read_text(encoding="utf-8")
        for number, line in enumerate(text.splitlines(), start=1):
            for path in NAMED_PATH.findall(line):
                path = path.rstrip(".")
                if PLACEHOLDER.search(path) or path.endswith(".gz"):
                    continue
                if not (REPO / path).exists():
                    missing.append(f"{document}:{number}: {path}")
            for name in NAMED_FILE.findall(line):
                if name not in names:
                    missing.append(f"{document}:{number}: {name}")
    assert missing == []


def test_architecture_md_stays_a_map():
    """A map, not a copy of the docstrings (issue 26): at most 250 lines."""
    assert len((REPO / "ARCHITECTURE.md").read_text(encoding="utf-8").splitlines()) <= 250
