"""Load, validate and cross-check all site content: `data/*.yml` and the pages under `docs/`.

The one place where content is validated. `load_content()` either returns a
`SiteContent` (content_model.py) that the rest of the hooks trust, or raises `ContentError`
carrying every problem found (file, line, field), so an author fixes everything in one
round. The words of the messages are content_messages.py's.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Annotated

from pydantic import TypeAdapter, ValidationError

from . import build_context, content_files, photos
from .content_messages import Unreadable, field_name, validate, validate_entries
from .content_model import Article, HandWrittenPage, SiteContent, in_language, language_neutral, page_url, resolve_image
from .loading import ContentError, Located, Problem, load_data_file, load_markdown
from .models import DATA_FILES, SLUG, UNPRINTABLE, NewsFrontMatter, PageFrontMatter, TextLanguages, texts_in
from .scaffold import placeholder_in, placeholders
from .staff_html import refusals_in_svg

_NEWS_PATH = re.compile(r"^news/(?P<year>\d{4})/(?P<slug>[^/]+?)\.(?P<lang>[^./]+)\.md$")
# The path of an inline image, up to its optional "title": words joined by spaces are kept
# whole, so a name with a space is reported as written, not cut at the space.
_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*(?:<([^>]*)>|([^)\s\"']+(?:[ \t]+[^)\s\"'(]+)*))")
_ELSEWHERE = re.compile(r"^[a-z][a-z0-9+.-]*:|^//", re.I)  # a URL with a scheme, or to another host
_IMAGE_FILE = re.compile(r"\.(jpe?g|png|gif|webp|avif|svg)$", re.I)
# Slugs that would clash with the listing pages generated under news/<year>/.
RESERVED_SLUGS = ("index", "page")
# Front matter that must be the same in an article's translations (its date places it in
# the listings of every language, its category in the same category pages).
SAME_IN_TRANSLATIONS = ("date", "category")

def _load_data(data_dir: Path, shown_prefix: str) -> tuple[dict, list[Problem]]:
    loaded, problems = {}, []
    for name, schema in DATA_FILES.items():
        file = data_dir / name
        shown_as = f"{shown_prefix}{name}"
        if not file.exists() and not file.is_symlink():
            problems.append(Problem(shown_as, 1, "", "file is missing"))
            continue
        refused = content_files.data_file_problem(file, data_dir, shown_as)
        if refused:
            problems.append(refused)
            continue
        try:
            located = load_data_file(file, shown_as)
        except ContentError as error:
            problems.extend(error.problems)
            continue
        if getattr(schema, "__origin__", None) is list:
            value, found = validate_entries(located, schema.__args__[0])
        else:
            value, found = validate(located, schema)
        problems.extend(found)
        loaded[name] = (value, located)
    return loaded, problems


def _unique(entries, located: Located, label: str, path_of) -> list[Problem]:
    """Report every id that appears twice, at the line of its second use.

    `entries` are entries or (entry, path) pairs; `path_of(i)` gives the path of entry i
    when plain entries are passed.
    """
    problems, seen = [], {}
    for index, item in enumerate(entries):
        entry, loc = item if isinstance(item, tuple) else (item, path_of(index))
        line = located.line_of(loc + ("id",))
        if entry.id in seen:
            problems.append(Problem(located.path, line, field_name(loc + ("id",), True),
                                    f"duplicate {label} id '{entry.id}' (first used on line {seen[entry.id]})"))
        else:
            seen[entry.id] = line
    return problems


# What may be published from docs/: pages, and the images and documents they show.
_ASSET_SUFFIXES = {".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".svg", ".pdf"}


def _language_names(languages) -> str:
    """`.zh.md, .en.md or .ko.md`: the page names staff may write (hand-translated languages)."""
    names = [f".{language.code}.md" for language in languages.hand_translated]
    return ", ".join(names[:-1]) + f" or {names[-1]}" if len(names) > 1 else names[0]


def _suffix_problem(suffix: str | None, languages) -> str | None:
    """Why a page's language suffix is not one staff may write, or None."""
    if suffix in languages and languages[suffix].hand_translated:
        return None
    if suffix in languages:
        return (f"'{suffix}' is {languages[suffix].name}, made from {languages[suffix].derived_from} when the site is "
                "built; remove this file (edit the source instead)")
    known = ", ".join(f"{language.code} ({language.name})" for language in languages.hand_translated)
    named = f"'{suffix}' is not a language of the site" if suffix else "the page names no language"
    return f"{named}; a page must be named <name>.<language>.md, the languages being {known} (mkdocs.yml, languages)"


