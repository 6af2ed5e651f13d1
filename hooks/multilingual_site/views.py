"""Context builders for the data views: plain data in, plain data out.

A page opts into a view with `view: <name>` in its front matter (or by being a news
article); `page_views.py` renders `overrides/partials/views/<name>.html` with the dict
built here. Nothing here produces markup.
"""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from dataclasses import dataclass
from operator import attrgetter
from typing import Callable

from . import member_directory as directory
from .content_model import Article, SiteContent
from .i18n import country_name
from . import build_context, newsletter_archive
from .listings import Listing, all_listings, articles_in, articles_on_page, listing_of, page_count
from .photo_markup import ARTICLE_SIZES, CARD_SIZES, picture
from .photos import CARD_WIDTH

LATEST_ON_HOME = 6  # two rows of three cards
LATEST_ON_404 = 3

# Resolves a language-neutral docs path ("members/kunming.md") to a URL relative to the page;
# its `asset(site path)` links a file that is not a page, such as a photo size (page_views._Linker).
Link = Callable[[str], "str | None"]


@dataclass
class ArticleEntry:
    """An article as listings show it."""

    title: str
    date: object
    url: str | None
    excerpt: str
    category: str
    cover: dict | None  # the cover's published sizes, for photo.html
    status: str
    # Not translated into the listing's language: the language it is shown in ({name, tag}).
    shown_in: dict | None = None


def entries(articles: list[Article], content: SiteContent, lang: str, link: Link) -> list[ArticleEntry]:
    return [
        ArticleEntry(
            title=a.meta.title,
            date=a.meta.date,
            url=link(article_path(a)),
            excerpt=a.excerpt,
            category=content.categories[a.meta.category].label.get(lang),
            cover=cover_picture(a, link, CARD_WIDTH, CARD_SIZES),
            status=a.status,
            shown_in=shown_in(a, content),
        )
        for a in articles
    ]


def shown_in(item, content: SiteContent) -> dict | None:
    """The language an untranslated article or page is shown in ({name, tag}), else None."""
    if item.fallback_of is None:
        return None
    language = content.languages[item.fallback_of.lang]
    return {"name": language.name, "tag": language.tag, "code": language.code}


def cover_picture(article: Article, link: Link, width: int | None, sizes: str) -> dict | None:
    """The article's cover in its published sizes, from the page `link` belongs to: on a
    card (`width` given) the small size, and no more than twice it for sharp screens."""
    photo = build_context.current().photos.get(article.cover_src_uri) if article.cover_src_uri else None
    if photo is None:
        return None
    return {**picture(photo, link.asset, width, max_width=2 * width if width else None), "sizes": sizes}


def article_path(article: Article) -> str:
    """Language-neutral docs path of an article, as `Links` resolves it."""
    return f"news/{article.meta.date.year}/{article.slug}.md"


def member_path(member_id: str) -> str:
    return f"members/{member_id}.md"


def _member_link(content: SiteContent, member_id: str, lang: str, link: Link) -> dict:
    """A member's name in `lang` and the URL of its profile."""
    return {"name": content.members[member_id].name.get(lang), "url": link(member_path(member_id))}


def home(meta, content: SiteContent, lang: str, link: Link) -> dict:
    members = content.members.values()
    return {
        "latest": entries(content.by_lang[lang][:LATEST_ON_HOME], content, lang, link),
        "featured": {"members": len(content.members), "countries": len({m.country for m in members})},
        "network": content.network,
        "programmes": [
            {"name": name, "tagline": tagline, "url": link(path)}
            for name, tagline, path in (
                (content.edinburgh.short_name, content.edinburgh.tagline, "programmes/edinburgh-process.md"),
                (content.coe.short_name or content.coe.name, content.coe.tagline, "programmes/centre-of-excellence.md"),
                (content.action_plan.short_name or content.action_plan.title, content.action_plan.tagline,
                 "programmes/plan-of-action.md"),
            )
        ],
        "links": {name: link(path) for name, path in {
            "news": "news/index.md",
            "members": "members/index.md",
            "offices": "offices.md",
        }.items()},
    }


def _pager(listing: Listing, number: int, pages: int, link: Link) -> dict:
    """Numbered page links around the current page, with first/last and prev/next."""
    shown = sorted({1, pages, *range(max(1, number - 2), min(pages, number + 2) + 1)})
    items, previous = [], 0
    for n in shown:
        if n - previous > 1:
            items.append({"gap": True, "number": None, "url": None, "current": False})
        items.append({"gap": False, "number": n, "url": link(listing.path(n)), "current": n == number})
        previous = n
    return {
        "items": items if pages > 1 else [],
        "prev": link(listing.path(number - 1)) if number > 1 else None,
        "next": link(listing.path(number + 1)) if number < pages else None,
        "number": number,
        "pages": pages,
    }


