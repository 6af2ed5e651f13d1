"""RSS and Atom feeds, per language, per category and per member: parsed strictly as XML
and with feedparser, as feed readers would."""

from __future__ import annotations

import re

import xml.etree.ElementTree as ET

import feedparser
import lxml.html

from pages import LANGUAGES, SITE_URL, language_of, parse, resolve, site_pages, url_path_of
from sitebuild import build

FEEDS = [language.root + f"feeds/news.{kind}.xml" for language in LANGUAGES for kind in ("rss", "atom")]
# A language's feeds hold the articles written in it or converted into it: 12 bulk, the normal
# pair and special characters in Chinese and English, the Chinese-only one in Chinese; the
# fixture has no Korean article (its Korean pages stand in, and are in no feed).
ENTRIES = {"zh": 15, "en": 14, "ko": 0, "zh-hant": 15}


def _feed(site, path):
    data = (site / path).read_bytes()
    ET.fromstring(data)  # strict well-formedness: raises on any XML error
    parsed = feedparser.parse(data)
    assert not parsed.bozo, parsed.bozo_exception
    return parsed


def test_every_feed_is_well_formed_xml_and_parses(news_site):
    feeds = sorted(news_site.site.glob("**/feeds/**/*.xml"))
    assert len(feeds) == 2 * len(LANGUAGES) * (1 + 2 + 4)  # 2 formats x languages x (news + 2 categories + 4 members)
    for feed in feeds:
        _feed(news_site.site, feed.relative_to(news_site.site))


def test_news_feeds_hold_the_newest_articles_newest_first_with_absolute_urls(news_site):
    for path in FEEDS:
        feed = _feed(news_site.site, path)
        language = language_of(path)
        assert feed.feed.language == language.tag
        dates = [e.published_parsed for e in feed.entries]
        assert dates == sorted(dates, reverse=True) and len(feed.entries) == ENTRIES[language.code], path
        for entry in feed.entries:
            assert entry.link.startswith(SITE_URL + language.root + "news/")
            assert resolve(news_site.site, "", entry.link[len(SITE_URL):]).exists()
            body = lxml.html.fragment_fromstring(entry.content[0].value or "<p></p>", create_parent="div")
            for element, attribute in [(e, "src") for e in body.iter("img")] + [(e, "href") for e in body.iter("a")]:
                assert element.get(attribute).startswith(SITE_URL), element.get(attribute)


def test_feed_links_self_first_and_site_last(news_site):
    rss = ET.fromstring((news_site.site / "en/feeds/news.rss.xml").read_bytes())
    assert rss.findtext("channel/link") == SITE_URL + "en/news/"
    self_link = rss.find("channel/{http://www.w3.org/2005/Atom}link")
    assert self_link.get("rel") == "self" and self_link.get("href") == SITE_URL + "en/feeds/news.rss.xml"
    atom = _feed(news_site.site, "en/feeds/news.atom.xml")
    links = {l.rel: l.href for l in atom.feed.links}
    assert links == {"self": SITE_URL + "en/feeds/news.atom.xml", "alternate": SITE_URL + "en/news/"}


def test_images_and_links_in_content_are_absolute(news_site):
    feed = _feed(news_site.site, "en/feeds/news.rss.xml")
    entry = next(e for e in feed.entries if e.title == "Test news: Kunming")
    # The photo as one medium JPEG (photos.SHARE_WIDTH), at an absolute URL.
    assert re.search(f'src="{re.escape(SITE_URL)}news/2023/images/cover\\.[0-9a-f]{{8}}\\.640\\.jpg"', entry.content[0].value)
    assert entry.author == "Test source"
    assert {t.term for t in entry.tags} == {"Events", "Kunming", "test"}


def test_drafts_and_scheduled_articles_never_reach_a_feed(news_site):
    for feed in news_site.site.glob("**/feeds/**/*.xml"):
        text = feed.read_text(encoding="utf-8")
        assert "DRAFT ARTICLE" not in text and "FUTURE ARTICLE" not in text, feed


