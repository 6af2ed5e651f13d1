"""The fixture site, built for real: both languages, generated pages, switcher, hreflang,
sitemap, search, escaping, 404 pages and no request to another host."""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET

import yaml

from pages import SITE_URL, html_files, parse, resolve, site_pages, switcher_links, url_path_of
from sitebuild import FIXTURE, file_tree

MEMBERS = yaml.safe_load((FIXTURE / "data/members.yml").read_text(encoding="utf-8"))


def test_strict_build_prints_no_warning(fixture_site):
    assert "WARNING" not in fixture_site.output


def test_home_pages_in_both_languages(fixture_site):
    zh, en = parse(fixture_site.site / "index.html"), parse(fixture_site.site / "en/index.html")
    assert zh.get("lang") == "zh-Hans" and en.get("lang") == "en"
    assert zh.findtext(".//title") == "宜可城东亚"
    assert en.findtext(".//title") == "ICLEI East Asia"


def test_every_member_has_a_generated_page_in_both_languages_linked_from_the_directory(fixture_site):
    for lang_prefix, lang in (("", "zh"), ("en/", "en")):
        directory = parse(fixture_site.site / lang_prefix / "members/index.html")
        links = {resolve(fixture_site.site, f"{lang_prefix}members/", a.get("href")) for a in directory.iter("a")}
        for member in MEMBERS:
            page = fixture_site.site / lang_prefix / "members" / member["id"] / "index.html"
            assert page in links, f"{member['id']} not linked from the {lang} directory"
            assert parse(page).findtext(".//h1") == member["name"][lang]


def test_language_switcher_on_every_page_leads_to_the_same_page_in_the_other_language(fixture_site):
    checked = 0
    for file in site_pages(fixture_site.site):
        path = url_path_of(fixture_site.site, file)
        if path.endswith("404.html"):
            continue
        tree = parse(file)
        own = "en" if path.startswith("en/") else "zh-Hans"
        other = "zh-Hans" if own == "en" else "en"
        links = switcher_links(tree)
        assert set(links) == {"zh-Hans", "en"}, path
        assert resolve(fixture_site.site, path, links[own]) == file, path
        target = resolve(fixture_site.site, path, links[other])
        expected = fixture_site.site / (path[3:] if own == "en" else "en/" + path) / "index.html"
        if expected.exists():
            assert target == expected, f"switcher on {path} leads to {target}"
        else:  # no translation: the other language's news index (news pages) or home, never a dead link
            other_root = fixture_site.site / ("" if other == "zh-Hans" else "en/")
            expected_fallback = other_root / "news/index.html" if "news/" in path else other_root / "index.html"
            assert target == expected_fallback, f"switcher on {path} leads to {target}"
        checked += 1
    assert checked == len(site_pages(fixture_site.site)) - 2  # all but the two 404 pages


def test_head_names_both_languages_with_hreflang_links(fixture_site):
    tree = parse(fixture_site.site / "en/members/kunming/index.html")
    alternates = {l.get("hreflang"): l.get("href") for l in tree.cssselect('link[rel="alternate"][hreflang]')}
    assert alternates == {  # absolute, as search engines require
        "zh-Hans": SITE_URL + "members/kunming/",
        "en": SITE_URL + "en/members/kunming/",
        "x-default": SITE_URL + "members/kunming/",
    }


def test_sitemap_lists_generated_pages_with_their_alternates(fixture_site):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ET.parse(fixture_site.site / "sitemap.xml").getroot()
    urls = {u.findtext("s:loc", namespaces=ns): {l.get("hreflang"): l.get("href") for l in u.findall("x:link", ns)}
            for u in root.findall("s:url", ns)}
    for member in MEMBERS:
        zh, en = SITE_URL + f"members/{member['id']}/", SITE_URL + f"en/members/{member['id']}/"
        assert urls[zh] == {"zh-Hans": zh, "en": en}
        assert urls[en] == {"zh-Hans": zh, "en": en}
    assert urls[SITE_URL + "news/2024/chinese-only/"] == {"zh-Hans": SITE_URL + "news/2024/chinese-only/"}
    assert SITE_URL + "en/news/2024/chinese-only/" not in urls


def test_each_language_has_a_search_index_of_its_own_pages_generated_ones_included(fixture_site):
    def index(prefix):
        return json.loads((fixture_site.site / prefix / "search/search_index.json").read_text(encoding="utf-8"))

    zh, en = index(""), index("en/")
    zh_titles = {d["location"]: d["title"] for d in zh["docs"]}
    en_titles = {d["location"]: d["title"] for d in en["docs"]}
    assert zh_titles["members/kunming/"] == "昆明市"
    assert en_titles["members/kunming/"] == "Kunming"  # relative to /en/
    assert not any(location.startswith("en/") for location in zh_titles)
    # jieba segments Chinese with zero-width spaces in the index text
    assert any("测试用会员" in d["text"].replace("\u200b", "") for d in zh["docs"] if d["location"] == "members/kunming/")
    # lunr's English pipeline only: lunr-languages' "zh" breaks search in the browser (ARCHITECTURE.md, Search)
    assert zh["config"]["lang"] == en["config"]["lang"] == ["en"]


def test_a_chinese_only_article_is_not_copied_into_english_and_is_reported(fixture_site):
    assert (fixture_site.site / "news/2024/chinese-only/index.html").exists()
    assert not (fixture_site.site / "en/news/2024/chinese-only").exists()
    english_news = (fixture_site.site / "en/news/index.html").read_text(encoding="utf-8")
    assert "chinese-only" not in english_news and "仅有中文的新闻" not in english_news
    assert "仅有中文的新闻" in (fixture_site.site / "news/index.html").read_text(encoding="utf-8")
    assert "Missing translation: docs/news/2024/chinese-only.zh.md: no en translation" in fixture_site.output


