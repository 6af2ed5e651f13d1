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

from markupsafe import escape
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from multilingual_site import build_context
from multilingual_site.content_model import language_neutral


@event_priority(-150)
def on_config(config):
    ctx = build_context.current()
    words = ctx.strings.get(ctx.pass_.language)
    if words:  # none before site_content has loaded them: the build stops there on a problem
        # Escaped here: Material prints these unescaped (MkDocs' templates do not autoescape).
        config.site_name = escape(words["site_name"])
        config.site_description = escape(words["site_description"])
        config.copyright = escape(words["copyright"])
    return config


def _nav_key(item) -> str | None:
    """The key of a navigation item in strings' `nav`: the page it leads to (`offices.md`),
    for a section the folder of its first page (`programmes/`), for a link its address."""
    file = getattr(item, "file", None)
    if file is not None:
        return language_neutral(file.src_uri)
    children = getattr(item, "children", None)
    if not children:
        return getattr(item, "url", None)
    first = _nav_key(children[0]) or ""
    return first.rstrip("/").rsplit("/", 1)[0] + "/" if "/" in first.rstrip("/") else None


def _translate(items, labels: dict, missing: list) -> None:
    for item in items:
        key = _nav_key(item)
        if key in labels:
            item.title = escape(labels[key])
        else:
            missing.append(key or str(item.title))
        if getattr(item, "children", None):
            _translate(item.children, labels, missing)


@event_priority(-110)
def on_nav(nav, config, files):
    ctx = build_context.current()
    missing = []
    _translate(nav.items, ctx.strings[ctx.pass_.language]["nav"], missing)
    if missing:
        language = ctx.languages[ctx.pass_.language]
        raise PluginError(f"strings/{language.derived_from or language.code}.yml: nav: no label for "
                          f"{', '.join(repr(key) for key in missing)} (mkdocs.yml's nav leads there)")
    return nav
