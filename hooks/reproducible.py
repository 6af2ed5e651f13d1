"""Hook: no build date in the output.

Event: on_post_build, last (after mkdocs-static-i18n has built every language). MkDocs
stamps `sitemap.xml.gz` (one, at the site root: the i18n plugin builds every language into
the same site) with the build time in its gzip header; it is rewritten as every other
`.gz` copy of the site is made (compression.py: time 0), so that two builds of the same
content on different days are byte-identical (tests/test_multilingual_site.py checks every
file), whether or not precompressed_files.py, later, finds it up to date.
Output owned: `sitemap.xml.gz`.
"""

from __future__ import annotations

import gzip
from pathlib import Path

from mkdocs.plugins import event_priority

from multilingual_site.compression import gzip_bytes


# Below mkdocs-static-i18n (-100) and search_per_language (-110): the very end of the build.
@event_priority(-120)
def on_post_build(config):
    if config.plugins["i18n"].building:
        return  # a nested language pass; the outer pass finishes last
    # The one archive MkDocs writes, by name: walking the whole output for `*.gz` cost more
    # than the rewriting at network scale.
    archive = Path(config.site_dir, "sitemap.xml.gz")
    if archive.exists():
        archive.write_bytes(gzip_bytes(gzip.decompress(archive.read_bytes())))