def news_list(meta, content: SiteContent, lang: str, link: Link) -> dict:
    listing = listing_of(meta, lang, content)
    number = int(meta.get("page", 1))
    pages = page_count(listing, content)
    return {
        "listing": listing,
        "articles": entries(articles_on_page(listing, content, number), content, lang, link),
        "pager": _pager(listing, number, pages, link),
        "news_url": link("news/index.md"),
        "sections": _sections(content, lang, link) if listing.kind == "all" and number == 1 else None,
    }


def _sections(content: SiteContent, lang: str, link: Link) -> dict:
    """Categories, years and tags of one language, with counts, for the news index."""
    def entry(listing: Listing):
        return {"name": listing.name, "url": link(listing.path(1)), "count": len(articles_in(listing, content))}
    listings = [l for l in all_listings(content) if l.lang == lang]
    return {
        "categories": [entry(l) for l in listings if l.kind == "category"],
        "years": sorted((entry(l) for l in listings if l.kind == "year"), key=lambda e: e["name"], reverse=True),
        "tags": [entry(l) for l in listings if l.kind == "tag"],
    }


RELATED_COUNT = 3
# Candidates looked at per shared member or tag (the newest ones): a page's cost must not grow
# with the archive, and a tag shared by thousands of articles says little about relatedness.
RELATED_CANDIDATES = 50
_RANK = attrgetter("rank")  # an article's place in its language's newest-first list


def _related(item: Article, content: SiteContent) -> list[Article]:
    """Articles sharing members (weighted double) or tags, best match then newest first."""
    lang = item.lang
    score: Counter[int] = Counter()  # points by rank (place in the newest-first list)
    for member_id in item.meta.members:
        ranks = list(map(_RANK, content.articles_naming(member_id, lang)[:RELATED_CANDIDATES]))
        score.update(ranks)
        score.update(ranks)  # a shared member counts double
    for tag in item.meta.tags if item.fallback_of is None else ():  # another language's tags: no listing here
        score.update(map(_RANK, content.by_tag.get((lang, content.tag_slug(lang, tag)), [])[:RELATED_CANDIDATES]))
    score.pop(item.rank, None)
    best = heapq.nsmallest(RELATED_COUNT, ((-points, rank) for rank, points in score.items()))
    return [content.by_lang[lang][rank] for _, rank in best]


def article(meta, content: SiteContent, lang: str, link: Link, *, item: Article) -> dict:
    ordered = content.by_lang[lang]
    newer = ordered[item.rank - 1] if item.rank > 0 else None
    older = ordered[item.rank + 1] if item.rank + 1 < len(ordered) else None
    category = Listing("category", item.meta.category, lang, content.categories[item.meta.category].label.get(lang))
    return {
        "article": item.meta,
        "status": item.status,
        "cover": cover_picture(item, link, None, ARTICLE_SIZES),
        "category": {"name": category.name, "url": link(category.path(1))},
        # An untranslated article's tags are words of another language: this one lists no page for them.
        "tags": [{"name": tag, "url": None if item.fallback_of else link(Listing("tag", content.tag_slug(lang, tag), lang, tag).path(1))}
                 for tag in item.meta.tags],
        "shown_in": shown_in(item, content),
        "members": [_member_link(content, m, lang, link) for m in item.meta.members],
        "newer": entries([newer], content, lang, link)[0] if newer else None,
        "older": entries([older], content, lang, link)[0] if older else None,
        "related": entries(_related(item, content), content, lang, link),
        "news_url": link("news/index.md"),
    }


def member_directory(meta, content: SiteContent, lang: str, link: Link) -> dict:
    members = list(content.members.values())
    return {
        "total": len(members),
        "groups": [
            {**group, "entries": [{"member": m, "url": link(member_path(m.id))} for m in group["members"]]}
            for group in directory.country_groups(members, lang)
        ],
        "filters": directory.filter_options(members, lang),
        "mapped": sum(1 for m in members if m.location),  # drawn in /members/map.svg
        "map_size": directory.map_size(directory.map_view(members)),
    }


def _map(members, lang: str, link: Link | None, **view_options) -> dict | None:
    """Points of the members with a location, over the bundled base map (linked to their
    profiles when `link` is given)."""
    view_box = directory.map_view(members, **view_options)
    if view_box is None:
        return None
    points = []
    for member in directory.sorted_members([m for m in members if m.location], lang):
        x, y = directory.point(member.location)
        points.append({"x": x, "y": y, "name": member.name.get(lang), "url": link(member_path(member.id)) if link else None})
    return {"view_box": view_box, "points": points}


def member(meta, content: SiteContent, lang: str, link: Link) -> dict:
    item = content.members[meta["member"]]
    programme_pages = {
        "edinburgh-process": "programmes/edinburgh-process.md",
        "citieswithnature": None,
        "coe": "programmes/centre-of-excellence.md",
    }
    return {
        "member": item,
        "other_names": other_names(item.name, lang, content),
        "country": country_name(item.country, lang),
        "programmes": [{"id": p, "url": link(programme_pages[p]) if programme_pages[p] else None}
                       for p in item.programmes],
        "articles": entries(content.articles_naming(item.id, lang), content, lang, link),
        "directory_url": link("members/index.md"),
        "map": _map([item], lang, None, padding=12, min_span=64),  # one dot: the page itself
    }


