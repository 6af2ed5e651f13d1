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

from loading import ContentError, Problem


def _same(source: os.stat_result, target: Path, mtime: int) -> bool:
    try:
        stat = target.stat()
    except FileNotFoundError:
        return False
    return stat.st_size == source.st_size and stat.st_mtime_ns == mtime


def _make_room(target: Path) -> None:
    """Remove the staged file before it is made anew, never writing into it: it may be a
    hard link to a docs file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    target.unlink(missing_ok=True)


def _mirror(source: Path, target: Path, own_mtime: int | None) -> None:
    """Stage `source` as `target`: a hard link when the staged file keeps the source's own
    modification time (a link is one directory entry; a copy, at network scale, thousands
    of file writes), else a copy, whose time is then set without touching the source."""
    _make_room(target)
    if own_mtime is not None:
        try:
            os.link(source, target)
            return
        except OSError:  # another file system, or links not supported: copy
            pass
    shutil.copy2(source, target)


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
                 leave_out: set[str] = frozenset(), languages: tuple[str, ...] = ("zh", "en"),
                 default_language: str = "zh", data_dir: Path | None = None) -> None:
    """Make `staging_dir` hold the files of `docs_dir` (less `leave_out`) plus `generated`."""
    wanted: set[str] = set()
    clashes = []
    sources = []
    for root, dirs, names in os.walk(docs_dir):
        dirs.sort()
        for name in sorted(names):
            source = Path(root, name)
            sources.append((source, source.relative_to(docs_dir).as_posix(), source.stat()))
    newest = max([stat.st_mtime_ns for _, _, stat in sources] +
                 [f.stat().st_mtime_ns for f in (data_dir.glob("*.yml") if data_dir else [])], default=0)
    for source, relative, stat in sources:
        if relative in leave_out:
            continue
        if relative in generated:
            clashes.append(Problem(f"{docs_dir.name}/{relative}", 1, "",
                                   "this page is generated from data; remove the hand-written file"))
            continue
        shows_content = _shows_content(relative)
        mtime = newest if shows_content else stat.st_mtime_ns
        for staged in _targets(relative, languages, default_language):
            wanted.add(staged)
            target = staging_dir / staged
            if not _same(stat, target, mtime):
                _mirror(source, target, own_mtime=None if shows_content else mtime)
                if shows_content:
                    os.utime(target, ns=(mtime, mtime))
    if clashes:
        raise ContentError(clashes)
    for relative, text in generated.items():
        wanted.add(relative)
        target = staging_dir / relative
        data = text.encode("utf-8")
        if not target.exists() or target.read_bytes() != data:
            _make_room(target)
            target.write_bytes(data)
    for root, dirs, names in os.walk(staging_dir, topdown=False):
        for name in names:
            path = Path(root, name)
            if path.relative_to(staging_dir).as_posix() not in wanted:
                path.unlink()
        if root != str(staging_dir) and not os.listdir(root):
            os.rmdir(root)
