"""Context builders for the data views: plain data in, plain data out.

A page opts into a view with `view: <name>` in its front matter (or by being a news
article); `page_views.py` renders `overrides/partials/views/<name>.html` with the dict
built here. Nothing here produces markup.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Callable

from content import Article, SiteContent
from i18n import country_name, name_sort_key

LATEST_ON_HOME = 5

# (view name, language) -> context builder(page meta, content, lang, link)
Link = Callable[[str], "str | None"]


@dataclass
class ArticleEntry:
    """An article as listings show it."""

    title: str
    date: object
    url: str | None
    summary: str | None
    category: str


def _entries(articles: list[Article], content: SiteContent, lang: str, link: Link) -> list[ArticleEntry]:
    return [
        ArticleEntry(
            title=a.meta.title,
            date=a.meta.date,
            url=link(article_path(a)),
            summary=a.meta.summary,
            category=content.categories[a.meta.category].label.get(lang),
        )
        for a in articles
    ]


def article_path(article: Article) -> str:
    """Language-neutral docs path of an article, as `Links` resolves it."""
    return f"news/{article.meta.date.year}/{article.slug}.md"


def member_path(member_id: str) -> str:
    return f"members/{member_id}.md"


def published_articles(content: SiteContent, lang: str) -> list[Article]:
    """Articles of one language, newest first."""
    return [by_lang[lang] for by_lang in content.articles_by_slug.values() if lang in by_lang]


def _sorted_members(content: SiteContent, lang: str) -> list:
    return sorted(content.members.values(), key=lambda m: name_sort_key(m.name.get(lang), lang))


def home(meta, content: SiteContent, lang: str, link: Link) -> dict:
    articles = published_articles(content, lang)
    return {
        "latest": _entries(articles[:LATEST_ON_HOME], content, lang, link),
        "figures": {
            "members": len(content.members),
            "countries": len({m.country for m in content.members.values()}),
            "activities": len(content.coe.activities),
        },
        "links": {name: link(path) for name, path in {
            "news": "news/index.md",
            "members": "members/index.md",
            "edinburgh": "programmes/edinburgh-process.md",
            "coe": "programmes/centre-of-excellence.md",
            "action_plan": "programmes/plan-of-action.md",
            "offices": "offices.md",
        }.items()},
    }


def news_index(meta, content: SiteContent, lang: str, link: Link) -> dict:
    return {"articles": _entries(published_articles(content, lang), content, lang, link)}


def article(meta, content: SiteContent, lang: str, link: Link, *, item: Article) -> dict:
    return {
        "article": item.meta,
        "category": content.categories[item.meta.category].label.get(lang),
        "members": [
            {"name": content.members[m].name.get(lang), "url": link(member_path(m))}
            for m in item.meta.members
        ],
    }


def member_directory(meta, content: SiteContent, lang: str, link: Link) -> dict:
    groups = defaultdict(list)
    for member in _sorted_members(content, lang):
        groups[member.country].append({"member": member, "url": link(member_path(member.id))})
    countries = sorted(groups, key=lambda code: name_sort_key(country_name(code, lang), lang))
    return {
        "total": len(content.members),
        "groups": [{"code": c, "name": country_name(c, lang), "entries": groups[c]} for c in countries],
    }


def member(meta, content: SiteContent, lang: str, link: Link) -> dict:
    item = content.members[meta["member"]]
    programme_pages = {
        "edinburgh-process": "programmes/edinburgh-process.md",
        "citieswithnature": None,
        "coe": "programmes/centre-of-excellence.md",
    }
    return {
        "member": item,
        "country": country_name(item.country, lang),
        "programmes": [{"id": p, "url": link(programme_pages[p]) if programme_pages[p] else None}
                       for p in item.programmes],
        "articles": _entries(content.articles_naming(item.id, lang), content, lang, link),
        "directory_url": link("members/index.md"),
    }


def offices(meta, content: SiteContent, lang: str, link: Link) -> dict:
    return {"regions": content.regions}


def edinburgh(meta, content: SiteContent, lang: str, link: Link) -> dict:
    process = content.edinburgh
    participants = [m for m in _sorted_members(content, lang) if "edinburgh-process" in m.programmes]
    return {
        "process": process,
        "milestones": [
            {
                "milestone": m,
                "members": [{"name": content.members[i].name.get(lang), "url": link(member_path(i))} for i in m.members],
                "news_url": _news_url(content, m.news, lang, link),
            }
            for m in sorted(process.milestones, key=lambda m: m.date)
        ],
        "participants": [{"member": m, "url": link(member_path(m.id))} for m in participants],
    }


def centre_of_excellence(meta, content: SiteContent, lang: str, link: Link) -> dict:
    coe = content.coe
    host = content.members[coe.host]
    return {
        "coe": coe,
        "host": {"name": host.name.get(lang), "url": link(member_path(host.id))},
        "activities": [
            {"activity": a, "news_url": _news_url(content, a.news, lang, link)}
            for a in sorted(coe.activities, key=lambda a: a.date, reverse=True)
        ],
    }


def action_plan(meta, content: SiteContent, lang: str, link: Link) -> dict:
    return {"plan": content.action_plan}


def _news_url(content: SiteContent, slug: str | None, lang: str, link: Link) -> str | None:
    if not slug:
        return None
    by_lang = content.articles_by_slug.get(slug, {})
    return link(article_path(by_lang[lang])) if lang in by_lang else None


VIEWS: dict[str, Callable[..., dict]] = {
    "home": home,
    "news-index": news_index,
    "member-directory": member_directory,
    "member": member,
    "offices": offices,
    "edinburgh-process": edinburgh,
    "centre-of-excellence": centre_of_excellence,
    "action-plan": action_plan,
}
