"""Every package the site's code imports is pinned where a fresh machine installs it from:
a package installed by hand in one environment works there and fails on a clean clone."""

from __future__ import annotations

import ast
import re
import sys
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest

from sitebuild import REPO

OWN = {"multilingual_site", "sitebuild", "pages", "browser", "run_nginx"}  # the project's own modules (run_nginx: deploy/)


def _pins(requirements: str) -> set[str]:
    names = set()
    for line in (REPO / requirements).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line.startswith("-r "):
            names |= _pins(line[3:].strip())
        elif line:
            names.add(re.split(r"[=<>~!\[; ]", line, 1)[0].lower().replace("_", "-"))
    return names


def _imports(folder: str) -> dict[str, str]:
    """Top-level module -> a file importing it, for every Python file under `folder`."""
    found = {}
    for file in sorted((REPO / folder).rglob("*.py")):
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            names = ([alias.name for alias in node.names] if isinstance(node, ast.Import)
                     else [node.module] if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module else [])
            for name in names:
                found.setdefault(name.split(".")[0], str(file.relative_to(REPO)))
    return found


@pytest.mark.parametrize("folder, requirements", [
    ("hooks", "requirements.txt"), ("hooks", "requirements-properdocs.txt"), ("tools", "requirements-test.txt"),
    ("tests", "requirements-test.txt"), ("bench", "requirements-test.txt"),
])
def test_every_imported_package_is_pinned(folder, requirements):
    distributions = packages_distributions()
    pinned = _pins(requirements) | ({"mkdocs"} if requirements == "requirements-properdocs.txt" else set())
    unpinned = []
    for module, where in _imports(folder).items():
        if module in sys.stdlib_module_names or module in OWN or (REPO / folder / f"{module}.py").exists():
            continue
        providers = {name.lower().replace("_", "-") for name in distributions.get(module, [module])}
        if not providers & pinned:
            unpinned.append(f"{where}: {module} ({', '.join(sorted(providers))})")
    assert unpinned == [], f"not pinned in {requirements}"
