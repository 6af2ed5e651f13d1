"""The search index of a language pass, written at the end of the pass (end_steps.py).

The documents hooks/site_search.py kept for the pass's pages, in build order, become the
files of search_index.build under `<language root>search/`. Each language's pass writes its
own (in its own process when the languages are built in parallel); nothing is merged.
"""

from __future__ import annotations

import logging
import shutil
import time
from pathlib import Path

from . import build_context, i18n, search_index

log = logging.getLogger("mkdocs.hooks.site_search")


def pass_documents(ctx) -> list[dict]:
    """The documents of this pass's pages, in build order. The live preview re-renders only
    the pages whose source changed: the others keep the document of the build before, and
    the documents of pages that are gone are dropped."""
    kept = build_context.CACHES.search_documents.get(ctx.pass_.language, {})
    pages = ctx.pass_.search_pages
    for src_uri in set(kept) - set(pages):
        del kept[src_uri]
    return [kept[src_uri] for src_uri in pages if kept.get(src_uri) is not None]


def write_language_index(ctx, config) -> None:
    lang = ctx.pass_.language
    started = time.process_time()
    documents = pass_documents(ctx)
    files = search_index.build(documents)
    folder = Path(config.site_dir) / i18n.language_root(lang, ctx.default_language) / "search"
    shutil.rmtree(folder, ignore_errors=True)  # an older version's folder (live preview)
    made = set()
    for path, data in files.items():
        target = folder / path
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        target.write_bytes(data)
    ctx.pass_.search_seconds += time.process_time() - started
    log.info(f"Search index of '{lang}': {len(documents)} pages in {len(files)} files, "
             f"{ctx.pass_.search_seconds:.1f} s of CPU (reading the pages and writing the index)")
