"""The browser editor's "copy for WeChat" (editor/editor.js): the WeChat copy of each published
article of the default language, made by the build the editor comes with, exactly as
`make wechat` makes it (wechat.py), into `admin/wechat/news/<year>/<slug>.html`.

The copy is the article as last saved and built: the button compares the version it names
(`source-version`) with the text being edited, and asks for a save first when they differ.
Written only when the build publishes an editor (editor_files.editor_mode: `make edit`'s live
preview, or a hosted editor), after `admin/` is written (end_steps.py), since that step keeps
only the editor's own files there. The default language only: WeChat's readers read it, and
a site of thousands of articles would otherwise pay for every language at every build.
"""

from __future__ import annotations

import logging
from pathlib import Path

import jinja2

from . import wechat
from .article_html import Rendering
from .editor_files import ADMIN, NONE, editor_mode
from .i18n import format_day, language_root
from .publishing import PUBLISHED
from .views import article_path

log = logging.getLogger("mkdocs.hooks.editor_wechat")

FOLDER = "wechat"  # under admin/


def rendering(ctx, config, env: jinja2.Environment) -> Rendering:
    """What article_html needs, from the build (channels.Site.rendering makes the same outside it)."""
    return Rendering(site_url=config.site_url,
                     language_roots={code: language_root(code, ctx.default_language) for code in ctx.languages.codes},
                     extensions=list(config.markdown_extensions), extension_configs=dict(config.mdx_configs),
                     photo=ctx.photos.get, photo_render=env.get_template("partials/site/photo.html").render)


def write_copies(ctx, config) -> None:
    """Every published article of the default language, as `make wechat` writes it."""
    if editor_mode(config) == NONE:
        return
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(config.theme.dirs), autoescape=True,
                             undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    env.filters["day"] = format_day
    made = rendering(ctx, config, env)
    lang = ctx.default_language
    language = ctx.languages[lang]
    folder = Path(config.site_dir) / ADMIN / FOLDER
    count = 0
    for article in ctx.content.by_lang[lang]:
        if article.status != PUBLISHED or article.fallback_of is not None:
            continue
        html = wechat.copy(article, made, env, ctx.strings[lang], language.tag, language.script)
        target = folder / (article_path(article)[: -len(".md")] + ".html")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
        count += 1
    log.info(f"Editor: {count} WeChat copies under /{ADMIN}/{FOLDER}/ (the editor's 复制到微信 button)")
