"""The newsletter's web archive: `/newsletter/` (every issue, and how to subscribe) and one
page per issue, `/newsletter/2024-08/`, in every language of the site.

Generated pages like the listings (generated_pages.py): a small stub per page and language
names its view, and the markup is the views' (`overrides/partials/views/newsletter-*.html`).
An issue's page shows what its e-mail holds (newsletters.issue data): the month's articles
as the site's cards, the coming events, the feeds. Issue pages are left out of search: they
only repeat their articles' titles and summaries, as listing pages do; the index is searched.
"""

from __future__ import annotations

import hashlib

import yaml

from . import build_context, newsletters
from .content_model import SiteContent
from .feed_writer import feed_paths
from .i18n import format_partial, language_root
from .newsletters import Month, archive_path

_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
# Laid out across the whole width, as the news listings are (no navigation sidebar to show).
_HIDE = ["navigation", "toc"]


def _stub(front_matter: dict) -> str:
    return "---\n" + yaml.dump(front_matter, Dumper=_DUMPER, allow_unicode=True, sort_keys=False) + "---\n"


def _digest(articles) -> str:
    """Changes when what a page lists changes, so that `mkdocs serve --dirty` re-renders it."""
    fingerprint = hashlib.sha1()
    for a in articles:
        fingerprint.update(repr((a.slug, a.meta.title, a.meta.date, a.meta.summary, a.meta.cover)).encode())
    return fingerprint.hexdigest()[:12]


def _localised(path: str, lang: str) -> str:
    return path[: -len(".md")] + f".{lang}.md"


def pages(content: SiteContent) -> dict[str, str]:
    """The archive's index and every issue's page, in every language: src_uri -> stub. The
    stubs carry what would otherwise take a pass over every article per page: the issues
    and their sizes (the index), the issue before and after (each issue)."""
    strings = build_context.current().strings
    found = {}
    for lang, by_month in newsletters.issues(content).items():
        language = content.languages[lang]
        words = newsletters.words(strings, lang)
        months = list(by_month)
        found[_localised(archive_path(), lang)] = _stub({
            "title": words["name"], "view": "newsletter-index", "description": words["index_intro"], "hide": _HIDE,
            "issues": [{"month": str(month), "articles": len(articles)} for month, articles in by_month.items()]})
        for place, (month, articles) in enumerate(by_month.items()):
            month_name = month.name(language.cldr)
            found[_localised(archive_path(month), lang)] = _stub({
                "title": newsletters.title(strings, lang, month_name), "view": "newsletter-issue", "month": str(month),
                "newer": str(months[place - 1]) if place > 0 else None,
                "older": str(months[place + 1]) if place + 1 < len(months) else None,
                "description": words["intro"].format(site=strings[lang]["site_name"], month=month_name),
                "hide": _HIDE, "search": {"exclude": True}, "lists": _digest(articles)})
    return found


def _follow(lang: str, link) -> dict:
    """The language's news feeds and calendar, linked from the page."""
    root = language_root(lang, build_context.current().default_language)
    rss, atom = feed_paths(root, "news")
    return {"rss": link.asset(rss), "atom": link.asset(atom), "calendar": link.asset(f"{root}calendar.ics")}


def _issue_link(month: str | None, link) -> str | None:
    return link(archive_path(Month.parse(month))) if month else None


def issue(meta, content: SiteContent, lang: str, link) -> dict:
    """The view of one issue's page (`view: newsletter-issue`, `month: YYYY-MM`)."""
    from .views import entries  # views.VIEWS lists this function: imported when it runs, not at the top
    ctx = build_context.current()
    month = Month.parse(str(meta["month"]))
    words = newsletters.words(ctx.strings, lang)
    return {
        "words": words,
        "intro": words["intro"].format(site=ctx.strings[lang]["site_name"], month=month.name(ctx.languages[lang].cldr)),
        "articles": entries(newsletters.articles_of(content, lang, month), content, lang, link),
        "events": newsletters.event_entries(newsletters.coming_events(content, lang, month), link),
        "follow": _follow(lang, link),
        "index_url": link(archive_path()),
        "newer": _issue_link(meta.get("newer"), link),
        "older": _issue_link(meta.get("older"), link),
    }


def index(meta, content: SiteContent, lang: str, link) -> dict:
    """The view of the archive's index (`view: newsletter-index`): issues by year, newest first."""
    ctx = build_context.current()
    cldr = ctx.languages[lang].cldr
    years: list[dict] = []
    for entry in meta.get("issues") or []:
        month = Month.parse(entry["month"])
        if not years or years[-1]["year"] != month.year:
            years.append({"year": month.year, "name": format_partial(str(month.year), lang), "issues": []})
        years[-1]["issues"].append({"name": month.name(cldr), "url": link(archive_path(month)), "count": entry["articles"]})
    return {"words": newsletters.words(ctx.strings, lang), "years": years, "follow": _follow(lang, link)}
