"""Mirror `docs/` plus the generated stubs into the staging docs directory.

Only changed files are written and stale ones removed, so a rebuild costs little and
file modification times stay meaningful (MkDocs' dirty reload compares them).

Two adjustments are made on the way, both for mkdocs-static-i18n with
`fallback_to_default: false`:
- articles the build must not publish (drafts, future-dated) are left out, so no page,
  sitemap entry, search entry or feed item can exist for them;
- a language-neutral asset (an image such as `news/2023/images/x.jpg`) is also staged
  as `x.<lang>.jpg` for every other language, or the plugin would leave it out of those
  languages and their pages would show a broken image.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path, PurePosixPath

from loading import ContentError, Problem


def _same(source: os.stat_result, target: Path) -> bool:
    try:
        stat = target.stat()
    except FileNotFoundError:
        return False
    return stat.st_size == source.st_size and stat.st_mtime_ns == source.st_mtime_ns


def _targets(relative: str, languages: tuple[str, ...], default: str) -> list[str]:
    """Staged names of one docs file: itself, plus per-language copies of a neutral asset."""
    path = PurePosixPath(relative)
    if path.suffix == ".md" or len(path.suffixes) > 1 and path.suffixes[-2].lstrip(".") in languages:
        return [relative]
    return [relative] + [str(path.with_suffix(f".{lang}{path.suffix}")) for lang in languages if lang != default]


def fill_staging(docs_dir: Path, staging_dir: Path, generated: dict[str, str], *,
                 leave_out: set[str] = frozenset(), languages: tuple[str, ...] = ("zh", "en"),
                 default_language: str = "zh") -> None:
    """Make `staging_dir` hold the files of `docs_dir` (less `leave_out`) plus `generated`."""
    wanted: set[str] = set()
    clashes = []
    for root, dirs, names in os.walk(docs_dir):
        dirs.sort()
        for name in sorted(names):
            source = Path(root, name)
            relative = source.relative_to(docs_dir).as_posix()
            if relative in leave_out:
                continue
            if relative in generated:
                clashes.append(Problem(f"{docs_dir.name}/{relative}", 1, "",
                                       "this page is generated from data; remove the hand-written file"))
                continue
            stat = source.stat()
            for staged in _targets(relative, languages, default_language):
                wanted.add(staged)
                target = staging_dir / staged
                if not _same(stat, target):
                    target.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(source, target)
    if clashes:
        raise ContentError(clashes)
    for relative, text in generated.items():
        wanted.add(relative)
        target = staging_dir / relative
        data = text.encode("utf-8")
        if not target.exists() or target.read_bytes() != data:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
    for root, dirs, names in os.walk(staging_dir, topdown=False):
        for name in names:
            path = Path(root, name)
            if path.relative_to(staging_dir).as_posix() not in wanted:
                path.unlink()
        if root != str(staging_dir) and not os.listdir(root):
            os.rmdir(root)
