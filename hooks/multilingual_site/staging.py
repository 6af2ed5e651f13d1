"""Mirror `docs/` plus the generated stubs into the staging docs directory.

Only changed files are written and stale ones removed, so a rebuild costs little and
file modification times stay meaningful (MkDocs' dirty reload compares them). Files are
hard-linked where they can be: a staged file is never written in place (it is removed
and made anew), so a link cannot alter the source.

Two adjustments are made on the way, both for mkdocs-static-i18n with
`fallback_to_default: false`:
- articles the build must not publish (drafts, future-dated) are left out, so no page,
  sitemap entry, search entry or feed item can exist for them;
- a language-neutral asset (an image such as `news/2023/images/x.jpg`) is also staged
  as `x.<lang>.jpg` for every other language, or the plugin would leave it out of those
  languages and their pages would show a broken image.

Hand-written pages other than articles (home, listings, directory, programme pages) show
data and news, so their staged copy carries the newest modification time of any content
file: `mkdocs serve --dirty` then re-renders them after any edit, as it does the page edited.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path, PurePosixPath

from . import content_files


def _same(source: os.stat_result, target: str, mtime: int) -> bool:
    try:
        stat = os.stat(target)
    except FileNotFoundError:
        return False
    return stat.st_size == source.st_size and stat.st_mtime_ns == mtime


class _Folders:
    """Makes a staged file's folder once per build (thousands of stubs share a few folders)."""

    def __init__(self):
        self._made: set[str] = set()

    def make_room(self, target: str) -> None:
        """Ready `target` to be made anew, never writing into it: it may be a hard link to a
        docs file."""
        folder = os.path.dirname(target)
        if folder not in self._made:
            os.makedirs(folder, exist_ok=True)
            self._made.add(folder)
        try:
            os.unlink(target)
        except FileNotFoundError:
            pass


def _mirror(source: str, target: str, own_mtime: int | None, folders: _Folders) -> None:
    """Stage `source` as `target`: a hard link when the staged file keeps the source's own
    modification time (a link is one directory entry; a copy, at network scale, thousands
    of file writes), else a copy, whose time is then set without touching the source."""
    folders.make_room(target)
    if own_mtime is not None:
        try:
            os.link(source, target)
            return
        except OSError:  # another file system, or links not supported: copy
            pass
    shutil.copy2(source, target)


def _write_stub(target: str, data: bytes, folders: _Folders) -> None:
    """Write a generated page unless the staged file already holds exactly `data`."""
    try:
        with open(target, "rb") as staged:
            if staged.read() == data:
                return
    except FileNotFoundError:
        pass
    folders.make_room(target)
    with open(target, "xb") as stub:
        stub.write(data)


def _targets(relative: str, languages: tuple[str, ...], default: str) -> list[str]:
    """Staged names of one docs file: itself, plus per-language copies of a neutral asset."""
    path = PurePosixPath(relative)
    if path.suffix == ".md" or len(path.suffixes) > 1 and path.suffixes[-2].lstrip(".") in languages:
        return [relative]
    return [relative] + [str(path.with_suffix(f".{lang}{path.suffix}")) for lang in languages if lang != default]


def _shows_content(relative: str) -> bool:
    """A hand-written page that is not a news article: it may list data and news."""
    return relative.endswith(".md") and not (relative.startswith("news/") and relative.count("/") >= 2)


def fill_staging(docs_dir: Path, staging_dir: Path, generated: dict[str, str], *,
                 write_generated: bool = True, leave_out: set[str] = frozenset(),
                 languages: tuple[str, ...], default_language: str,
                 data_dir: Path | None = None) -> None:
    """Make `staging_dir` hold the content files of `docs_dir` (less `leave_out`), plus
    `generated` if `write_generated` (else stubs staged earlier are removed). Only what
    content_files.walk accepts is staged: no hidden file, no link leading out of docs/."""
    staging = str(staging_dir)
    folders = _Folders()
    wanted: set[str] = set()
    files, _refused = content_files.walk(docs_dir, "")  # refusals were reported by content_checks.py
    sources = [(path, relative, os.stat(path)) for path, relative in files]
    newest = max([stat.st_mtime_ns for _, _, stat in sources] +
                 [f.stat().st_mtime_ns for f in (data_dir.glob("*.yml") if data_dir else [])], default=0)
    for source, relative, stat in sources:
        if relative in leave_out:
            continue
        shows_content = _shows_content(relative)
        mtime = newest if shows_content else stat.st_mtime_ns
        for staged in _targets(relative, languages, default_language):
            wanted.add(staged)
            target = os.path.join(staging, staged)
            if not _same(stat, target, mtime):
                _mirror(source, target, None if shows_content else mtime, folders)
                if shows_content:
                    os.utime(target, ns=(mtime, mtime))
    for relative, text in generated.items() if write_generated else ():
        wanted.add(relative)
        _write_stub(os.path.join(staging, relative), text.encode("utf-8"), folders)
    prefix = len(staging.rstrip(os.sep)) + 1
    for root, _dirs, names in os.walk(staging, topdown=False):  # stale files, then empty folders
        for name in names:
            path = os.path.join(root, name)
            if path[prefix:].replace(os.sep, "/") not in wanted:
                os.unlink(path)
        if root != staging and not os.listdir(root):
            os.rmdir(root)