def other_names(names, lang: str, content: SiteContent) -> list[dict]:
    """A name as the other languages written by hand give it ({name, tag}), each once, not
    repeating the name shown in `lang`."""
    shown, found = {names.get(lang)}, []
    for language in content.languages.hand_translated:
        name = names.values.get(language.code)
        if language.code != lang and name and name not in shown:
            shown.add(name)
            found.append({"name": name, "tag": language.tag})
    return found


def regions_home_first(content: SiteContent, home_region: str | None) -> list:
    """Regions as data lists them, with this secretariat's own region first."""
    return sorted(content.regions, key=lambda region: region.id != home_region)


def offices(meta, content: SiteContent, lang: str, link: Link) -> dict:
    home = content.network.home_region
    return {"regions": regions_home_first(content, home), "home_region": home}


def edinburgh(meta, content: SiteContent, lang: str, link: Link) -> dict:
    process = content.edinburgh
    participants = [m for m in directory.sorted_members(content.members.values(), lang) if "edinburgh-process" in m.programmes]
    return {
        "process": process,
        "milestones": [
            {
                "milestone": m,
                "members": [_member_link(content, i, lang, link) for i in m.members],
            }
            for m in sorted(process.milestones, key=lambda m: m.date)
        ],
        "participants": [{"member": m, "url": link(member_path(m.id))} for m in participants],
        # Each once: the articles the milestones come from, then those naming a participant.
        "related": entries(_edinburgh_news(content, lang, [m.id for m in participants]), content, lang, link),
    }


def _edinburgh_news(content: SiteContent, lang: str, participant_ids: list[str]) -> list[Article]:
    """Articles a milestone links to, or naming a participating member; newest first."""
    slugs = {m.news for m in content.edinburgh.milestones if m.news}
    slugs |= {a.slug for member_id in participant_ids for a in content.articles_naming(member_id, lang)}
    found = [content.articles_by_slug[s][lang] for s in slugs if lang in content.articles_by_slug.get(s, {})]
    return sorted(found, key=_RANK)


def centre_of_excellence(meta, content: SiteContent, lang: str, link: Link) -> dict:
    coe = content.coe
    area_titles = {area.id: area for area in content.action_plan.areas}

    def entry(activity):
        return {
            "activity": activity,
            "news": _news_link(content, activity.news, lang, link),
            "areas": [{"number": area_titles[a].number, "title": area_titles[a].title.get(lang),
                       "url": _area_url(a, link)} for a in activity.action_areas],
        }

    upcoming = sorted((a for a in coe.activities if a.date >= content.today), key=lambda a: a.date)
    past = sorted((a for a in coe.activities if a.date < content.today), key=lambda a: a.date, reverse=True)
    return {
        "coe": coe,
        "host": _member_link(content, coe.host, lang, link),
        "upcoming": _by_year([entry(a) for a in upcoming]),
        "past": _by_year([entry(a) for a in past]),
    }


def _by_year(entries: list[dict]) -> list[dict]:
    """Group activity entries (already in display order) by year, keeping that order."""
    groups: list[dict] = []
    for entry in entries:
        year = entry["activity"].date.year
        if not groups or groups[-1]["year"] != year:
            groups.append({"year": year, "entries": []})
        groups[-1]["entries"].append(entry)
    return groups


def _area_url(area_id: str, link: Link) -> str | None:
    page = link("programmes/plan-of-action.md")
    return f"{page}#{area_id}" if page else None


def action_plan(meta, content: SiteContent, lang: str, link: Link) -> dict:
    activities_by_area = defaultdict(list)
    for activity in sorted(content.coe.activities, key=lambda a: a.date, reverse=True):
        for area in activity.action_areas:
            activities_by_area[area].append(activity)
    coe_url = link("programmes/centre-of-excellence.md")
    return {
        "plan": content.action_plan,
        "linked": {
            area.id: {
                "news": entries(content.by_action_area.get((lang, area.id), []), content, lang, link),
                "activities": [{"activity": a, "url": f"{coe_url}#{a.id}" if coe_url else None}
                               for a in activities_by_area[area.id]],
            }
            for area in content.action_plan.areas
        },
    }


def _news_link(content: SiteContent, slug: str | None, lang: str, link: Link) -> dict | None:
    """The title and URL of the article `slug` in `lang`, if it is published there."""
    article = content.articles_by_slug.get(slug, {}).get(lang) if slug else None
    return {"title": article.meta.title, "url": link(article_path(article))} if article else None


VIEWS: dict[str, Callable[..., dict]] = {
    "home": home,
    "news-list": news_list,
    "member-directory": member_directory,
    "member": member,
    "offices": offices,
    "edinburgh-process": edinburgh,
    "centre-of-excellence": centre_of_excellence,
    "action-plan": action_plan,
    # The newsletter's web archive (newsletter_archive.py).
    "newsletter-index": newsletter_archive.index,
    "newsletter-issue": newsletter_archive.issue,
}
