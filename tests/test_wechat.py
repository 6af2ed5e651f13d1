"""WeChat-ready articles (`make wechat ARTICLE=news/2024/river-walk`): a copy that pastes into
the Official Account editor with its look intact, with inline styles only, every link out of
WeChat turned into a numbered reference, captions and the source line kept, Chinese
punctuation as written, photos at the addresses of the sizes the site publishes and the
article's address as text after 原文链接; refusals in one line; and the browser editor's
复制到微信 button, which puts the same copy on the clipboard. Built from the channel fixture
(tests/channel_fixture.py)."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import time

import lxml.html
import pytest
from PIL import Image

from browser import browser_page, serve_files
from channel_fixture import ARTICLE, BUILD_DATE, CAPTION, OUTSIDE, WECHAT_LINK, ZH_BODY, make_channel_project, run_tool
from pages import SITE_URL
from sitebuild import REPO, build, edit_file

COPY = f"wechat/{ARTICLE}.html"
TITLE_IN_LIST = "河流 & <湖泊>：城市河岸步道开放"  # the article, as the editor lists it
PUNCTUATION = re.compile(r"[，。、；：？！“”‘’（）《》【】—…·]")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    """The channel fixture built as `make site` builds it, and `make wechat` run on it."""
    project = make_channel_project(tmp_path_factory.mktemp("wechat"))
    # Its editor (tests below) saves through a decap-server on a port of its own.
    edit_file(project, "mkdocs.yml", "local_backend: http://127.0.0.1:8081/api/v1",
              f"local_backend: http://127.0.0.1:{_free_port()}/api/v1")
    site = build(project, extra_env={"SITE_BUILD_DATE": BUILD_DATE})
    assert site.returncode == 0, site.output
    result = run_tool(project, "wechat", ARTICLE)
    assert result.returncode == 0, result.stdout + result.stderr
    return site, result


@pytest.fixture(scope="module")
def with_editor(made):
    """The same project built with the editor of `make edit`'s live preview (and its WeChat copies)."""
    site, _ = made
    built = build(site.project, site.project.parent / "with-editor", extra_env={"SITE_BUILD_DATE": BUILD_DATE, "SITE_EDITOR": "local"})
    assert built.returncode == 0, built.output
    return built


def _copy(site):
    return lxml.html.document_fromstring((site.project / COPY).read_text(encoding="utf-8"))


def test_the_command_writes_the_copy_and_prints_its_path(made):
    site, result = made
    assert result.stdout == f"{COPY}\n"
    assert (site.project / COPY).is_file()


def test_the_copy_has_inline_styles_only_no_class_no_style_block_no_script(made):
    site, _ = made
    html = (site.project / COPY).read_text(encoding="utf-8")
    tree = lxml.html.document_fromstring(html)
    assert not tree.cssselect("style, script, link, [class]") and "<style" not in html and "class=" not in html
    body = tree.body
    assert body[0].tag == "section" and "font-family: 'PingFang SC'" in body[0].get("style")  # CJK faces first
    for element in body.iter("p", "h2", "li", "figcaption", "td", "th", "sup"):
        assert element.get("style"), lxml.html.tostring(element)
    assert [h.text_content() for h in body.iter("h2")] == ["参考资料"]
    assert [li.text_content() for li in body.iter("li")] == ["第一项：观鸟；", "第二项：科普。"]
    assert [td.text_content() for td in body.iter("td")] == ["观鸟点", "3"]


def test_every_link_out_of_wechat_becomes_a_numbered_reference_listed_at_the_end(made):
    site, _ = made
    body = _copy(site).body
    assert [(a.get("href"), a.text_content()) for a in body.iter("a")] == [(WECHAT_LINK, "公众号文章")]  # WeChat keeps these
    assert [sup.text_content() for sup in body.iter("sup")] == ["[1]", "[2]", "[1]", "[3]"]  # one number per address
    text = body.text_content()
    assert "《生物多样性公约》[1]的指南，详见项目报告[2]。公约秘书处的网站[1]" in text
    references = [p.text_content() for p in body.iter("p") if re.match(r"\[\d\] ", p.text_content())]
    assert references == [f"[1] 《生物多样性公约》：{OUTSIDE[0]}", f"[2] 项目报告：{OUTSIDE[1]}",
                          f"[3] 上一篇新闻：{SITE_URL}news/2023/normal-pair/"]
    assert text.index("参考链接") < text.index("[1] 《生物多样性公约》")


