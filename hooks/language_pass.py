"""Hook: each language pass in its own language's words (strings/<locale>.yml, strings.py):
the site's name, description and copyright line, and the navigation's labels. mkdocs.yml
holds the default language's; a translator adds a language's words in one file, and a
derived language's are converted from its source's.

Events:
- on_config, after mkdocs-static-i18n (-100), which sets up the pass of its language;
- on_nav, after mkdocs-static-i18n (-100): the labels of mkdocs.yml's nav (written in the
  default language) in this language (`nav` in the strings: label -> label).
Output owned: none (the pages' titles, header and navigation are MkDocs' and Material's).
"""

from __future__ import annotations

from mkdocs.plugins import event_priority

from multilingual_site import build_context


@event_priority(-150)
def on_config(config):
    ctx = build_context.current()
    words = ctx.strings.get(ctx.pass_.language)
    if words:  # none before site_content has loaded them: the build stops there on a problem
        config.site_name = words["site_name"]
        config.site_description = words["site_description"]
        config.copyright = words["copyright"]
    return config


def _translate(items, labels: dict) -> None:
    for item in items:
        if getattr(item, "title", None) in labels:
            item.title = labels[item.title]
        if getattr(item, "children", None):
            _translate(item.children, labels)


@event_priority(-110)
def on_nav(nav, config, files):
    ctx = build_context.current()
    _translate(nav.items, ctx.strings[ctx.pass_.language]["nav"])
    return nav
