"""Every feed is valid as the W3C Feed Validation Service judges feeds (issue 27): the RSS and
Atom feeds of every language, of all news, of each category and of each member, in the real
site and in the fixture site with its awkward articles. The service cannot run here, so
tests/feed_validity.py checks its rules offline (Atom against RFC 4287's RELAX NG schema);
each of those rules is shown refusing a small hand-made feed that breaks it, so that a green
run means something."""

from __future__ import annotations

import datetime as dt

import lxml.etree as ET
import pytest
import yaml

from feed_validity import (RULES, canonical_uri, check_feed, check_pair, html_text, iri_problem,
                           language_tag_problem, rfc822_problem, rfc3339_problem)
from pages import LANGUAGES, SITE_URL, language_of
from sitebuild import hook_module


def _expected_feeds(project) -> set[str]:
    """Every feed a site must publish: news, each category, each member; RSS and Atom; in every language."""
    categories = [category["id"] for category in yaml.safe_load((project / "data/categories.yml").read_text(encoding="utf-8"))]
    members = [member["id"] for member in yaml.safe_load((project / "data/members.yml").read_text(encoding="utf-8"))]
    names = ["feeds/news", *(f"feeds/category/{c}" for c in categories), *(f"feeds/member/{m}" for m in members)]
    return {language.root + name + ext for language in LANGUAGES for name in names for ext in (".rss.xml", ".atom.xml")}


def _site_problems(build) -> list[str]:
    """Every problem of every feed of a built site, each as 'path: rule: where: message'."""
    site = build.site
    paths = sorted(feed.relative_to(site).as_posix() for feed in site.glob("**/feeds/**/*.xml"))
    assert set(paths) == _expected_feeds(build.project)
    problems = []
    for path in paths:
        data = (site / path).read_bytes()
        found = check_feed(data, SITE_URL + path, language_of(path).tag)
        problems += [f"{path}: {problem}" for problem in found]
        if path.endswith(".rss.xml") and not any(problem.rule == "xml" for problem in found):
            atom = path.removesuffix(".rss.xml") + ".atom.xml"
            problems += [f"{path} and {atom}: {problem}" for problem in check_pair(data, (site / atom).read_bytes())]
    return problems


def test_every_feed_of_the_real_site_is_valid_in_every_language(real_site):
    assert _site_problems(real_site) == []


def test_every_feed_of_the_fixture_site_is_valid_awkward_articles_included(news_site):
    # Its articles have a title with & < > and quotes, a summary with markup written as text,
    # a photo, a Chinese-only article, twelve more than a listing page holds, a draft and a
    # scheduled article; its member feeds include empty ones.
    assert _site_problems(news_site) == []


def test_a_summary_reads_the_same_in_rss_and_atom_as_on_the_site():
    """A summary is plain text: the site's cards show `<b>` as written. RSS readers read an
    item's <description> as HTML, so the summary must go in escaped, not as markup."""
    feed_writer = hook_module("feed_writer")
    summary = "R&D with <b>tags</b>, &amp; an entity, written as text"
    item = feed_writer.FeedItem(slug="rivers", lang="en", title='Rivers & <Lakes> "quoted"',
                                url=SITE_URL + "en/news/2023/rivers/", date=dt.date(2023, 3, 1), summary=summary,
                                content_html="<p>Body.</p>", author="ICLEI East Asia", categories=["Events"])
    spec = feed_writer.FeedSpec(title="ICLEI East Asia · News", subtitle="News", site_url=SITE_URL + "en/news/",
                                rss_url=SITE_URL + "en/feeds/news.rss.xml", atom_url=SITE_URL + "en/feeds/news.atom.xml",
                                language="en", author="ICLEI East Asia", feed_id=SITE_URL + "en/feeds/news.atom.xml")
    rss, atom = feed_writer.write_feeds(spec, [item])
    assert html_text(ET.fromstring(rss).findtext("channel/item/description")) == summary
    assert check_feed(rss, spec.rss_url, "en") == []
    assert check_feed(atom, spec.atom_url, "en") == []
    assert check_pair(rss, atom) == []


# ---------------------------------------------------------------------------------------------
# The checker refuses what each rule forbids: a good hand-made feed of each format, and a
# broken copy of it per rule.

