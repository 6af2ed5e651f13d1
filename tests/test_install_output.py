"""A newcomer's `make site` prints the build's own lines, not the installers' notices: npm
resolves the editor's packages without a peer-dependency conflict, and pip's output goes to
a log that is shown only when an install fails."""

from __future__ import annotations

import os
import shutil
import subprocess

from sitebuild import REPO, make_publishable_project, run_limited


def test_npm_resolves_the_pinned_packages_without_a_warning(tmp_path):
    for name in ("package.json", "package-lock.json"):
        shutil.copy2(REPO / name, tmp_path / name)
    before = (tmp_path / "package-lock.json").read_bytes()
    run = subprocess.run(["npm", "install", "--package-lock-only", "--ignore-scripts", "--no-audit", "--no-fund"],
                         cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-3000:]
    warnings = [line for line in (run.stdout + run.stderr).splitlines() if line.lower().startswith("npm warn")]
    assert warnings == [], f"{len(warnings)} npm warning lines, the first: {warnings[:12]}"
    assert (tmp_path / "package-lock.json").read_bytes() == before, "package-lock.json is out of step with package.json"


def test_make_site_prints_its_install_step_in_one_line_and_the_build(tmp_path):
    project = make_publishable_project(tmp_path)
    # -W: as if requirements.txt were new, so the Python install step runs again (it finds
    # everything installed in the repository's .venv and changes nothing); -o: never the npm
    # step, whose `npm ci` would empty the repository's node_modules/ through the link.
    run = run_limited(["make", "-s", "-W", "requirements.txt", "-o", "node_modules/.installed", "site"],
                      cwd=project, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert run.returncode == 0, run.stdout + run.stderr
    lines = (run.stdout + run.stderr).splitlines()
    assert lines[0] == "Installing the pinned Python packages into .venv/", lines[:5]
    noise = [line for line in lines[1:] if not line.startswith(("INFO", "Site built in"))]
    assert noise == [], noise[:10]
    assert (project / ".cache/install/pip-site.log").is_file(), "pip's output is kept in a log"
