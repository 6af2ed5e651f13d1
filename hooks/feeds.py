"""Hook: RSS and Atom feeds per language: all news, each category, each member.

Events:
- on_page_content: keeps each article's body HTML; in the feeds every link and image in
  it is made absolute (feed readers show it away from the site).
- on_env: once per language pass of mkdocs-static-i18n, when every page has been read (so
  every article's body and URL is known), writes that language's feeds under
  `<language root>/feeds/` (see feed_writer.py for the formats); in a background process
  where the build allows one (background.py), while MkDocs renders the pages.
  Every member has a feed in each language, even before any news names it, so that a
  city's staff can subscribe to their city at any time.
Data read: the validated content (build_context); only published articles are used, so a
draft or scheduled article never reaches a feed, even in the live preview.
Output owned: `feeds/**` and `en/feeds/**`.
"""

from __future__ import annotations

from pathlib import Path

import lxml.html

from multilingual_site import background, build_context, i18n, photo_markup
from multilingual_site.feed_writer import FEED_SIZE, FeedItem, FeedSpec, feed_paths, write_feeds
from multilingual_site.listings import Listing
from multilingual_site.photos import SHARE_WIDTH
from multilingual_site.publishing import PUBLISHED
from multilingual_site.views import article_path, member_path

# (language, slug) -> (body HTML, the article page's absolute URL). Kept across live-preview
# rebuilds (build_context.CACHES): `mkdocs serve --dirty` renders only changed pages, and the
# feeds still need the bodies of the others. Feeds only ever list current articles.
_bodies = build_context.CACHES.article_bodies


def on_page_content(html, page, config, files):
    article = build_context.current().content.articles_by_src_uri.get(page.file.src_uri)
    if article is not None and html:
        _bodies[(article.lang, article.slug)] = (html, config.site_url + page.url)
    return html


def _absolute(html: str, page_url: str, renditions) -> str:
    """The body with every link and image made absolute, and each photo as one medium JPEG
    (feed readers show a plain `<img>`; photo_markup.for_feeds)."""
    fragment = lxml.html.fragment_fromstring(html, create_parent="div")
    photo_markup.for_feeds(fragment, SHARE_WIDTH, renditions)
    fragment.make_links_absolute(page_url)
    return (fragment.text or "") + "".join(lxml.html.tostring(child, encoding="unicode") for child in fragment)


def on_env(env, config, files):
    ctx = build_context.current()
    background.run("feeds", lambda: write_language_feeds(ctx, config))
    return env


def write_language_feeds(ctx, config) -> None:
    """Every feed of this language pass."""
    lang = ctx.pass_.language
    content = ctx.content
    root = i18n.language_root(lang, ctx.default_language)
    site_url = config.site_url
    urls = ctx.pass_.urls  # this language pass's page URLs
    # The language's own articles: one standing in for a missing translation is not news in it.
    published = [a for a in content.by_lang[lang] if a.status == PUBLISHED and a.fallback_of is None]
    renditions = photo_markup.renditions_by_name(ctx.photos.values())

    def item(article) -> FeedItem:
        return FeedItem(
            slug=article.slug, lang=lang, title=article.meta.title,
            url=site_url + urls[article_path(article)],
            date=article.meta.date, summary=article.excerpt,
            content_html=_absolute(*_bodies[(lang, article.slug)], renditions) if (lang, article.slug) in _bodies else "",
            author=article.meta.source or config.site_name,
            categories=[content.categories[article.meta.category].label.get(lang), *article.meta.tags],
        )

    # Made once: an article is in the news feed, its category's and each of its members'.
    items = {a.slug: item(a) for a in published}

    def write(kind: str, key: str, title: str, page_path: str, articles) -> None:
        rss_path, atom_path = feed_paths(root, kind, key)
        spec = FeedSpec(
            title=f"{config.site_name} · {title}", subtitle=config.site_description or config.site_name,
            site_url=site_url + page_path, rss_url=site_url + rss_path, atom_url=site_url + atom_path,
            language=ctx.languages[lang].tag, author=config.site_name, feed_id=site_url + atom_path,
        )
        rss, atom = write_feeds(spec, [items[a.slug] for a in articles[:FEED_SIZE]])
        for path, data in ((rss_path, rss), (atom_path, atom)):
            target = Path(config.site_dir) / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)

    news = Listing("all", "", lang, "")
    write("news", "", news.title(), urls[news.path(1)], published)
    for category in content.categories.values():
        listing = Listing("category", category.id, lang, category.label.get(lang))
        write("category", category.id, listing.title(), urls[listing.path(1)],
              [a for a in content.by_category.get((lang, category.id), []) if a.status == PUBLISHED and a.fallback_of is None])
    for member in content.members.values():
        write("member", member.id, member.name.get(lang), urls[member_path(member.id)],
              [a for a in content.articles_naming(member.id, lang) if a.status == PUBLISHED and a.fallback_of is None])
