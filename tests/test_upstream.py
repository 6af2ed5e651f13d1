"""What the build borrows from the insides of MkDocs, Material and mkdocs-static-i18n lives in
one module (hooks/multilingual_site/upstream.py), checked before anything is written: an
upgrade that changes a borrowed piece stops the build with one message naming the package,
its version and what changed, never a traceback, never a silent stale page."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

from sitebuild import REPO, hook_module, make_project, run_limited

upstream = hook_module("upstream")

SITE_PACKAGES = Path(upstream.MATERIAL_TEMPLATES).parents[1]


def test_the_installed_packages_are_the_ones_the_site_was_written_for():
    assert upstream.problems() == []


def _venv_copy(root: Path) -> Path:
    """A copy of the virtual environment: every file linked, Material's package copied for real."""
    venv = root / "venv"
    subprocess.run(["cp", "-as", str(REPO / ".venv"), str(venv)], check=True)
    material = venv / SITE_PACKAGES.relative_to(REPO / ".venv") / "material"
    shutil.rmtree(material)
    shutil.copytree(SITE_PACKAGES / "material", material)
    return venv


def test_an_upgraded_material_stops_the_build_before_anything_is_written(tmp_path):
    """The upgrade drill: as a new release of Material would, its bundle gets another name
    and a line our build patches changes. The build stops, with one message."""
    venv = _venv_copy(tmp_path)
    templates = venv / SITE_PACKAGES.relative_to(REPO / ".venv") / "material" / "templates"
    (bundle,) = templates.glob("assets/javascripts/bundle.*.min.js")
    bundle.rename(bundle.with_name("bundle.0123abcd.min.js"))
    base = templates / "base.html"
    text = base.read_text(encoding="utf-8")
    assert 'id="__drawer" autocomplete="off">' in text
    base.write_text(text.replace('id="__drawer" autocomplete="off">', 'id="__drawer" autocomplete="off" hidden>'),
                    encoding="utf-8")
    project = make_project(tmp_path)
    site = tmp_path / "site"
    run = run_limited([str(venv / "bin" / "python"), "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"),
                       "-d", str(site)], env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, cwd=project)
    output = run.stdout + run.stderr
    assert run.returncode != 0 and "Traceback" not in output, output
    assert output.count("This site's build relies on insides of other packages, and they changed") == 1, output
    # Found by pattern, the bundle's new name alone would be no problem; a base.html that
    # does not load it is.
    assert "mkdocs-material 9.8.1: templates/base.html no longer has ''assets/javascripts/bundle.0123abcd.min.js''" in output
    assert "mkdocs-material 9.8.1: templates/base.html no longer has 'id=\"__drawer\" autocomplete=\"off\">'" in output
    assert "mkdocs-material 9.8.1: base.html changed: overrides/main.html was copied from its earlier version" in output
    assert not site.exists() or not any(site.iterdir()), "nothing is written"
    assert not (project / ".cache").exists(), "nothing is staged either"


# Private names of MkDocs, Material and mkdocs-static-i18n, and Material's hashed asset names.
BORROWED = re.compile(
    r"[0-9a-f]{8}\.min\.(?:js|css)\b"  # a hashed asset name (Material renames them every release)
    r"|_build_theme_template|mkdocs\.commands\.build|\.building\b|current_language|i18n_files_per_language"
    r"|extra_alternate|search_entries|\bcopy_file\b|material\.plugins|mkdocs_static_i18n|plugins\[\"i18n\"\]"
    r"|getLogger\(\"mkdocs\"\)|\.search_index\b|\bjieba\s*="
)


def test_no_private_name_of_another_package_lives_outside_the_one_module():
    places = [REPO / "mkdocs.yml", REPO / "Makefile"]
    for folder in ("hooks", "overrides", "tools", "bench", "editor", "deploy"):
        places += [p for p in (REPO / folder).rglob("*") if p.is_file() and p.suffix in (".py", ".html", ".js", ".xml", ".yml", ".conf")]
    found = []
    for path in places:
        if path == REPO / "hooks/multilingual_site/upstream.py":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if BORROWED.search(re.sub(r"\bupstream\.\w+", "", line)):  # reaching through the one module is fine
                found.append(f"{path.relative_to(REPO)}:{number}: {line.strip()}")
    assert found == []


def test_the_check_names_an_unknown_version(monkeypatch):
    monkeypatch.setitem(upstream.WRITTEN_FOR, "mkdocs-static-i18n", "1.3.2")
    assert ("mkdocs-static-i18n 1.3.1", "this site was written for mkdocs-static-i18n 1.3.2") in upstream.problems()