def _check_docs_files(files: list[tuple[str, str]], shown_prefix: str, languages) -> list[Problem]:
    """Every file under docs/ is published as it is: only language-suffixed pages and images.

    A `.markdown` or `.MD` file would bypass validation (and publish drafts), a backup file
    would be served raw, and an SVG image can carry a script (staff_html.py).
    """
    problems = []
    for path, relative in files:
        name = relative.rsplit("/", 1)[-1]
        suffixes = ["." + part for part in name.split(".")[1:]]
        suffix = suffixes[-1] if suffixes else ""
        if suffix == ".md":
            why = _suffix_problem(suffixes[-2][1:] if len(suffixes) >= 2 else None, languages)
            if why:
                problems.append(Problem(f"{shown_prefix}{relative}", 1, "", why))
        elif suffix.lower() not in _ASSET_SUFFIXES:
            problems.append(Problem(f"{shown_prefix}{relative}", 1, "",
                                    f"only pages ({_language_names(languages)}) and images or PDF files are published "
                                    "from docs/; rename the page to .md, or move this file out of docs/"))
        elif suffix.lower() == ".svg":
            with open(path, "rb") as svg:
                for refusal in refusals_in_svg(svg.read()):
                    problems.append(Problem(f"{shown_prefix}{relative}", refusal.line or 1, "", refusal.message))
    return problems


def _load_news(files: list[tuple[str, str]], shown_prefix: str, languages, marks) -> tuple[list[Article], list[Problem], dict]:
    articles, problems, located_by_article = [], [], {}
    docs = {relative: path for path, relative in files}
    for path, src_uri in files:
        if not (src_uri.startswith("news/") and src_uri.endswith(".md")) or src_uri.count("/") == 1:
            continue  # not an article (news/index.<lang>.md is the news listing page)
        file = Path(path)
        shown_as = f"{shown_prefix}{src_uri}"
        match = _NEWS_PATH.match(src_uri)
        if match and _suffix_problem(match["lang"], languages):
            continue  # reported by _check_docs_files
        if not match or not SLUG.match(match["slug"]):
            problems.append(Problem(shown_as, 1, "", f"news articles must be named news/<YYYY>/<slug>{_language_names(languages)}"
                                    ", with a slug of lowercase ASCII letters, digits and hyphens"))
            continue
        source, meta, found = _parsed_article(file, shown_as)
        problems.extend(found)
        if source is None:
            continue
        if match["slug"] in RESERVED_SLUGS:
            problems.append(Problem(shown_as, 1, "", f"'{match['slug']}' cannot be used as a slug (reserved for listing pages); rename the file"))
        problems += _body_problems(source, shown_as)
        if not meta.draft:
            problems += _unfinished(source, meta, shown_as, marks)
        if meta.date is not None and meta.date.year != int(match["year"]):
            problems.append(Problem(shown_as, source.front_matter.line_of(("date",)), "date",
                                    f"the date is in {meta.date.year} but the file is in the folder news/{match['year']}/; "
                                    f"move it to news/{meta.date.year}/"))
        if meta.date is not None and meta.updated is not None and meta.updated < meta.date:
            problems.append(Problem(shown_as, source.front_matter.line_of(("updated",)), "updated",
                                    "the article cannot be updated before its date"))
        article = Article(match["slug"], match["lang"], src_uri, shown_as, meta, source.body,
                          front_matter=dict(source.front_matter.data))
        found, images, linked = _check_media(src_uri, shown_as, source, docs, shown_prefix, meta.cover)
        problems += found
        article.images, article.linked_files = images, frozenset(linked)
        article.cover_line = source.front_matter.line_of(("cover",))
        # Kept even when its front matter has problems: its other fields are still
        # cross-checked (members, translations), so every problem shows in one run.
        articles.append(article)
        located_by_article[id(article)] = source.front_matter
    return articles, problems, located_by_article