NOW = dt.datetime(2025, 6, 1, tzinfo=dt.timezone.utc)  # "now" for the hand-made feeds' dates
RSS_URL = "https://example.org/en/feeds/news.rss.xml"
ATOM_URL = "https://example.org/en/feeds/news.atom.xml"

GOOD_RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel>
    <title>Example · News</title>
    <link>https://example.org/en/news/</link>
    <description>News of the example site</description>
    <atom:link href="https://example.org/en/feeds/news.rss.xml" rel="self" type="application/rss+xml"/>
    <language>en</language>
    <lastBuildDate>Wed, 01 Mar 2023 00:00:00 +0800</lastBuildDate>
    <item>
      <title>Rivers &amp; lakes</title>
      <link>https://example.org/en/news/2023/rivers/</link>
      <description>A summary: R&amp;amp;D &amp;lt;b&amp;gt; as text</description>
      <content:encoded>&lt;p&gt;A &lt;a href="https://example.org/en/members/"&gt;link&lt;/a&gt;, &lt;img src="https://example.org/photo.jpg" alt="A photo" width="640" height="400"&gt; and a table &lt;table&gt;&lt;tr&gt;&lt;td style="text-align: center;"&gt;1&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;/p&gt;</content:encoded>
      <guid isPermaLink="false">tag:example.org,2024:news/en/rivers</guid>
      <category>Events</category>
      <enclosure url="https://example.org/report.pdf" length="1024" type="application/pdf"/>
      <pubDate>Wed, 01 Mar 2023 00:00:00 +0800</pubDate>
      <dc:creator>Example Secretariat</dc:creator>
    </item>
  </channel>
</rss>
"""

GOOD_ATOM = """<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/" xml:lang="en">
  <id>https://example.org/en/feeds/news.atom.xml</id>
  <title>Example · News</title>
  <updated>2023-03-01T00:00:00+08:00</updated>
  <author>
    <name>Example</name>
  </author>
  <link href="https://example.org/en/feeds/news.atom.xml" rel="self" type="application/atom+xml"/>
  <link href="https://example.org/en/news/" rel="alternate" type="text/html"/>
  <subtitle>News of the example site</subtitle>
  <entry>
    <id>tag:example.org,2024:news/en/rivers</id>
    <title>Rivers &amp; lakes</title>
    <updated>2023-03-01T00:00:00+08:00</updated>
    <content type="html">&lt;p&gt;A &lt;a href="https://example.org/en/members/"&gt;link&lt;/a&gt;.&lt;/p&gt;</content>
    <link href="https://example.org/en/news/2023/rivers/"/>
    <summary type="html">A summary: R&amp;amp;D &amp;lt;b&amp;gt; as text</summary>
    <category term="Events"/>
    <published>2023-03-01T00:00:00+08:00</published>
    <dc:creator>Example Secretariat</dc:creator>
  </entry>