def test_titles_and_summaries_are_escaped_exactly_once(fixture_site):
    for prefix, suffix in (("", "标题"), ("en/", "title")):
        article = (fixture_site.site / prefix / "news/2023/special-characters/index.html").read_text(encoding="utf-8")
        escaped = f"Rivers &amp; &lt;Lakes&gt; &#34;quoted&#34; {suffix}"
        assert f"<title>{escaped} - " in article
        assert f'<h1 class="site-article__title">{escaped}</h1>' in article
        assert "<Lakes>" not in article and "&amp;amp;" not in article and "&amp;lt;" not in article
        listing = (fixture_site.site / prefix / "news/index.html").read_text(encoding="utf-8")
        assert escaped in listing and "Summary with &amp; and &lt;b&gt;tags&lt;/b&gt;." in listing
        assert "<b>tags</b>" not in listing


def test_each_language_has_its_own_404_page(fixture_site):
    assert parse(fixture_site.site / "404.html").get("lang") == "zh-Hans"
    assert parse(fixture_site.site / "en/404.html").get("lang") == "en"


def test_no_page_requests_another_host(fixture_site):
    """Only navigation links may point elsewhere; nothing a page loads may (China-ready)."""
    for file in html_files(fixture_site.site):
        tree = parse(file)
        for element in tree.iter("script", "img", "iframe", "link", "source", "video", "audio"):
            url = element.get("src") or (element.get("href") if element.tag == "link" else None) or ""
            if element.tag == "link" and element.get("rel") in ("alternate", "canonical"):
                continue  # references to our own public URLs, not requests
            assert not re.match(r"^(https?:)?//", url), f"{file}: {element.tag} loads {url}"
    for css in fixture_site.site.rglob("*.css"):
        text = css.read_text(encoding="utf-8")
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", text), css
        assert "fonts.googleapis" not in text and "@import" not in text, css


def _beijing_today() -> str:
    """The build date the first build used (publishing.build_date without overrides)."""
    import datetime
    from zoneinfo import ZoneInfo
    return datetime.datetime.now(ZoneInfo("Asia/Shanghai")).date().isoformat()


def test_work_done_in_background_processes_builds_the_same_bytes_as_done_inline(news_site, tmp_path):
    """Views, feeds and exports are prepared in background processes in a build
    (hooks/multilingual_site/background.py); done inline, as the live preview does, every byte is the same."""
    from conftest import BUILD_DATE
    from sitebuild import build
    inline = build(news_site.project, tmp_path / "inline",
                   extra_env={"SITE_BUILD_DATE": BUILD_DATE, "SITE_BACKGROUND_WORK": "0"})
    assert inline.returncode == 0, inline.output
    # views, feeds, exports of both languages; photos; half of the default language's .gz copies
    assert "Background work: 8 processes" in news_site.output
    assert "Background work" not in inline.output
    background, foreground = file_tree(news_site.site), file_tree(inline.site)
    assert sorted(background) == sorted(foreground)
    assert [path for path in background if background[path] != foreground[path]] == []
    assert "feeds/news.rss.xml" in background and "en/members/index.json" in background


def _stubs_on_disk(project) -> list[str]:
    staged, docs = project / ".cache" / "staging" / "docs", project / "docs"
    return [p.relative_to(staged).as_posix() for p in staged.rglob("*.md") if not (docs / p.relative_to(staged)).exists()]


def test_generated_pages_kept_in_memory_build_the_same_bytes_as_stub_files_on_disk(fixture_site, tmp_path):
    """A build keeps the stubs of generated pages in memory (hooks/site_content.py); with
    `--dirty`, as in the live preview, they are files. Every page, feed and export is the same."""
    from sitebuild import build
    assert _stubs_on_disk(fixture_site.project) == []  # the session's build: in memory
    project = tmp_path / "project"
    shutil.copytree(fixture_site.project, project, ignore=shutil.ignore_patterns(".cache"), symlinks=True)
    # Not strict: MkDocs warns that a dirty build is for the live preview only.
    dirty = build(project, tmp_path / "site", options=("--dirty", "--no-strict"))
    assert dirty.returncode == 0, dirty.output
    assert "members/kunming.en.md" in _stubs_on_disk(project)
    in_memory, on_disk = file_tree(fixture_site.site), file_tree(dirty.site)
    assert sorted(in_memory) == sorted(on_disk)
    # MkDocs' dirty build keeps the search entries of the earlier language pass in the root
    # index (it is made for the live preview's rebuilds), and so its .gz copy; everything
    # else must be equal.
    differing = {path.removesuffix(".gz") for path in in_memory if in_memory[path] != on_disk[path]}
    assert differing <= {"search/search_index.json"}
    assert "en/members/kunming/index.html" in in_memory


def test_same_input_builds_byte_identical_sites(fixture_site, tmp_path):
    """A second build on another day (as MkDocs sees it: SOURCE_DATE_EPOCH) changes no byte."""
    from sitebuild import build
    second = build(fixture_site.project, tmp_path / "again",
                   extra_env={"SOURCE_DATE_EPOCH": "4102444800", "SITE_BUILD_DATE": _beijing_today()})
    assert second.returncode == 0
    first_files = sorted(p.relative_to(fixture_site.site) for p in fixture_site.site.rglob("*") if p.is_file())
    second_files = sorted(p.relative_to(second.site) for p in second.site.rglob("*") if p.is_file())
    assert first_files == second_files
    differing = [str(p) for p in first_files if (fixture_site.site / p).read_bytes() != (second.site / p).read_bytes()]
    assert differing == []
    assert any(p.suffix == ".gz" for p in first_files)  # sitemap.xml.gz is among them
