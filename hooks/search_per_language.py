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
- on_post_build, after mkdocs-static-i18n (-100) has built every language and merged
  their entries into the one `search/search_index.json` of Material's search plugin.
  Material loads `<config.base>/search/search_index.json`; with one merged index a Chinese
  reader gets English results too (and the reverse). This hook splits it:
  `/search/search_index.json` keeps the default language's entries,
  `/<lang>/search/search_index.json` the others', with locations relative to that
  language's root, and `overrides/main.html` sets Material's `config.base` to the page's
  language root to match. Each language's file is made from that language's entries alone.
Data read: the validated content in build_state. Output owned: the search index files.
"""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from multilingual_site import build_state, chinese_words, search_scope
from multilingual_site.search_names import page_names, segmented


def _search_index(config):
    """Material's search plugin's index of this pass (its entries, in page order)."""
    plugin = config.plugins.get("material/search") or config.plugins.get("search")
    return getattr(plugin, "search_index", None)


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
    names = page_names(page.meta, build_state.content)
    tags = page.meta.get("tags") if isinstance(page.meta.get("tags"), list) else None
    index = _search_index(config) if names or tags else None
    if index is None:
        return context
    # This page's entries are the last ones, its own entry (not a section's) first of them.
    for entry in reversed(index.entries):
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


# Below mkdocs-static-i18n (-100): its on_post_build runs the other languages' builds and
# writes the merged index; only then is there something to split.
@event_priority(-110)
def on_post_build(config):
    i18n_plugin = config.plugins["i18n"]
    if i18n_plugin.building:  # a nested language pass; the outer pass splits at the very end
        return
    merged_path = Path(config.site_dir) / "search" / "search_index.json"
    if not merged_path.exists():
        return
    merged = json.loads(merged_path.read_text(encoding="utf-8"))
    default = i18n_plugin.default_language  # a computed property: read once, not per entry
    others = [lang for lang in i18n_plugin.build_languages if lang != default]
    prefixes = [(lang, f"{lang}/") for lang in others]
    indexes = {lang: [] for lang in [default, *others]}
    for entry in merged["docs"]:
        location = entry["location"]
        lang = next((l for l, prefix in prefixes if location.startswith(prefix)), default)
        if lang != default:
            entry = {**entry, "location": location[len(lang) + 1:]}
        indexes[lang].append(entry)
    for lang, docs in indexes.items():
        root = "" if lang == default else f"{lang}/"
        index = {**merged, "docs": docs}
        target = Path(config.site_dir) / root / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
        # Same data to any JSON parser; no raw markup from front matter (tags) in the file.
        text = text.replace("<", "\\u003c").replace(">", "\\u003e")
        target.write_text(text, encoding="utf-8")
