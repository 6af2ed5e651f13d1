"""The browser editor at /admin/ in Chromium, saving through Decap's local backend.

Each test builds the fixture site (tests/fixtures/good) in a temporary project, starts
decap-server from node_modules/ in that project (what `make edit` starts: it saves into the
project's files, never the repository's), serves the built site on localhost and uses
/admin/ as a person does: typing with key presses, choosing from lists, uploading an image,
pressing 发布. Every request that would leave the machine is blocked and fails the test, and
so does any error in the browser's console.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import socket
import struct
import subprocess
import time
import zlib
from dataclasses import dataclass
from pathlib import Path

import lxml.html
import pytest
import yaml

from browser import browser_page, serve_files
from sitebuild import Build, REPO, build, edit_file, hook_module, make_project

translations = hook_module("translations")

SERVER = REPO / "node_modules/decap-server/dist/index.js"


def _png(width: int, height: int) -> bytes:
    """A small green PNG image."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    rows = b"".join(b"\x00" + bytes((30, 130, 60)) * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


COVER = _png(640, 400)  # the article's cover: as wide as a card needs (photos.CARD_WIDTH)


@dataclass
class Editor:
    project: Path
    built: Build
    base: str  # the built site, /admin/ included
    server: str  # decap-server


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_until(predicate, timeout=30.0) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def _wait_in_browser(page, predicate, timeout_ms=30_000) -> bool:
    """Wait for something the browser does. Playwright's synchronous API serves the request
    guard (browser.py) only while Python is inside one of its calls: time.sleep here would
    hold the editor's own requests."""
    for _ in range(timeout_ms // 100):
        if predicate():
            return True
        page.wait_for_timeout(100)
    return predicate()


def _listening(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The fixture site built once, its editor pointed at a port kept for decap-server."""
    project = make_project(tmp_path_factory.mktemp("editor"))
    port = _free_port()
    edit_file(project, "mkdocs.yml", "local_backend: http://127.0.0.1:8081/api/v1",
              f"local_backend: http://127.0.0.1:{port}/api/v1")
    result = build(project, extra_env={"SITE_EDITOR": "local"})  # the editor of `make edit`'s preview
    assert result.returncode == 0, result.output
    return result, port


def _editor_policy(backend: str) -> str:
    """The Content-Security-Policy deploy/nginx.conf sends for /admin/, with `backend` (our
    decap-server) where the hosted editor has its git host's API, which is the one thing it
    names that a local run replaces."""
    conf = (REPO / "deploy/nginx.conf").read_text(encoding="utf-8")
    location = conf[conf.index("location /admin/ {"):]
    policy = re.search(r'add_header Content-Security-Policy "([^"]+)"', location)[1]
    directives = []
    for directive in policy.split(";"):
        name, *sources = directive.split()
        if name == "connect-src":
            sources = [s for s in sources if s in ("'self'", "blob:")] + [backend.rstrip("/")]
        directives.append(" ".join([name, *sources]))
    return "; ".join(directives)


@pytest.fixture
def editor(built, tmp_path):
    """A fresh copy of the project, decap-server saving into it, the built site served with
    the production policy of /admin/ (browser_page fails a test on any violation)."""
    result, port = built
    project = tmp_path / "project"
    shutil.copytree(result.project, project, symlinks=True, ignore=shutil.ignore_patterns(".cache"))
    log = tmp_path / "decap-server.log"
    with open(log, "w") as out:
        process = subprocess.Popen(["node", str(SERVER)], cwd=project, stdout=out, stderr=subprocess.STDOUT, env={
            **os.environ, "MODE": "fs", "GIT_REPO_DIRECTORY": str(project), "BIND_HOST": "127.0.0.1", "PORT": str(port)})
    try:
        assert _wait_until(lambda: _listening(port)), log.read_text()
        server = f"http://127.0.0.1:{port}/"
        with serve_files(result.site, {"Content-Security-Policy": _editor_policy(server)}) as base:
            yield Editor(project, result, base, server)
    finally:
        process.terminate()
        process.wait(timeout=10)


def _files(project: Path) -> dict[str, str]:
    """Every file of the project the editor could write (its content, by path)."""
    return {p.relative_to(project).as_posix(): hashlib.sha1(p.read_bytes()).hexdigest()
            for p in sorted(project.rglob("*")) if p.is_file() and p.relative_to(project).parts[0] != ".cache"}


def _log_in(page, editor: Editor) -> None:
    page.goto(editor.base + "admin/")
    page.get_by_role("button", name="登录").click()  # the local backend: no password
    page.get_by_role("link", name="新闻").first.wait_for()


def _field(page, name: str, pane: int = 0):
    """A field's input in the Chinese (0) or English (1) pane of the article form."""
    return page.locator(f'[id^="{name}-field-"]').nth(pane)


def _type(page, text: str) -> None:
    page.keyboard.type(text, delay=30)  # key by key, at a person's pace


def _publish(page) -> None:
    page.get_by_role("button", name="发布").click()
    page.get_by_text("立即发布").click()


def _browser(editor: Editor):
    # A Beijing office's browser: Chinese interface, China's time zone.
    return browser_page(editor.base, viewport=(1400, 1000), also_allowed=(editor.server,),
                        locale="zh-CN", timezone_id="Asia/Shanghai")


def test_opening_the_editor_changes_no_file_and_requests_nothing_outside_the_machine(editor):
    before = _files(editor.project)
    with _browser(editor) as page:
        _log_in(page, editor)
        page.get_by_text("测试新闻：昆明").wait_for()  # articles are listed from the files
        page.get_by_text("测试新闻：昆明").click()
        assert _field(page, "title").input_value() == "测试新闻：昆明"
        assert _field(page, "title", 1).input_value() == "Test news: Kunming"
        assert _field(page, "slug").input_value() == "normal-pair"  # a saved article keeps its slug
        assert page.get_by_text("修改已保存").is_visible()  # nothing changed by opening it
        # The preview pane, in the site's own stylesheets.
        page.get_by_title("打开/关闭国际化").click()
        page.get_by_title("打开/关闭预览").click()
        preview = page.frame_locator("iframe").first
        assert preview.locator("article.md-typeset h1").inner_text() == "测试新闻：昆明"
        sheets = preview.locator("link[rel=stylesheet]").evaluate_all(
            "links => links.map(l => [new URL(l.href).pathname, l.sheet ? l.sheet.cssRules.length : 0])")
        assert [path for path, _ in sheets][1:] == ["/assets/css/site.css", "/assets/css/site-search.css", "/admin/preview.css"]  # extra_css, then its own
        assert sheets[0][0].startswith("/assets/stylesheets/main.") and all(rules > 0 for _, rules in sheets)
        for collection, file, shown in (("会员", "会员名录", "昆明市 · kunming"), ("卓越中心", "卓越中心 data/coe.yml", "框架协议")):
            page.get_by_role("link", name="正在集合").click()  # back to the list, then another collection
            page.get_by_role("link", name=collection, exact=True).click()
            page.get_by_text(file).click()
            page.get_by_text(shown).first.wait_for()
            assert page.get_by_text("修改已保存").is_visible()
        page.wait_for_timeout(500)
        assert page.outside_requests == []
        assert page.console_errors == []
    assert _files(editor.project) == before


def test_an_article_written_in_the_editor_is_published_in_the_languages_given(editor):
    cover = editor.project.parent / "forum.png"
    cover.write_bytes(COVER)
    with _browser(editor) as page:
        _log_in(page, editor)
        page.get_by_text("测试新闻：昆明").wait_for()  # the list of articles, then a new one
        page.goto(editor.base + "admin/#/collections/news/new")
        _field(page, "title").click()
        _type(page, "昆明举办城市生物多样性论坛")
        _field(page, "slug").click()
        _type(page, "kunming-forum")
        # 1 January: Decap's own {{year}} would file it under 2024 in this time zone.
        _field(page, "date").fill("2025-01-01")  # the browser's date picker, as a person picks a day
        _field(page, "category").click()
        _type(page, "活动")
        page.keyboard.press("Enter")
        _field(page, "members").click()
        _type(page, "昆明")
        page.keyboard.press("Enter")
        _field(page, "tags").click()
        _type(page, "昆明,论坛")
        _field(page, "summary").click()
        _type(page, "论坛在昆明举行。")
        page.get_by_role("button", name="选择图片").first.click()
        with page.expect_file_chooser() as chooser:
            page.get_by_text("上传", exact=True).click()
        chooser.value.set_files(cover)
        page.get_by_role("button", name="选用已选中项目").click()
        page.locator('[data-slate-editor="true"]').first.click()
        _type(page, "论坛在昆明举行。")
        page.keyboard.press("Enter")
        _type(page, "第二段。")
        # The English pane: its own title, tags, summary and text; date, category, member
        # and cover are the Chinese pane's.
        _field(page, "title", 1).click()
        _type(page, "Kunming hosts an urban biodiversity forum")
        _field(page, "tags", 1).click()
        _type(page, "Kunming,forum")
        page.locator('[data-slate-editor="true"]').nth(1).click()
        _type(page, "The forum was held in Kunming.")
        _field(page, "draft", 0).click()  # both languages published (new articles start as drafts)
        _field(page, "draft", 1).click()
        _publish(page)
        zh, en = (editor.project / f"docs/news/2025/kunming-forum.{lang}.md" for lang in ("zh", "en"))
        assert _wait_in_browser(page, lambda: zh.exists() and en.exists())
        page.get_by_text("修改已保存").wait_for()
        assert page.outside_requests == []
        assert page.console_errors == []

    image = editor.project / "docs/news/2025/images/forum.png"
    assert image.read_bytes() == COVER  # next to the article, as the content contract says
    assert _front_matter(zh) == {
        "title": "昆明举办城市生物多样性论坛", "date": "2025-01-01", "category": "events", "tags": ["昆明", "论坛"],
        "members": ["kunming"], "summary": "论坛在昆明举行。", "cover": "images/forum.png", "draft": False}
    english = _front_matter(en)
    # The translation records the version of the Chinese it was made from, as `make
    # translations` computes it (translations.py): it is up to date.
    assert english.pop("translated_from") == "zh@" + translations.source_version(
        "昆明举办城市生物多样性论坛", "论坛在昆明举行。", "论坛在昆明举行。\n\n第二段。")
    assert english == {
        "title": "Kunming hosts an urban biodiversity forum", "date": "2025-01-01", "category": "events",
        "tags": ["Kunming", "forum"], "members": ["kunming"], "cover": "images/forum.png", "draft": False}
    assert zh.read_text(encoding="utf-8").endswith("---\n\n论坛在昆明举行。\n\n第二段。\n")
    # Korean was left empty: no file; its readers are shown another version, marked.
    assert not (editor.project / "docs/news/2025/kunming-forum.ko.md").exists()

    published = build(editor.project, editor.project.parent / "published")  # as `make site` builds
    assert published.returncode == 0, published.output
    assert "WARNING" not in published.output
    for prefix, title in (("", "昆明举办城市生物多样性论坛"), ("en/", "Kunming hosts an urban biodiversity forum")):
        page = published.page(f"{prefix}news/2025/kunming-forum/")
        assert lxml.html.fromstring(page).findtext(".//h1").strip() == title
        assert re.search(r"images/forum\.[0-9a-f]{8}\.480\.webp", page)  # the cover, in its sizes
        assert title in published.page(f"{prefix}news/")
        assert "kunming-forum" in published.page(f"{prefix}members/kunming/")
    assert list((published.site / "news/2025/images").glob("forum.*.480.jpg"))  # published as photo sizes


def test_a_translation_without_its_title_is_refused_before_any_file_is_written(editor):
    before = _files(editor.project)
    with _browser(editor) as page:
        _log_in(page, editor)
        page.get_by_text("测试新闻：昆明").wait_for()
        page.goto(editor.base + "admin/#/collections/news/new")
        _field(page, "title").click()
        _type(page, "只有中文标题")
        _field(page, "slug").click()
        _type(page, "no-english-title")
        _field(page, "date").fill("2025-02-01")
        _field(page, "category").click()
        _type(page, "活动")
        page.keyboard.press("Enter")
        page.locator('[data-slate-editor="true"]').nth(1).click()  # English text, but no English title
        _type(page, "Some English text.")
        _publish(page)
        page.get_by_text("这种语言的译文需要标题").wait_for()  # Decap's notice, with the reason
        assert page.get_by_text("含未保存的修改").is_visible()
        assert page.outside_requests == []
    assert _files(editor.project) == before


def _statuses(page) -> dict[str, str]:
    return {li.get_attribute("data-locale"): li.get_attribute("data-status")
            for li in page.locator(".site-translation-status li").all()}


def test_the_editor_shows_each_translations_status_as_make_translations_reports_it(editor):
    """The fixture's English translation records no source version; Korean has none. Saving
    the English records it (up to date, for `make translations` too); editing the Chinese
    makes it outdated at once."""
    article = editor.project / "docs/news/2023/normal-pair.en.md"
    with _browser(editor) as page:
        _log_in(page, editor)
        page.get_by_text("测试新闻：昆明").click()
        assert _wait_in_browser(page, lambda: _statuses(page) == {"zh": "source", "en": "untracked", "ko": "missing"})
        page.locator('[data-slate-editor="true"]').nth(1).click()  # the English text, brought up to date
        page.keyboard.press("End")
        _type(page, " Updated.")
        _publish(page)
        assert _wait_in_browser(page, lambda: "translated_from" in article.read_text(encoding="utf-8"))
        page.get_by_text("修改已保存").wait_for()
        assert _wait_in_browser(page, lambda: _statuses(page)["en"] == "current"), _statuses(page)
        report = subprocess.run([str(REPO / ".venv/bin/python"), str(REPO / "tools/translations.py"),
                                 "--project", str(editor.project)], capture_output=True, text=True, timeout=120)
        assert not [line for line in report.stdout.splitlines() if line.startswith("en: ") and "normal-pair" in line]
        # The Chinese changes and is saved: the English is outdated.
        page.locator('[data-slate-editor="true"]').first.click()
        page.keyboard.press("End")
        _type(page, "新增一句。")
        _publish(page)
        page.get_by_text("修改已保存").wait_for()
        assert _wait_in_browser(page, lambda: _statuses(page)["en"] == "outdated"), _statuses(page)
    report = subprocess.run([str(REPO / ".venv/bin/python"), str(REPO / "tools/translations.py"),
                             "--project", str(editor.project)], capture_output=True, text=True, timeout=120)
    assert "en: outdated: docs/news/2023/normal-pair.en.md" in report.stdout, report.stdout
    with _browser(editor) as page:  # and so it says when the article is opened again
        _log_in(page, editor)
        page.get_by_text("测试新闻：昆明").click()
        assert _wait_in_browser(page, lambda: _statuses(page) == {"zh": "source", "en": "outdated", "ko": "missing"})
        assert page.outside_requests == []
        assert page.console_errors == []


def _front_matter(file: Path) -> dict:
    text = file.read_text(encoding="utf-8")
    assert text.startswith("---\n")
    return yaml.safe_load(text.split("---\n", 2)[1])


def test_a_data_file_saved_in_the_editor_stays_valid_for_the_build(editor):
    members = editor.project / "data/members.yml"
    before = yaml.safe_load(members.read_text(encoding="utf-8"))
    with _browser(editor) as page:
        _log_in(page, editor)
        page.get_by_role("link", name="会员", exact=True).click()
        page.get_by_text("会员名录").click()
        item = page.get_by_text("成都市 · chengdu").locator("xpath=..")
        item.locator("button, svg").first.click()  # unfold the entry
        name = page.locator('input[value="Chengdu"]')
        name.click()
        page.keyboard.press("End")
        _type(page, " City")
        _publish(page)
        assert _wait_in_browser(page, lambda: "Chengdu City" in members.read_text(encoding="utf-8"))
        page.get_by_text("修改已保存").wait_for()
        assert page.outside_requests == []
        assert page.console_errors == []
    after = yaml.safe_load(members.read_text(encoding="utf-8"))
    # Still a list at the top level, every other value as it was, keys in the schema's order.
    expected = [{**m, "name": {**m["name"], "en": "Chengdu City"}} if m["id"] == "chengdu" else m for m in before]
    assert after == expected
    kunming = next(m for m in after if m["id"] == "kunming")
    assert list(kunming) == [k for k in models_member_fields() if k in kunming]
    rebuilt = build(editor.project, editor.project.parent / "rebuilt")
    assert rebuilt.returncode == 0, rebuilt.output
    assert lxml.html.fromstring(rebuilt.page("en/members/chengdu/")).findtext(".//h1").strip() == "Chengdu City"


def models_member_fields() -> list[str]:
    models = hook_module("models")
    return list(models.Member.model_fields)
