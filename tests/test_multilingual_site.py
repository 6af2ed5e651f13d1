"""The fixture site, built for real: every language of mkdocs.yml, generated pages, switcher,
hreflang, sitemap, search, escaping, 404 pages and no request to another host."""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET

import yaml

from pages import (LANGUAGES, SITE_URL, html_files, in_language, parse, resolve, site_pages,
                   switcher_links, url_path_of)
from sitebuild import FIXTURE, file_tree

MEMBERS = yaml.safe_load((FIXTURE / "data/members.yml").read_text(encoding="utf-8"))


def test_strict_build_prints_no_warning(fixture_site):
    assert "WARNING" not in fixture_site.output


def test_home_pages_in_every_language(fixture_site):
    titles = {"zh": "宜可城东亚", "en": "ICLEI East Asia", "ko": "이클레이 동아시아", "zh-hant": "宜可城東亞"}
    assert set(titles) == set(LANGUAGES.codes)
    for language in LANGUAGES:
        home = parse(fixture_site.site / language.root / "index.html")
        assert home.findtext(".//title") == titles[language.code]
        assert home.get("lang") == language.tag
        # The fixture has no Korean pages: the Korean home page is Korean but for its lead
        # paragraph, shown in English and marked so.
        assert bool(home.cssselect(".site-notice--partly")) == (language.code == "ko")


def test_every_member_has_a_generated_page_in_every_language_linked_from_the_directory(fixture_site):
    import opencc
    traditional = opencc.OpenCC("s2twp")
    for language in LANGUAGES:
        directory = parse(fixture_site.site / language.root / "members/index.html")
        links = {resolve(fixture_site.site, f"{language.root}members/", a.get("href")): a for a in directory.iter("a")}
        for member in MEMBERS:
            page = fixture_site.site / language.root / "members" / member["id"] / "index.html"
            assert page in links, f"{member['id']} not linked from the {language.code} directory"
            name = member["name"]
            # The fixture has no Korean names: Korean readers get the English one, marked so.
            expected = {"zh": name["zh"], "en": name["en"], "ko": name.get("ko", name["en"]),
                        "zh-hant": traditional.convert(name["zh"])}[language.code]
            assert parse(page).findtext(".//h1") == expected
            assert links[page].text_content() == expected
            if language.code == "ko" and "ko" not in name:
                assert links[page].cssselect('span[lang="en"]')[0].text == name["en"]


def test_language_switcher_on_every_page_leads_to_the_same_page_in_each_language(fixture_site):
    """Every page exists in every language (a page not translated stands in, ARCHITECTURE.md,
    "Languages"): the switcher names every language and never leads elsewhere."""
    checked = elsewhere = 0
    tags = {language.tag for language in LANGUAGES}
    for file in site_pages(fixture_site.site):
        path = url_path_of(fixture_site.site, file)
        if path.endswith("404.html"):
            continue
        links = switcher_links(parse(file))
        assert set(links) == tags, path
        for language in LANGUAGES:
            target = resolve(fixture_site.site, path, links[language.tag])
            same = fixture_site.site / in_language(path, language) / "index.html"
            if same.exists():
                assert target == same, f"{path} -> {language.code}"
                continue
            # A page only one language has (a tag's listing): the nearest page, which says so.
            assert "/tag/" in path, f"{path} has no {language.code} version"
            assert target == fixture_site.site / language.root / "news/index.html", f"{path} -> {language.code}"
            assert links[language.tag].endswith("#site-elsewhere")
            notice = parse(target).get_element_by_id("site-elsewhere")
            assert notice.get("lang") == language.tag and language.name in notice.text_content()
            elsewhere += 1
        checked += 1
    assert checked == len(site_pages(fixture_site.site)) - len(LANGUAGES)  # all but the 404 pages
    assert elsewhere > 0


def _alternates(file) -> dict[str, str]:
    return {l.get("hreflang"): l.get("href") for l in parse(file).cssselect('link[rel="alternate"][hreflang]')}


def test_head_hreflang_lists_exactly_the_languages_a_page_exists_in_absolute_with_x_default(fixture_site):
    everywhere = {language.tag: SITE_URL + language.root + "members/kunming/" for language in LANGUAGES}
    for language in LANGUAGES:
        assert _alternates(fixture_site.site / language.root / "members/kunming/index.html") == {
            **everywhere, "x-default": SITE_URL + "members/kunming/"}
    # Written in Chinese only: the Simplified original and its Traditional conversion; the
    # English and Korean pages stand in for it, canonical to it, and name no alternates.
    only = {"zh-Hans": SITE_URL + "news/2024/chinese-only/", "zh-Hant": SITE_URL + "zh-hant/news/2024/chinese-only/",
            "x-default": SITE_URL + "news/2024/chinese-only/"}
    assert _alternates(fixture_site.site / "news/2024/chinese-only/index.html") == only
    assert _alternates(fixture_site.site / "zh-hant/news/2024/chinese-only/index.html") == only
    for code in ("en", "ko"):
        page = parse(fixture_site.site / LANGUAGES[code].root / "news/2024/chinese-only/index.html")
        assert _alternates(fixture_site.site / LANGUAGES[code].root / "news/2024/chinese-only/index.html") == {}
        assert page.cssselect('link[rel="canonical"]')[0].get("href") == SITE_URL + "news/2024/chinese-only/"


