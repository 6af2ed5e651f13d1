"""Hook: the search index of each language: the names each page answers to, and one index
file per language, so each language searches its own pages only.

Events:
- on_config: has Material's search plugin cut Chinese into words with rjieba (jieba's
  algorithm in Rust: multilingual_site/chinese_words.py), and stops the build when rjieba
  cannot be imported: Material's plugin would then index Chinese unsegmented (without
  jieba) or take 15 times longer (with it).
- on_page_context, after the search plugin's own (priority 0): gives a view page back the
  lists of other pages that search was not to read (search_scope.py); adds the page's names
  (multilingual_site/search_names.py: a member's two names, a programme's names, segmented as
  Material segments titles) to the page's entry as the `names` field, which mkdocs.yml
  weighs above titles, and segments its tags the same way (Material leaves them whole).
  Per page, so each language pass's entries are complete in that pass.
At the end of the build the merged index is split per language (search_split.py).
Data read: the validated content (build_context). Output owned: the search index files.
"""

from __future__ import annotations


from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from multilingual_site import build_context, chinese_words, search_scope, upstream
from multilingual_site.search_names import page_names, segmented


def on_config(config):
    if not chinese_words.available:
        raise PluginError("rjieba cannot be imported, so Chinese cannot be cut into words for "
                          "search: install the pinned requirements (make site)")
    chinese_words.install()
    return config


# After the search plugin (0) has added this page's entries (and after page_views, 10).
@event_priority(-10)
def on_page_context(context, page, config, nav):
    search_scope.release(page)
    names = page_names(page.meta, build_context.current().content)
    tags = page.meta.get("tags") if isinstance(page.meta.get("tags"), list) else None
    entries = upstream.search_index_entries(config) if names or tags else None
    if entries is None:
        return context
    # This page's entries are the last ones, its own entry (not a section's) first of them.
    for entry in reversed(entries):
        if not entry["location"].startswith(page.url):
            break
        if tags and "tags" in entry:
            # Segmented like every other field: a tag left whole (爱丁堡进程) is one word of
            # the index, and a query cut into the index's words would then find only the
            # pages tagged so, and miss the programme's own page (爱丁堡 进程).
            entry["tags"] = [segmented(tag) for tag in entry["tags"]]
        if names and entry["location"] == page.url:
            entry["names"] = [segmented(name) for name in names]
    return context
