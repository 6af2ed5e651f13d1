"""The content a build trusts: articles, hand-written pages, and the lookup tables built once
per build (by language, category, year, tag, member, action area).

Made by content_checks.load_content from validated files; read by the views, listings,
feeds and every hook. Plain data: no file is read here.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field, replace
from functools import cached_property
from urllib.parse import unquote

import markdown
from markupsafe import Markup

from .i18n import tag_slug
from .models import NewsFrontMatter, PageFrontMatter
from .publishing import DRAFT, PUBLISHED, status


@dataclass
class Article:
    """One news article in one language."""

    slug: str
    lang: str
    src_uri: str  # relative to docs/, e.g. news/2023/ningbo.zh.md
    shown_as: str  # path shown in messages, e.g. docs/news/2023/ningbo.zh.md
    meta: NewsFrontMatter
    body: str
    status: str = PUBLISHED  # published, draft or scheduled (see publishing.py)
    images: tuple[str, ...] = ()  # docs paths of its cover and inline images
    linked_files: frozenset = frozenset()  # docs paths of photos it links as files (published as they are)
    cover_line: int = 1
    rank: int = -1  # its place in its language's newest-first list (set by SiteContent.index)
    front_matter: dict = field(default_factory=dict)  # as written (a derived or fallback page's stub repeats it)
    # Where this version comes from when it is not written in its language: the article it
    # is converted from (a derived language), or the one it stands in for, untranslated.
    derived_from: "Article | None" = None
    fallback_of: "Article | None" = None

    @property
    def stands_in(self) -> bool:
        """Shown, untranslated, for another language's version (ARCHITECTURE.md, "Languages")."""
        return self.fallback_of is not None

    @property
    def cover_src_uri(self) -> str | None:
        """The cover image's path under docs/, resolved from the article's folder."""
        return resolve_image(posixpath.dirname(self.src_uri), self.meta.cover) if self.meta.cover else None

    @cached_property
    def excerpt(self) -> str:
        """The summary, else the text of the first paragraph of the body."""
        return self.meta.summary or first_paragraph(self.body)


@dataclass
class HandWrittenPage:
    """A page under docs/ that is not a news article (home, listings, programme pages...)."""

    src_uri: str
    lang: str
    shown_as: str
    meta: PageFrontMatter
    status: str = PUBLISHED  # or draft: left out of a published build, like a draft article
    images: tuple[str, ...] = ()
    linked_files: frozenset = frozenset()
    front_matter: dict = field(default_factory=dict)
    body: str = ""
    derived_from: "HandWrittenPage | None" = None
    fallback_of: "HandWrittenPage | None" = None

    @property
    def stands_in(self) -> bool:
        """Shown, untranslated, for another language's version. Not a page with a view (home,
        listings, programmes): that is the language's own page, its views in its words, only
        its title and lead paragraph shown in another language (`partly_translated`)."""
        return self.fallback_of is not None and not self.meta.view

    @property
    def partly_translated(self) -> bool:
        return self.fallback_of is not None and bool(self.meta.view)

    @property
    def identity(self) -> str:
        """The page whatever its language: `offices.md` for offices.zh.md and offices.ko.md."""
        return language_neutral(self.src_uri)


def language_neutral(src_uri: str) -> str:
    """A page's docs path without its language: `news/2023/x.zh.md` -> `news/2023/x.md`."""
    stem, _lang, ext = src_uri.rsplit(".", 2)
    return f"{stem}.{ext}"


def in_language(src_uri: str, lang: str) -> str:
    """A language-neutral docs path in one language: `offices.md` -> `offices.ko.md`."""
    stem, ext = src_uri.rsplit(".", 1)
    return f"{stem}.{lang}.{ext}"


def resolve_image(folder: str, target: str) -> str:
    """The docs path an image reference made in `folder` names (query and anchor dropped),
    however it is written: percent-encoded or not, in either Unicode normalisation form
    (content_files.walk names every file in NFC, as it is staged and published)."""
    path = unicodedata.normalize("NFC", unquote(target.split("#")[0].split("?")[0]))
    return posixpath.normpath(posixpath.join(folder, path))


def first_paragraph(body: str) -> str:
    """Plain text of the first real paragraph: not a heading, image, caption or HTML block."""
    for block in re.split(r"\n\s*\n", body.strip()):
        block = block.strip()
        if not block or block.startswith(("#", "!", "<", "|", "*图", "*Photo", "_")) or re.fullmatch(r"\*[^*].*\*", block, re.S):
            continue
        return Markup(_EXCERPT_MARKDOWN.reset().convert(block)).striptags()
    return ""


# One converter for every excerpt: making a new one per article was most of their cost.
_EXCERPT_MARKDOWN = markdown.Markdown()


