"""Hook: render the data views and escape front-matter titles.

Events:
- on_files (after mkdocs-static-i18n): indexes this language pass's page URLs
  (the pass's `urls` in the build context), which every hook uses to link pages.
- on_env: makes an autoescaping Jinja environment over the theme's templates for views,
  and reads the views' interface strings (`strings/<locale>.yml`, strings.py) once; in a full build,
  starts a background process that prepares every page of the pass (background.py).
- on_page_markdown: escapes front-matter titles once, since Material prints
  `page.meta.title` unescaped.
- on_page_context (before search indexes the page): puts the page's view
  (`overrides/partials/views/<view>.html`, rendered here or taken from the background
  process) into `page.content`, for search without the lists of other pages it shows
  (search_scope.py; search_per_language.py puts them back once search has read the page);
  puts a language notice at the top of a page standing in for a missing translation, or
  converted at build time (partials/site/language-notice.html).
Data read: the validated content (build_context). Output owned: the HTML of view pages.
"""

from __future__ import annotations

import logging

import jinja2
from markupsafe import Markup, escape
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.utils import get_relative_url
from urllib.parse import urlsplit

from multilingual_site import background, build_context, i18n, listings, search_scope, upstream, views
from multilingual_site.feed_writer import feed_paths
from multilingual_site.photos import SHARE_WIDTH
from multilingual_site.sharing import sharing

log = logging.getLogger("mkdocs.hooks.page_views")


# After mkdocs-static-i18n's on_files (-100), which replaces the Files of each language.
@event_priority(-110)
def on_files(files, config):
    # One table per language pass: pages link to thousands of others, and resolving a path
    # through Files.get_file_from_path each time was a third of this hook's time.
    build_context.current().pass_.urls = {getattr(f, "norm_src_uri", f.src_uri): f.url for f in files}
    return files


class _ViewsEnvironment(jinja2.Environment):
    """Jinja, reading `x.name` on a dict as `x["name"]` first.

    View data is plain dicts. Jinja's default tries the attribute first, and catching the
    AttributeError doubled the time of rendering an article list (measured). A key named
    like a dict method (`items`) therefore wins over the method: templates never call those.
    """

    def getattr(self, obj, attribute):
        if type(obj) is dict:
            try:
                return obj[attribute]
            except KeyError:
                pass
        return super().getattr(obj, attribute)


def on_env(env, config, files):
    ctx = build_context.current()
    # MkDocs' own environment does not autoescape; every value from data must be escaped,
    # so views get their own environment that does, over the same template folders.
    views_env = _ViewsEnvironment(loader=env.loader, autoescape=True, undefined=jinja2.StrictUndefined,
                                   extensions=["jinja2.ext.loopcontrols"], auto_reload=False)
    views_env.filters.update(env.filters)
    views_env.globals.update(env.globals)
    views_env.filters["day"] = i18n.format_day
    views_env.filters["partial_date"] = i18n.format_partial
    views_env.filters["text_lang"] = lambda text: i18n.text_language(text, ctx.pass_.language)
    views_env.filters["fill"] = fill
    ctx.pass_.views_env = views_env
    ctx.pass_.view_templates = {}
    ctx.pass_.labels = ctx.strings  # every language's words (strings/<locale>.yml)
    # What the theme's own templates need of the languages (main.html, sitemap.xml, the
    # switcher, the wordmark): tags, the default, the pages that stand in untranslated.
    env.globals["site_languages"] = {language.code: {"tag": language.tag, "name": language.name}
                                     for language in ctx.languages}
    env.globals["default_language"] = ctx.default_language
    # base.html's <html lang>, and the site's own words on a page whose text is another language's.
    env.globals["pass_language_tag"] = views_env.globals["pass_language_tag"] = ctx.languages[ctx.pass_.language].tag
    words = ctx.strings[ctx.pass_.language]
    other = words["wordmark_with"] if words["wordmark_with"] in ctx.languages else ctx.default_language
    env.globals["site_wordmark"] = [(ctx.languages[ctx.pass_.language].tag, words["wordmark"])] + (
        [(ctx.languages[other].tag, ctx.strings[other]["wordmark"])] if other != ctx.pass_.language else [])
    env.globals["untranslated"] = frozenset(item.src_uri for item in (*ctx.content.articles, *ctx.content.pages)
                                            if item.stands_in)
    # The same on every page of a language pass: rendered once, printed by main.html.
    language = ctx.languages[ctx.pass_.language]
    env.globals["site_elsewhere"] = Markup(views_env.get_template("partials/site/language-notice.html").render(
        kind="no_version", t=words, names={"language": {"name": language.name, "tag": language.tag}},
        tag=language.tag, url=None, id=ELSEWHERE))
    env.globals["site_footer"] = _footer(ctx, config)
    env.globals["not_found"] = _not_found(ctx, config)
    _start_background(ctx, files, config)
    return env


