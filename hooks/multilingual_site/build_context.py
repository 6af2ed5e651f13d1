"""The one build context: what a build knows about itself, in one object, not module globals.

MkDocs hands hook functions nothing shared but the config, and mkdocs-static-i18n runs a
whole pass of the build per language: in this process one after the other, or each in a
process of its own (parallel.py). Every hook finds the build's settings, and what its
passes share, here:
- `Build`: set up once per build: at `on_startup` (the command), then at the outermost
  pass's `on_config` (hooks/build_setup.py), for every `mkdocs build` and every rebuild of
  the live preview: preview or full build, background processes and parallel passes on or
  off, the paths, the languages, and what the build makes once (the validated content,
  the photo plan) or gathers from every pass (the policy's hashes, background figures);
- `Pass`: one language pass, begun at its `on_config`: its language, whether it is nested
  (run inside the first pass, or in its own process), where it writes, and what it gathers
  (page URLs, refusals, the views' environment, kept partials). When a nested pass ends,
  the pass that ran it is current again (parallel_languages.py wraps the nested builds).
`CACHES` holds the few things kept across the live preview's rebuilds on purpose.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class Pass:
    """One language pass of a build."""

    language: str
    nested: bool  # a pass run inside another (mkdocs-static-i18n) or in its own process
    site_dir: Path  # where this pass writes (a language's own process: a folder of its own)
    urls: dict[str, str] = field(default_factory=dict)  # language-neutral docs path -> URL
    refused: list = field(default_factory=list)  # staff HTML refusals (staff_html_check.py)
    photo_render: Any = None  # partials/site/photo.html's render function (photo_sizes.py)
    views_env: Any = None  # the views' autoescaping Jinja environment (page_views.py)
    view_templates: dict = field(default_factory=dict)  # its view templates, loaded once per pass
    labels: dict = field(default_factory=dict)  # interface strings by language (page_views.py)
    views_job: Any = None  # the background process preparing this pass's views
    views_results: Any = None  # its results, as an iterator
    held_html: dict[str, str] = field(default_factory=dict)  # pages' HTML while search reads less (search_scope.py)
    search_pages: list[str] = field(default_factory=list)  # src_uris of its pages, in build order (site_search.py)
    search_seconds: float = 0.0  # CPU seconds of its search work (site_search.py, search_files.py)
    partials_kept: dict = field(default_factory=dict)  # partials_cache.py
    partials_served: dict = field(default_factory=lambda: {"inclusions": 0, "renderings": 0})


@dataclass
class Build:
    """One build: a `mkdocs build`, or one rebuild of the live preview."""

    command: str  # "build" or "serve"
    dirty: bool = False
    # Derived from the command (start): drafts shown, relaxed script policy, no .gz copies,
    # generated pages written as files; background work and language processes.
    preview: bool = False
    background: bool = False
    parallel: bool = False
    # Paths, and the languages (from the i18n plugin's configuration).
    project_dir: Path | None = None
    source_docs_dir: Path | None = None
    staging_dir: Path | None = None
    site_dir: Path | None = None  # the outermost pass's
    default_language: str = ""  # its code
    languages: Any = None  # languages.Languages, from mkdocs.yml
    strings: dict = field(default_factory=dict)  # language code -> its interface words (strings.py)
    converters: dict = field(default_factory=dict)  # derived language code -> conversion.Converter
    # Made once, by the first pass; the passes after it reuse them.
    content: Any = None  # content_model.SiteContent
    stubs: dict[str, str] = field(default_factory=dict)  # generated pages held in memory: src_uri -> text
    photos: dict = field(default_factory=dict)  # docs path of a photo a page shows -> photos.Photo
    linked_photos: set[str] = field(default_factory=set)  # photos linked as files: originals published
    editor_sources: Any = None  # where /admin/'s files come from (hooks/editor.py)
    # Gathered from every pass, for the end of the build (end_steps.py).
    default_pass: dict = field(default_factory=dict)  # the default language pass's env, files, nav
    default_404: str | None = None  # the default language's 404 page, kept at the site root
    csp_scripts: set[str] = field(default_factory=set)  # inline scripts' hashes, every page
    csp_styles: set[str] = field(default_factory=set)  # style attributes' hashes, every page
    background_jobs: list = field(default_factory=list)  # background.Job still running
    background_figures: dict = field(default_factory=lambda: {"processes": 0, "cpu_seconds": 0.0})
    compressed_before_waiting: bool = False  # the default pass's .gz copies made (parallel.collect)
    # The language passes in processes of their own (parallel.py).
    child_language: str | None = None  # in a language's own process: its language
    parent_conn: Any = None  # ... and its end of the pipe to the build's process
    children: dict = field(default_factory=dict)  # in the build's process: language -> parallel.Child
    # The pass running now, and the passes that ran it.
    current: Pass | None = None
    outer: list[Pass] = field(default_factory=list)
    built: bool = False  # the build said "Documentation built" (fast_exit.py)

    @property
    def pass_(self) -> Pass:
        return self.current

    def begin_pass(self, language: str, nested: bool, site_dir: Path) -> Pass:
        self.current = Pass(language, nested, Path(site_dir))
        return self.current

    def run_nested(self, function, *args, **kwargs):
        """Run another language's pass (`function`), then make this pass current again."""
        self.outer.append(self.current)
        try:
            return function(*args, **kwargs)
        finally:
            self.current = self.outer.pop()

    @property
    def in_language_process(self) -> bool:
        return self.child_language is not None


@dataclass
class Caches:
    """Kept across the live preview's rebuilds: `mkdocs serve --dirty` renders only the pages
    whose source changed, and re-reading thousands of unchanged articles would be slow."""

    article_bodies: dict = field(default_factory=dict)  # (language, slug) -> (body HTML, URL): feeds.py
    parsed_articles: dict = field(default_factory=dict)  # file -> (stamp, parse): content_checks.py
    # language -> page src_uri -> its search document (None: not searched): site_search.py;
    # a full build starts each language afresh.
    search_documents: dict = field(default_factory=dict)


CACHES = Caches()
_build: Build | None = None


def start(command: str, dirty: bool) -> Build:
    """A new build (on_startup, and each live-preview rebuild's first on_config), and what
    it is, from its command: the live preview shows drafts, relaxes the script policy and
    makes no .gz copies; only a full `mkdocs build` on Linux forks processes for background
    work and for the other languages (SITE_BACKGROUND_WORK=0, SITE_PARALLEL=0 turn them
    off; the live preview builds in a server thread, where forking is unsafe)."""
    global _build
    full_build = command == "build" and not dirty and sys.platform.startswith("linux")
    _build = Build(command=command, dirty=dirty, preview=command == "serve",
                   background=full_build and os.environ.get("SITE_BACKGROUND_WORK", "1") != "0",
                   parallel=full_build and os.environ.get("SITE_PARALLEL", "1") != "0")
    return _build


def current() -> Build:
    if _build is None:
        raise RuntimeError("no build context: hooks/build_setup.py must be the first hook in mkdocs.yml")
    return _build