def _body_problems(source, shown_as: str) -> list[Problem]:
    """Invisible control characters in the text (they break feeds and cannot be seen)."""
    problems = []
    for number, line in enumerate(source.body.splitlines(), start=source.body_first_line):
        bad = UNPRINTABLE.search(line)
        if bad:
            problems.append(Problem(shown_as, number, "", f"an invisible control character (U+{ord(bad.group()):04X}) "
                                    "in the text; delete it (retype the words around it)"))
    return problems


def _unfinished(source, meta, shown_as: str, marks) -> list[Problem]:
    """An article about to be published with no text, or with `make news` placeholders left."""
    if not source.body.strip():
        return [Problem(shown_as, source.body_first_line, "", "the article has no text; write it below the closing '---' "
                        "(or keep `draft: true` until it is written)")]
    left = placeholder_in(meta.title, source.body, marks)
    if left:
        line = source.front_matter.line_of(("title",)) if left in (m + "…]" for m in marks.titles) else next(
            (n for n, text in enumerate(source.body.splitlines(), start=source.body_first_line) if left in text),
            source.body_first_line)
        return [Problem(shown_as, line, "title" if left.startswith("[") else "",
                        f"still holds the placeholder '{left}' written by `make news`; replace it with the real text "
                        "(or keep `draft: true`)")]
    return []


# Parsed and validated front matter by file, reused while the file is unchanged: the live
# preview rebuilds after every edit and must not re-read thousands of unchanged articles.
_parsed = build_context.CACHES.parsed_articles


def _parsed_article(file: Path, shown_as: str):
    """(source, front matter model or None, problems) of one article file."""
    stat = file.stat()
    key, stamp = str(file), (stat.st_mtime_ns, stat.st_size, shown_as)
    if key in _parsed and _parsed[key][0] == stamp:
        return _parsed[key][1]
    try:
        source = load_markdown(file, shown_as)
    except ContentError as error:
        result = (None, None, error.problems)
    else:
        meta, found = validate(source.front_matter, NewsFrontMatter)
        if meta is None:  # keep the fields that are valid, so their own checks still run
            meta = _partial(source.front_matter, found)
        result = (source, meta, found)
    _parsed[key] = (stamp, result)
    return result


def _partial(located: Located, problems: list[Problem]):
    """The front matter's valid fields, the others None: every other problem of the article
    (an unknown member, a missing image) is still found in the same run."""
    raw = located.data if isinstance(located.data, dict) else {}
    bad = {p.field.split(".")[0].split("[")[0] for p in problems}
    values = {name: None for name, info in NewsFrontMatter.model_fields.items() if info.is_required()}
    for name in NewsFrontMatter.model_fields:
        if name in raw and name not in bad:
            try:
                values[name] = _field_adapter(NewsFrontMatter, name).validate_python(raw[name])
            except ValidationError:
                continue
    return NewsFrontMatter.model_construct(**values)


@lru_cache(maxsize=None)
def _field_adapter(model, name: str) -> TypeAdapter:
    info = model.model_fields[name]
    return TypeAdapter(Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation)


_HTML_IMAGE = re.compile(r"<(?:img|source|video|audio)\b[^>]*?\b(?:src|srcset|poster)\s*=\s*[\"']?([^\"'\s>]+)", re.I)
# A reference definition (`[label]: target`), and the uses of a label as an image:
# `![alt][label]`, `![label][]` and `![label]`.
_REFERENCE = re.compile(r"^\s{0,3}\[([^\]]+)\]:\s*<?(\S+?)>?(?:\s|$)")
_REFERENCE_IMAGE = re.compile(r"!\[([^\]]*)\]\[([^\]]*)\]|!\[([^\]]+)\](?![\[(])")


