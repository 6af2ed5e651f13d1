"""Precompressed copies of the site's text files (`<file>.gz`), for nginx's `gzip_static`.

A server that compresses on every request spends CPU on every page view; with a `.gz`
beside each file, nginx sends the file as it is (deploy/nginx.conf). The copies are
deterministic: zlib's own gzip header has time 0 and no file name, so the same site gives
the same bytes (tests/test_multilingual_site.py compares two builds, `.gz` included; zlib is
a quarter faster than the gzip module, which writes the same stream).

Level 4: on 103 MB of the real site's text, level 6 took 1.8 times as long (2.6 s against
1.4 s) for 4 % fewer bytes (29.7 MB against 31.0 MB; an article page's copy is 8.8 KB
instead of 8.5 KB), and level 9 twice as long again for 0.4 % fewer; at 2,500 members the
build compresses 340 MB. A file of 256 KB or more is compressed at level 9: those are the
few files a reader downloads whole (the member exports; measured on Material's search
index of then, 15 MB of JSON at 2,500 members: 975 KB at level 9, 1,023 KB at 6, 1,233 KB
at 4; half a second. The site's own search index is in small files now). ISA-L (7 times
faster still, 10 % more bytes) was not taken: it picks its code by processor features at
run time, and the same bytes on every machine could not be checked here.

`precompress(site_dir, files)` takes any list of files, so a language pass run in its own
process can compress its own files; a file whose `.gz` is newer than itself is skipped
(strictly newer: Linux stamps files with a clock that ticks every few milliseconds, and a
file rewritten within the tick its copy was made in would keep a stale copy).
"""

from __future__ import annotations

import gzip
import logging
import os
import time
import zlib
from pathlib import Path
from typing import Iterable

from . import background

log = logging.getLogger("mkdocs.hooks.compression")

# Text formats the site serves; images (PNG, JPEG) and PDF files are compressed already.
# Source maps (.map) are left out: only a browser's developer tools ever ask for them.
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".xml", ".svg", ".ics", ".csv", ".geojson", ".txt")
LEVEL = 4
LARGE, LARGE_LEVEL = 256 * 1024, 9
# nginx's `gzip_min_length` (deploy/nginx.conf): it sends smaller files as they are, and a
# copy would save a few hundred bytes. At 2,500 members that is 5,900 files fewer to write
# (the feeds of members with no news yet), whose creation was the costlier part.
MIN_SIZE = 1024


def gzip_bytes(data: bytes) -> bytes:
    level = LARGE_LEVEL if len(data) >= LARGE else LEVEL
    return zlib.compress(data, level, wbits=31)  # 31: the gzip format (RFC 1952)


def compressible_files(site_dir: str | os.PathLike) -> list[str]:
    """Every file of the site worth a `.gz`, as sorted paths relative to it. Dot folders
    and dotfiles (never served) are skipped."""
    found = []
    root = os.fspath(site_dir)
    for folder, subfolders, names in os.walk(root):
        subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
        relative = os.path.relpath(folder, root)
        prefix = "" if relative == "." else relative.replace(os.sep, "/") + "/"
        found.extend(prefix + name for name in names if name.endswith(COMPRESSIBLE) and not name.startswith("."))
    return sorted(found)


def precompress(site_dir: str | os.PathLike, files: Iterable[str]) -> int:
    """Write `<file>.gz` for each of `files` (relative to `site_dir`) whose copy is missing or
    not newer than the file; returns how many were written. A file under `MIN_SIZE`, or one
    gzip would not make smaller, gets no copy (nginx then sends the file itself)."""
    written = 0
    for name in files:
        source = Path(site_dir, name)
        target = Path(site_dir, name + ".gz")
        status = source.stat()
        if status.st_size < MIN_SIZE:
            target.unlink(missing_ok=True)
            continue
        try:
            if target.stat().st_mtime_ns > status.st_mtime_ns:
                continue
        except FileNotFoundError:
            pass
        data = source.read_bytes()
        compressed = gzip_bytes(data)
        if len(compressed) < len(data):
            target.write_bytes(compressed)
            written += 1
        else:
            target.unlink(missing_ok=True)
    return written


def precompress_site(site_dir: str | os.PathLike) -> int:
    """Every text file of the site, half of them in a background process where the build
    allows one; how many there are."""
    files = compressible_files(site_dir)
    background.run("precompressed files", lambda: precompress(site_dir, files[1::2]))
    precompress(site_dir, files[0::2])
    background.wait_for_all()
    return len(files)


def compress_site(ctx, config) -> None:
    """End of the build: the `.gz` copy of every text file that has none up to date yet (all
    of them when the languages were built one after the other). None in the live preview,
    whose server sends no `.gz`."""
    if ctx.preview:
        return
    started = time.perf_counter()
    count = precompress_site(config.site_dir)
    log.info(f"Precompressed {count} text files for gzip_static (those under {MIN_SIZE} bytes excepted) "
             f"in {time.perf_counter() - started:.1f} s")


def rewrite_sitemap_archive(ctx, config) -> None:
    """No build date in the output: MkDocs stamps `sitemap.xml.gz` (one, at the site root)
    with the build time in its gzip header; it is made again as every other `.gz` copy is
    (time 0), so two builds of the same content on different days are byte-identical,
    whether or not compress_site, later, finds it up to date. By name: walking the whole
    output for `*.gz` cost more than the rewriting at network scale."""
    archive = Path(config.site_dir, "sitemap.xml.gz")
    if archive.exists():
        archive.write_bytes(gzip_bytes(gzip.decompress(archive.read_bytes())))
