"""`make site` publishes site/ atomically: a reader only ever sees the old site or the new
one, whatever happens to the build (tools/build_site.py)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time

import pytest

from sitebuild import edit_file, finish, make_publishable_project, make_site, run_limited

# `make site` as staff run it, but never its npm step (as sitebuild.make_site): `npm ci` would
# empty the repository's node_modules/ through the project's link to it.
MAKE_SITE = ["make", "-s", "-o", "node_modules/.installed", "site"]


def _published(project, text="the published site"):
    (project / "site").mkdir()
    (project / "site/index.html").write_text(text, encoding="utf-8")


def _leftovers(project):
    return sorted(p.name for p in project.glob(".site.build-*"))


def test_a_content_error_leaves_site_untouched_and_make_exits_2(tmp_path):
    project = make_publishable_project(tmp_path)
    _published(project)
    edit_file(project, "data/coe.yml", "host: kunming", "host: atlantis")
    run = make_site(project)
    assert run.returncode == 2, run.stdout + run.stderr  # make's own code for a failed recipe
    assert "data/coe.yml:4: host: unknown member id 'atlantis'" in run.stdout + run.stderr
    assert (project / "site/index.html").read_text(encoding="utf-8") == "the published site"
    assert _leftovers(project) == []
    tool = run_limited([sys.executable, "tools/build_site.py"], cwd=project)
    assert tool.returncode == 1  # the build command's own code, as ARCHITECTURE.md says


def test_a_failure_after_pages_are_written_leaves_site_untouched(tmp_path):
    """A template error in a view stops the build in the middle of writing pages."""
    project = make_publishable_project(tmp_path)
    _published(project)
    edit_file(project, "overrides/partials/views/offices.html", "{{ body }}", "{{ body }}{{ no_such_value.x }}")
    run = make_site(project)
    assert run.returncode == 2
    assert "no_such_value" in run.stdout + run.stderr
    assert (project / "site/index.html").read_text(encoding="utf-8") == "the published site"
    assert sorted(p.name for p in (project / "site").iterdir()) == ["index.html"]
    assert _leftovers(project) == []


def test_a_good_build_replaces_the_whole_site_and_leaves_nothing_behind(tmp_path):
    project = make_publishable_project(tmp_path)
    _published(project)
    (project / "site/stale.html").write_text("from an older build", encoding="utf-8")
    run = make_site(project)
    assert run.returncode == 0, run.stdout + run.stderr
    assert (project / "site/en/index.html").is_file()
    assert not (project / "site/stale.html").exists()
    assert "the published site" not in (project / "site/index.html").read_text(encoding="utf-8")
    assert _leftovers(project) == []


def test_two_builds_started_together_publish_one_complete_site_after_the_other(tmp_path):
    project = make_publishable_project(tmp_path)
    run = make_site(project)
    assert run.returncode == 0
    seen_missing = []
    stop = threading.Event()

    def reader():  # a web server reading site/ all along
        while not stop.is_set():
            if not (project / "site/index.html").is_file() or not (project / "site/en/index.html").is_file():
                seen_missing.append(time.monotonic())

    watcher = threading.Thread(target=reader, daemon=True)
    watcher.start()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    builds = [subprocess.Popen(MAKE_SITE, cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True, env=env, start_new_session=True) for _ in range(2)]
    outputs = [finish(b)[0] for b in builds]
    stop.set()
    watcher.join()
    assert [b.returncode for b in builds] == [0, 0], outputs
    assert any("Another build of this site is running; waiting" in out for out in outputs), outputs
    assert seen_missing == [], "a reader found site/ incomplete"
    assert _leftovers(project) == []


def _start_build(project, *command):
    return subprocess.Popen(list(command) or MAKE_SITE, cwd=project, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
                            start_new_session=True)


def _until_writing(project, build):
    """Wait until the build writes its pages into its own folder."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not any((p / "assets").exists() for p in project.glob(".site.build-*")):
        assert build.poll() is None, build.communicate()[0]
        time.sleep(0.05)
    assert _leftovers(project), "the build never started writing"


def test_a_second_build_started_while_one_writes_waits_and_both_publish(tmp_path):
    """Staff run `make site` again while a build is writing: the second waits for the lock
    before it touches anything (it would otherwise remove the first one's folder as stale)."""
    project = make_publishable_project(tmp_path)
    first = _start_build(project)
    _until_writing(project, first)
    second = _start_build(project)
    outputs = [finish(first)[0], finish(second)[0]]
    assert [first.returncode, second.returncode] == [0, 0], outputs
    assert "Another build of this site is running; waiting" in outputs[1]
    assert all("Site built in site/" in output for output in outputs), outputs
    assert (project / "site/index.html").is_file() and (project / "site/en/index.html").is_file()
    assert _leftovers(project) == []


def test_the_folder_of_a_build_killed_outright_is_removed_by_the_next_build(tmp_path):
    """A build killed with SIGKILL (or a machine that lost power) runs no cleanup: its
    unfinished folder stays beside site/ until the next build removes it."""
    project = make_publishable_project(tmp_path)
    _published(project)
    build = _start_build(project, sys.executable, "tools/build_site.py")
    _until_writing(project, build)
    build.kill()  # tools/build_site.py first, so that it cannot clean up after its build
    build.communicate()
    for pid in subprocess.run(["pgrep", "-f", str(project / "mkdocs.yml")], capture_output=True, text=True).stdout.split():
        os.kill(int(pid), signal.SIGKILL)  # then the build (its language passes die with it)
    stale = _leftovers(project)
    assert stale, "the killed build left no folder: nothing to test"
    run = make_site(project)
    assert run.returncode == 0, run.stdout + run.stderr
    assert _leftovers(project) == [], f"{stale} left behind"
    assert (project / "site/en/index.html").is_file()


def test_an_interrupted_build_leaves_site_untouched_and_no_process_behind(tmp_path):
    project = make_publishable_project(tmp_path)
    _published(project)
    build = subprocess.Popen([sys.executable, "tools/build_site.py"], cwd=project, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
                             start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not any((p / "assets").exists() for p in project.glob(".site.build-*")):
        time.sleep(0.05)  # until the build writes its output
    assert _leftovers(project), "the build never started writing"
    build.send_signal(signal.SIGINT)  # Ctrl-C
    output = finish(build, timeout=120)[0]
    assert build.returncode == 130, output
    assert (project / "site/index.html").read_text(encoding="utf-8") == "the published site"
    assert _leftovers(project) == []
    left = subprocess.run(["pgrep", "-f", str(project / "mkdocs.yml")], capture_output=True, text=True).stdout
    assert left.strip() == "", "a build process outlived the interruption"


def test_a_site_that_cannot_be_removed_is_still_replaced_whole(tmp_path):
    project = make_publishable_project(tmp_path)
    _published(project)
    stuck = project / "site/stuck.html"
    stuck.write_text("immutable", encoding="utf-8")
    if subprocess.run(["chattr", "+i", str(stuck)], capture_output=True).returncode != 0:
        pytest.skip("chattr +i is not available on this file system")
    try:
        run = make_site(project)
        assert run.returncode == 0, run.stdout + run.stderr
        assert "could not remove" in run.stderr
        assert (project / "site/en/index.html").is_file() and not (project / "site/stuck.html").exists()
    finally:
        for file in project.glob(".site.build-*/stuck.html"):
            subprocess.run(["chattr", "-i", str(file)])
        shutil.rmtree(project, ignore_errors=True)
