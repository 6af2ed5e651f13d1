"""Hook: validate all content, then stage the docs the build reads.

Events:
- on_config: loads and validates `data/*.yml` and news front matter (content.py); on any
  problem logs each one as `file:line: field: message` and stops the build. Then fills
  the staging docs directory (`.cache/staging/docs`: a mirror of `docs/` plus the stubs
  of generated pages) and points `docs_dir` at it.
- on_startup: notes whether this is the live preview (drafts and future-dated articles
  are shown, marked) or a published build (they are left out; see publishing.py).
- on_serve: the live preview watches the real `docs/`, not the staging copy (watching
  what the build writes would rebuild forever).
Output owned: `.cache/staging/docs`.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

import build_state
from content import load_content
from generated_pages import all_generated_pages
from loading import ContentError
from models import LANGUAGES
from publishing import build_date
from staging import fill_staging

log = logging.getLogger("mkdocs.hooks.site_content")


def on_startup(command, dirty):
    build_state.preview = command == "serve"


# Before mkdocs-static-i18n (-100) and everything else: the rest of the build must see
# the staging docs_dir and may rely on validated content being loaded.
@event_priority(100)
def on_config(config):
    project_dir = Path(config.config_file_path).resolve().parent
    staging_dir = project_dir / ".cache" / "staging" / "docs"
    if Path(config.docs_dir) == staging_dir:
        # mkdocs-static-i18n re-running the same config for its next language.
        return config
    source_docs_dir = Path(config.docs_dir)
    try:
        content, hidden = load_content(project_dir, source_docs_dir).visible(build_date(), build_state.preview)
        # An unpublished article's images stay unpublished too, unless a published one shows them.
        hidden_images = {image for a in hidden for image in a.images} - {i for a in content.articles for i in a.images}
        fill_staging(source_docs_dir, staging_dir, all_generated_pages(content),
                     leave_out={a.src_uri for a in hidden} | hidden_images, languages=LANGUAGES,
                     default_language=config.plugins["i18n"].default_language, data_dir=project_dir / "data")
    except ContentError as error:
        for problem in error.problems:
            log.error(str(problem))
        raise PluginError(
            f"{len(error.problems)} problem(s) in the content above; nothing was built. "
            "Each line names the file, the line and the field to fix."
        ) from None
    for gap in content.missing_translations:
        log.info(f"Missing translation: {gap}")
    for article in hidden:
        log.info(f"Not published ({article.status}): {article.shown_as}")
    _report_links_to_unpublished(content, hidden)
    build_state.content = content
    build_state.project_dir = project_dir
    build_state.source_docs_dir = source_docs_dir
    build_state.staging_dir = staging_dir
    config.docs_dir = str(staging_dir)
    return config


def _report_links_to_unpublished(content, hidden) -> None:
    """A milestone or activity naming a draft or scheduled article shows no link until it is out."""
    waiting = {a.slug for a in hidden} - set(content.articles_by_slug)
    entries = [("data/edinburgh.yml", m.id, m.news) for m in content.edinburgh.milestones]
    entries += [("data/coe.yml", a.id, a.news) for a in content.coe.activities]
    for file, entry_id, slug in entries:
        if slug in waiting:
            log.info(f"{file}: {entry_id}: news '{slug}' is not published yet; its link appears once it is")


def on_serve(server, config, builder):
    server.unwatch(str(build_state.staging_dir))
    server.watch(str(build_state.source_docs_dir))
    return server
