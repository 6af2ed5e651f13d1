"""One search index per language, from the one Material's search plugin writes.

mkdocs-static-i18n merges every language's entries into one `search/search_index.json`;
with it a Chinese reader would get English results too (and the reverse). At the end of the
build (end_steps.py) it is split: `/search/search_index.json` keeps the default language's
entries, `/<lang>/search/search_index.json` each other's, with locations relative to that
language's root; `overrides/main.html` sets Material's `config.base` to the page's language
root to match. Each language's file is made from that language's entries alone.
"""

from __future__ import annotations

import json
from pathlib import Path

from . import i18n


def split_per_language(ctx, config) -> None:
    merged_path = Path(config.site_dir) / "search" / "search_index.json"
    if not merged_path.exists():
        return
    merged = json.loads(merged_path.read_text(encoding="utf-8"))
    default = ctx.default_language
    others = [lang for lang in ctx.languages.codes if lang != default]
    prefixes = [(lang, f"{lang}/") for lang in others]
    indexes = {lang: [] for lang in [default, *others]}
    for entry in merged["docs"]:
        location = entry["location"]
        lang = next((l for l, prefix in prefixes if location.startswith(prefix)), default)
        if lang != default:
            entry = {**entry, "location": location[len(lang) + 1:]}
        indexes[lang].append(entry)
    for lang, docs in indexes.items():
        index = {**merged, "docs": docs}
        target = Path(config.site_dir) / i18n.language_root(lang, default) / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
        # Same data to any JSON parser; no raw markup from front matter (tags) in the file.
        text = text.replace("<", "\\u003c").replace(">", "\\u003e")
        target.write_text(text, encoding="utf-8")
