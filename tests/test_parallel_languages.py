"""The languages built at the same time, each pass in its own process
(hooks/multilingual_site/parallel.py): the same bytes as the sequential build, failures that
stop everything before a page is written, and no process left behind."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import BUILD_DATE
from sitebuild import REPO, build, edit_file, file_tree, make_project


def _processes_of(project: Path) -> str:
    return subprocess.run(["pgrep", "-af", str(project)], capture_output=True, text=True).stdout.strip()


@pytest.mark.parametrize("content", ["real", "news fixture"])
def test_the_parallel_build_is_byte_for_byte_the_sequential_build(tmp_path, content, news_site):
    project = make_project(tmp_path, content_from=REPO) if content == "real" else news_site.project
    env = {"SITE_BUILD_DATE": BUILD_DATE}
    parallel = build(project, site=tmp_path / "parallel", extra_env=env)
    sequential = build(project, site=tmp_path / "sequential", extra_env={**env, "SITE_PARALLEL": "0"})
    assert parallel.returncode == 0 and sequential.returncode == 0, parallel.output + sequential.output
    assert "/parallel.en-" in parallel.output  # the English pass ran in a process of its own
    assert "/parallel.en-" not in sequential.output
    one, other = file_tree(parallel.site), file_tree(sequential.site)
    assert sorted(one) == sorted(other)
    assert [name for name in one if one[name] != other[name]] == []
    assert len([n for n in one if n.endswith(".gz")]) > 20  # the precompressed copies too
    assert parallel.output.count("Documentation built in") == 1
    assert not list(tmp_path.glob("parallel.*")), "a child's folder was left behind"


# A failed pass stops the whole build in seconds: past this, a process is waiting for another
# that will never answer, and the test fails with the build's output instead of hanging.
FAILING_BUILD_TIMEOUT = 120


def test_a_content_problem_in_one_language_stops_every_pass_before_a_page_is_written(tmp_path):
    project = make_project(tmp_path)
    edit_file(project, "docs/offices.en.md", "---\n\n", '---\n\n<p onmouseover="steal()">Hi</p>\n\n')
    result = build(project, timeout=FAILING_BUILD_TIMEOUT)
    assert result.returncode != 0 and "Traceback" not in result.output
    line = "docs/offices.en.md:6: the event-handler attribute onmouseover= on <p> is not allowed"
    assert result.output.count(line) == 1, result.output  # reported once, by the English pass
    assert not list(result.site.rglob("*.html")), "no page of any language may be written"
    assert not list(tmp_path.glob("site.*")) and _processes_of(project) == ""


def test_a_content_problem_in_the_default_language_stops_the_other_languages_process(tmp_path):
    """The English process waits for the Chinese pass at the barrier: the Chinese pass's
    failure must release it, or the build would never end."""
    project = make_project(tmp_path)
    edit_file(project, "docs/offices.zh.md", "---\n\n", '---\n\n<p onmouseover="steal()">Hi</p>\n\n')
    result = build(project, timeout=FAILING_BUILD_TIMEOUT)
    assert result.returncode != 0 and "Traceback" not in result.output
    line = "docs/offices.zh.md:6: the event-handler attribute onmouseover= on <p> is not allowed"
    assert result.output.count(line) == 1, result.output
    assert not list(result.site.rglob("*.html")), "no page of any language may be written"
    assert not list(tmp_path.glob("site.*")) and _processes_of(project) == ""


def test_a_failure_in_one_languages_pass_fails_the_build_and_leaves_nothing_running(tmp_path):
    project = make_project(tmp_path)
    # A template error that only English member profiles meet, while their pages are written.
    edit_file(project, "overrides/partials/views/member.html", "{{ body }}",
              '{{ body }}{% if lang == "en" %}{{ no_such_value.field }}{% endif %}')
    result = build(project, timeout=FAILING_BUILD_TIMEOUT)
    assert result.returncode != 0
    assert "no_such_value" in result.output
    assert not list(tmp_path.glob("site.*")), "the English pass's folder must be removed"
    assert _processes_of(project) == ""


def test_a_killed_build_takes_its_language_processes_with_it(tmp_path):
    project = make_project(tmp_path, content_from=REPO)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    build_process = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "-f", str(project / "mkdocs.yml"),
                                      "-d", str(tmp_path / "site")], cwd=project, env=env,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not list(tmp_path.glob("site.en-*")):
        time.sleep(0.05)  # until the English pass has started
    assert list(tmp_path.glob("site.en-*")), "the English pass never started"
    build_process.send_signal(signal.SIGKILL)
    build_process.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and _processes_of(project):
        time.sleep(0.1)
    assert _processes_of(project) == ""


def test_every_other_language_gets_a_process_of_its_own_at_the_same_time(tmp_path):
    """The mechanism with three languages: the passes overlap instead of queueing."""
    script = f"""
import json, pathlib, sys, time
from types import SimpleNamespace
sys.path.insert(0, {str(REPO / "hooks")!r})
from multilingual_site import build_context, parallel
build_context.start("build", dirty=False)
i18n = SimpleNamespace(current_language="zh", building=False, search_entries=[], i18n_files_per_language={{}})
config = SimpleNamespace(plugins={{"i18n": i18n}}, site_dir={str(tmp_path / "site")!r})

def one_second_pass(config, dirty=False):  # stands for MkDocs' build() of one language
    started = time.monotonic()
    (pathlib.Path(config.site_dir) / config.plugins["i18n"].current_language).mkdir(parents=True)
    time.sleep(1.0)
    config.plugins["i18n"].search_entries.append({{"started": started, "ended": time.monotonic()}})

start = time.monotonic()
parallel.start(config, ["en", "fr", "ja"], one_second_pass)
for lang in ["en", "fr", "ja"]:
    parallel.collect(lang, config)
print(json.dumps({{"elapsed": time.monotonic() - start, "entries": i18n.search_entries}}))
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome["elapsed"] < 2.5, outcome  # three one-second passes, at once
    starts = [e["started"] for e in outcome["entries"]]
    ends = [e["ended"] for e in outcome["entries"]]
    assert max(starts) < min(ends)  # every pass had started before the first one ended
    assert sorted(p.name for p in (tmp_path / "site").iterdir()) == ["en", "fr", "ja"]
