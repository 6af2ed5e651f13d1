"""The pages the site generates from data, as small Markdown stubs (src_uri -> text).

A stub only names its view and the entry it shows; the markup comes from the view's
template in `overrides/partials/views/`. Stubs are pages of the staging docs directory
(Files that exist only in memory in a build, files on disk in the live preview), so
mkdocs-static-i18n treats them exactly like hand-written pages (ARCHITECTURE.md,
"Decisions": a staging docs folder).
"""

from __future__ import annotations

import hashlib

import yaml

from .content_model import SiteContent
from .listings import all_listings, articles_on_page, page_count
from .newsletter_archive import pages as newsletter_pages


def _stub(front_matter: dict) -> str:
    # The safe dumper quotes whatever needs quoting: names with ':' or '#' stay intact.
    # libyaml's, as the loader is: thousands of stubs at network scale.
    return "---\n" + yaml.dump(front_matter, Dumper=_DUMPER, allow_unicode=True, sort_keys=False) + "---\n"


_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # the pure-Python one if PyYAML lacks libyaml


def _localised(path: str, lang: str) -> str:
    return path[: -len(".md")] + f".{lang}.md"


def _digest(articles) -> str:
    """A fingerprint of what a generated page lists. It changes when a listed article's title,
    date, summary or status does, so the stub is rewritten and `mkdocs serve --dirty`
    re-renders that page too (it only re-renders pages whose source changed)."""
    fingerprint = hashlib.sha1()
    for a in articles:
        fingerprint.update(repr((a.slug, a.meta.title, a.meta.date, a.meta.summary, a.meta.cover, a.status)).encode())
    return fingerprint.hexdigest()[:12]


def member_pages(content: SiteContent) -> dict[str, str]:
    """One profile page per member and language: members/<id>.<lang>.md."""
    return {
        f"members/{member.id}.{lang}.md": _stub(
            {"title": member.name.get(lang), "view": "member", "member": member.id,
             "lists": _digest(content.articles_naming(member.id, lang))}
        )
        for member in content.members.values()
        for lang in content.languages.codes
    }


def listing_pages(content: SiteContent) -> dict[str, str]:
    """Every page of every news listing, but page 1 of all news (hand-written news/index)."""
    pages = {}
    for listing in all_listings(content):
        for number in range(1, page_count(listing, content) + 1):
            if listing.kind == "all" and number == 1:
                continue
            front_matter = {"title": listing.title(number), "view": "news-list", "listing": listing.kind,
                            "key": listing.key, "page": number,
                            "lists": _digest(articles_on_page(listing, content, number))}
            # Out of search, every one: a listing only repeats its articles' titles and
            # summaries, and filled readers' results with tag, year and category pages.
            # The news index (page 1 of all news, hand-written) stays in.
            front_matter["search"] = {"exclude": True}
            pages[_localised(listing.path(number), listing.lang)] = _stub(front_matter)
    return pages


def other_versions(content: SiteContent) -> dict[str, str]:
    """The pages of a language that are not written in it: converted from their source
    (a derived language), or standing in, untranslated, for a version in another language
    (translations.py). Each repeats the front matter and text of the version it is made
    from, and names it: `derived_from` or `fallback_of` (the source's docs path)."""
    pages = {}
    for item in (*content.articles, *content.pages):
        source = item.derived_from or item.fallback_of
        if source is None:
            continue
        front_matter = dict(item.front_matter)
        front_matter["fallback_of" if item.fallback_of is not None else "derived_from"] = source.src_uri
        pages[item.src_uri] = _stub(front_matter) + item.body
    return pages


def all_generated_pages(content: SiteContent) -> dict[str, str]:
    """Every generated page of the site, by path relative to the docs directory."""
    return {**member_pages(content), **listing_pages(content), **other_versions(content), **newsletter_pages(content)}
