"""`make serve`: the live preview rebuilds once per edit, for edits in docs/ and data/,
and never loops on what the build itself writes (the staging docs directory)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

from sitebuild import make_project


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(predicate, timeout=60.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def test_one_edit_gives_one_rebuild(tmp_path):
    project = make_project(tmp_path)
    port = _free_port()
    log = tmp_path / "serve.log"
    with open(log, "w") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", "-f", str(project / "mkdocs.yml")],
            stdout=out, stderr=subprocess.STDOUT, cwd=project, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
    try:
        builds = lambda: log.read_text().count("Building documentation...")
        assert _wait_for(lambda: "Serving on" in log.read_text()), log.read_text()
        time.sleep(3)
        assert builds() == 1, log.read_text()

        article = project / "docs/news/2023/normal-pair.en.md"
        article.write_text(article.read_text(encoding="utf-8").replace("First paragraph.", "Edited paragraph."), encoding="utf-8")
        assert _wait_for(lambda: builds() == 2), log.read_text()
        time.sleep(6)  # a loop would show up as further builds here
        assert builds() == 2, log.read_text()
        page = urllib.request.urlopen(f"http://127.0.0.1:{port}/en/news/2023/normal-pair/").read().decode()
        assert "Edited paragraph." in page

        members = project / "data/members.yml"
        members.write_text(members.read_text(encoding="utf-8").replace("en: Chengdu", "en: Chengdu City"), encoding="utf-8")
        assert _wait_for(lambda: builds() == 3), log.read_text()
        time.sleep(6)
        assert builds() == 3, log.read_text()
        page = urllib.request.urlopen(f"http://127.0.0.1:{port}/en/members/chengdu/").read().decode()
        assert "Chengdu City" in page
    finally:
        server.terminate()
        server.wait(timeout=30)
