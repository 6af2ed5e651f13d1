"""The sitemap: every page of every language with its hreflang alternates
(overrides/sitemap.xml), and a copy at each language's root.

- With the languages built in processes of their own (parallel.py), the default language's
  pass renders `sitemap.xml` again once every language's files are known, as the last
  sequential pass of mkdocs-static-i18n would have.
- Material's instant navigation fetches `<language root>/sitemap.xml`; the same file is
  written there for every language (material_fixes.py explains the fetch it still makes).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from . import i18n, upstream


def write_all_languages(ctx, config) -> None:
    if ctx.parallel and "env" in ctx.default_pass:
        upstream.render_theme_template("sitemap.xml", ctx.default_pass["env"], ctx.default_pass["files"], config,
                                       ctx.default_pass["nav"])


def copy_to_language_roots(ctx, config) -> None:
    sitemap = Path(config.site_dir) / "sitemap.xml"
    if not sitemap.exists():
        return
    for lang in ctx.languages.codes:
        if lang != ctx.default_language:
            shutil.copyfile(sitemap, Path(config.site_dir) / i18n.language_root(lang, ctx.default_language) / "sitemap.xml")
