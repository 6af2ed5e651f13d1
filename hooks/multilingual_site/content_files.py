"""Which files under `docs/` and `data/` are content: the one walk every other module uses.

Two kinds of file are never content:
- hidden files that operating systems, editors and file-sync tools leave behind
  (`.DS_Store`, `.obsidian/`, `Thumbs.db`, `desktop.ini`, ...): skipped silently, as
  MkDocs itself skips dotfiles;
- anything that is not a plain file inside the folder: a symbolic link whose target lies
  outside it (`docs/report.pdf -> /proc/self/environ` would publish the build machine's
  environment), a link to a folder, a dangling link, a pipe or a device. Each is a located
  problem: the build refuses it and says which file it refused.
A link to another file inside the same folder is content (its target is).

Every content file is named by its path in Unicode's NFC form: macOS writes file names in
NFD (`宁波活动.jpg`, `울란바토르.jpg` as decomposed syllables), a text typed in an editor is
NFC, and the build stages, links and publishes the NFC name (staging.py), so an image is
found however either was written. Two files whose names differ only in that form are refused.
"""

from __future__ import annotations

import os
import stat
import unicodedata
from pathlib import Path

from .loading import Problem

# Made by Windows, macOS and zip tools; compared in lower case.
_JUNK = {"thumbs.db", "ehthumbs.db", "desktop.ini", "__macosx", "icon\r"}


def is_hidden(name: str) -> bool:
    """A dotfile or dot-folder, or a file an operating system makes on its own."""
    return name.startswith(".") or name.lower() in _JUNK


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def walk(root: Path, shown_prefix: str) -> tuple[list[tuple[str, str]], list[Problem]]:
    """(absolute path, path relative to `root` with '/', in NFC) of every content file, sorted
    by folder then name, and a problem for every file that must not be published."""
    files: list[tuple[str, str]] = []
    problems: list[Problem] = []
    named: dict[str, str] = {}  # NFC path -> the path as written on disk
    top = str(root)
    real_top = os.path.realpath(top)
    prefix = len(top.rstrip(os.sep)) + 1
    for folder, dirs, names in os.walk(top):  # never follows links to folders
        kept = []
        for name in sorted(dirs):
            if is_hidden(name):
                continue
            path = os.path.join(folder, name)
            if os.path.islink(path):
                problems.append(_refused(shown_prefix, path[prefix:], "is a link to a folder; put the files themselves in this folder"))
                continue
            kept.append(name)
        dirs[:] = kept
        for name in sorted(names):
            if is_hidden(name):
                continue
            path = os.path.join(folder, name)
            written = path[prefix:].replace(os.sep, "/")
            relative = unicodedata.normalize("NFC", written)
            problem = _not_content(path, real_top)
            if problem:
                problems.append(_refused(shown_prefix, written, problem))
            elif relative in named:
                problems.append(_refused(shown_prefix, written, f"has the name of {shown_prefix}{named[relative]} written "
                                         "with other Unicode code points (a name copied from a Mac); keep one of them"))
            else:
                named[relative] = written
                files.append((path, relative))
    return files, problems


def _not_content(path: str, real_top: str) -> str | None:
    """Why the file at `path` may not be published, or None."""
    try:
        mode = os.lstat(path).st_mode
    except OSError as error:
        return f"cannot be read ({error.strerror})"
    if stat.S_ISLNK(mode):
        target = os.path.realpath(path)
        if not _inside(target, real_top):
            return (f"is a link to {target}, outside the folder; only files inside it are published "
                    "(copy the file itself here instead)")
        if not os.path.isfile(target):
            return "is a link to nothing that can be published (a missing file or a folder)"
        return None
    if not stat.S_ISREG(mode):
        return "is not a regular file (a pipe, socket or device); remove it"
    return None


def _refused(shown_prefix: str, relative: str, why: str) -> Problem:
    return Problem(f"{shown_prefix}{relative}", 1, "", f"refused: this file {why}")


def data_file_problem(file: Path, data_dir: Path, shown_as: str) -> Problem | None:
    """A data file must be a plain file of `data/` (or a link to one there)."""
    why = _not_content(str(file), os.path.realpath(data_dir))
    return Problem(shown_as, 1, "", f"refused: this file {why}") if why else None