def _label(text: str) -> str:
    """A reference label as Markdown matches it: case and runs of spaces do not count."""
    return " ".join(text.split()).casefold()


def _image_problem(target: str, folder: str, docs: dict[str, str], shown_prefix: str) -> tuple[str | None, str | None]:
    """(docs path, problem) of an image reference made in an article's folder."""
    if any(ch.isspace() for ch in target.strip()):
        fixed = re.sub(r"\s+", "-", target.strip())
        return None, (f"'{target}': an image name must not contain spaces; rename the file, "
                      f"for example to '{fixed}', and write that name here")
    if _ELSEWHERE.match(target):
        return None, f"{target}: images must be files of the site, not links to another host"
    path = resolve_image(folder, target)
    if target.startswith("/") or path.startswith("../") or path == "..":
        return None, f"{target}: images must be inside docs/ (next to the article or in docs/news/<year>/images/)"
    if path not in docs:
        return None, f"image not found: {shown_prefix}{path} (put it next to the article or in docs/news/<year>/images/)"
    return path, None


# A link (not an image) to a file: `[download the photo](images/x.jpg)` publishes the original.
_LINK = re.compile(r"(?<!!)\[[^\]]*\]\(\s*<?([^)\s>]+)")


def _check_media(src_uri: str, shown_as: str, source, docs: dict[str, str], shown_prefix: str,
                 cover: str | None = None) -> tuple[list[Problem], tuple[str, ...], set[str]]:
    """Covers and images must be files of the site (no outside host is ever loaded), and
    photos ones the site can publish (photos.problem). Returns the problems, the docs paths
    of the images shown and of the photos linked as files (their originals are published).
    `docs`: every content file of docs/, by its NFC path (content_files.walk)."""
    problems, images, linked = [], [], set()
    folder = posixpath.dirname(src_uri)
    if cover:
        path, problem = _image_problem(cover, folder, docs, shown_prefix)
        if not problem and cover.lower().endswith(".svg"):
            problem = (f"{cover}: a cover must be a photo (JPEG, PNG or WebP): cards, feeds and "
                       "sharing previews need one; an SVG drawing can still be shown in the text")
        problem = problem or _photo_problem(path, docs)
        if problem:
            problems.append(Problem(shown_as, source.front_matter.line_of(("cover",)), "cover", problem))
        images.append(path)
    lines = list(enumerate(source.body.splitlines(), start=source.body_first_line))
    # Reference definitions are images where a label is used as one (`![alt][label]`), and
    # always checked when they point an image at another host; links to pages are MkDocs'.
    used_as_images = {_label(named or text or alone) for text, named, alone in _REFERENCE_IMAGE.findall(source.body)
                      if (named or text or alone).strip()}
    for number, line in lines:
        references = [target for label, target in _REFERENCE.findall(line)
                      if _label(label) in used_as_images or (_ELSEWHERE.match(target) and _IMAGE_FILE.search(target))]
        inline = [bracketed or plain for bracketed, plain in _IMAGE.findall(line)]
        for target in inline + _HTML_IMAGE.findall(line) + references:
            path, problem = _image_problem(target, folder, docs, shown_prefix)
            problem = problem or _photo_problem(path, docs)
            if problem:
                problems.append(Problem(shown_as, number, "image", problem))
            images.append(path)
        links = _LINK.findall(line) + [target for label, target in _REFERENCE.findall(line) if _label(label) not in used_as_images]
        for target in links:
            if not _ELSEWHERE.match(target) and photos.is_photo(target):
                linked.add(resolve_image(folder, target))
    return problems, tuple(p for p in images if p), linked


def _photo_problem(path: str | None, docs: dict[str, str]) -> str | None:
    if path is None or not photos.is_photo(path):
        return None
    why = photos.problem(Path(docs[path]))
    return f"{path}: {why}" if why else None


# Fields that make a page a news article: an article saved outside docs/news/ would escape
# the news rules (drafts, dates, listings), so it is named instead of published.
_NEWS_ONLY = set(NewsFrontMatter.model_fields) - set(PageFrontMatter.model_fields)