</feed>
"""

RSS_ITEM = GOOD_RSS[GOOD_RSS.index("    <item>"):GOOD_RSS.index("  </channel>")]
ATOM_ENTRY = GOOD_ATOM[GOOD_ATOM.index("  <entry>"):GOOD_ATOM.index("</feed>")]
ATOM_CONTENT = ATOM_ENTRY[ATOM_ENTRY.index('    <content type="html">'):ATOM_ENTRY.index("    <link")]


def _edit(text: str, old: str, new: str) -> str:
    assert old in text, f"the good feed changed: {old!r} is not in it"
    return text.replace(old, new, 1)


# (rule, format, what is wrong, old, new): the good feed with `old` replaced by `new`.
BAD = [
    ("size", "rss", "over 2,000,000 bytes", "  </channel>", "<!--" + "x" * 2_000_000 + "-->  </channel>"),
    ("xml", "rss", "no XML declaration", '<?xml version="1.0" encoding="UTF-8"?>\n', ""),
    ("xml", "atom", "declared in another encoding", 'encoding="UTF-8"', 'encoding="ISO-8859-1"'),
    ("xml", "rss", "not well-formed", "<title>Rivers &amp; lakes</title>", "<title>Rivers & lakes</title>"),
    ("xml", "rss", "a DOCTYPE", "<rss ", '<!DOCTYPE rss [<!ENTITY name "value">]>\n<rss '),
    ("characters", "rss", "a C1 control character (cp1252 read as Latin-1)", "Rivers &amp; lakes", "Rivers \u0096 lakes"),
    ("characters", "atom", "U+FFFD, a character lost in decoding", "<name>Example</name>", "<name>Ex\ufffdmple</name>"),
    ("namespaces", "rss", "the content: prefix bound to another namespace",
     'xmlns:content="http://purl.org/rss/1.0/modules/content/"', 'xmlns:content="http://example.org/content/"'),
    ("namespaces", "atom", "an unknown extension namespace", "<dc:creator>Example Secretariat</dc:creator>",
     '<x:creator xmlns:x="http://example.org/unknown/">Example Secretariat</x:creator>'),
    ("rss-root", "rss", "not RSS 2.0", 'version="2.0"', 'version="0.93"'),
    ("rss-root", "rss", "a second channel", "</rss>", "<channel/></rss>"),
    ("rss-elements", "rss", "an element RSS 2.0 does not have", "<language>en</language>", "<language>en</language><lang>en</lang>"),
    ("rss-elements", "rss", "a second title in an item", "<title>Rivers &amp; lakes</title>",
     "<title>Rivers &amp; lakes</title><title>Again</title>"),
    ("rss-elements", "rss", "unescaped markup in a description", "A summary: R&amp;amp;D &amp;lt;b&amp;gt; as text",
     "A <b>bold</b> summary"),
    ("rss-elements", "rss", "a channel element after the items", "  </channel>", "<ttl>60</ttl>\n  </channel>"),
    ("rss-channel", "rss", "no channel description", "<description>News of the example site</description>", ""),
    ("rss-channel", "rss", "a blank channel title", "<title>Example · News</title>", "<title> </title>"),
    ("rss-channel", "rss", "an image without its link", "<language>en</language>",
     "<language>en</language><image><url>https://example.org/logo.png</url><title>Example · News</title></image>"),
    ("rss-channel", "rss", "a webMaster that is no e-mail address", "<language>en</language>",
     "<language>en</language><webMaster>The web team</webMaster>"),
    ("rss-item", "rss", "an item with neither title nor description",
     RSS_ITEM[RSS_ITEM.index("<title>"):RSS_ITEM.index("<content:encoded>")], "<link>https://example.org/en/news/2023/rivers/</link>"),
    ("rss-item", "rss", "an author that is no e-mail address", "<dc:creator>", "<author>Example Secretariat</author><dc:creator>"),
    ("rss-item", "rss", "a blank category", "<category>Events</category>", "<category> </category>"),
    ("rss-dates", "rss", "the wrong day name", "<pubDate>Wed, 01 Mar 2023", "<pubDate>Thu, 01 Mar 2023"),
    ("rss-dates", "rss", "an ISO 8601 date", "<pubDate>Wed, 01 Mar 2023 00:00:00 +0800", "<pubDate>2023-03-01T00:00:00+08:00"),
    ("rss-dates", "rss", "a two-digit year", "<pubDate>Wed, 01 Mar 2023", "<pubDate>Wed, 01 Mar 23"),
    ("rss-dates", "rss", "no such day", "<pubDate>Wed, 01 Mar 2023", "<pubDate>31 Feb 2023"),
    ("rss-dates", "rss", "no time zone", "<lastBuildDate>Wed, 01 Mar 2023 00:00:00 +0800", "<lastBuildDate>Wed, 01 Mar 2023 00:00:00"),
    ("rss-dates", "rss", "a date in the future", "<pubDate>Wed, 01 Mar 2023", "<pubDate>Sat, 01 Mar 2031"),
    ("rss-urls", "rss", "a relative item link", "<link>https://example.org/en/news/2023/rivers/</link>", "<link>/en/news/2023/rivers/</link>"),
    ("rss-urls", "rss", "a channel link with a space", "<link>https://example.org/en/news/</link>", "<link>https://example.org/en/all news/</link>"),
    ("rss-guid", "rss", "a tag: URI as a permalink", ' isPermaLink="false"', ""),
    ("rss-guid", "rss", "no guid", '<guid isPermaLink="false">tag:example.org,2024:news/en/rivers</guid>', ""),
    ("rss-guid", "rss", "two items with one guid", "  </channel>", RSS_ITEM + "  </channel>"),
    ("rss-guid", "rss", "isPermaLink neither true nor false", 'isPermaLink="false"', 'isPermaLink="no"'),
    ("rss-enclosure", "rss", "a negative length", 'length="1024"', 'length="-1"'),
    ("rss-enclosure", "rss", "a relative url", 'url="https://example.org/report.pdf"', 'url="report.pdf"'),
    ("rss-enclosure", "rss", "no media type", ' type="application/pdf"', ""),
    ("self-link", "rss", "a self link that is not the feed's address", 'href="https://example.org/en/feeds/news.rss.xml"',
     'href="https://example.org/feeds/news.rss.xml"'),
    ("self-link", "rss", "a self link of the other format", 'rel="self" type="application/rss+xml"', 'rel="self" type="application/atom+xml"'),
    ("self-link", "rss", "no self link", '<atom:link href="https://example.org/en/feeds/news.rss.xml" rel="self" type="application/rss+xml"/>', ""),
    ("self-link", "atom", "a self link to another feed", 'href="https://example.org/en/feeds/news.atom.xml" rel="self"',
     'href="https://example.org/en/feeds/other.atom.xml" rel="self"'),
    ("language", "rss", "no language tag", "<language>en</language>", "<language>english</language>"),
    ("language", "rss", "another language's tag", "<language>en</language>", "<language>zh-Hans</language>"),
    ("language", "rss", "no language", "<language>en</language>", ""),
    ("language", "atom", "no xml:lang on the feed", ' xml:lang="en"', ""),
    ("language", "atom", "an invalid script subtag", "<entry>", '<entry xml:lang="en-Abcd">'),
    ("language", "atom", "no such language", "<entry>", '<entry xml:lang="qq">'),
    ("language", "atom", "an hreflang that is no language tag", '<link href="https://example.org/en/news/2023/rivers/"/>',
     '<link href="https://example.org/en/news/2023/rivers/" hreflang="english"/>'),
    ("plain-text", "rss", "a title escaped twice", "<title>Rivers &amp; lakes</title>", "<title>Rivers &amp;amp; lakes</title>"),
    ("plain-text", "atom", "HTML in a text title", "<title>Rivers &amp; lakes</title>", "<title>&lt;b&gt;Rivers&lt;/b&gt;</title>"),
    ("plain-text", "rss", "HTML in a category", "<category>Events</category>", "<category>&lt;i&gt;Events&lt;/i&gt;</category>"),
    ("plain-text", "atom", "HTML in a category label", '<category term="Events"/>', '<category term="Events" label="&lt;b&gt;Events&lt;/b&gt;"/>'),
    ("html", "rss", "a script", "&lt;/p&gt;</content:encoded>", "&lt;script&gt;alert(1)&lt;/script&gt;&lt;/p&gt;</content:encoded>"),
    ("html", "atom", "an event handler", "&lt;a href=", "&lt;a onclick=&quot;steal()&quot; href="),
    ("html", "rss", "a style readers strip", 'style="text-align: center;"', 'style="position: fixed"'),
    ("html", "rss", "a script: URL", 'href="https://example.org/en/members/"', 'href="javascript:steal()"'),
    ("html", "atom", "not an HTML element", "&lt;p&gt;A ", "&lt;p&gt;&lt;lakes&gt;A "),
    ("html-urls", "rss", "a relative link in content:encoded", 'href="https://example.org/en/members/"', 'href="/en/members/"'),
    ("html-urls", "rss", "a relative image", 'src="https://example.org/photo.jpg"', 'src="photo.jpg"'),
    ("html-urls", "atom", "a relative link in Atom content", 'href="https://example.org/en/members/"', 'href="../members/"'),
    ("atom-schema", "atom", "an entry without id", "    <id>tag:example.org,2024:news/en/rivers</id>\n", ""),
    ("atom-schema", "atom", "an element Atom does not have", "<subtitle>", "<description>x</description><subtitle>"),
    ("atom-schema", "atom", "escaped HTML declared as XHTML", '<content type="html">', '<content type="xhtml">'),
    ("atom-ids", "atom", "a relative entry id", "<id>tag:example.org,2024:news/en/rivers</id>", "<id>news/en/rivers</id>"),
    ("atom-ids", "atom", "an id not in canonical form", "<id>https://example.org/en/feeds/news.atom.xml</id>",
     "<id>HTTPS://Example.org:443/en/feeds/news.atom.xml</id>"),
    ("atom-ids", "atom", "a tag: URI without its date", "tag:example.org,2024:news", "tag:example.org:news"),
    ("atom-ids", "atom", "two entries with one id", "</feed>", ATOM_ENTRY + "</feed>"),
    ("atom-ids", "atom", "white space around an id", "<id>tag:example.org,2024:news/en/rivers</id>", "<id> tag:example.org,2024:news/en/rivers</id>"),
    ("atom-dates", "atom", "no time zone", "<published>2023-03-01T00:00:00+08:00", "<published>2023-03-01T00:00:00"),
    ("atom-dates", "atom", "a date in the future", "<updated>2023-03-01T00:00:00+08:00</updated>\n    <content",
     "<updated>2031-03-01T00:00:00+08:00</updated>\n    <content"),
    ("atom-dates", "atom", "before 1990", "<published>2023", "<published>1989"),
    ("atom-links", "atom", "a relative entry link", '<link href="https://example.org/en/news/2023/rivers/"/>', '<link href="/en/news/2023/rivers/"/>'),
    ("atom-links", "atom", "two alternate links of one type", '<link href="https://example.org/en/news/" rel="alternate" type="text/html"/>',
     '<link href="https://example.org/en/news/" rel="alternate" type="text/html"/><link href="https://example.org/news/" type="text/html"/>'),
    ("atom-links", "atom", "an entry with neither content nor alternate link", ATOM_CONTENT + '    <link href="https://example.org/en/news/2023/rivers/"/>',
     '<link href="https://example.org/en/news/2023/rivers/" rel="related"/>'),
    ("atom-links", "atom", "a relation that is neither registered nor an IRI", 'rel="alternate" type="text/html"', 'rel="alternate page" type="text/html"'),
    ("atom-links", "atom", "a length that is no number", '<link href="https://example.org/en/news/2023/rivers/"/>',
     '<link href="https://example.org/en/news/2023/rivers/" length="big"/>'),
    ("atom-author", "atom", "no author anywhere", "  <author>\n    <name>Example</name>\n  </author>\n", ""),
    ("atom-text", "atom", "a blank entry title", "<title>Rivers &amp; lakes</title>", "<title></title>"),
    ("atom-text", "atom", "a blank category term", '<category term="Events"/>', '<category term=" "/>'),
    ("atom-text", "atom", "content out of line and no summary", '<summary type="html">A summary: R&amp;amp;D &amp;lt;b&amp;gt; as text</summary>',
     '<content type="application/pdf" src="https://example.org/report.pdf"/>'),
]


def _bad_feed(fmt: str, old: str, new: str) -> tuple[bytes, str]:
    if fmt == "rss":
        return _edit(GOOD_RSS, old, new).encode("utf-8"), RSS_URL
    text = _edit(GOOD_ATOM, old, new)
    if "src=" in new:  # an entry holds one content
        text = _edit(text, ATOM_CONTENT, "")
    return text.encode("utf-8"), ATOM_URL


def test_the_hand_made_feeds_are_valid():
    assert check_feed(GOOD_RSS.encode(), RSS_URL, "en", now=NOW) == []
    assert check_feed(GOOD_ATOM.encode(), ATOM_URL, "en", now=NOW) == []
    assert check_pair(GOOD_RSS.encode(), GOOD_ATOM.encode()) == []


@pytest.mark.parametrize("rule, fmt, wrong, old, new", BAD, ids=[f"{rule}: {wrong}" for rule, _, wrong, _, _ in BAD])
def test_each_rule_refuses_a_feed_that_breaks_it(rule, fmt, wrong, old, new):
    data, url = _bad_feed(fmt, old, new)
    problems = check_feed(data, url, "en", now=NOW)
    assert {problem.rule for problem in problems} == {rule}, [str(problem) for problem in problems]


@pytest.mark.parametrize("wrong, edit_rss, edit_atom", [
    ("a title that differs", ("<title>Rivers &amp; lakes</title>", "<title>Rivers</title>"), None),
    ("a plain-text summary put in RSS as HTML", ("R&amp;amp;D &amp;lt;b&amp;gt; as text", "R&amp;D &lt;b&gt;as text&lt;/b&gt;"),
     ('<summary type="html">A summary: R&amp;amp;D &amp;lt;b&amp;gt; as text', "<summary>A summary: R&amp;D &lt;b&gt;as text&lt;/b&gt;")),
    ("another date", ("<pubDate>Wed, 01 Mar 2023 00:00:00 +0800", "<pubDate>Wed, 01 Mar 2023 00:00:00 +0000"), None),
    ("an item missing from Atom", None, (ATOM_ENTRY, "")),
])
def test_the_pair_rule_refuses_rss_and_atom_that_disagree(wrong, edit_rss, edit_atom):
    rss = _edit(GOOD_RSS, *edit_rss) if edit_rss else GOOD_RSS
    atom = _edit(GOOD_ATOM, *edit_atom) if edit_atom else GOOD_ATOM
    problems = check_pair(rss.encode(), atom.encode())
    assert problems and {problem.rule for problem in problems} == {"pair"}


def test_every_rule_is_shown_refusing_a_feed():
    assert {rule for rule, *_ in BAD} | {"pair"} == set(RULES)


# The value checks on their own, against examples of their specifications.

@pytest.mark.parametrize("value, valid", [
    ("Wed, 02 Oct 2002 15:00:00 +0800", True), ("02 Oct 2002 15:00 GMT", True), ("Wed, 02 Oct 2002 08:00:00 EST", True),
    ("Wed, 02 Oct 2002 15:00:00 +0545", False), ("wed, 02 oct 2002 15:00:00 +0800", False),
    ("Wed, 02 Oct 2002 24:00:00 +0800", False), ("Wed, 02 Oct 2002 15:00:00 J", False), ("Wed,02 Oct 2002 15:00:00 +0800", False),
])
def test_rfc822_dates(value, valid):
    assert (rfc822_problem(value, NOW) is None) == valid


@pytest.mark.parametrize("value, valid", [
    ("2002-10-02T15:00:00Z", True), ("2002-10-02T15:00:00.25+08:00", True), ("2002-10-02T15:00:00", False),
    ("2002-10-02t15:00:00z", False), ("2002-10-02T15:00Z", False), ("2002-02-30T15:00:00Z", False), ("2002-10-02T15:00:00+24:00", False),
])
def test_rfc3339_dates(value, valid):
    assert (rfc3339_problem(value, NOW) is None) == valid


@pytest.mark.parametrize("value, valid", [
    ("https://eastasia.iclei.org/en/feeds/news.atom.xml", True), ("tag:eastasia.iclei.org,2024:news/zh-hant/a-b", True),
    ("tag:someone@example.org,2001-09-15:x", True), ("urn:uuid:60a76c80-d399-11d9-b93c-0003939e0af6", True),
    ("https://例子.中国/新闻", True), ("/en/news/", False), ("https://example.org/a b", False), ("tag:example.org,2024-13:x", False),
])
def test_iris(value, valid):
    assert (iri_problem(value) is None) == valid


@pytest.mark.parametrize("value, canonical", [
    ("https://eastasia.iclei.org/en/feeds/news.atom.xml", "https://eastasia.iclei.org/en/feeds/news.atom.xml"),
    ("HTTP://Example.ORG:80", "http://example.org/"), ("http://example.org/a/./b/../c?q=%7e%2f#f", "http://example.org/a/c?q=~%2F#f"),
    ("tag:eastasia.iclei.org,2024:news/en/x", "tag:eastasia.iclei.org,2024:news/en/x"), ("https://例子.中国/", None),
])
def test_canonical_uris(value, canonical):
    assert canonical_uri(value) == canonical


@pytest.mark.parametrize("tag, valid", [
    *((language.tag, True) for language in LANGUAGES), ("zh-Hant-TW", True), ("es-419", True), ("yue-Hant", True),
    ("en-GB-oxendict", True), ("x", False), ("zh_Hans", False), ("qq", False), ("en-Abcd", False), ("en-UK", False),
])
def test_language_tags_every_site_language_included(tag, valid):
    assert (language_tag_problem(tag) is None) == valid
