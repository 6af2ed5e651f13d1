"""Build real sites into temporary folders, the way `make site` does, and read the output.

Each build runs `python -m mkdocs build --strict` in a fresh process: the hook modules
and mkdocs-static-i18n's patching must not leak from one build into the next.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "good"
SITE_SOURCES = ("mkdocs.yml", "hooks", "overrides", "editor", "strings")


def hook_module(name: str):
    """`multilingual_site.<name>`, imported as MkDocs loads the hooks: their folder on sys.path
    (only while importing), the package by its absolute name."""
    sys.path.insert(0, str(REPO / "hooks"))
    try:
        return importlib.import_module(f"multilingual_site.{name}")
    finally:
        sys.path.remove(str(REPO / "hooks"))


def bench_module(name: str):
    """`bench/<name>.py`, loaded from its file (bench/ is not a package)."""
    spec = importlib.util.spec_from_file_location(f"bench_{name}", REPO / "bench" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def file_tree(root: Path) -> dict[str, bytes]:
    """Every file under `root`, by its path relative to it, with its bytes: two builds compared."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@dataclass
class Build:
    project: Path
    site: Path
    returncode: int
    output: str

    def page(self, url_path: str) -> str:
        """HTML of the page at a site path such as 'en/members/kunming/'."""
        return (self.site / url_path / "index.html").read_text(encoding="utf-8")


def make_project(tmp: Path, content_from: Path = FIXTURE) -> Path:
    """A project folder: the repo's config, hooks, templates and editor + docs/ and data/ from
    `content_from`, with the repo's node_modules/ linked in."""
    project = tmp / "project"
    project.mkdir(parents=True)
    for name in SITE_SOURCES:
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, project / name)
    for name in ("docs", "data"):
        shutil.copytree(content_from / name, project / name)
    # The npm packages the build copies into /admin/ (and decap-server), as in a checkout.
    (project / "node_modules").symlink_to(REPO / "node_modules", target_is_directory=True)
    return project


def make_publishable_project(tmp: Path, content_from: Path = FIXTURE) -> Path:
    """A project that `make site` can build: also the Makefile, tools/ and the repo's .venv
    (and the npm manifests, older than the linked node_modules/.installed, as after `npm ci`)."""
    project = make_project(tmp, content_from)
    for name in ("Makefile", "requirements.txt", "requirements-test.txt", "requirements-properdocs.txt",
                 "package.json", "package-lock.json"):
        shutil.copy2(REPO / name, project / name)
    shutil.copytree(REPO / "tools", project / "tools")
    for venv in (".venv", ".venv-properdocs"):  # the second for `make site MKDOCS=properdocs`
        if (REPO / venv).is_dir():
            (project / venv).symlink_to(REPO / venv)
    return project


def make_site(project: Path, *args: str, timeout: int = 600) -> subprocess.CompletedProcess:
    """`make -s site` in `project`, as staff run it (never its npm step: `npm ci` would empty
    the repository's node_modules/ through the project's link to it)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(["make", "-s", "-o", "node_modules/.installed", "site", *args], cwd=project,
                          capture_output=True, text=True,
                          timeout=timeout, env=env)


def edit_file(project: Path, path: str, old: str, new: str) -> None:
    """Replace the first `old` in a project file by `new`; `old` must be there, or a changed
    fixture would make the edit, and the test, silently do nothing."""
    file = project / path
    text = file.read_text(encoding="utf-8")
    assert old in text, f"fixture changed: {old!r} not in {path}"
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def build(project: Path, site: Path | None = None, extra_env: dict | None = None,
          options: tuple[str, ...] = ("--strict",)) -> Build:
    site = site or project.parent / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(extra_env or {})}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", *options, "-f", str(project / "mkdocs.yml"), "-d", str(site)],
        capture_output=True, text=True, env=env, cwd=project, timeout=600,
    )
    return Build(project, site, result.returncode, result.stdout + result.stderr)
