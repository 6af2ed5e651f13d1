"""Hook: a `.gz` copy of every text file of the site, for nginx's `gzip_static`.

Events:
- on_startup: the live preview writes none (its server sends no `.gz`);
- when the default language's pass has written its pages and the other languages' passes,
  built at the same time (parallel.py), are still running: compresses that pass's files;
- on_post_build, outermost pass, the very end of the build: compresses every text file of
  the whole site (compression.py) that has no up-to-date copy yet (all of them when the
  languages are built one after the other), half of them in a background process where the
  build allows one (background.py), since nothing else runs by then.
Output owned: `*.gz` beside the files (`sitemap.xml.gz` is MkDocs', made the same way by
reproducible.py, and replaced with the same bytes when it is not newer than `sitemap.xml`).
"""

from __future__ import annotations

import logging
import time

from mkdocs.plugins import event_priority

from multilingual_site import background, parallel
from multilingual_site.compression import MIN_SIZE, compressible_files, precompress

log = logging.getLogger("mkdocs.hooks.precompressed_files")

_preview = False


def on_startup(command, dirty):
    global _preview
    _preview = command == "serve"


def _compress(site: str) -> int:
    """Every text file of `site`, half of them in a background process; how many there are."""
    files = compressible_files(site)
    background.run("precompressed files", lambda: precompress(site, files[1::2]))
    precompress(site, files[0::2])
    background.wait_for_all()
    return len(files)


def _compress_default_language(config) -> None:
    """The default language's files, once its feeds and exports are written too (its
    background processes finished), while the children still build theirs."""
    background.wait_for_all()
    _compress(config.site_dir)


parallel.before_waiting("precompressed files", _compress_default_language)


# Below background_work.py (-150), which waits for the feeds and exports written in
# background processes: every file of the site exists only then.
@event_priority(-160)
def on_post_build(config):
    if _preview or config.plugins["i18n"].building:
        return  # the outermost pass compresses every language's files at once
    started = time.perf_counter()
    count = _compress(config.site_dir)
    log.info(f"Precompressed {count} text files for gzip_static (those under {MIN_SIZE} bytes excepted) "
             f"in {time.perf_counter() - started:.1f} s")
