"""Hook: validate all content, then stage the docs the build reads.

Events:
- on_config: loads and validates `data/*.yml` and news front matter (content_checks.py); on any
  problem logs each one as `file:line: field: message` and stops the build. Then fills
  the staging docs directory (`.cache/staging/docs`: a mirror of `docs/`, plus, in the live
  preview, the stubs of generated pages) and points `docs_dir` at it.
- on_files (before mkdocs-static-i18n) and on_page_read_source: in a build, the stubs of
  generated pages are not written: each is added as a File under the staging docs
  directory that exists only in memory, and its text is handed to MkDocs when it reads the
  page (ARCHITECTURE.md, "Decisions": a staging docs folder).
- on_page_markdown: a page's Markdown in Unicode's NFC form (W3C's Character Model for the
  web), as every file is named in the staging folder (content_files.walk): an image named in
  NFD, as macOS writes names, is found as well as one typed in NFC.
- on_serve: the live preview watches the real `docs/`, not the staging copy (watching
  what the build writes would rebuild forever).
Output owned: `.cache/staging/docs`.
"""

from __future__ import annotations

import logging
import unicodedata
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, set_exclusions

from multilingual_site import build_context
from multilingual_site.content_checks import load_content, url_clashes
from multilingual_site.generated_pages import all_generated_pages
from multilingual_site import translations
from multilingual_site.conversion import converters_and_problems
from multilingual_site.loading import ContentError
from multilingual_site.publishing import build_date
from multilingual_site.staging import fill_staging
from multilingual_site.strings import load_strings

log = logging.getLogger("mkdocs.hooks.site_content")


# After build_setup (1000), before mkdocs-static-i18n (-100) and everything else: the rest
# of the build must see the staging docs_dir and may rely on validated content being loaded.
@event_priority(100)
def on_config(config):
    ctx = build_context.current()
    if ctx.content is not None:
        # mkdocs-static-i18n running the next language's pass with the same config.
        return config
    project_dir = ctx.project_dir
    staging_dir = project_dir / ".cache" / "staging" / "docs"
    source_docs_dir = Path(config.docs_dir)
    # MkDocs' dirty reload (`make serve`) re-renders a page when its source file is newer
    # than its output, so there every stub is a file; a full build needs no file for them.
    stubs_on_disk = ctx.preview or ctx.dirty
    try:
        # A phrase table's problems are reported with the content's, all at once.
        ctx.converters, phrase_problems = converters_and_problems(ctx.languages, project_dir)
        try:
            ctx.strings = load_strings(project_dir, ctx.languages, ctx.converters)
            loaded = load_content(project_dir, source_docs_dir, ctx.languages, ctx.converters, ctx.strings)
        except ContentError as error:
            raise ContentError(phrase_problems + error.problems) from None
        if phrase_problems:
            raise ContentError(phrase_problems)
        content, hidden = loaded.visible(build_date(), ctx.preview)
        # An unpublished article's images stay unpublished too, unless a published one shows them.
        hidden_images = ({image for a in hidden for image in getattr(a, "images", ())}
                         - {i for a in content.articles for i in a.images})
        generated = all_generated_pages(content)
        written = [item.src_uri for item in (*content.articles, *content.pages)
                   if item.derived_from is None and item.fallback_of is None]
        clashes = url_clashes(written + list(generated), f"{source_docs_dir.name}/", set(generated))
        if clashes:
            raise ContentError(clashes)
        fill_staging(source_docs_dir, staging_dir, generated, write_generated=stubs_on_disk,
                     leave_out={a.src_uri for a in hidden} | hidden_images, languages=tuple(ctx.languages.codes),
                     default_language=ctx.default_language, data_dir=project_dir / "data")
    except ContentError as error:
        for problem in error.problems:
            log.error(str(problem))
        raise PluginError(
            f"{len(error.problems)} problem(s) in the content above; nothing was built. "
            "Each line names the file, the line and the field to fix."
        ) from None
    for line in translations.report_lines(translations.status(content)):
        log.info(line)
    for article in hidden:
        log.info(f"Not published ({article.status}): {article.shown_as}")
    _report_links_to_unpublished(content, hidden)
    ctx.stubs = {} if stubs_on_disk else generated
    ctx.content = content
    ctx.source_docs_dir = source_docs_dir
    ctx.staging_dir = staging_dir
    config.docs_dir = str(staging_dir)
    return config


# Before mkdocs-static-i18n (-100), which turns every File under docs_dir into its
# language's page with its alternates: generated pages get theirs exactly like written ones.
@event_priority(-90)
def on_files(files, config):
    stubs = build_context.current().stubs
    if not stubs:
        return files
    generated = [File(src_uri, config.docs_dir, config.site_dir, config.use_directory_urls)
                 for src_uri in stubs]
    set_exclusions(generated, config)  # as get_files does for files on disk
    # In the order MkDocs lists files read from disk (docs files, then the theme's), so pages,
    # sitemap and search index come out exactly as when the stubs are files.
    docs = [file for file in files if file.src_dir == config.docs_dir]
    theme = [file for file in files if file.src_dir != config.docs_dir]
    return Files(sorted([*docs, *generated], key=_listed_order) + theme)


def _listed_order(file: File) -> tuple:
    """mkdocs.structure.files.file_sort_key (folder, index first, name), without building a
    PurePosixPath for each of thousands of files."""
    *folder, name = file.src_uri.split("/")
    return (folder, file.name != "index", name)


def on_page_read_source(page, config):
    return build_context.current().stubs.get(page.file.src_uri)  # None: MkDocs reads the file


def on_page_markdown(markdown, page, config, files):
    return markdown if unicodedata.is_normalized("NFC", markdown) else unicodedata.normalize("NFC", markdown)


def _report_links_to_unpublished(content, hidden) -> None:
    """A milestone or activity naming a draft or scheduled article shows no link until it is out."""
    waiting = {a.slug for a in hidden if hasattr(a, "slug")} - set(content.articles_by_slug)
    entries = [("data/edinburgh.yml", m.id, m.news) for m in content.edinburgh.milestones]
    entries += [("data/coe.yml", a.id, a.news) for a in content.coe.activities]
    for file, entry_id, slug in entries:
        if slug in waiting:
            log.info(f"{file}: {entry_id}: news '{slug}' is not published yet; its link appears once it is")


def on_serve(server, config, builder):
    ctx = build_context.current()
    server.unwatch(str(ctx.staging_dir))
    server.watch(str(ctx.source_docs_dir))
    return server