def test_sitemap_lists_every_page_once_with_exactly_its_languages(fixture_site):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ET.parse(fixture_site.site / "sitemap.xml").getroot()
    urls = {u.findtext("s:loc", namespaces=ns): {l.get("hreflang"): l.get("href") for l in u.findall("x:link", ns)}
            for u in root.findall("s:url", ns)}
    for member in MEMBERS:
        every = {language.tag: SITE_URL + language.root + f"members/{member['id']}/" for language in LANGUAGES}
        for url in every.values():
            assert urls[url] == {**every, "x-default": every["zh-Hans"]}
    only = {"zh-Hans": SITE_URL + "news/2024/chinese-only/", "zh-Hant": SITE_URL + "zh-hant/news/2024/chinese-only/"}
    for url in only.values():
        assert urls[url] == {**only, "x-default": only["zh-Hans"]}
    assert SITE_URL + "en/news/2024/chinese-only/" not in urls and SITE_URL + "ko/news/2024/chinese-only/" not in urls
    # Every page of the site is in it, but those standing in for a missing translation.
    pages = {SITE_URL + url_path_of(fixture_site.site, f) for f in site_pages(fixture_site.site)
             if not url_path_of(fixture_site.site, f).endswith("404.html") and not parse(f).cssselect(".site-notice--untranslated")}
    assert set(urls) == pages


def test_each_language_has_a_search_index_of_its_own_pages_generated_ones_included(fixture_site):
    def index(language):
        return json.loads((fixture_site.site / language.root / "search/search_index.json").read_text(encoding="utf-8"))

    titles = {language.code: {d["location"]: d["title"] for d in index(language)["docs"]} for language in LANGUAGES}
    assert titles["zh"]["members/kunming/"] == "昆明市"
    assert titles["en"]["members/kunming/"] == "Kunming"  # relative to /en/
    assert titles["zh-hant"]["members/kunming/"] == "昆明市"
    for language in LANGUAGES:
        assert not any(location.startswith(tuple(l.root for l in LANGUAGES if l.root)) for location in titles[language.code])
    # A page standing in for a missing translation is the original's, found in its own language.
    assert "news/2024/chinese-only/" in titles["zh"] and "news/2024/chinese-only/" not in titles["en"]
    assert "news/2024/chinese-only/" not in titles["ko"] and "news/2024/chinese-only/" in titles["zh-hant"]
    zh = index(LANGUAGES["zh"])
    # jieba segments Chinese with zero-width spaces in the index text
    assert any("测试用会员" in d["text"].replace("\u200b", "") for d in zh["docs"] if d["location"] == "members/kunming/")


def test_an_article_not_translated_stands_in_with_a_notice_canonical_to_the_original(fixture_site):
    original = SITE_URL + "news/2024/chinese-only/"
    for code in ("en", "ko"):
        language = LANGUAGES[code]
        page = parse(fixture_site.site / language.root / "news/2024/chinese-only/index.html")
        assert page.get("lang") == "zh-Hans"  # the text shown
        notice = page.cssselect(".site-notice--untranslated")[0]
        assert notice.get("lang") == language.tag and notice.get("data-search-exclude") is not None
        assert resolve(fixture_site.site, f"{language.root}news/2024/chinese-only/",
                       notice.cssselect("a")[0].get("href")) == fixture_site.site / "news/2024/chinese-only/index.html"
        assert page.cssselect('link[rel="canonical"]')[0].get("href") == original
        assert page.cssselect("h1")[0].text_content() == "仅有中文的新闻"
        # Listed in the language's news, its card marked with the language of its text.
        listing = parse(fixture_site.site / language.root / "news/index.html")
        card = [c for c in listing.cssselect(".site-card") if "仅有中文的新闻" in c.text_content()][0]
        assert card.cssselect(".site-card__language")[0].get("lang") == "zh-Hans"
    assert "en/news/2024/chinese-only" not in (fixture_site.site / "en/feeds/news.rss.xml").read_text(encoding="utf-8")
    assert "Translations (en): 1 missing, 0 outdated" in fixture_site.output


def test_titles_and_summaries_are_escaped_exactly_once(fixture_site):
    for prefix, suffix in (("", "标题"), ("en/", "title"), ("zh-hant/", "標題")):
        article = (fixture_site.site / prefix / "news/2023/special-characters/index.html").read_text(encoding="utf-8")
        escaped = f"Rivers &amp; &lt;Lakes&gt; &#34;quoted&#34; {suffix}"
        assert f"<title>{escaped} - " in article
        assert f'<h1 class="site-article__title">{escaped}</h1>' in article
        assert "<Lakes>" not in article and "&amp;amp;" not in article and "&amp;lt;" not in article
        listing = (fixture_site.site / prefix / "news/index.html").read_text(encoding="utf-8")
        assert escaped in listing and "Summary with &amp; and &lt;b&gt;tags&lt;/b&gt;." in listing
        assert "<b>tags</b>" not in listing


def test_each_language_has_its_own_404_page(fixture_site):
    for language in LANGUAGES:
        assert parse(fixture_site.site / language.root / "404.html").get("lang") == language.tag


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
    # views, feeds, exports of every language; photos; the .gz copies
    processes = int(re.search(r"Background work: (\d+) processes", news_site.output).group(1))
    assert processes >= 3 * len(LANGUAGES)
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
    # MkDocs' dirty build keeps the search entries of the earlier language passes in the
    # later ones' indexes (it is made for the live preview's rebuilds), and so their .gz
    # copies; everything else must be equal.
    differing = {path.removesuffix(".gz") for path in in_memory if in_memory[path] != on_disk[path]}
    assert differing <= {language.root + "search/search_index.json" for language in LANGUAGES}
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
