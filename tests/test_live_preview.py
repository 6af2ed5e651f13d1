"""`make serve`: the live preview rebuilds once per edit, for edits in docs/ and data/,
and never loops on what the build itself writes (the staging docs directory)."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request

from sitebuild import edit_file, make_project


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


@contextlib.contextmanager
def live_preview(project, log, extra_env=None):
    """`mkdocs serve` on a free port; yields (base URL, number-of-builds function)."""
    port = _free_port()
    with open(log, "w") as out:
        server = subprocess.Popen(
            # the flags of `make serve`
            [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--no-strict", "--dev-addr", f"127.0.0.1:{port}",
             "-f", str(project / "mkdocs.yml")],
            stdout=out, stderr=subprocess.STDOUT, cwd=project,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(extra_env or {})},
        )
    try:
        assert _wait_for(lambda: "Serving on" in log.read_text()), log.read_text()
        yield f"http://127.0.0.1:{port}/", lambda: log.read_text().count("Building documentation...")
    finally:
        server.terminate()
        server.wait(timeout=30)


def _get(url: str) -> str:
    return urllib.request.urlopen(url).read().decode()


def test_one_edit_gives_one_rebuild(tmp_path):
    project = make_project(tmp_path)
    log = tmp_path / "serve.log"
    with live_preview(project, log) as (base, builds):
        time.sleep(3)
        assert builds() == 1, log.read_text()
        # Here generated pages are staged as files: MkDocs' dirty reload compares file times.
        assert (project / ".cache/staging/docs/members/kunming.en.md").is_file()

        article = "docs/news/2023/normal-pair.en.md"
        edit_file(project, article, "First paragraph.", "Edited paragraph.")
        assert _wait_for(lambda: builds() == 2), log.read_text()
        time.sleep(6)  # a loop would show up as further builds here
        assert builds() == 2, log.read_text()
        assert "Edited paragraph." in _get(base + "en/news/2023/normal-pair/")

        # A title edit reaches the pages that list the article (their stubs change too).
        edit_file(project, article, "Test news: Kunming", "Retitled news")
        assert _wait_for(lambda: builds() == 3), log.read_text()
        time.sleep(4)
        assert "Retitled news" in _get(base + "en/news/2023/")  # a generated year listing
        assert "Retitled news" in _get(base + "en/members/kunming/")

        edit_file(project, "data/members.yml", "en: Chengdu", "en: Chengdu City")
        assert _wait_for(lambda: builds() == 4), log.read_text()
        time.sleep(6)
        assert builds() == 4, log.read_text()
        assert "Chengdu City" in _get(base + "en/members/chengdu/")
        assert "Chengdu City" in _get(base + "en/members/")  # a hand-written page showing data
        assert "Retitled news" in _get(base + "en/news/")


def test_preview_shows_drafts_and_scheduled_articles_marked(tmp_path):
    project = make_project(tmp_path)
    for name, extra in (("a-draft", "date: 2024-01-01\ndraft: true"), ("later", "date: 2099-01-01")):
        (project / f"docs/news/{extra[6:10]}").mkdir(exist_ok=True)
        (project / f"docs/news/{extra[6:10]}/{name}.en.md").write_text(
            f"---\ntitle: {name}\n{extra}\ncategory: events\n---\n\nText.\n", encoding="utf-8")
    with live_preview(project, tmp_path / "serve.log") as (base, builds):
        draft = _get(base + "en/news/2024/a-draft/")
        assert "Draft: visible in the preview only" in draft
        later = _get(base + "en/news/2099/later/")
        assert "Scheduled: visible in the preview only until its date" in later
        listing = _get(base + "en/news/")
        assert "a-draft" in listing and "later" in listing


def test_the_live_preview_serves_the_editor_whose_choices_follow_the_data(tmp_path):
    """`make edit` is this live preview plus decap-server: /admin/ is served, writing it
    starts no rebuild, an edit of the data gives one rebuild and the editor's new choices,
    and the open editor is not reloaded under the person typing in it."""
    from browser import browser_page

    project = make_project(tmp_path)
    log = tmp_path / "serve.log"
    # As tools/edit.py runs it (`make serve` alone shows how to start the editor instead).
    with live_preview(project, log, {"SITE_EDITOR": "local"}) as (base, builds), browser_page(base) as page:
        time.sleep(3)
        assert builds() == 1, log.read_text()
        assert "网站内容编辑器" in _get(base + "admin/")
        categories = [o["value"] for o in _category_field(base)["options"]]
        assert "interviews" not in categories
        page.goto(base + "admin/")
        page.evaluate("window.openedOnce = true")

        with open(project / "data/categories.yml", "a", encoding="utf-8") as file:
            file.write("- id: interviews\n  label: {zh: 访谈, en: Interviews}\n")
        assert _wait_for(lambda: builds() == 2), log.read_text()
        time.sleep(6)  # /admin/ is written into the site, never under a watched folder
        assert builds() == 2, log.read_text()
        assert [o["value"] for o in _category_field(base)["options"]] == [*categories, "interviews"]
        page.wait_for_timeout(3000)
        # The preview's reload script is on this page too; the editor disarms it.
        assert page.evaluate("window.openedOnce === true")


def _category_field(base: str) -> dict:
    import yaml
    config = yaml.safe_load(_get(base + "admin/config.yml"))
    news = next(c for c in config["collections"] if c["name"] == "news")
    return next(f for f in news["fields"] if f["name"] == "category")


def test_the_live_previews_search_finds_pages_and_an_edited_title(tmp_path):
    """The search dialog works in the preview (its relaxed policy for scripts included), in
    every language, and after an edit the re-rendered page is found by its new words while
    the pages not rendered again are still found (their documents are kept from the build
    before)."""
    from browser import browser_page
    from sitebuild import bench_module

    search = bench_module("search")
    project = make_project(tmp_path)
    log = tmp_path / "serve.log"
    with live_preview(project, log) as (base, builds):
        time.sleep(3)
        with browser_page(base) as page:
            for root, query in (("", "昆明"), ("en/", "Kunming"), ("ko/", "Kunming"), ("zh-hant/", "昆明")):
                search.open_search(page, base, root)
                assert "members/kunming/" in search.results(page, base, root, query), root
            assert page.outside_requests == [] and page.console_errors == []
        edit_file(project, "docs/news/2023/normal-pair.en.md", "Test news: Kunming", "Zanzibar news")
        assert _wait_for(lambda: builds() == 2), log.read_text()
        assert _wait_for(lambda: "Zanzibar news" in _get(base + "en/news/2023/normal-pair/"))
        time.sleep(2)
        with browser_page(base) as page:
            search.open_search(page, base, "en/")
            assert search.results(page, base, "en/", "Zanzibar")[0] == "news/2023/normal-pair/"
            assert "members/kunming/" in search.results(page, base, "en/", "Kunming")
            assert page.outside_requests == [] and page.console_errors == []
