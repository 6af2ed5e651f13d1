"""The news workflow, built for real: listings with pagination in every language, category,
tag and year pages, article pages, drafts and scheduled articles, a Chinese-only article,
images, the scaffold and the translation report."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import EXTRA
from pages import LANGUAGES, parse, resolve
from sitebuild import REPO, build, edit_file, make_project


def _entries(tree):
    return [(card.cssselect(".site-card__title")[0].text_content().strip(), card.find(".//time").get("datetime"))
            for card in tree.cssselect(".site-cards > .site-card")]


def test_news_index_lists_newest_first_ten_per_page_with_numbered_pages(news_site):
    for prefix in (language.root for language in LANGUAGES):
        first = parse(news_site.site / prefix / "news/index.html")
        entries = _entries(first)
        assert len(entries) == 10
        dates = [d for _, d in entries]
        assert dates == sorted(dates, reverse=True)
        assert first.cssselect('link[rel="next"]')[0].get("href") == "page/2/"
        assert [a.text for a in first.cssselect(".view-pager a")][:1] == ["2"]
        second = parse(news_site.site / prefix / "news/page/2/index.html")
        assert second.cssselect('link[rel="prev"]')[0].get("href") == "../../"
        assert second.cssselect(".view-pager [aria-current=page]")[0].text == "2"
        total = len(entries) + len(_entries(second))
        # + normal pair, special chars, zh-only (standing in, untranslated, outside Chinese)
        assert total == EXTRA + 3


def test_dates_are_localised_with_iso_datetime(news_site):
    zh = (news_site.site / "news/2023/normal-pair/index.html").read_text(encoding="utf-8")
    en = (news_site.site / "en/news/2023/normal-pair/index.html").read_text(encoding="utf-8")
    assert '<time datetime="2023-05-18">2023年5月18日</time>' in zh
    assert '<time datetime="2023-05-18">18 May 2023</time>' in en
    ko = (news_site.site / "ko/news/2023/normal-pair/index.html").read_text(encoding="utf-8")
    hant = (news_site.site / "zh-hant/news/2023/normal-pair/index.html").read_text(encoding="utf-8")
    assert '<time datetime="2023-05-18">2023년 5월 18일</time>' in ko  # standing in: the page's own words
    assert '<time datetime="2023-05-18">2023年5月18日</time>' in hant


def test_summary_falls_back_to_the_first_paragraph(news_site):
    listing = (news_site.site / "en/news/index.html").read_text(encoding="utf-8")
    assert "First paragraph of 11 in en." in listing
    assert "Second paragraph." not in listing


def test_drafts_and_future_articles_are_nowhere_in_a_published_build(news_site):
    site = news_site.site
    for language in LANGUAGES:
        for path in ("news/2024/a-draft", "news/2030/in-the-future"):
            assert not (site / language.root / path).exists()
    everything = "".join(p.read_text(encoding="utf-8") for p in site.rglob("*.html"))
    everything += (site / "sitemap.xml").read_text(encoding="utf-8")
    everything += "".join(p.read_text(encoding="utf-8") for p in site.glob("**/search/*.json"))
    assert "DRAFT ARTICLE" not in everything and "FUTURE ARTICLE" not in everything
    assert "a-draft" not in everything and "in-the-future" not in everything
    assert "Not published (draft): docs/news/2024/a-draft.zh.md" in news_site.output
    assert "Not published (scheduled): docs/news/2030/in-the-future.en.md" in news_site.output


def test_an_article_dated_on_the_build_date_is_published_that_day(tmp_path):
    project = make_project(tmp_path)
    for lang in ("zh", "en"):
        for slug, title, day in (("on-the-day", "ON THE DAY", "2025-06-01"), ("the-day-after", "THE DAY AFTER", "2025-06-02")):
            file = project / f"docs/news/2025/{slug}.{lang}.md"
            file.parent.mkdir(parents=True, exist_ok=True)
            file.write_text(f"---\ntitle: {title}\ndate: {day}\ncategory: events\n---\n\nText.\n", encoding="utf-8")
    result = build(project, extra_env={"SITE_BUILD_DATE": "2025-06-01"})
    assert result.returncode == 0, result.output
    for language in LANGUAGES:
        prefix = language.root
        assert "ON THE DAY" in result.page(prefix + "news/2025/on-the-day/")
        # A language's feed holds the articles in its own text (Korean has a stand-in only).
        feed = (result.site / prefix / "feeds/news.rss.xml").read_text(encoding="utf-8")
        assert ("ON THE DAY" in feed) == (language.code != "ko")
        assert not (result.site / prefix / "news/2025/the-day-after").exists()


def test_category_tag_and_year_listings_exist_in_every_language_and_paginate(news_site):
    """The bulk articles are in Chinese and English: Korean lists them too, standing in
    untranslated, but has no tag of theirs (tags belong to the text's language)."""
    site = news_site.site
    tags = {"zh": "piliang", "en": "bulk", "ko": None, "zh-hant": "pici"}  # 批量 is 批次 in Taiwan
    assert set(tags) == set(LANGUAGES.codes)
    for language in LANGUAGES:
        prefix, tag = language.root, tags[language.code]
        category = parse(site / prefix / "news/category/network-news/index.html")
        assert len(_entries(category)) == 10
        assert (site / prefix / "news/category/network-news/page/2/index.html").exists()
        year = parse(site / prefix / "news/2022/index.html")
        assert {d[:4] for _, d in _entries(year)} == {"2022"}
        index = parse(site / prefix / "news/index.html")
        linked = {resolve(site, prefix + "news/", a.get("href")) for a in index.cssselect(".site-browse section a")}
        assert site / prefix / "news/category/network-news/index.html" in linked
        assert site / prefix / "news/2022/index.html" in linked
        if tag is None:
            assert not (site / prefix / "news/tag/bulk").exists()
            continue
        tag_page = parse(site / prefix / f"news/tag/{tag}/index.html")
        assert len(_entries(tag_page)) == 10
        assert len(_entries(parse(site / prefix / f"news/tag/{tag}/page/2/index.html"))) == 2
        assert site / prefix / f"news/tag/{tag}/index.html" in linked


def test_article_page_links_category_tags_members_siblings_and_related(news_site):
    site = news_site.site
    path = "en/news/2023/normal-pair/"
    tree = parse(site / path / "index.html")
    hrefs = {a.text_content().strip(): resolve(site, path, a.get("href")) for a in tree.cssselect("article a")}
    assert hrefs["Events"] == site / "en/news/category/events/index.html"
    assert hrefs["Kunming"] == site / "en/members/kunming/index.html"
    assert hrefs["test"] == site / "en/news/tag/test/index.html"
    # The newest English article: next comes the Chinese one, standing in, untranslated.
    siblings = tree.cssselect(".site-siblings a")
    assert [a.get("rel") for a in siblings] == ["prev", "next"]
    assert resolve(site, path, siblings[1].get("href")) == site / "en/news/2024/chinese-only/index.html"
    assert siblings[1].cssselect(".site-siblings__title")[0].get("lang") == "zh-Hans"
    zh_path = "news/2023/normal-pair/"
    siblings = parse(site / zh_path / "index.html").cssselect(".site-siblings a")
    assert [a.get("rel") for a in siblings] == ["prev", "next"]
    assert resolve(site, zh_path, siblings[0].get("href")) == site / "news/2023/special-characters/index.html"
    assert resolve(site, zh_path, siblings[1].get("href")) == site / "news/2024/chinese-only/index.html"
    assert tree.cssselect(".site-article__source")[0].text_content() == "Source: Test source"


def test_related_articles_share_members_or_tags(news_site):
    tree = parse(news_site.site / "en/news/2022/bulk-00/index.html")
    related = [a.text_content().strip() for a in tree.cssselect(".site-related .site-card__title a")]
    assert len(related) == 3 and all(title.startswith("Article number") for title in related)


def test_cover_thumbnails_and_inline_images_resolve_in_every_language(news_site):
    site = news_site.site
    for prefix in (language.root for language in LANGUAGES):
        listing = parse(site / prefix / "news/2023/index.html")
        thumbs = listing.cssselect(".site-card__media img")
        assert len(thumbs) == 1 and thumbs[0].get("alt") == ""
        assert resolve(site, prefix + "news/2023/", thumbs[0].get("src")).exists()
        article = parse(site / prefix / "news/2023/normal-pair/index.html")
        for img in article.cssselect("article img"):
            assert resolve(site, prefix + "news/2023/normal-pair/", img.get("src")).exists(), img.get("src")


@pytest.mark.parametrize("edit, message", [
    (("members: [kunming]", "members: [kunming]\ncover: images/missing.jpg"),
     "docs/news/2023/normal-pair.zh.md:7: cover: image not found: docs/news/2023/images/missing.jpg"),
    (("正文第一段。", "正文第一段。\n\n![图](pictures/nowhere.png)"),
     "docs/news/2023/normal-pair.zh.md:14: image: image not found: docs/news/2023/pictures/nowhere.png"),
    (("正文第一段。", "正文第一段。\n\n![图](https://example.com/a.png)"),
     "docs/news/2023/normal-pair.zh.md:14: image: https://example.com/a.png: images must be files of the site"),
])
def test_missing_images_are_reported_with_the_article_path(tmp_path, edit, message):
    project = make_project(tmp_path)
    edit_file(project, "docs/news/2023/normal-pair.zh.md", *edit)
    result = build(project)
    assert result.returncode != 0 and message in result.output, result.output


def test_scaffold_creates_a_valid_draft_pair_that_builds(tmp_path):
    project = make_project(tmp_path)
    run = subprocess.run([sys.executable, str(REPO / "tools/new_article.py"), "--title", "昆明 & 大理：<新>闻",
                          "--date", "2024-09-01", "--category", "events", "--project", str(project)],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    written = {language.code: project / f"docs/news/2024/kunming-dali-xin-wen.{language.code}.md"
               for language in LANGUAGES.hand_translated}
    assert all(file.exists() for file in written.values()), run.stdout
    assert all("draft: true" in file.read_text(encoding="utf-8") for file in written.values())
    result = build(project)
    assert result.returncode == 0, result.output
    assert "Not published (draft): docs/news/2024/kunming-dali-xin-wen.zh.md" in result.output


def test_translation_report_lists_articles_missing_a_translation(tmp_path):
    project = make_project(tmp_path)
    run = subprocess.run([sys.executable, str(REPO / "tools/translations.py"), "--project", str(project)],
                         capture_output=True, text=True)
    assert run.returncode == 0
    assert ("en: missing: docs/news/2024/chinese-only.zh.md has no en version (its readers are shown this zh one)"
            in run.stdout)
    assert "en (English): 1 missing, 0 outdated" in run.stdout


def test_tags_that_would_share_a_slug_get_pages_of_their_own(tmp_path):
    project = make_project(tmp_path)
    for slug, tags in (("park", "[公园]"), ("era", "[公元]"), ("marks", "['？', '！']")):
        (project / f"docs/news/2023/{slug}.zh.md").write_text(
            f"---\ntitle: {slug}\ndate: 2023-02-01\ncategory: events\ntags: {tags}\n---\n\n正文。\n", encoding="utf-8")
    result = build(project)
    assert result.returncode == 0, result.output
    pages = {p.parent.name: parse(p).findtext(".//h1") for p in (result.site / "news/tag").glob("*/index.html")}
    titles = sorted(t for t in pages.values() if t in ("标签：公园", "标签：公元", "标签：？", "标签：！"))
    assert titles == ["标签：公元", "标签：公园", "标签：！", "标签：？"]
    assert all(name.startswith(("gongyuan-", "tag-")) for name, t in pages.items() if t in titles)
    park = next(p for p in (result.site / "news/tag").glob("*/index.html") if parse(p).findtext(".//h1") == "标签：公园")
    assert len(parse(park).cssselect(".site-cards > .site-card")) == 1
