"""Hook: build the languages at the same time, each pass in its own process
(multilingual_site/parallel.py says how, and why the site is the same byte for byte).

Events:
- on_startup: mkdocs-static-i18n calls our `_build_or_collect` where it would build each
  other language (upstream.replace_nested_build: the one place where the build reaches into
  the plugin's flow): it collects that language's process, or builds the pass here as the
  plugin would (the live preview, `--dirty`, SITE_PARALLEL=0), and in either case the build
  context's current pass is the outer one again afterwards;
- on_config, last, in the default language's pass: the content is validated and staged:
  forks one child per other language;
- on_nav, on_env: keeps the default pass's navigation, environment and files (the sitemap
  is rendered again with them once every language's files are known: end_steps.py); on_env,
  after the staff HTML check has read every page and before anything is written: the
  passes wait for each other (a problem in any language stops them all before a page is
  written).
Output owned: the merge of the other languages' folders into the site.
"""

from __future__ import annotations

from mkdocs.plugins import event_priority

from multilingual_site import build_context, parallel, upstream


def _build_or_collect(config, dirty=False):
    """What mkdocs-static-i18n calls for each other language."""
    ctx = build_context.current()
    language = upstream.pass_language(config)
    if language in ctx.children:
        ctx.run_nested(parallel.collect, language, config)
    else:
        ctx.run_nested(upstream.NESTED_BUILD, config, dirty=dirty)


def on_startup(command, dirty):
    upstream.replace_nested_build(_build_or_collect)


def _is_default_outer_pass(ctx) -> bool:
    return not ctx.pass_.nested and ctx.pass_.language == ctx.default_language


# Last: every other on_config has run (validation, staging, the photo plan) and the config is
# the default language's, which is where mkdocs-static-i18n starts its next passes from.
@event_priority(-1000)
def on_config(config):
    ctx = build_context.current()
    if not ctx.parallel or not _is_default_outer_pass(ctx) or ctx.children:
        return config
    others = [lang for lang in ctx.languages.codes if lang != ctx.default_language]
    if others:
        parallel.start(config, others, upstream.NESTED_BUILD)
    return config


def on_nav(nav, config, files):
    ctx = build_context.current()
    if _is_default_outer_pass(ctx):
        ctx.default_pass["nav"] = nav
    return nav


# After staff_html_check (100), which stops a pass whose pages hold what is not allowed;
# before background work starts (0) and before MkDocs writes the first file.
@event_priority(99)
def on_env(env, config, files):
    ctx = build_context.current()
    if _is_default_outer_pass(ctx):
        ctx.default_pass.update(env=env, files=files)
    if ctx.in_language_process or ctx.children:
        parallel.barrier()
    return env