def fill(words: str, **names) -> Markup:
    """Interface words with `{placeholder}`s filled by language names, each in its own
    language (`names`: placeholder -> {name, tag}); the words escaped."""
    html = escape(words)
    for placeholder, language in names.items():
        name = Markup('<span lang="{}">{}</span>').format(language["tag"], language["name"])
        html = Markup(str(html).replace("{" + placeholder + "}", str(name)))
    return Markup(html)

def _footer(ctx, config) -> Markup:
    """The site footer of this language pass, with links from the site's root path (they are
    the same on every page, so the footer is rendered once)."""
    content = ctx.content
    lang = ctx.pass_.language
    site_root = urlsplit(config.site_url).path or "/"
    region = next(r for r in content.regions if r.id == content.network.home_region)
    others = [{"name": language.name, "tag": language.tag,
               "root": site_root + i18n.language_root(language.code, ctx.default_language)}
              for language in ctx.languages if language.code != lang]
    html = ctx.pass_.views_env.get_template("partials/site/footer.html").render(
        region=region, lang=lang, t=ctx.pass_.labels[lang], copyright=config.copyright or "",
        site_root=site_root, root=site_root + i18n.language_root(lang, ctx.default_language),
        tag=ctx.languages[lang].tag, other_languages=others)
    return Markup(html)


def _not_found(ctx, config) -> dict:
    """Title and body of this language pass's 404 page. It answers any URL, so its links
    start from the site's root path."""
    content = ctx.content
    lang = ctx.pass_.language
    site_root = urlsplit(config.site_url).path or "/"
    labels = ctx.pass_.labels[lang]
    latest = views.entries(content.by_lang[lang][:views.LATEST_ON_404], content, lang, _RootLinker(site_root))
    body = ctx.pass_.views_env.get_template("partials/site/not-found.html").render(
        t=labels, lang=lang, latest=latest, lang_root=site_root + i18n.language_root(lang, ctx.default_language))
    return {"title": labels["not_found_title"], "body": Markup(body)}


def _start_background(ctx, files, config) -> None:
    """Every page is read and every URL known by now: a background process prepares the views
    of the whole pass while MkDocs renders pages (on_page_context takes its results)."""
    pages = [file.page for file in files.documentation_pages()] if ctx.background else []
    job = background.start("views", _prepare_all(pages, config)) if pages else None
    ctx.pass_.views_job = job
    ctx.pass_.views_results = job.results() if job is not None else None


def on_page_markdown(markdown, page, config, files):
    title = page.meta.get("title")
    if isinstance(title, str) and not isinstance(title, Markup):
        page.meta["title"] = escape(title)
    return markdown


class _Linker:
    """Links from one page: `link(docs path)` to a page or file of this language pass, and
    `link.asset(site path)` to a file that is not a page (a photo size)."""

    def __init__(self, page_url: str):
        self.page_url = page_url

    def __call__(self, path: str | None) -> str | None:
        url = build_context.current().pass_.urls.get(path) if path is not None else None
        return get_relative_url(url, self.page_url) if url is not None else None

    def asset(self, site_path: str) -> str:
        return get_relative_url(site_path, self.page_url)


class _RootLinker:
    """Links from the site's root path (`/`, `/en/`...), for a page that answers any URL (404)."""

    def __init__(self, site_root: str):
        self.site_root = site_root

    def __call__(self, path: str | None) -> str | None:
        url = build_context.current().pass_.urls.get(path) if path is not None else None
        return self.site_root + url.removeprefix("./") if url is not None else None

    def asset(self, site_path: str) -> str:
        return self.site_root + site_path


def _linker(page) -> _Linker:
    return _Linker(page.url)


