"""The language passes of one build, each in its own process, at the same time.

mkdocs-static-i18n builds the other languages one after the other, at the end of the
default language's pass, in the same process: a second language costs a second pass on
the same core. Most of a pass (reading pages, rendering them, indexing them for search,
writing files) needs nothing from the other languages, so each extra language is built in a
child forked from the default language's pass as soon as the content is validated and
staged (`on_config`), while the parent goes on with the default language:

- the child sets the i18n plugin to its language, marked as a nested pass, and runs MkDocs'
  `build()` into a folder of its own beside the site (`<site>.<lang>-<pid>`), with its own
  background processes (views, feeds, exports) and its own `.gz` copies;
- both meet once every page of their pass is read and checked and before either writes a
  file (`barrier`): a content problem in any language stops every pass before any page is
  written, each problem reported once, by the process that found it;
- where mkdocs-static-i18n would build the child's language itself, the parent first makes
  the `.gz` copies of its own finished pass (while the children still use the other cores),
  then collects the child's work
  (`collect`): it moves the child's `<lang>/` folder into the site and
  takes back what the end of the build needs from that pass, the same data the sequential
  build would have left behind: the search entries, the files the sitemap lists with their
  alternates, the policy's hashes and the background processes' figures (`_export`). The
  rest of the build then runs as it always did, and the site is byte for byte the
  sequential build's (tests/test_parallel_languages.py).

A child that fails sends its message and the build stops; a child outlives nothing: it dies
with the build's process (PR_SET_PDEATHSIG) and is stopped when the build fails. With more
languages, more children run at once. `SITE_PARALLEL=0` builds the languages one after the
other, as mkdocs-static-i18n does; the live preview and `--dirty` builds always do.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import shutil
import traceback
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any, Callable

from mkdocs.exceptions import Abort

from . import background, build_context, compression, upstream

log = logging.getLogger("mkdocs.hooks.parallel")


@dataclass
class Child:
    lang: str
    process: Any
    conn: Any
    site_dir: Path
    ready: bool = False


def start(config, languages: list[str], build: Callable) -> None:
    """Fork one child per language of `languages`, each running `build(config)` for it."""
    ctx = build_context.current()
    context = multiprocessing.get_context("fork")
    site = Path(config.site_dir)
    _remove_stale(site)
    ctx.compressed_before_waiting = False
    for lang in languages:
        parent_end, child_end = context.Pipe()
        folder = site.with_name(f"{site.name}.{lang}-{os.getpid()}")
        shutil.rmtree(folder, ignore_errors=True)
        process = context.Process(target=_child_main, args=(lang, child_end, config, folder, build, os.getpid()),
                                  name=f"{lang} pass", daemon=False)
        process.start()
        child_end.close()
        ctx.children[lang] = Child(lang, process, parent_end, folder)


def _remove_stale(site: Path) -> None:
    """Folders beside the site left by a build that was killed outright (no cleanup ran)."""
    for folder in site.parent.glob(f"{site.name}.*-*"):
        pid = folder.name.rsplit("-", 1)[-1]
        if pid.isdigit() and not Path(f"/proc/{pid}").exists():
            shutil.rmtree(folder, ignore_errors=True)


def _child_main(lang, conn, config, folder: Path, build, parent: int) -> None:
    """A child: build `lang` into `folder`, wait for its background work, compress its files,
    send back what the parent needs. Never returns into the parent's pass."""
    background.die_with_parent(parent)
    ctx = build_context.current()
    ctx.child_language, ctx.parent_conn = lang, conn
    ctx.children = {}
    upstream.become_nested_pass(config, lang)  # the end-of-build work is the parent's
    config.site_dir = str(folder)
    quiet = _QuietBuildLog()
    upstream.build_log().addFilter(quiet)
    try:
        build(config, dirty=False)
        background.wait_for_all()
        root = Path(folder) / lang  # the child's own files, on its core
        compression.precompress(folder, [f"{lang}/{name}" for name in compression.compressible_files(root)])
        payload = {
            "search": upstream.search_entries(config),
            "sitemap": [_sitemap_entry(f) for f in upstream.sitemap_files(config).get(lang, [])],
            "gathered": _export(ctx),
        }
        message = ("done", payload)
    except Abort as error:  # MkDocs has printed the problems; this is its last line
        _exit(conn, ("failed", str(error)), 1)
    except BaseException:  # a bug, not bad content: the whole traceback helps
        _exit(conn, ("failed", f"the {lang} pass failed:\n" + traceback.format_exc()), 1)
    _exit(conn, message, 0)


