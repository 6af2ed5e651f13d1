"""RSS 2.0 and Atom 1.0 feeds of news articles, written with feedgen.

Plain data in, bytes out: `write_feeds(spec, items)` returns the two documents of a feed.
Choices the formats and feed readers need:
- ids never change: `tag:` URIs (RFC 4151) from the article's slug and language, not its
  title, date or URL, so editing an article never makes readers show it again as new;
- no clock: the feed's own date is its newest item's date (feedgen stamps "now" by default);
- dates are the article's day at 00:00 in Beijing (+08:00);
- a summary is plain text (the site's cards show `<b>` as written), and readers read an RSS
  `<description>` as HTML: it goes in HTML-escaped, and Atom gets the same string as
  type="html", so both formats show the words the site shows;
- the self link is added first and the site link last: feedgen 1.0.0 takes the RSS channel
  `<link>` from the last `link()` call.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass, field
from functools import cached_property

from feedgen.entry import FeedEntry
from feedgen.ext.dc import DcEntryExtension
from feedgen.feed import FeedGenerator

from .publishing import moment

FEED_SIZE = 20  # newest articles per feed
TAG_AUTHORITY = "eastasia.iclei.org,2024"  # the tag: URI authority; never change it


@dataclass
class FeedItem:
    """One article as feeds list it; its feedgen entry is made once, and shared by every
    feed that lists the article (the news feed, its category's, each of its members')."""

    slug: str
    lang: str
    title: str
    url: str  # absolute
    date: dt.date
    summary: str
    content_html: str  # body HTML with absolute URLs
    author: str
    categories: list[str] = field(default_factory=list)

    @cached_property
    def entry(self) -> FeedEntry:
        entry = FeedEntry()
        entry.register_extension("dc", DcEntryExtension)  # RSS <author> needs an e-mail address; dc:creator does not
        entry.id(item_id(self.slug, self.lang))
        entry.guid(item_id(self.slug, self.lang), permalink=False)
        entry.title(self.title)
        entry.link(href=self.url, rel="alternate", type="text/html")
        entry.published(moment(self.date))
        entry.updated(moment(self.date))
        entry.author({"name": self.author})
        entry.dc.dc_creator(self.author)
        entry.summary(html.escape(self.summary or self.title, quote=False), type="html")  # also the RSS description
        entry.content(self.content_html, type="html")
        for category in self.categories:
            entry.category(term=category)
        return entry


@dataclass
class FeedSpec:
    title: str
    subtitle: str
    site_url: str  # absolute URL of the page the feed follows
    rss_url: str  # absolute
    atom_url: str  # absolute
    language: str  # BCP 47
    author: str
    feed_id: str


def item_id(slug: str, lang: str) -> str:
    return f"tag:{TAG_AUTHORITY}:news/{lang}/{slug}"


def write_feeds(spec: FeedSpec, items: list[FeedItem]) -> tuple[bytes, bytes]:
    """(RSS, Atom) for `items` (newest first; only the first FEED_SIZE are used)."""
    items = items[:FEED_SIZE]
    generator = FeedGenerator()
    generator.load_extension("dc")  # the namespace; each entry carries its own dc:creator
    generator.id(spec.feed_id)
    generator.title(spec.title)
    generator.subtitle(spec.subtitle)
    generator.language(spec.language)
    generator.author({"name": spec.author})
    generator.generator("feedgen")
    newest = moment(items[0].date) if items else moment(dt.date(2020, 1, 1))
    generator.updated(newest)
    generator.lastBuildDate(newest)
    # Self links first, the site link last (see the module docstring).
    generator.link(href=spec.rss_url, rel="self", type="application/rss+xml")
    generator.link(href=spec.site_url, rel="alternate", type="text/html")
    for item in items:
        generator.add_entry(item.entry, order="append")
    rss = generator.rss_str(pretty=True)
    # The Atom document's self link must name the Atom feed, not the RSS one.
    generator.link(href=spec.atom_url, rel="self", type="application/atom+xml", replace=True)
    generator.link(href=spec.site_url, rel="alternate", type="text/html")
    atom = generator.atom_str(pretty=True)
    return rss, atom


def feed_paths(lang_root: str, kind: str, key: str = "") -> tuple[str, str]:
    """Site paths (RSS, Atom) of a feed: kind is news, category or member."""
    base = f"{lang_root}feeds/news" if kind == "news" else f"{lang_root}feeds/{kind}/{key}"
    return f"{base}.rss.xml", f"{base}.atom.xml"