def test_captions_the_source_line_and_chinese_punctuation_are_kept(made):
    site, _ = made
    body = _copy(site).body
    assert [f.text_content() for f in body.iter("figcaption")] == [CAPTION]
    figure = next(body.iter("figure"))
    assert figure[0].tag == "img" and figure[0].get("alt") == "河边新建的步道"
    paragraphs = [p.text_content() for p in body.iter("p")]
    assert "来源：测试秘书处" in paragraphs
    article_text = body.text_content().rsplit("来源：测试秘书处", 1)[0]  # up to the source line (the caption names it too)
    # The text as written: a photo's caption where the photo is, links' text without their targets.
    written = re.sub(r"\]\([^)\s]*\)", "]", re.sub(r'!\[[^\]]*\]\(\S+ "([^"]*)"\)', r"\1", ZH_BODY))
    assert PUNCTUATION.findall(article_text) == PUNCTUATION.findall(written)
    assert "“河岸步道”" in article_text and "（共12处）" in article_text and "。公约" in article_text  # no gap for a line break


def test_photos_are_absolute_addresses_of_sizes_the_site_publishes(made):
    site, _ = made
    images = list(_copy(site).body.iter("img"))
    assert len(images) == 1
    for image in images:
        src = image.get("src")
        assert re.fullmatch(re.escape(SITE_URL) + r"news/2024/images/walk\.[0-9a-f]{8}\.960\.jpg", src)
        published = site.site / src[len(SITE_URL):]
        with Image.open(published) as photo:
            assert (image.get("width"), image.get("height")) == (str(photo.width), str(photo.height))


def test_the_original_address_is_given_as_text(made):
    site, _ = made
    last = list(_copy(site).body.iter("p"))[-1]
    assert last.text_content() == f"原文链接：{SITE_URL}{ARTICLE}/" and not list(last.iter("a"))
    assert (site.site / ARTICLE / "index.html").is_file()


def test_another_languages_copy_speaks_it(made):
    site, _ = made
    result = run_tool(site.project, "wechat", ARTICLE, "--language", "en")
    assert result.returncode == 0 and result.stdout == f"wechat/{ARTICLE}.en.html\n"
    tree = lxml.html.document_fromstring((site.project / f"wechat/{ARTICLE}.en.html").read_text(encoding="utf-8"))
    assert tree.get("lang") == "en"
    assert list(tree.body.iter("p"))[-1].text_content() == f"Original article: {SITE_URL}en/{ARTICLE}/"
    assert [f.text_content() for f in tree.body.iter("figcaption")] == ["Photo: the new riverside walk (Source: Test Secretariat)"]


def test_an_article_that_is_not_published_in_the_language_is_refused_in_one_line(made, tmp_path):
    site, _ = made
    project = tmp_path / "project"
    shutil.copytree(site.project, project, symlinks=True, ignore=shutil.ignore_patterns(".cache", "wechat"))
    edit_file(project, "docs/news/2024/river-walk.zh.md", "source: 测试秘书处", "source: 测试秘书处\ndraft: true")
    for asked, extra, named in (("news/2024/nothing", (), "news/2024/nothing"),
                                ("news/2023/chinese-only", (), "news/2023/chinese-only"),  # the wrong year
                                ("chinese-only", (), "chinese-only"),
                                (ARTICLE, (), ARTICLE),  # a draft now
                                ("news/2024/chinese-only", ("--language", "ko"), "한국어"),  # not translated
                                ("news/2024/chinese-only", ("--language", "fr"), "'fr'")):
        result = run_tool(project, "wechat", asked, *extra)
        assert result.returncode == 2, (asked, result.stdout + result.stderr)
        assert len(result.stdout.splitlines()) == 1 and named in result.stdout and not result.stderr, result.stdout
    assert not (project / "wechat").exists()