def _load_pages(files: list[tuple[str, str]], shown_prefix: str, languages) -> tuple[list[HandWrittenPage], list[Problem]]:
    """Every page that is not a news article, with its front matter validated and located."""
    pages, problems = [], []
    docs = {relative: path for path, relative in files}
    for path, src_uri in files:
        name = src_uri.rsplit("/", 1)[-1]
        lang = name.split(".")[-2] if name.count(".") >= 2 else None
        if not src_uri.endswith(".md") or _suffix_problem(lang, languages) or _NEWS_PATH.match(src_uri):
            continue  # an asset, a misnamed page (reported by _check_docs_files) or an article
        shown_as = f"{shown_prefix}{src_uri}"
        try:
            source = load_markdown(Path(path), shown_as)
        except ContentError as error:
            problems += error.problems
            continue
        problems += _body_problems(source, shown_as)
        raw = source.front_matter.data
        news_fields = sorted(_NEWS_ONLY & set(raw))
        if news_fields:
            problems.append(Problem(shown_as, source.front_matter.line_of((news_fields[0],)), news_fields[0],
                                    "this looks like a news article; news articles go in "
                                    f"docs/news/<YYYY>/<slug>{_language_names(languages)}"))
            continue
        if raw.get("view") == "member":
            problems.append(Problem(shown_as, source.front_matter.line_of(("view",)), "view",
                                    "each member's profile is made from data/members.yml; remove this page"))
            continue
        meta, found = validate(source.front_matter, PageFrontMatter)
        media_problems, images, linked = _check_media(src_uri, shown_as, source, docs, shown_prefix)
        problems += found + media_problems
        if meta is not None:
            pages.append(HandWrittenPage(src_uri, lang, shown_as, meta, images=images, linked_files=frozenset(linked),
                                         front_matter=dict(raw), body=source.body))
    return pages, problems


def url_clashes(src_uris, shown_prefix: str, generated: set[str] = frozenset()) -> list[Problem]:
    """Two pages of one language at one URL: MkDocs would silently keep one of them."""
    first: dict[tuple[str, str], str] = {}
    problems = []
    for src_uri in sorted(src_uris, key=lambda uri: (uri in generated, uri)):
        lang = src_uri.rsplit(".", 2)[1] if src_uri.count(".") >= 2 else ""
        key = (lang, page_url(src_uri))
        if key in first:
            other = first[key]
            if src_uri in generated:
                problems.append(Problem(f"{shown_prefix}{other}", 1, "", f"this page is at the URL of a page generated "
                                        f"from data (/{key[1]}); rename or remove it"))
            else:
                problems.append(Problem(f"{shown_prefix}{src_uri}", 1, "", f"this page and {shown_prefix}{other} would both be "
                                        f"published at /{key[1]}; keep one of them"))
        else:
            first[key] = src_uri
    return problems


def _check_news(articles: list[Article], located: dict, members: dict, categories: dict,
                area_ids: set[str] | None) -> list[Problem]:
    problems = []
    first_by_key: dict[tuple, Article] = {}
    pair: dict[str, Article] = {}
    same_story: dict[tuple, Article] = {}
    for article in articles:
        where = located[id(article)]
        key = (article.slug, article.lang)
        if key in first_by_key:
            problems.append(Problem(article.shown_as, 1, "", f"duplicate slug '{article.slug}': "
                                    f"{first_by_key[key].shown_as} has the same slug in the same language"))
        first_by_key.setdefault(key, article)
        story = (article.lang, article.meta.date, (article.meta.title or "").casefold())
        if None not in story[1:2] and story[2] and story in same_story and same_story[story].slug != article.slug:
            problems.append(Problem(article.shown_as, where.line_of(("title",)), "title",
                                    f"the same article (title and date) as {same_story[story].shown_as}; "
                                    "publish it once, under one slug"))
        same_story.setdefault(story, article)
        if article.meta.category is not None and article.meta.category not in categories:
            problems.append(Problem(article.shown_as, where.line_of(("category",)), "category",
                                    f"unknown category '{article.meta.category}' (known: {', '.join(sorted(categories))})"))
        for index, member_id in enumerate(article.meta.members):
            if member_id not in members:
                problems.append(Problem(article.shown_as, where.line_of(("members", index)), f"members[{index}]",
                                        f"unknown member id '{member_id}' (not in data/members.yml)"))
        for index, area in enumerate(article.meta.action_areas):
            if area_ids is not None and area not in area_ids:
                problems.append(Problem(article.shown_as, where.line_of(("action_areas", index)), f"action_areas[{index}]",
                                        f"unknown action area '{area}' (ids are in data/action_plan.yml)"))
        other = pair.setdefault(article.slug, article)
        if other is not article and other.lang != article.lang:
            for name in SAME_IN_TRANSLATIONS:
                mine, theirs = getattr(article.meta, name), getattr(other.meta, name)
                if None not in (mine, theirs) and mine != theirs:
                    problems.append(Problem(article.shown_as, where.line_of((name,)), name,
                                            f"differs from its translation {other.shown_as}"))
    return problems


