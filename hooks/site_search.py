"""Hook: the site's own search, one index per language (multilingual_site/search_index.py),
searched by overrides/assets/javascripts/site-search.js from the dialog of
overrides/partials/site/search.html.

Events:
- on_files, after mkdocs-static-i18n (-100), which gives each language pass its own files:
  leaves out Material's search worker and lunr's files (its theme ships them; which files,
  by pattern, is in upstream.py), and notes the pass's pages in build order;
- on_env: the dialog's addresses and words for this language pass (`site_search`, read by
  partials/site/search.html; the words are strings/<locale>.yml's `search` group): from
  the site's root path, so the partial is the same on every page (partials_cache.py
  renders it once per pass) and on the 404 page;
- on_page_context, after page_views (10) has put the HTML search may read into
  `page.content`: keeps the page's document (search_documents.py: its title, names in
  every language, tags, text, kind and date), then gives the page its whole HTML back
  (search_scope.release). A page standing in for a missing translation is marked
  `search: {exclude: true}` by page_views.py: it is found in its own language's index
  only, never twice.
The index itself is written at the end of each pass (end_steps.AFTER_EACH_PASS:
search_files.py).
Data read: the validated content (build_context). Output owned: `<language root>search/`;
Material's search files left out of the site.
"""

from __future__ import annotations

import html
import time
from urllib.parse import urlsplit

from mkdocs.plugins import event_priority

from multilingual_site import build_context, i18n, search_scope, upstream
from multilingual_site.search_documents import document, is_searched, kind_of
from multilingual_site.search_names import page_names

SCRIPT = "assets/javascripts/site-search.js"


# After mkdocs-static-i18n (-100), which gives each language pass its own files.
@event_priority(-110)
def on_files(files, config):
    for file in [f for f in files if upstream.is_material_search_file(f.src_uri)]:
        files.remove(file)
    ctx = build_context.current()
    ctx.pass_.search_pages = [f.src_uri for f in files.documentation_pages()]
    return files


def on_env(env, config, files):
    ctx = build_context.current()
    lang = ctx.pass_.language
    site_root = urlsplit(config.site_url or "/").path or "/"
    root = i18n.language_root(lang, ctx.default_language)
    env.globals["site_search"] = {"index": f"{site_root}{root}search/", "root": f"{site_root}{root}",
                                  "script": site_root + SCRIPT, "words": ctx.strings[lang]["search"]}
    if not ctx.preview:
        build_context.CACHES.search_documents.pop(lang, None)
    return env


# After page_views (10), which put the view's searchable HTML into page.content.
@event_priority(-10)
def on_page_context(context, page, config, nav):
    ctx = build_context.current()
    lang = ctx.pass_.language
    started = time.process_time()
    kept = build_context.CACHES.search_documents.setdefault(lang, {})
    kept[page.file.src_uri] = _document(page, ctx, config) if is_searched(page.meta) else None
    search_scope.release(page)
    ctx.pass_.search_seconds += time.process_time() - started
    return context


def _document(page, ctx, config) -> dict:
    content = ctx.content
    lang = ctx.pass_.language
    article = content.articles_by_src_uri.get(page.file.src_uri)
    # The front matter's title, as the page's heading and tab show it (the navigation's
    # shorter label, page.title, is not what a reader sees on the page).
    title = config.site_name if page.meta.get("view") == "home" else page.meta.get("title") or page.title
    tags = page.meta.get("tags") if isinstance(page.meta.get("tags"), list) else []
    return document(
        url=page.url.removeprefix(i18n.language_root(lang, ctx.default_language)),
        title=html.unescape(str(title or "")), html=page.content or "",
        kind=kind_of(page.meta, article is not None), names=page_names(page.meta, content), tags=tags,
        date=article.meta.date.isoformat() if article else None,
        shown_date=i18n.format_day(article.meta.date, lang) if article else None)
