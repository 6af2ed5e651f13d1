"""Hook: each language pass in its own language's words (strings/<locale>.yml, strings.py):
the site's name, description and copyright line, and the navigation's labels. mkdocs.yml
holds the default language's; a translator adds a language's words in one file, and a
derived language's are converted from its source's.

Events:
- on_config, after mkdocs-static-i18n (-100), which sets up the pass of its language;
- on_nav, after mkdocs-static-i18n (-100): the labels of mkdocs.yml's nav (written in the
  default language) in this language (`nav` in the strings, by the page each item leads to).
Output owned: none (the pages' titles, header and navigation are MkDocs' and Material's).
"""

from __future__ import annotations

from mkdocs.plugins import event_priority

from multilingual_site import build_context
from multilingual_site.content_model import language_neutral


@event_priority(-150)
def on_config(config):
    ctx = build_context.current()
    words = ctx.strings.get(ctx.pass_.language)
    if words:  # none before site_content has loaded them: the build stops there on a problem
        config.site_name = words["site_name"]
        config.site_description = words["site_description"]
        config.copyright = words["copyright"]
    return config


def _nav_key(item) -> str | None:
    """The key of a navigation item in strings' `nav`: the page it leads to (`offices.md`),
    or for a section the folder of its pages (`programmes/`)."""
    file = getattr(item, "file", None)
    if file is not None:
        return language_neutral(file.src_uri)
    pages = [key for key in map(_nav_key, getattr(item, "children", None) or []) if key]
    if pages:
        return pages[0].rsplit("/", 1)[0] + "/" if "/" in pages[0] else None
    return None


def _translate(items, labels: dict) -> None:
    for item in items:
        key = _nav_key(item)
        if key in labels:
            item.title = labels[key]
        if getattr(item, "children", None):
            _translate(item.children, labels)


@event_priority(-110)
def on_nav(nav, config, files):
    ctx = build_context.current()
    _translate(nav.items, ctx.strings[ctx.pass_.language]["nav"])
    return nav