def test_the_editors_copy_is_the_copy_make_wechat_writes(made, with_editor):
    site, _ = made
    assert not (site.site / "admin/wechat").exists()  # a site without an editor publishes none
    editor_copy = with_editor.site / "admin" / COPY
    assert editor_copy.read_bytes() == (site.project / COPY).read_bytes()
    published = {p.relative_to(with_editor.site / "admin/wechat").as_posix() for p in (with_editor.site / "admin/wechat").rglob("*.html")}
    assert published == {"news/2024/river-walk.html", "news/2024/chinese-only.html", "news/2023/normal-pair.html",
                         "news/2023/special-characters.html"}  # every published article of the default language


# The editor's button, in Chromium -------------------------------------------------------------

SERVER = REPO / "node_modules/decap-server/dist/index.js"


def _listening(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


@pytest.fixture
def editor(with_editor, tmp_path):
    """decap-server (what `make edit` starts) saving into a copy of the project, the built
    site with its editor served on localhost."""
    site = with_editor
    project = tmp_path / "project"
    shutil.copytree(site.project, project, symlinks=True, ignore=shutil.ignore_patterns(".cache"))
    port = int(re.search(r"127\.0\.0\.1:(\d+)", (site.project / "mkdocs.yml").read_text(encoding="utf-8"))[1])
    log = tmp_path / "decap-server.log"
    with open(log, "w") as out:
        process = subprocess.Popen(["node", str(SERVER)], cwd=project, stdout=out, stderr=subprocess.STDOUT, env={
            **os.environ, "MODE": "fs", "GIT_REPO_DIRECTORY": str(project), "BIND_HOST": "127.0.0.1", "PORT": str(port)})
    try:
        deadline = time.monotonic() + 30
        while not _listening(port) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert _listening(port), log.read_text()
        with serve_files(site.site, {}) as base:
            yield base, f"http://127.0.0.1:{port}/"
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_the_editors_button_puts_the_same_copy_on_the_clipboard(made, editor):
    site, _ = made
    base, server = editor
    expected = lxml.html.document_fromstring((site.project / COPY).read_text(encoding="utf-8")).body[0]
    with browser_page(base, viewport=(1400, 1000), also_allowed=(server,), locale="zh-CN",
                      permissions=["clipboard-read", "clipboard-write"]) as page:
        page.goto(base + "admin/")
        page.get_by_role("button", name="登录").click()
        page.get_by_role("link", name="新闻").first.wait_for()
        page.get_by_text(TITLE_IN_LIST).first.click()
        page.get_by_title("打开/关闭国际化").click()  # one pane, the Chinese one, and its preview
        page.get_by_title("打开/关闭预览").click()
        preview = page.frame_locator("iframe").first
        preview.get_by_role("button", name="复制到微信 Copy for WeChat").click()
        preview.get_by_text("已复制").wait_for()
        copied = page.evaluate("""async () => {
            const [item] = await navigator.clipboard.read();
            return {html: await (await item.getType('text/html')).text(), text: await (await item.getType('text/plain')).text()};
        }""")
        section = lxml.html.fragment_fromstring(copied["html"], create_parent="div").find(".//section")
        assert (lxml.html.tostring(section, encoding="unicode", with_tail=False)
                == lxml.html.tostring(expected, encoding="unicode", with_tail=False))
        assert "原文链接：" in copied["text"] and CAPTION in copied["text"]
        # A text edited since the copy was made is not copied: save, and copy once it is rebuilt.
        page.get_by_text("第二项：科普。").click()
        page.keyboard.press("End")
        page.keyboard.type("新的一句。", delay=30)
        page.get_by_text("含未保存的修改").wait_for()
        preview.get_by_text("新的一句。").wait_for()
        preview.get_by_role("button", name="复制到微信 Copy for WeChat").click()
        preview.get_by_text("请先发布").wait_for()
        page.screenshot(path="/tmp/channels-shots/editor-wechat-button.png")
        assert page.outside_requests == [] and page.console_errors == []

