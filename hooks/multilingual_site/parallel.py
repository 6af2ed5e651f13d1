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
- where mkdocs-static-i18n would build the child's language itself, the parent first does
  what other hooks registered with `before_waiting` for its own finished pass (its `.gz`
  copies, while the children still use the other cores), then collects the child's work
  (`collect`): it moves the child's `<lang>/` folder into the site and
  takes back what the end of the build needs from that pass, the same data the sequential
  build would have left behind: the search entries, the files the sitemap lists with their
  alternates, and what other hooks registered with `contribute` (the policy's hashes, the
  background processes' figures). The rest of the build then runs as it always did, and the
  site is byte for byte the sequential build's (tests/test_parallel_languages.py).

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
import sys
import traceback
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any, Callable

from mkdocs.exceptions import Abort

from . import background

log = logging.getLogger("mkdocs.hooks.parallel")

enabled = False  # set per run by decide()
role: str | None = None  # in a child: the language it builds
_conn = None  # in a child: its end of the pipe to the parent
_children: dict[str, "Child"] = {}
# name -> (export, merge): per-process state of other hooks that the end of the build needs
# from every language pass (registered with `contribute`).
_contributions: dict[str, tuple[Callable[[], Any], Callable[[Any], None]]] = {}
# Work of other hooks for the parent's own finished pass, done before it waits for the
# children (registered with `before_waiting`), and what of it is left to do in this build.
_before_waiting: dict[str, Callable[[Any], None]] = {}
_left_before_waiting: list[Callable[[Any], None]] = []


def decide(command: str, dirty: bool) -> None:
    global enabled
    enabled = (command == "build" and not dirty and sys.platform.startswith("linux")
               and os.environ.get("SITE_PARALLEL", "1") != "0")


def contribute(name: str, export: Callable[[], Any], merge: Callable[[Any], None]) -> None:
    """Have `export()`'s value, made in each language's process, `merge`d in the parent."""
    _contributions[name] = (export, merge)


def before_waiting(name: str, work: Callable[[Any], None]) -> None:
    """Have `work(config)` run once per build in the parent, when its own language's pass has
    written its pages and before it waits for the children, on the core it would otherwise
    leave idle while they finish."""
    _before_waiting[name] = work


@dataclass
class Child:
    lang: str
    process: Any
    conn: Any
    site_dir: Path
    ready: bool = False


def start(config, languages: list[str], build: Callable) -> None:
    """Fork one child per language of `languages`, each running `build(config)` for it."""
    context = multiprocessing.get_context("fork")
    site = Path(config.site_dir)
    _remove_stale(site)
    _left_before_waiting[:] = _before_waiting.values()
    for lang in languages:
        parent_end, child_end = context.Pipe()
        folder = site.with_name(f"{site.name}.{lang}-{os.getpid()}")
        shutil.rmtree(folder, ignore_errors=True)
        process = context.Process(target=_child_main, args=(lang, child_end, config, folder, build, os.getpid()),
                                  name=f"{lang} pass", daemon=False)
        process.start()
        child_end.close()
        _children[lang] = Child(lang, process, parent_end, folder)


def _remove_stale(site: Path) -> None:
    """Folders beside the site left by a build that was killed outright (no cleanup ran)."""
    for folder in site.parent.glob(f"{site.name}.*-*"):
        pid = folder.name.rsplit("-", 1)[-1]
        if pid.isdigit() and not Path(f"/proc/{pid}").exists():
            shutil.rmtree(folder, ignore_errors=True)


def children() -> dict[str, Child]:
    return _children


def _child_main(lang, conn, config, folder: Path, build, parent: int) -> None:
    """A child: build `lang` into `folder`, wait for its background work, compress its files,
    send back what the parent needs. Never returns into the parent's pass."""
    global role, _conn
    background._die_with_parent(parent)
    role, _conn = lang, conn
    _children.clear()
    i18n = config.plugins["i18n"]
    i18n.current_language = lang
    i18n.building = True  # a nested pass: the end-of-build work is the parent's
    config.site_dir = str(folder)
    quiet = _QuietBuildLog()
    logging.getLogger("mkdocs.commands.build").addFilter(quiet)
    try:
        build(config, dirty=False)
        background.wait_for_all()
        from .compression import compressible_files, precompress  # the child's own files, on its core
        root = Path(folder) / lang
        precompress(folder, [f"{lang}/{name}" for name in compressible_files(root)])
        payload = {
            "search_entries": i18n.search_entries,
            "sitemap": [_sitemap_entry(f) for f in i18n.i18n_files_per_language.get(lang, [])],
            "contributions": {name: export() for name, (export, _) in _contributions.items()},
        }
        message = ("done", payload)
    except Abort as error:  # MkDocs has printed the problems; this is its last line
        _exit(conn, ("failed", str(error)), 1)
    except BaseException:  # a bug, not bad content: the whole traceback helps
        _exit(conn, ("failed", f"the {lang} pass failed:\n" + traceback.format_exc()), 1)
    _exit(conn, message, 0)


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
    return (file.url, bool(file.page is not None and not file.page.is_link),
            {locale: alternate.url for locale, alternate in file.alternates.items()})


def _sitemap_file(entry: tuple):
    """A stand-in for a File, with what overrides/sitemap.xml reads of one."""
    url, is_page, alternates = entry
    return SimpleNamespace(url=url, page=SimpleNamespace(is_link=False) if is_page else None,
                           alternates={locale: SimpleNamespace(url=u) for locale, u in alternates.items()})


def barrier() -> None:
    """Every language pass has read and checked all its pages, and none has written one."""
    if role is not None:  # a child: tell the parent, then wait for its word
        _conn.send(("ready", None))
        if _conn.recv() != "go":
            raise Abort("")
        return
    for child in _children.values():
        kind, message = _receive(child)
        if kind != "ready":
            _fail(child, message)
        child.ready = True
    for child in _children.values():
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


def collect(lang: str, config, i18n) -> None:
    """Take over the finished pass of `lang`: its folder, search entries, sitemap files and
    contributions, as if mkdocs-static-i18n had built it in this process."""
    while _left_before_waiting:
        _left_before_waiting.pop(0)(config)
    child = _children.pop(lang)
    kind, payload = _receive(child)
    if kind != "done":
        _children[lang] = child
        _fail(child, payload)
    child.process.join()
    source, target = child.site_dir / lang, Path(config.site_dir) / lang
    if target.exists():
        shutil.copytree(source, target, dirs_exist_ok=True)
    else:
        target.parent.mkdir(parents=True, exist_ok=True)
        os.rename(source, target)  # one directory entry: no file is copied
    shutil.rmtree(child.site_dir, ignore_errors=True)
    i18n.search_entries.extend(payload["search_entries"])
    i18n.i18n_files_per_language[lang] = [_sitemap_file(e) for e in payload["sitemap"]]
    for name, value in payload["contributions"].items():
        _contributions[name][1](value)


def stop_all() -> None:
    """Stop every child (a failed build), and remove what they wrote."""
    for child in list(_children.values()):
        if child.process.is_alive():
            child.process.terminate()
        child.process.join()
        shutil.rmtree(child.site_dir, ignore_errors=True)
    _children.clear()
