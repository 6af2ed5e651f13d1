"""Hook: a `.gz` copy of every text file of the site, for nginx's `gzip_static`.

Events:
- on_startup: the live preview writes none (its server sends no `.gz`);
- on_post_build, outermost pass, the very end of the build: compresses every text file of
  the whole site (compression.py), half of them in a background process where the build
  allows one (background.py), since nothing else runs by then.
Output owned: `*.gz` beside the files (except `sitemap.xml.gz`: MkDocs', made reproducible
by reproducible.py, and newer than `sitemap.xml`, so it is kept).
"""

from __future__ import annotations

import logging
import time

from mkdocs.plugins import event_priority

from bilingual_site import background
from bilingual_site.compression import compressible_files, precompress

log = logging.getLogger("mkdocs.hooks.precompressed_files")

_preview = False


def on_startup(command, dirty):
    global _preview
    _preview = command == "serve"


# Below background_work.py (-150), which waits for the feeds and exports written in
# background processes: every file of the site exists only then.
@event_priority(-160)
def on_post_build(config):
    if _preview or config.plugins["i18n"].building:
        return  # the outermost pass compresses every language's files at once
    started = time.perf_counter()
    site = config.site_dir
    files = compressible_files(site)
    background.run("precompressed files", lambda: precompress(site, files[1::2]))
    precompress(site, files[0::2])
    background.wait_for_all()
    log.info(f"Precompressed {len(files)} text files for gzip_static in {time.perf_counter() - started:.1f} s")
