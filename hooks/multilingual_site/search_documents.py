"""What search knows of a page: its document for the index (search_index.py).

A page's text is the HTML search may read (page_views.py hands it over in `page.content`:
a view without the lists of other pages it shows, search_scope.py), without the elements
the templates mark `data-search-exclude` (a map, the directory's member lines, subscribe
and back links), read here with their nesting (Material 9.8.1's parser stopped at the
first inner closing tag of the same name). Tags are stripped with regular expressions,
not an HTML parser: the build reads 12,000 pages at network scale, and the HTML is our
templates' and Markdown's, checked by the content policy. A block element ends a line
(so "Type" and "City" of a fact stay two words); an inline one joins its neighbours
(<strong>昆明</strong>市 is still 昆明市).

Route by meaning: a page's kind comes from its view (`view:` in its front matter) or from
being an article, never from its path.
"""

from __future__ import annotations

import re
from html import unescape

# The views whose pages are a member's profile or a programme's page; every other page
# that is not an article is a "page" (home, news index, directory, offices).
KIND_BY_VIEW = {"member": "member", "edinburgh-process": "programme",
                "centre-of-excellence": "programme", "action-plan": "programme"}

_INLINE = frozenset("a abbr b bdi bdo cite code data del dfn em i img ins kbd mark picture q s samp small "
                    "source span strong sub sup time u var wbr".split())
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)\b[^>]*>|<!--.*?-->", re.S)
# Not text: scripts and styles, drawings, and controls (the directory's filter form).
_SKIPPED_ELEMENTS = re.compile(r"<(script|style|svg|template|form|select|button)\b[^>]*>.*?</\1\s*>", re.S | re.I)
_EXCLUDED_START = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)\b[^>]*\sdata-search-exclude\b[^>]*>")
_SPACES = re.compile(r"[ \t\r\f\v\u00a0\u3000]+")
_LINES = re.compile(r"\s*\n\s*")


def _without_excluded(html: str) -> str:
    """`html` without each element marked data-search-exclude, inner elements of the same
    name counted, so the exclusion ends at its own closing tag."""
    parts, position = [], 0
    while (start := _EXCLUDED_START.search(html, position)) is not None:
        parts.append(html[position:start.start()])
        name = start.group(1).lower()
        same = re.compile(rf"<(/?){name}\b[^>]*>", re.I)
        depth, end = 1, len(html)
        if start.group(0).endswith("/>"):
            depth, end = 0, start.end()
        cursor = start.end()
        while depth:
            tag = same.search(html, cursor)
            if tag is None:
                break
            depth += -1 if tag.group(1) else (0 if tag.group(0).endswith("/>") else 1)
            cursor = end = tag.end()
        position = end
    parts.append(html[position:])
    return "".join(parts)


def page_text(html: str) -> str:
    """The readable text of a page's HTML: one line per block, spaces collapsed."""
    if not html:
        return ""
    html = _SKIPPED_ELEMENTS.sub("", _without_excluded(html))

    def replace(tag: re.Match) -> str:
        name = tag.group(2)
        return "" if name is None or name.lower() in _INLINE else "\n"

    text = unescape(_TAG.sub(replace, html))
    return _LINES.sub("\n", _SPACES.sub(" ", text)).strip()


def kind_of(meta: dict, is_article: bool) -> str:
    return "news" if is_article else KIND_BY_VIEW.get(meta.get("view"), "page")


def is_searched(meta: dict) -> bool:
    """A page a reader lands on: not a listing marked `search: {exclude: true}`."""
    search = meta.get("search")
    return not (isinstance(search, dict) and search.get("exclude"))


def document(*, url: str, title: str, html: str, kind: str, names=(), tags=(), date=None,
             shown_date=None) -> dict:
    """A page's document, as search_index.build takes it."""
    text = page_text(html)
    first, _, rest = text.partition("\n")
    if first.strip() == title.strip():  # the page's heading: it is the title already
        text = rest
    return {
        "url": url, "title": title, "names": list(names), "tags": [str(t) for t in tags],
        "text": text, "kind": kind, "date": date, "shown_date": shown_date,
    }