def test_special_characters_are_escaped_exactly_once(news_site):
    for path in FEEDS:
        feed = _feed(news_site.site, path)
        if not feed.entries:
            continue
        titles = [e.title for e in feed.entries]
        assert any(t.startswith('Rivers & <Lakes> "quoted"') for t in titles), titles
    raw = (news_site.site / "en/feeds/news.rss.xml").read_text(encoding="utf-8")
    assert "<title>Rivers &amp; &lt;Lakes&gt; \"quoted\" title</title>" in raw


def test_category_and_member_feeds_hold_their_own_articles(news_site):
    events = _feed(news_site.site, "en/feeds/category/events.rss.xml")
    assert [e.title for e in events.entries] == ["Test news: Kunming"]
    kunming = _feed(news_site.site, "feeds/member/kunming.atom.xml")
    assert [e.title for e in kunming.entries] == ["测试新闻：昆明"]
    # Ulaanbaatar's only article is Chinese-only: its English feed exists (to subscribe to) and is empty
    assert _feed(news_site.site, "en/feeds/member/ulaanbaatar.rss.xml").entries == []
    assert [e.title for e in _feed(news_site.site, "feeds/member/ulaanbaatar.rss.xml").entries] == ["仅有中文的新闻"]


def test_ids_are_stable_across_builds_and_edits(news_site, tmp_path):
    def ids():
        return {e.title: e.id for e in _feed(site, "en/feeds/news.atom.xml").entries}

    site = news_site.site
    before = {e.link: e.id for e in _feed(site, "en/feeds/news.atom.xml").entries}
    article = news_site.project / "docs/news/2023/normal-pair.en.md"
    original = article.read_text(encoding="utf-8")
    try:
        article.write_text(original.replace('title: "Test news: Kunming"', 'title: "Edited title"')
                           .replace("First paragraph.", "Edited."), encoding="utf-8")
        rebuilt = build(news_site.project, tmp_path / "edited", extra_env={"SITE_BUILD_DATE": "2025-06-01"})
        assert rebuilt.returncode == 0, rebuilt.output
    finally:
        article.write_text(original, encoding="utf-8")
    after = {e.link: e.id for e in _feed(rebuilt.site, "en/feeds/news.atom.xml").entries}
    assert after == before
    rss = _feed(rebuilt.site, "en/feeds/news.rss.xml")
    assert next(e for e in rss.entries if e.title == "Edited title").id == before[SITE_URL + "en/news/2023/normal-pair/"]


def test_every_page_announces_feeds_that_exist(news_site):
    site = news_site.site
    for file in site_pages(site):
        path = url_path_of(site, file)
        if path.endswith("404.html"):
            continue
        links = parse(file).cssselect('link[rel="alternate"][type]')
        types = {l.get("type") for l in links}
        assert types == {"application/rss+xml", "application/atom+xml"}, path
        for link in links:
            assert resolve(site, path, link.get("href")).exists(), (path, link.get("href"))
    category = parse(site / "en/news/category/events/index.html")
    hrefs = [l.get("href") for l in category.cssselect('link[type="application/rss+xml"]')]
    assert resolve(site, "en/news/category/events/", hrefs[0]) == site / "en/feeds/category/events.rss.xml"
    member = parse(site / "members/kunming/index.html")
    hrefs = [l.get("href") for l in member.cssselect('link[type="application/atom+xml"]')]
    assert resolve(site, "members/kunming/", hrefs[0]) == site / "feeds/member/kunming.atom.xml"


def test_listing_pages_show_a_subscribe_link(news_site):
    for path in ("news/", "en/news/", "en/news/category/events/", "members/kunming/"):
        links = parse(news_site.site / path / "index.html").cssselect(".view-subscribe a")
        assert [a.text for a in links] == ["RSS", "Atom"]
        for a in links:
            assert resolve(news_site.site, path, a.get("href")).exists()