def _action_area_ids(data: dict) -> set[str] | None:
    """Ids of the Plan of Action's areas, or None when action_plan.yml did not load."""
    plan = data.get("action_plan.yml", (None, None))[0]
    return {area.id for area in plan.areas} if plan is not None else None


# Anchors the programme and directory templates use themselves: an entry with the same id
# would give a page two elements with one id (and a link to the wrong one).
_PAGE_ANCHORS = {
    "activity": {"agreement", "activities", "upcoming", "past"},
    "action area": {"decision", "background", "objectives", "areas", "implementation"},
    "member": {"index"},  # members/index is the directory page
}


def _reserved(entries, located: Located, label: str, path_of) -> list[Problem]:
    """Ids a template already uses on the same page (or, for members, a page's name)."""
    return [
        Problem(located.path, located.line_of(path_of(i) + ("id",)), field_name(path_of(i) + ("id",), True),
                f"'{entry.id}' is reserved for the page itself; choose another id")
        for i, entry in enumerate(entries)
        if entry.id in _PAGE_ANCHORS[label] or (label == "activity" and re.fullmatch(r"(upcoming|past)-\d{4}", entry.id))
    ]


def _check_references(data: dict, members: dict, slugs: set) -> list[Problem]:
    problems = []
    area_ids = _action_area_ids(data)
    edinburgh, ed_loc = data.get("edinburgh.yml", (None, None))
    if edinburgh:
        problems += _unique(edinburgh.milestones, ed_loc, "milestone", lambda i: ("milestones", i))
        for i, milestone in enumerate(edinburgh.milestones):
            for j, member_id in enumerate(milestone.members):
                if member_id not in members:
                    problems.append(Problem(ed_loc.path, ed_loc.line_of(("milestones", i, "members", j)),
                                            f"milestones[{i}].members[{j}]", f"unknown member id '{member_id}'"))
            if milestone.news and milestone.news not in slugs:
                problems.append(Problem(ed_loc.path, ed_loc.line_of(("milestones", i, "news")),
                                        f"milestones[{i}].news", f"no news article with slug '{milestone.news}'"))
    coe, coe_loc = data.get("coe.yml", (None, None))
    if coe:
        if coe.host not in members:
            problems.append(Problem(coe_loc.path, coe_loc.line_of(("host",)), "host", f"unknown member id '{coe.host}'"))
        problems += _unique(coe.activities, coe_loc, "activity", lambda i: ("activities", i))
        problems += _reserved(coe.activities, coe_loc, "activity", lambda i: ("activities", i))
        for i, activity in enumerate(coe.activities):
            if activity.news and activity.news not in slugs:
                problems.append(Problem(coe_loc.path, coe_loc.line_of(("activities", i, "news")),
                                        f"activities[{i}].news", f"no news article with slug '{activity.news}'"))
            for j, area in enumerate(activity.action_areas):
                if area_ids is not None and area not in area_ids:
                    problems.append(Problem(coe_loc.path, coe_loc.line_of(("activities", i, "action_areas", j)),
                                            f"activities[{i}].action_areas[{j}]",
                                            f"unknown action area '{area}' (ids are in data/action_plan.yml)"))
    plan, plan_loc = data.get("action_plan.yml", (None, None))
    if plan:
        problems += _unique(plan.areas, plan_loc, "action area", lambda i: ("areas", i))
        problems += _reserved(plan.areas, plan_loc, "action area", lambda i: ("areas", i))
    regions, off_loc = data.get("offices.yml", (None, None))
    network, net_loc = data.get("network.yml", (None, None))
    if regions and network and network.home_region not in {r.id for r in regions}:
        problems.append(Problem(net_loc.path, net_loc.line_of(("home_region",)), "home_region",
                                f"no region with id '{network.home_region}' in data/offices.yml"))
    if regions:
        offices = [(o, (i, "offices", j)) for i, r in enumerate(regions) if not isinstance(r, Unreadable)
                   for j, o in enumerate(r.offices)]
        # Regions and offices are headings of one page: their ids share one namespace.
        problems += _unique([(r, (i,)) for i, r in enumerate(regions)] + offices, off_loc, "region or office", None)
    return problems


