"""Hook: no build date in the output.

Event: on_post_build, last (after mkdocs-static-i18n has built every language). MkDocs
stamps each language's `sitemap.xml.gz` with the build time in its gzip header; it is rewritten with
time 0, so that two builds of the same content on different days are byte-identical.
Output owned: the `*.gz` files MkDocs writes.
"""

from __future__ import annotations

import gzip
from pathlib import Path

from mkdocs.plugins import event_priority

from i18n import language_root
from models import LANGUAGES


# Below mkdocs-static-i18n (-100) and search_per_language (-110): the very end of the build.
@event_priority(-120)
def on_post_build(config):
    if config.plugins["i18n"].building:
        return  # a nested language pass; the outer pass finishes last
    # MkDocs writes one sitemap.xml.gz per language root; walking the whole output for
    # `*.gz` cost more than the rewriting at network scale.
    i18n = config.plugins["i18n"]
    roots = [language_root(lang, i18n.default_language) for lang in LANGUAGES]
    for archive in (Path(config.site_dir, root, "sitemap.xml.gz") for root in roots):
        if not archive.exists():
            continue
        data = gzip.decompress(archive.read_bytes())
        with open(archive, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as out:
            out.write(data)
