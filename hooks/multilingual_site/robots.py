"""`robots.txt`, telling crawlers where the sitemap is. Everything is public; the sitemap lists
every page of every language with its hreflang alternates (sitemaps.py)."""

from __future__ import annotations

from pathlib import Path


def write_robots_txt(ctx, config) -> None:
    text = f"User-agent: *\nAllow: /\n\nSitemap: {config.site_url}sitemap.xml\n"
    Path(config.site_dir, "robots.txt").write_text(text, encoding="utf-8")
