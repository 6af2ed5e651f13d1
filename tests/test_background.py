"""Background processes (hooks/multilingual_site/background.py): results come back in order, a failure in a
child reaches the build as its own message, and nothing is left running or unreported.

These run real forked processes; the builds that use them are compared byte for byte with
inline builds in tests/test_multilingual_site.py.
"""

from __future__ import annotations

import os
import sys

import pytest
from mkdocs.exceptions import PluginError

from sitebuild import REPO, hook_module

background = hook_module("background")
build_context = hook_module("build_context")


@pytest.fixture
def enabled(monkeypatch):
    monkeypatch.delenv("SITE_BACKGROUND_WORK", raising=False)
    build_context.start("build", dirty=False)
    yield
    background.stop_all()
    build_context.start("serve", dirty=True)


def test_results_come_back_in_the_order_they_were_sent_across_batches(enabled):
    def work(send):
        for number in range(1000):
            send({"page": number})
    job = background.Job("numbers", work)
    assert [result["page"] for result in job.results()] == list(range(1000))


def test_a_failure_in_the_child_is_raised_with_its_own_message(enabled):
    def work(send):
        send("first")
        raise PluginError("docs/x.en.md: view: unknown view 'nope'")
    job = background.Job("views", work)
    results = job.results()
    assert next(results) == "first"
    with pytest.raises(PluginError, match=r"docs/x\.en\.md: view: unknown view 'nope'"):
        next(results)


def test_a_child_that_dies_is_reported_not_taken_for_finished(enabled):
    job = background.Job("feeds", lambda send: os._exit(3))
    with pytest.raises(PluginError, match="feeds: the background process stopped unexpectedly"):
        job.wait()


def test_the_end_of_the_build_waits_for_every_file_written_in_the_background(enabled, tmp_path):
    target = tmp_path / "feed.xml"

    def write():
        import time
        time.sleep(0.5)
        target.write_text("<feed/>", encoding="utf-8")
    background.run("feeds", write)
    assert not target.exists()  # still being written, the build goes on
    background.wait_for_all()
    assert target.read_text(encoding="utf-8") == "<feed/>"


def test_only_a_full_build_uses_background_processes(monkeypatch):
    monkeypatch.delenv("SITE_BACKGROUND_WORK", raising=False)
    assert not build_context.start("serve", dirty=True).background
    assert not build_context.start("build", dirty=True).background
    monkeypatch.setenv("SITE_BACKGROUND_WORK", "0")
    assert not build_context.start("build", dirty=False).background
    monkeypatch.delenv("SITE_BACKGROUND_WORK")
    assert build_context.start("build", dirty=False).background == sys.platform.startswith("linux")
    build_context.start("serve", dirty=True)


def test_work_runs_inline_when_background_processes_are_off(tmp_path):
    build_context.start("serve", dirty=True)
    target = tmp_path / "done"
    background.run("exports", lambda: target.write_text("yes", encoding="utf-8"))
    assert target.read_text(encoding="utf-8") == "yes"  # already written when run() returns


def test_a_warning_in_the_child_is_logged_in_the_build_so_strict_mode_counts_it(enabled, caplog):
    import logging

    def work(send):
        logging.getLogger("mkdocs.hooks.feeds").warning("a feed without items")
    job = background.Job("feeds", work)
    with caplog.at_level(logging.WARNING, logger="mkdocs"):
        job.wait()
    assert [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING] == [
        "feeds: 1 warning(s) in the background process, printed above"]


def test_no_background_process_while_other_threads_run(enabled):
    import threading
    release = threading.Event()
    thread = threading.Thread(target=release.wait)
    thread.start()
    try:
        assert background.start("views", lambda send: None) is None  # forking now would be unsafe
    finally:
        release.set()
        thread.join()
    job = background.start("views", lambda send: send("ok"))
    assert job is not None and list(job.results()) == ["ok"]


def test_a_child_does_not_outlive_a_killed_build(tmp_path):
    """A build killed outright (no cleanup runs) takes its background processes with it."""
    import signal
    import subprocess
    import time
    pid_file = tmp_path / "child.pid"
    script = f"""
import os, sys, time
sys.path.insert(0, {str(REPO / "hooks")!r})
from multilingual_site import background, build_context
build_context.start("build", dirty=False)
def work():
    open({str(pid_file)!r}, "w").write(str(os.getpid()))
    time.sleep(60)
background.run("feeds", work)
time.sleep(60)
"""
    build = subprocess.Popen([sys.executable, "-c", script], env={**os.environ, "SITE_BACKGROUND_WORK": "1"})
    try:
        deadline = time.monotonic() + 30
        while not pid_file.exists() or not pid_file.read_text():
            assert time.monotonic() < deadline and build.poll() is None
            time.sleep(0.05)
        child = int(pid_file.read_text())
        build.send_signal(signal.SIGKILL)
        build.wait()
        deadline = time.monotonic() + 10
        while _alive(child):
            assert time.monotonic() < deadline, "the background process outlived its build"
            time.sleep(0.05)
    finally:
        build.kill()


def _alive(pid: int) -> bool:
    try:
        state = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie has ended; only its exit status is left
