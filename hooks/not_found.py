"""Hook: one 404 page per language.

Events: on_template_context (the 404 page's language switcher and search index),
on_post_build.
The switcher links are set per page by mkdocs-static-i18n; the 404 template is rendered
outside the page loop and would inherit the previous page's links, so it gets the
language roots instead. Material writes `404.html` at the site root in every language pass
of mkdocs-static-i18n, so the last language built would replace the default language's
page. The default language's page is kept at the root; every other language's goes to
`<lang>/404.html` (serve it for missing pages under `/<lang>/`).
Output owned: `404.html`, `<lang>/404.html`.
"""

from __future__ import annotations

from copy import deepcopy
from pathlib import Path

from multilingual_site.i18n import language_root

_default_page: bytes | None = None


def on_template_context(context, template_name, config):
    if template_name == "404.html":
        i18n_plugin = config.plugins["i18n"]
        config.extra.alternate = deepcopy(i18n_plugin.extra_alternate)
        # Material's config.base (overrides/main.html): search loads this language's index.
        context["language_root"] = language_root(i18n_plugin.current_language, i18n_plugin.default_language)
    return context


def on_post_build(config):
    global _default_page
    i18n = config.plugins["i18n"]
    root_page = Path(config.site_dir) / "404.html"
    if not root_page.exists():
        return
    if i18n.current_language == i18n.default_language:
        _default_page = root_page.read_bytes()
        return
    target = Path(config.site_dir) / i18n.current_language / "404.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(root_page.read_bytes())
    if _default_page is not None:
        root_page.write_bytes(_default_page)
