"""The news listings: which exist, what they hold, how they paginate and where they live.

Every listing (all news, a category, a year, a tag) exists per language and is split into
pages of PAGE_SIZE articles. Page 1 of "all news" is the hand-written `news/index.<lang>.md`;
every other listing page is a generated stub (see generated_pages.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from . import build_context
from .content_model import Article, SiteContent

PAGE_SIZE = 10


def _titles(lang: str) -> dict:
    """The words of a language's listing titles (strings/<lang>.yml, `listing_titles`): page
    titles come from the stubs' front matter, so they are made here."""
    return build_context.current().strings[lang]["listing_titles"]


@dataclass(frozen=True)
class Listing:
    kind: str  # all, category, year or tag
    key: str  # category id, year, tag slug; "" for all
    lang: str
    name: str  # category label, year or tag as written

    @property
    def base(self) -> str:
        return {"all": "news", "category": f"news/category/{self.key}", "year": f"news/{self.key}",
                "tag": f"news/tag/{self.key}"}[self.kind]

    def path(self, page: int) -> str:
        """Language-neutral docs path of page `page` (what `Links` resolves)."""
        if page > 1:
            return f"{self.base}/page/{page}.md"
        return f"{self.base}/index.md" if self.kind in ("all", "year") else f"{self.base}.md"

    def title(self, page: int = 1) -> str:
        words = _titles(self.lang)
        title = words[self.kind].format(name=self.name)
        return words["page"].format(title=title, n=page) if page > 1 else title


def articles_in(listing: Listing, content: SiteContent) -> list[Article]:
    """The listing's articles, newest first (from the indexes built once per build)."""
    if listing.kind == "all":
        return content.by_lang[listing.lang]
    table = {"category": content.by_category, "year": content.by_year, "tag": content.by_tag}[listing.kind]
    key = int(listing.key) if listing.kind == "year" else listing.key
    return table.get((listing.lang, key), [])


def articles_on_page(listing: Listing, content: SiteContent, number: int) -> list[Article]:
    """The articles page `number` (from 1) of a listing shows."""
    return articles_in(listing, content)[(number - 1) * PAGE_SIZE: number * PAGE_SIZE]


def page_count(listing: Listing, content: SiteContent) -> int:
    return max(1, -(-len(articles_in(listing, content)) // PAGE_SIZE))


def all_listings(content: SiteContent) -> list[Listing]:
    """Every listing of the site: categories always in every language, years and tags where used."""
    listings = []
    for lang in content.languages.codes:
        listings.append(Listing("all", "", lang, _titles(lang)["all"]))
        listings += [Listing("category", c.id, lang, c.label.get(lang)) for c in content.categories.values()]
        listings += [Listing("year", str(year), lang, str(year))
                     for (l, year) in sorted(content.by_year) if l == lang]
        listings += [Listing("tag", slug, lang, content.tag_names[(l, slug)])
                     for (l, slug) in sorted(content.by_tag) if l == lang]
    return listings


def listing_of(meta: dict, lang: str, content: SiteContent) -> Listing:
    """The listing a page shows, from its front matter (`listing`, `key`)."""
    kind, key = meta.get("listing", "all"), str(meta.get("key", ""))
    if kind == "category":
        name = content.categories[key].label.get(lang)
    elif kind == "tag":
        name = content.tag_names.get((lang, key), key)
    else:
        name = key or _titles(lang)["all"]
    return Listing(kind, key, lang, name)
