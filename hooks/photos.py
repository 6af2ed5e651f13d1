"""Hook: every photo a page shows is published in a few sizes, upright and without EXIF, and
shown with srcset, width and height (bilingual_site/photos.py, photo_markup.py).

Events:
- on_config, after site_content (100) has validated the content: plans every photo a
  published page shows (names and sizes, from the originals' headers and the cache index;
  nothing is decoded), into build_state.photos; notes covers narrower than a card;
- on_files, after mkdocs-static-i18n: the originals stay Files (MkDocs resolves and checks
  the Markdown's links to them) but are not copied into the site, unless a page links one
  as a file;
- on_page_content, after content_policy (50) and before feeds (0): each photo's `<img>`
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

from bilingual_site import background, build_state, i18n, photo_markup, photos

log = logging.getLogger("mkdocs.hooks.photos")

_planned_for = None  # the content the plan was made for (the passes after the first reuse it)
_linked: set[str] = set()
_render = None  # partials/site/photo.html, in an autoescaping environment, per pass


# After site_content (100), which validates the content and stages docs/.
@event_priority(90)
def on_config(config):
    global _planned_for, _render
    _render = None
    content = build_state.content
    if content is None or _planned_for is content:
        return config
    _planned_for = content
    index = photos.Index(build_state.project_dir / ".cache" / "photos")
    shown = {path for item in (*content.articles, *content.pages) for path in item.images if photos.is_photo(path)}
    build_state.photos = {path: photos.plan(path, build_state.source_docs_dir, index) for path in sorted(shown)}
    index.save()
    _linked.clear()
    _linked.update(path for item in (*content.articles, *content.pages) for path in item.linked_files)
    for article in content.articles:
        photo = build_state.photos.get(article.cover_src_uri) if article.cover_src_uri else None
        if photo is not None and photo.width < photos.CARD_WIDTH:
            # A warning: the preview shows the page; `make site` (strict) stops until it is replaced.
            log.warning(f"{article.shown_as}:{article.cover_line}: cover: {article.meta.cover} is {photo.width} px wide; "
                        f"cards need at least {photos.CARD_WIDTH} px: use a larger photo")
    return config


def _not_published(dirty: bool = False) -> None:
    """Stands in for File.copy_file: the original is not written into the site."""


# After mkdocs-static-i18n (-100), which makes the Files of each language pass.
@event_priority(-110)
def on_files(files, config):
    for file in files:
        source = _docs_path(file.src_uri)
        if source in build_state.photos and source not in _linked:
            file.copy_file = _not_published
    return files


def _docs_path(src_uri: str) -> str:
    """The language-neutral docs path of a staged file (`x.en.jpg` is `x.jpg`'s English copy)."""
    stem, ext = posixpath.splitext(src_uri)
    for lang in ("." + l for l in i18n.LANGUAGE_TAG):
        if stem.endswith(lang):
            return stem[: -len(lang)] + ext
    return src_uri


def _photo_at(site_path: str, lang_root: str):
    if lang_root and site_path.startswith(lang_root):
        site_path = site_path[len(lang_root):]
    return build_state.photos.get(site_path)


# After content_policy (50), which checks the HTML as staff wrote it; before feeds (0),
# which keep each article's body.
@event_priority(40)
def on_page_content(html, page, config, files):
    global _render
    if not html or not build_state.photos:
        return html
    if _render is None:
        env = jinja2.Environment(loader=config.theme.get_env().loader, autoescape=True, undefined=jinja2.StrictUndefined)
        _render = env.get_template("partials/site/photo.html").render
    i18n_plugin = config.plugins["i18n"]
    root = i18n.language_root(i18n_plugin.current_language, i18n_plugin.default_language)
    return photo_markup.rewrite(html, page.url, lambda path: _photo_at(path, root), _render,
                                posixpath.dirname(page.file.src_uri))


def on_env(env, config, files):
    i18n_plugin = config.plugins["i18n"]
    if i18n_plugin.current_language == i18n_plugin.default_language and build_state.photos:
        background.run("photos", lambda: _produce(config))
    return env


def _produce(config) -> None:
    made = photos.produce(list(build_state.photos.values()), build_state.source_docs_dir,
                          build_state.project_dir / ".cache" / "photos", Path(config.site_dir))
    if made:
        log.info(f"Photos: {made} size(s) made anew, the others from .cache/photos/")
