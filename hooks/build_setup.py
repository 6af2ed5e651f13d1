"""Hook: the build context (multilingual_site/build_context.py), first of every hook, and the
check that what the build borrows from MkDocs, Material and mkdocs-static-i18n is as it was
written for (multilingual_site/upstream.py), before anything is read or written.

Events:
- on_startup: the command (`build`, or `serve` for the live preview) and `--dirty`;
- on_config, first of all: the outermost pass runs upstream.check() and starts a new build
  context (for every `mkdocs build`, and every rebuild of the live preview: build_context.start
  says what the command makes it), with its paths and languages; every pass (the
  outermost one included) begins its own `Pass`.
Output owned: none.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from multilingual_site import build_context, languages, upstream


def on_startup(command, dirty):
    build_context.start(command, dirty)


# First of every on_config handler (site_content's validation is 100): nothing may run on
# a build whose borrowed pieces have changed.
@event_priority(1000)
def on_config(config):
    nested = upstream.is_nested_pass(config)
    if nested:
        ctx = build_context.current()
    else:
        upstream.check(config)
        previous = build_context.current()
        ctx = build_context.start(previous.command, previous.dirty)
        _decide(ctx, config)
    ctx.begin_pass(upstream.pass_language(config), nested, Path(config.site_dir))
    return config


def _decide(ctx: build_context.Build, config) -> None:
    """What the build reads and writes, and its languages (mkdocs.yml: languages.py)."""
    ctx.project_dir = Path(config.config_file_path).resolve().parent
    ctx.site_dir = Path(config.site_dir)
    try:
        ctx.languages = languages.from_entries(upstream.language_entries(config))
    except languages.LanguageError as error:
        raise PluginError(str(error)) from None
    ctx.default_language = ctx.languages.default.code
