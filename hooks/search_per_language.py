"""Hook: one search index per language, so each language searches its own pages only.

Event: on_post_build, after mkdocs-static-i18n (-100) has built every language and merged
their entries into the one `search/search_index.json` of Material's search plugin. Material
loads `<config.base>/search/search_index.json`; with one merged index a Chinese reader gets
English results too (and the reverse). This hook splits it: `/search/search_index.json`
keeps the default language's entries, `/<lang>/search/search_index.json` the others', with
locations relative to that language's root, and `overrides/main.html` sets Material's
`config.base` to the page's language root to match.
Output owned: the search index files.
"""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.plugins import event_priority


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