def _export(ctx) -> dict:
    """What the end of the build needs from a language's own process, gathered there."""
    return {"csp_scripts": sorted(ctx.csp_scripts), "csp_styles": sorted(ctx.csp_styles),
            "background_figures": dict(ctx.background_figures)}


def _merge(ctx, gathered: dict) -> None:
    ctx.csp_scripts.update(gathered["csp_scripts"])
    ctx.csp_styles.update(gathered["csp_styles"])
    for key, value in gathered["background_figures"].items():
        ctx.background_figures[key] += value


def _exit(conn, message, code: int) -> None:
    try:
        if message is not None:
            conn.send(message)
    except OSError:  # the parent is gone
        pass
    conn.close()
    logging.shutdown()
    os._exit(code)


class _QuietBuildLog(logging.Filter):
    """The child's pass is a part of the build: no "Documentation built" line of its own."""

    def filter(self, record) -> bool:
        return not record.getMessage().startswith(("Documentation built in", "Building documentation to directory",
                                                   "Cleaning site directory"))


def _sitemap_entry(file) -> tuple:
    return (file.url, file.src_uri, bool(file.page is not None and not file.page.is_link),
            {locale: (alternate.url, alternate.src_uri) for locale, alternate in upstream.alternates(file).items()})


def _sitemap_file(entry: tuple):
    """A stand-in for a File, with what overrides/sitemap.xml reads of one."""
    url, src_uri, is_page, alternates = entry
    return SimpleNamespace(url=url, src_uri=src_uri, page=SimpleNamespace(is_link=False) if is_page else None,
                           alternates={locale: SimpleNamespace(url=u, src_uri=s) for locale, (u, s) in alternates.items()})


def barrier() -> None:
    """Every language pass has read and checked all its pages, and none has written one."""
    ctx = build_context.current()
    if ctx.in_language_process:  # a child: tell the parent, then wait for its word
        ctx.parent_conn.send(("ready", None))
        if ctx.parent_conn.recv() != "go":
            raise Abort("")
        return
    for child in ctx.children.values():
        kind, message = _receive(child)
        if kind != "ready":
            _fail(child, message)
        child.ready = True
    for child in ctx.children.values():
        child.conn.send("go")


def _receive(child: Child):
    try:
        return child.conn.recv()
    except EOFError:
        return "failed", f"the {child.lang} pass stopped unexpectedly (exit code {child.process.exitcode})"


def _fail(child: Child, message: str | None) -> None:
    """The child's pass failed: its problems are printed; its last word ends the build."""
    stop_all()
    raise Abort(message or f"The {child.lang} pass stopped; nothing was built.")


def collect(lang: str, config) -> None:
    """Take over the finished pass of `lang`: its folder, search entries, sitemap files and
    what it gathered, as if mkdocs-static-i18n had built it in this process."""
    ctx = build_context.current()
    if not ctx.compressed_before_waiting:
        # This process's own finished pass: its .gz copies, on the core it would otherwise
        # leave idle while the children finish (once its feeds and exports are written).
        ctx.compressed_before_waiting = True
        background.wait_for_all()
        compression.precompress_site(config.site_dir)
    child = ctx.children.pop(lang)
    kind, payload = _receive(child)
    if kind != "done":
        ctx.children[lang] = child
        _fail(child, payload)
    child.process.join()
    source, target = child.site_dir / lang, Path(config.site_dir) / lang
    if target.exists():
        shutil.copytree(source, target, dirs_exist_ok=True)
    else:
        target.parent.mkdir(parents=True, exist_ok=True)
        os.rename(source, target)  # one directory entry: no file is copied
    shutil.rmtree(child.site_dir, ignore_errors=True)
    upstream.search_entries(config).extend(payload["search"])
    upstream.sitemap_files(config)[lang] = [_sitemap_file(e) for e in payload["sitemap"]]
    _merge(ctx, payload["gathered"])


def stop_all() -> None:
    """Stop every child (a failed build), and remove what they wrote."""
    ctx = build_context.current()
    for child in list(ctx.children.values()):
        if child.process.is_alive():
            child.process.terminate()
        child.process.join()
        shutil.rmtree(child.site_dir, ignore_errors=True)
    ctx.children.clear()
