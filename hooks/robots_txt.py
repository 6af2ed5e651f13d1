"""Hook: `robots.txt`, telling crawlers where the sitemap is.

Event: on_post_build of the outermost language pass (the sitemap of every language is
written by then). Everything is public; the sitemap lists every page of both languages with
its hreflang alternates (overrides/sitemap.xml).
Output owned: `robots.txt`.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import event_priority


# Below mkdocs-static-i18n (-100), which builds the other languages in its on_post_build.
@event_priority(-110)
def on_post_build(config):
    if config.plugins["i18n"].building:
        return  # a nested language pass
    text = f"User-agent: *\nAllow: /\n\nSitemap: {config.site_url}sitemap.xml\n"
    Path(config.site_dir, "robots.txt").write_text(text, encoding="utf-8")
