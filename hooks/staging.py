"""Mirror `docs/` plus the generated stubs into the staging docs directory.

Only changed files are written and stale ones removed, so a rebuild costs little and
file modification times stay meaningful (MkDocs' dirty reload compares them).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from loading import ContentError, Problem


def _same(source: os.stat_result, target: Path) -> bool:
    try:
        stat = target.stat()
    except FileNotFoundError:
        return False
    return stat.st_size == source.st_size and stat.st_mtime_ns == source.st_mtime_ns


def fill_staging(docs_dir: Path, staging_dir: Path, generated: dict[str, str]) -> None:
    """Make `staging_dir` hold exactly the files of `docs_dir` plus `generated`."""
    wanted: set[str] = set()
    clashes = []
    for root, dirs, names in os.walk(docs_dir):
        dirs.sort()
        for name in sorted(names):
            source = Path(root, name)
            relative = source.relative_to(docs_dir).as_posix()
            if relative in generated:
                clashes.append(Problem(f"{docs_dir.name}/{relative}", 1, "",
                                       "this page is generated from data; remove the hand-written file"))
                continue
            wanted.add(relative)
            target = staging_dir / relative
            if not _same(source.stat(), target):
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
