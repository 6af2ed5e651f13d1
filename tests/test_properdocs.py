"""The site builds with ProperDocs 1.6.7, the maintained drop-in fork of MkDocs 1.6, as it does
with MkDocs: `make site MKDOCS=properdocs`, from a virtual environment without the mkdocs
package (requirements-properdocs.txt), publishes the same site byte for byte. The way out if
MkDocs stalls (README, "MkDocs or ProperDocs")."""

from __future__ import annotations

import subprocess

from sitebuild import REPO, file_tree, make_publishable_project, make_site

PROPERDOCS_PYTHON = REPO / ".venv-properdocs" / "bin" / "python"


def test_properdocs_runs_without_the_mkdocs_package():
    found = subprocess.run([str(PROPERDOCS_PYTHON), "-c", "import importlib.util, sys; "
                            "sys.exit(importlib.util.find_spec('mkdocs') is not None)"])
    assert found.returncode == 0, "the mkdocs package is installed beside ProperDocs"
    version = subprocess.run([str(PROPERDOCS_PYTHON), "-m", "properdocs", "--version"], capture_output=True, text=True)
    assert "1.6.7" in version.stdout


def test_make_site_with_properdocs_publishes_the_real_site_byte_for_byte_as_with_mkdocs(tmp_path, monkeypatch):
    monkeypatch.setenv("SITE_BUILD_DATE", "2025-06-01")
    sites = {}
    for engine in ("mkdocs", "properdocs"):
        project = make_publishable_project(tmp_path / engine, content_from=REPO)
        planned = subprocess.run(["make", "-n", "-o", "node_modules/.installed", "site", f"MKDOCS={engine}"],
                                 cwd=project, capture_output=True, text=True).stdout
        venv = ".venv-properdocs" if engine == "properdocs" else ".venv"
        assert f"{venv}/bin/python tools/build_site.py --engine {engine}" in planned, planned
        run = make_site(project, f"MKDOCS={engine}")
        assert run.returncode == 0 and "Traceback" not in run.stderr, run.stdout + run.stderr
        sites[engine] = file_tree(project / "site")
    assert sorted(sites["mkdocs"]) == sorted(sites["properdocs"])
    assert [name for name in sites["mkdocs"] if sites["mkdocs"][name] != sites["properdocs"][name]] == []
