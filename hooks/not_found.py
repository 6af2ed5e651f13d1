"""Hook: one 404 page per language.

Events:
- on_template_context (404.html): the page's language switcher and search index. The
  switcher links are set per page by mkdocs-static-i18n; the 404 template is rendered
  outside the page loop and would inherit the previous page's links, so it gets the
  language roots instead;
- on_post_template (404.html), last: MkDocs writes `404.html` at the site root in every
  language pass, so the last language built would replace the default language's page.
  Each other language's page is written to `<lang>/404.html` (served for missing pages
  under `/<lang>/`) and the root keeps the default language's.
Output owned: `404.html`, `<lang>/404.html`.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import event_priority

from multilingual_site import build_context, upstream
from multilingual_site.i18n import language_root


def on_template_context(context, template_name, config):
    if template_name == "404.html":
        ctx = build_context.current()
        upstream.set_language_switcher(config, upstream.initial_language_switcher(config))
        # Material's config.base (overrides/main.html): search loads this language's index.
        context["language_root"] = language_root(ctx.pass_.language, ctx.default_language)
    return context


# After csp_writer (-210): the page as it is written, its policy included.
@event_priority(-220)
def on_post_template(output_content, template_name, config):
    if template_name != "404.html":
        return output_content
    ctx = build_context.current()
    if ctx.pass_.language == ctx.default_language:
        ctx.default_404 = output_content
        return output_content
    target = Path(config.site_dir) / language_root(ctx.pass_.language, ctx.default_language) / "404.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(output_content, encoding="utf-8")
    # MkDocs writes what this returns to the site root: the default language's page, where
    # this process has it (a language's own process writes into a folder of its own).
    return ctx.default_404 if ctx.default_404 is not None else output_content