@dataclass
class SiteContent:
    """Everything validated, plus the lookup tables built once per load."""

    members: dict
    categories: dict
    regions: list
    action_plan: object
    edinburgh: object
    coe: object
    network: object
    articles: list[Article]
    pages: list[HandWrittenPage] = field(default_factory=list)
    languages: object = None  # languages.Languages, from mkdocs.yml
    articles_by_slug: dict[str, dict[str, Article]] = field(default_factory=dict)
    articles_by_src_uri: dict[str, Article] = field(default_factory=dict)
    pages_by_src_uri: dict[str, HandWrittenPage] = field(default_factory=dict)
    today: object = None  # the build date (publishing.build_date), set by visible()

    def is_translated(self, src_uri: str) -> bool:
        """Whether the page at `src_uri` is written in its language (or converted into it),
        not standing in for a missing translation."""
        item = self.articles_by_src_uri.get(src_uri) or self.pages_by_src_uri.get(src_uri)
        return item is None or item.fallback_of is None

    def tag_slug(self, lang: str, tag: str) -> str:
        """The URL slug of a tag in one language (unique: see _tag_slugs)."""
        return self.tag_slugs[(lang, tag)]

    def articles_naming(self, member_id: str, lang: str) -> list[Article]:
        return self._by_member.get((member_id, lang), [])

    def index(self) -> None:
        """Build the lookup tables once (never scan all articles per page)."""
        by_member = defaultdict(list)
        by_slug: dict[str, dict[str, Article]] = defaultdict(dict)
        self.by_lang: dict[str, list[Article]] = {lang: [] for lang in self.languages.codes}
        self.by_category: dict[tuple, list[Article]] = defaultdict(list)
        self.by_year: dict[tuple, list[Article]] = defaultdict(list)
        self.by_tag: dict[tuple, list[Article]] = defaultdict(list)
        self.by_action_area: dict[tuple, list[Article]] = defaultdict(list)
        # Tags are words of their language: an untranslated article's are not listed with
        # the tags of the language it stands in.
        own = [a for a in self.articles if a.fallback_of is None]
        self.tag_slugs = _tag_slugs(own)
        self.tag_names = {(lang, slug): tag for (lang, tag), slug in self.tag_slugs.items()}  # slug -> tag as written
        for article in sorted(self.articles, key=lambda a: (a.meta.date, a.slug), reverse=True):
            lang = article.lang
            by_slug[article.slug][lang] = article
            self.by_lang[lang].append(article)
            self.by_category[(lang, article.meta.category)].append(article)
            self.by_year[(lang, article.meta.date.year)].append(article)
            if article.fallback_of is None:
                for slug in dict.fromkeys(self.tag_slug(lang, tag) for tag in article.meta.tags):
                    self.by_tag[(lang, slug)].append(article)
            for member_id in article.meta.members:
                by_member[(member_id, lang)].append(article)
            for area in article.meta.action_areas:
                self.by_action_area[(lang, area)].append(article)
        for articles in self.by_lang.values():
            for rank, article in enumerate(articles):
                article.rank = rank
        self._by_member = dict(by_member)
        self.articles_by_slug = dict(by_slug)
        self.articles_by_src_uri = {a.src_uri: a for a in self.articles}
        self.pages_by_src_uri = {p.src_uri: p for p in self.pages}

    def visible(self, today, preview: bool) -> tuple["SiteContent", list]:
        """The content a build shows, and the articles and pages it leaves out.

        A published build leaves out drafts (articles and pages) and articles dated after
        `today`; the live preview keeps them, marked with their status.
        """
        shown, hidden = [], []
        for article in self.articles:
            article = replace(article, status=status(article.meta, today))
            (shown if preview or article.status == PUBLISHED else hidden).append(article)
        pages = []
        for page in self.pages:
            page = replace(page, status=DRAFT if page.meta.draft else PUBLISHED)
            (pages if preview or page.status == PUBLISHED else hidden).append(page)
        shown += self._stand_ins(shown, key=lambda a: a.slug)
        pages += self._stand_ins(pages, key=lambda p: p.identity)
        result = replace(self, articles=shown, pages=pages, today=today)
        result.index()
        return result, hidden

    def _stand_ins(self, items: list, key) -> list:
        """For each language, the pages (or articles) it has no version of, standing in: the
        version a reader of that language is shown instead (its fallbacks, in order), at the
        language's own address, marked untranslated (translations.py says how they show)."""
        versions: dict[str, dict[str, object]] = defaultdict(dict)
        for item in items:
            versions[key(item)][item.lang] = item
        stand_ins = []
        for identity in sorted(versions):
            have = versions[identity]
            for language in self.languages:
                if language.code in have:
                    continue
                source = next((have[code] for code in self.languages.fallbacks(language.code) if code in have), None)
                if source is None:
                    source = next(iter(have.values()))
                src_uri = in_language(language_neutral(source.src_uri), language.code)
                stand_ins.append(replace(source, lang=language.code, src_uri=src_uri, fallback_of=source,
                                         derived_from=None))
        return stand_ins


def _tag_slugs(articles) -> dict[tuple[str, str], str]:
    """(language, tag) -> slug, one page per distinct tag.

    The readable slug (pinyin for Chinese) is used when no other tag of that language gets
    the same one; tags that would share it (公园/公元 both give "gongyuan", "C++"/"C#" give
    "c") each get a short hash of their text appended.
    """
    tags = sorted({(a.lang, tag) for a in articles for tag in a.meta.tags})
    by_base = defaultdict(list)
    for lang, tag in tags:
        by_base[(lang, tag_slug(tag))].append(tag)
    slugs = {}
    for (lang, base), same in by_base.items():
        for tag in same:
            unique = len(same) == 1 and base != "tag"
            slugs[(lang, tag)] = base if unique else f"{base}-{hashlib.sha1(tag.encode()).hexdigest()[:6]}"
    return slugs



def page_url(src_uri: str) -> str:
    """The URL path a page is published at (use_directory_urls), without its language:
    `members.zh.md` and `members/index.zh.md` both give `members/`."""
    stem = src_uri.rsplit(".", 2)[0]
    folder, _, name = stem.rpartition("/")
    if name in ("index", "README"):
        return f"{folder}/" if folder else ""
    return f"{stem}/"


