"""Build real sites into temporary folders, the way `make site` does, and read the output.

Each build runs `python -m mkdocs build --strict` in a fresh process: the hook modules
and mkdocs-static-i18n's patching must not leak from one build into the next.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import shutil
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "good"
SITE_SOURCES = ("mkdocs.yml", "hooks", "overrides", "editor", "strings")


def hook_module(name: str):
    """`multilingual_site.<name>`, imported as MkDocs loads the hooks: their folder on sys.path
    (only while importing), the package by its absolute name.

    Under mutmut (`make mutants`, which sets MUTANT_UNDER_TEST), the mutated copy under
    mutants/ is imported by the name mutmut gives a module, its path from the project root
    (`hooks.multilingual_site.<name>`): mutmut picks a mutant by the module's name."""
    if "MUTANT_UNDER_TEST" in os.environ:
        return importlib.import_module(f"hooks.multilingual_site.{name}")
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


# A build of the real site takes about a minute on this two-core machine while `make test -n 2`
# runs; a build that has not ended in 4 minutes hangs, and fails its test with what it printed.
BUILD_TIMEOUT = 240


def run_limited(command: list[str], timeout: float = BUILD_TIMEOUT, **options) -> subprocess.CompletedProcess:
    """`subprocess.run(command, capture_output=True, text=True)` with a time limit of its own:
    past it, the command's process group is stopped (SIGTERM, which `make site`'s
    tools/build_site.py passes on to its build, then SIGKILL) and the test fails with the
    output so far, instead of hanging until something else gives up."""
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               start_new_session=True, **options)
    out, err = finish(process, timeout)
    return subprocess.CompletedProcess(command, process.returncode, out, err)


def finish(process: subprocess.Popen, timeout: float = BUILD_TIMEOUT) -> tuple[str, str]:
    """(stdout, stderr) of a started command (text pipes, its own session) once it has ended;
    past `timeout`, the test fails with what it printed so far, and the command is stopped."""
    try:
        return process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        out, err = _stop(process)
        pytest.fail(f"`{' '.join(map(str, process.args))}` did not finish within {timeout} s; its output so far:\n"
                    f"{out}{err or ''}", pytrace=False)


def _stop(process: subprocess.Popen) -> tuple[str, str]:
    """Stop a command's process group and return what it printed."""
    for sig, grace in ((signal.SIGTERM, 10), (signal.SIGKILL, 5)):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            pass
        try:
            return process.communicate(timeout=grace)
        except subprocess.TimeoutExpired as error:  # a descendant outside the group holds the pipes
            partial = error.output, error.stderr
    return tuple((part or b"").decode("utf-8", "replace") if isinstance(part, bytes) else (part or "") for part in partial)


def make_site(project: Path, *args: str, timeout: float = BUILD_TIMEOUT) -> subprocess.CompletedProcess:
    """`make -s site` in `project`, as staff run it (never its npm step: `npm ci` would empty
    the repository's node_modules/ through the project's link to it)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return run_limited(["make", "-s", "-o", "node_modules/.installed", "site", *args], timeout=timeout,
                       cwd=project, env=env)


def edit_file(project: Path, path: str, old: str, new: str) -> None:
    """Replace the first `old` in a project file by `new`; `old` must be there, or a changed
    fixture would make the edit, and the test, silently do nothing."""
    file = project / path
    text = file.read_text(encoding="utf-8")
    assert old in text, f"fixture changed: {old!r} not in {path}"
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def build(project: Path, site: Path | None = None, extra_env: dict | None = None,
          options: tuple[str, ...] = ("--strict",), timeout: float = BUILD_TIMEOUT) -> Build:
    site = site or project.parent / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(extra_env or {})}
    result = run_limited([sys.executable, "-m", "mkdocs", "build", *options, "-f", str(project / "mkdocs.yml"), "-d", str(site)],
                         timeout=timeout, env=env, cwd=project)
    return Build(project, site, result.returncode, result.stdout + result.stderr)
