"""Hook: every photo a page shows is published in a few sizes, upright and without EXIF, and
shown with srcset, width and height (multilingual_site/photos.py, photo_markup.py).

Events:
- on_config, after site_content (100) has validated the content: plans every photo a
  published page shows (names and sizes, from the originals' headers and the cache index;
  nothing is decoded), into the build context (build_context.photos); notes covers narrower than a card;
- on_files, after mkdocs-static-i18n: the originals stay Files (MkDocs resolves and checks
  the Markdown's links to them) but are not copied into the site, unless a page links one
  as a file;
- on_page_content, after staff_html_check (50) and before feeds (0): each photo's `<img>`
  becomes its sizes (partials/site/photo.html); a lone image with a title, a figure;
- on_env, default language pass: writes the sizes into the site (from `.cache/photos/`, or
  made anew there), in a background process where the build allows one (background.py).
Output owned: the photo sizes (`<folder>/<name>.<hash>.<width>.webp|jpg|png`).
"""

from __future__ import annotations

import logging
import posixpath
from pathlib import Path

import jinja2
from mkdocs.plugins import event_priority

from multilingual_site import background, build_context, i18n, photo_markup, photos, upstream

log = logging.getLogger("mkdocs.hooks.photo_sizes")


# After site_content (100), which validates the content and stages docs/.
@event_priority(90)
def on_config(config):
    ctx = build_context.current()
    content = ctx.content
    if content is None or ctx.pass_.nested:
        return config  # planned once, by the first pass
    index = photos.Index(ctx.project_dir / ".cache" / "photos")
    shown = {path for item in (*content.articles, *content.pages) for path in item.images if photos.is_photo(path)}
    # Read from the staging folder, where every file has the NFC name content_checks.py knows it by.
    ctx.photos = {path: photos.plan(path, ctx.staging_dir, index) for path in sorted(shown)}
    index.save()
    ctx.linked_photos = {path for item in (*content.articles, *content.pages) for path in item.linked_files}
    for article in content.articles:
        photo = ctx.photos.get(article.cover_src_uri) if article.cover_src_uri else None
        if photo is not None and photo.width < photos.CARD_WIDTH:
            # A warning: the preview shows the page; `make site` (strict) stops until it is replaced.
            log.warning(f"{article.shown_as}:{article.cover_line}: cover: {article.meta.cover} is {photo.width} px wide; "
                        f"cards need at least {photos.CARD_WIDTH} px: use a larger photo")
    return config


# After mkdocs-static-i18n (-100), which makes the Files of each language pass.
@event_priority(-110)
def on_files(files, config):
    ctx = build_context.current()
    for file in files:
        source = _docs_path(file.src_uri, ctx.languages.codes)
        if source in ctx.photos and source not in ctx.linked_photos:
            upstream.never_copy(file)  # the original is not written into the site
    return files


def _docs_path(src_uri: str, languages) -> str:
    """The language-neutral docs path of a staged file (`x.en.jpg` is `x.jpg`'s English copy)."""
    stem, ext = posixpath.splitext(src_uri)
    for suffix in ("." + lang for lang in languages):
        if stem.endswith(suffix):
            return stem[: -len(suffix)] + ext
    return src_uri


# After staff_html_check (50), which checks the HTML as staff wrote it; before feeds (0),
# which keep each article's body.
@event_priority(40)
def on_page_content(html, page, config, files):
    ctx = build_context.current()
    if not html or not ctx.photos:
        return html
    if ctx.pass_.photo_render is None:
        env = jinja2.Environment(loader=config.theme.get_env().loader, autoescape=True, undefined=jinja2.StrictUndefined)
        ctx.pass_.photo_render = env.get_template("partials/site/photo.html").render
    root = i18n.language_root(ctx.pass_.language, ctx.default_language)

    def photo_at(site_path: str):
        if root and site_path.startswith(root):
            site_path = site_path[len(root):]
        return ctx.photos.get(site_path)

    # A raw <img> is written relative to the page's source file (photo_markup.rewrite).
    return photo_markup.rewrite(html, page.url, photo_at, ctx.pass_.photo_render,
                                posixpath.dirname(page.file.src_uri))


def on_env(env, config, files):
    ctx = build_context.current()
    if ctx.pass_.language == ctx.default_language and ctx.photos:
        background.run("photos", lambda: _produce(ctx, config))
    return env


def _produce(ctx, config) -> None:
    made = photos.produce(list(ctx.photos.values()), ctx.staging_dir, ctx.project_dir / ".cache" / "photos",
                          Path(config.site_dir))
    if made:
        log.info(f"Photos: {made} size(s) made anew, the others from .cache/photos/")