def load_content(project_dir: Path, docs_dir: Path, languages, converters: dict, strings: dict) -> SiteContent:
    """Load everything under `data/` and the pages under `docs/`, in the site's `languages`
    (languages.Languages); raise ContentError on any problem. The derived languages' texts,
    articles and pages are made from their sources' here, by `converters` (conversion.py);
    `strings` (strings.py) give the placeholders of `make news` that must be gone."""
    with texts_in(TextLanguages(languages, converters)):
        data, problems = _load_data(project_dir / "data", "data/")
    members_list, members_loc = data.get("members.yml", (None, None))
    categories_list, categories_loc = data.get("categories.yml", (None, None))
    if members_list is not None:
        problems += _unique(members_list, members_loc, "member", lambda i: (i,))
        problems += _reserved(members_list, members_loc, "member", lambda i: (i,))
    if categories_list is not None:
        problems += _unique(categories_list, categories_loc, "category", lambda i: (i,))
    members = {m.id: m for m in members_list or []}
    categories = {c.id: c for c in categories_list or []}

    shown_prefix = f"{docs_dir.name}/"
    files, refused = content_files.walk(docs_dir, shown_prefix)
    problems += refused + _check_docs_files(files, shown_prefix, languages)
    articles, news_problems, located = _load_news(files, shown_prefix, languages, placeholders(strings))
    pages, page_problems = _load_pages(files, shown_prefix, languages)
    problems += news_problems + page_problems
    problems += url_clashes([uri for _, uri in files if uri.endswith(".md")], shown_prefix)
    if members_list is not None and categories_list is not None:
        problems += _check_news(articles, located, members, categories, _action_area_ids(data))
    if members_list is not None:
        problems += _check_references(data, members, {a.slug for a in articles})
    if problems:
        raise ContentError(problems)

    content = SiteContent(
        members=members,
        categories=categories,
        regions=data["offices.yml"][0],
        action_plan=data["action_plan.yml"][0],
        edinburgh=data["edinburgh.yml"][0],
        coe=data["coe.yml"][0],
        network=data["network.yml"][0],
        articles=articles + _derived(articles, languages, converters),
        pages=pages + _derived(pages, languages, converters),
        languages=languages,
    )
    return content  # indexed by .visible() (a build) or .index() (a report on every article)


def _derived(items: list, languages, converters) -> list:
    """Every article or page of each derived language, converted from its source language's."""
    made = []
    for language in languages.derived:
        convert = converters[language.code]
        for item in items:
            if item.lang != language.derived_from:
                continue
            front_matter = convert.front_matter(item.front_matter)
            meta = item.meta.model_copy(update={name: front_matter[name] for name in item.meta.model_fields_set
                                                if name in front_matter and front_matter[name] != item.front_matter.get(name)})
            made.append(replace(item, lang=language.code, src_uri=in_language(language_neutral(item.src_uri), language.code),
                                meta=meta, body=convert.markdown(item.body), front_matter=front_matter, derived_from=item))
    return made