def _feeds_of(page, lang: str, root: str, content, config) -> list[dict]:
    """Feeds a page announces (autodiscovery, subscribe links): its language's news, plus
    the category's or member's own feed on their pages."""
    site_name = config.site_name
    feeds = []
    if page.meta.get("listing") == "category":
        key = str(page.meta["key"])
        feeds.append(("category", key, content.categories[key].label.get(lang)))
    elif page.meta.get("view") == "member":
        member = content.members[page.meta["member"]]
        feeds.append(("member", member.id, member.name.get(lang)))
    feeds.append(("news", "", listings.Listing("all", "", lang, "").title()))
    # Relative to the page, as MkDocs' `url` filter would make them (once, not per template).
    return [{"title": f"{site_name} · {title}", "rss": get_relative_url(rss, page.url),
             "atom": get_relative_url(atom, page.url)}
            for kind, key, title in feeds for rss, atom in [feed_paths(root, kind, key)]]


def _language_notice(page, ctx, item) -> tuple[Markup | None, dict | None]:
    """The notice of a page not written in its language, and for one standing in for a
    missing translation, the language and address of the text it shows."""
    lang = ctx.pass_.language
    language = ctx.languages[lang]
    alternates = upstream.alternates(page.file)
    if item is not None and item.stands_in:
        kind, other = "untranslated", ctx.languages[item.fallback_of.lang]
    elif item is not None and getattr(item, "partly_translated", False):
        kind, other = "partly", ctx.languages[item.fallback_of.lang]
    elif not language.hand_translated:
        kind, other = "converted", ctx.languages[language.derived_from]
    else:
        return None, None
    original = alternates.get(other.code) if kind != "partly" else None
    url = original.url if original is not None and original.url != "./" else ""
    words = ctx.strings[lang]
    names = {"language": {"name": language.name, "tag": language.tag}, "source" if kind == "converted" else "shown":
             {"name": other.name, "tag": other.tag}}
    notice = ctx.pass_.views_env.get_template("partials/site/language-notice.html").render(
        kind=kind, t=words, names=names, tag=language.tag, other_tag=other.tag,
        url=get_relative_url(original.url, page.url) if original is not None else None)
    return Markup(notice), ({"tag": other.tag, "url": url} if kind == "untranslated" else None)


def _view_of(page, content, lang: str, link, item) -> tuple[str | None, dict | None]:
    """The view a page shows (an article, or its front matter's `view:`) and its data."""
    if item is not None:
        return "article", views.article(page.meta, content, lang, link, item=item)
    name = page.meta.get("view")
    if not name:
        return None, None
    if name not in views.VIEWS:
        raise PluginError(f"docs/{page.file.src_uri}: view: unknown view '{name}' (known: {', '.join(sorted(views.VIEWS))})")
    try:
        return name, views.VIEWS[name](page.meta, content, lang, link)
    except (KeyError, ValueError, TypeError) as error:  # a front-matter key naming nothing
        raise PluginError(f"docs/{page.file.src_uri}: view '{name}': no such entry {error}; "
                          "check the page's front matter (member, listing, key, page)") from None


# Pages laid out across the whole width: a sidebar there would hold one link or a few
# headings. Programme pages keep theirs (the programmes' navigation, the Plan's sections).
_WITHOUT_SIDEBARS = {"home", "article", "news-list", "member", "member-directory", "offices"}


def _view_template(ctx, name: str) -> jinja2.Template:
    """A view's template, from this pass's environment, loaded once per pass."""
    templates = ctx.pass_.view_templates
    if name not in templates:
        templates[name] = ctx.pass_.views_env.get_template(f"partials/views/{name}.html")
    return templates[name]


