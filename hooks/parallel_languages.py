"""Hook: build the languages at the same time, each pass in its own process
(multilingual_site/parallel.py says how, and why the site is the same byte for byte).

Events:
- on_startup: decides whether this run builds in parallel (a full `mkdocs build` on Linux,
  unless SITE_PARALLEL=0), and if so has mkdocs-static-i18n collect the other languages'
  passes where it would build them (its module's `build`, 1.3.1, replaced: the one place
  where we reach into the plugin);
- on_config, last, in the default language's pass: the content is validated and staged:
  forks one child per other language;
- on_nav, on_env: keeps the default pass's navigation, environment and files (the sitemap
  is rendered again with them once every language's files are known); on_env, after the
  content policy has checked every page and before anything is written: the passes wait for
  each other (a problem in any language stops them all before a page is written);
- on_post_build, after mkdocs-static-i18n (-100) has collected the other passes: renders
  `sitemap.xml` with the alternates of every language, as the last sequential pass would;
- on_build_error: stops the children.
Output owned: the merge of the other languages' folders into the site; `sitemap.xml`.
"""

from __future__ import annotations

import mkdocs_static_i18n.plugin as i18n_plugin_module
from mkdocs.commands.build import _build_theme_template
from mkdocs.plugins import event_priority

from multilingual_site import parallel

_original_build = i18n_plugin_module.build
_default_pass: dict = {}  # the default language pass's env, files and nav


def _build_or_collect(config, dirty=False):
    """What mkdocs-static-i18n calls for each other language: collect the child's pass."""
    i18n = config.plugins["i18n"]
    if i18n.current_language in parallel.children():
        parallel.collect(i18n.current_language, config, i18n)
    else:
        _original_build(config, dirty=dirty)


def on_startup(command, dirty):
    parallel.decide(command, dirty)
    i18n_plugin_module.build = _build_or_collect if parallel.enabled else _original_build


def _is_default_outer_pass(config) -> bool:
    i18n = config.plugins["i18n"]
    return parallel.role is None and not i18n.building and i18n.current_language == i18n.default_language


# Last: every other on_config has run (validation, staging, the photo plan) and the config is
# the default language's, which is where mkdocs-static-i18n starts its next passes from.
@event_priority(-1000)
def on_config(config):
    _default_pass.clear()
    if not parallel.enabled or not _is_default_outer_pass(config) or parallel.children():
        return config
    i18n = config.plugins["i18n"]
    others = [lang for lang in i18n.build_languages if lang != i18n.default_language]
    if others:
        parallel.start(config, others, _original_build)
    return config


def on_nav(nav, config, files):
    if _is_default_outer_pass(config):
        _default_pass["nav"] = nav
    return nav


# After staff_html_check (100), which stops a pass whose pages hold what is not allowed; before
# background work starts (0) and before MkDocs writes the first file.
@event_priority(99)
def on_env(env, config, files):
    if _is_default_outer_pass(config):
        _default_pass.update(env=env, files=files)
    if parallel.role is not None or parallel.children():
        parallel.barrier()
    return env


# After mkdocs-static-i18n (-100) has collected every pass; before material_fixes (-115) and
# reproducible (-120), which copy and stamp the sitemap.
@event_priority(-105)
def on_post_build(config):
    if not _default_pass or config.plugins["i18n"].building or parallel.role is not None:
        return
    if "env" in _default_pass and parallel.enabled:
        # The last sequential pass would have written it: every language's pages, alternates.
        _build_theme_template("sitemap.xml", _default_pass["env"], _default_pass["files"], config, _default_pass["nav"])


def on_build_error(error):
    parallel.stop_all()
