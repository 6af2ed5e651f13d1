"""What a build does once its pages are written, in order: the one table, read top to bottom.

MkDocs calls `on_post_build` at the end of every language pass; mkdocs-static-i18n's own
handler (priority -100) then builds the other languages' passes (or, here, collects them
from their own processes: parallel.py). Two hooks run this table:
- hooks/end_of_pass.py, before that (priority -50), in every pass: AFTER_EACH_PASS;
- hooks/end_of_build.py, after it (priority -200), in the outermost pass only, when every
  language's pages are written: AFTER_EVERY_LANGUAGE.
Each step is `step(build context, config)`; it names the module that owns its output.
"""

from __future__ import annotations

import logging
from typing import Callable

from . import background, compression, content_security_policy, editor_files, editor_wechat, robots, search_files, sitemaps

log = logging.getLogger("mkdocs.hooks.end_steps")


def _partials_figures(ctx, config) -> None:
    """At debug level (`mkdocs build -v`): how many renderings of Material's navigation, tabs,
    search box and logo served how many inclusions (hooks/partials_cache.py)."""
    served = ctx.pass_.partials_served
    log.debug(f"Partials kept: {served['renderings']} renderings for {served['inclusions']} inclusions")


Step = Callable[..., None]

AFTER_EACH_PASS: list[tuple[str, Step]] = [
    # Every page of the pass is read: its language's index (in its own process, before that
    # process makes its .gz copies).
    ("this language's search index", search_files.write_language_index),
    ("partials kept", _partials_figures),
]

AFTER_EVERY_LANGUAGE: list[tuple[str, Step]] = [
    # With the languages built in their own processes: every language's pages, alternates.
    ("sitemap.xml of every language", sitemaps.write_all_languages),
    # /admin/ belongs to no language: written once, into the finished site.
    ("the editor at /admin/", editor_files.write_admin),
    # After it: it keeps only the editor's own files under admin/.
    ("the editor's WeChat copies", editor_wechat.write_copies),
    ("robots.txt", robots.write_robots_txt),
    # Material's instant navigation fetches it at each language root.
    ("sitemap.xml at each language root", sitemaps.copy_to_language_roots),
    # Every pass's pages are written: the union of their hashes.
    ("the policy for nginx", content_security_policy.write_nginx_snippet),
    # MkDocs' own .gz, without its build date; before the copies below are made.
    ("sitemap.xml.gz without a date", compression.rewrite_sitemap_archive),
    # Feeds, exports and photos written in background processes: every file exists only then.
    ("background processes finished", background.finish),
    ("a .gz copy of every text file", compression.compress_site),
]


def run(steps: list[tuple[str, Step]], ctx, config) -> None:
    for _name, step in steps:
        step(ctx, config)