def prepare(page, config) -> dict:
    """What `on_page_context` gives a page: the head data (feeds, sharing, pager) and the
    view's HTML (None for a page without a view). A function of the page and the validated
    content only, so a background process can prepare every page ahead of the build."""
    ctx = build_context.current()
    content = ctx.content
    lang = ctx.pass_.language  # no page falls back to another language (mkdocs.yml, i18n)
    root = i18n.language_root(lang, ctx.default_language)
    item = content.articles_by_src_uri.get(page.file.src_uri)
    # What <head> announces (overrides/main.html): feeds, sharing metadata, and Material's
    # config.base, from which search loads this language's index.
    page.meta["feeds"] = _feeds_of(page, lang, root, content, config)
    # Sharing previews get a JPEG of at most 1200 px (photos.SHARE_WIDTH), absolute.
    photo = ctx.photos.get(item.cover_src_uri) if item is not None and item.cover_src_uri else None
    shared = photo.fallback(SHARE_WIDTH) if photo is not None else None
    notice, shown = _language_notice(page, ctx, item or content.pages_by_src_uri.get(page.file.src_uri))
    prepared = {
        "src_uri": page.file.src_uri,
        "language_root": root,
        "feeds": page.meta["feeds"],
        "sharing": sharing(page, lang, content, config, item,
                           image=(config.site_url + shared.path, shared.width, shared.height) if shared else None),
        "html": None,
        "pager": None,
        "is_article": False,
        "notice": notice,
        # A page standing in for a missing translation: the language and address of the text shown.
        "shown": shown,
    }
    name, data = _view_of(page, content, lang, _linker(page), item)
    if name is None:
        return prepared
    if "pager" in data:
        prepared["pager"] = page.meta["pager"] = data["pager"]  # rel=prev/next in <head>
    prepared["is_article"] = name == "article"
    body = Markup(page.content or "")
    written = item or content.pages_by_src_uri.get(page.file.src_uri)
    if written is not None and getattr(written, "partly_translated", False):  # its lead in another language
        body = Markup('<div lang="{}">{}</div>').format(ctx.languages[written.fallback_of.lang].tag, body)
    prepared["html"] = _view_template(ctx, name).render(
        data, lang=lang, t=ctx.pass_.labels[lang], body=body, page=page, config=config,
        base_url=get_relative_url(".", page.url), lang_root=root,  # base_url as MkDocs' context has it
        not_searched=search_scope.not_searched,
    )
    return prepared


def _prepare_all(pages, config):
    """The background job: every page of this language pass, in the order MkDocs builds them."""
    def work(send) -> None:
        for page in pages:
            send(prepare(page, config))
    return work


# After mkdocs-static-i18n's context (50), which resets the switcher links for each page;
# before search (priority 0) indexes page.content.
@event_priority(10)
def on_page_context(context, page, config, nav):
    prepared = _prepared_in_background(page) or prepare(page, config)
    page.meta["feeds"] = prepared["feeds"]
    page.meta["sharing"] = prepared["sharing"]
    if prepared["pager"] is not None:
        page.meta["pager"] = prepared["pager"]
    context["language_root"] = prepared["language_root"]
    if _WITHOUT_SIDEBARS.intersection((page.meta.get("view"), "article" if prepared["is_article"] else None)):
        page.meta["hide"] = sorted({*page.meta.get("hide", []), "navigation", "toc"})
    page.meta["notice"] = prepared["notice"]
    if prepared["shown"] is not None:
        # Standing in, untranslated: <html lang> of the text shown, the original canonical,
        # and out of search (overrides/main.html, translations.py).
        page.meta["html_lang"] = prepared["shown"]["tag"]
        page.canonical_url = config.site_url + prepared["shown"]["url"]
        page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
    if prepared["html"] is not None:
        search_scope.hold(page, prepared["html"])
    _switch_to_nearest(page, config)
    return context


# The notice, on every page, shown only when the address names it (site.css, :target).
ELSEWHERE = "site-elsewhere"


def _switch_to_nearest(page, config) -> None:
    """The switcher's link to a language this page has no version in (a tag only one
    language uses) leads to that language's nearest page, the news index for news pages,
    else its home page, which then says why (ELSEWHERE)."""
    alternates = upstream.alternates(page.file)
    if not alternates:
        return
    for link in upstream.language_switcher(config):
        if link["lang"] not in alternates:
            nearest = "news/" if page.file.src_uri.startswith("news/") else ""
            link["link"] = f"{link['link'].rstrip('/')}/{nearest}#{ELSEWHERE}"


def _prepared_in_background(page) -> dict | None:
    """The background job's result for `page`, or None (no job, or it went out of step)."""
    this_pass = build_context.current().pass_
    if this_pass.views_results is None:
        return None
    prepared = next(this_pass.views_results, None)
    if prepared is not None and prepared["src_uri"] == page.file.src_uri:
        return prepared
    # Pages built in another order than announced (a plugin skipping or adding pages):
    # the rest of this pass is prepared inline.
    log.debug(f"views: background results out of step at {page.file.src_uri}; preparing inline")
    this_pass.views_job.stop()
    this_pass.views_results = None
    return None
