"""What search reads of a view: the page's own text, not the lists of other pages it shows.

An article ends with its neighbours and related articles, a member's profile, the home page
and the news index list news, the Edinburgh Process page related articles: titles and summaries of other
pages, each found on its own page. Indexed with the page, they made an article's title
match every page that lists it. The templates mark them `data-search-exclude`, but Material
9.8.1's parser (the site's search before its own) ends an exclusion at the first closing tag of the same name (a card's inner
`</div>`), so the cards were indexed all the same; and parsing them was about two fifths of
the search plugin's time (5 of 13 s of CPU at 2,500 members).

The view templates put such a part between `not_searched.begin` and `not_searched.end`
(two control characters, which no text of the site can hold: content_checks.py and models.py
refuse them); `split` gives the page's HTML without the marks and the HTML search reads,
without the marked parts. page_views.py gives search the second (`hold`), and
hooks/site_search.py, once it has read the page, puts the first back (`release`), cleaned
as Material's search plugin cleaned what it had indexed (search_documents.py reads the
`data-search-exclude` marks that remain, nesting and all).
"""

from __future__ import annotations

import re
from types import SimpleNamespace

from markupsafe import Markup
from mkdocs.exceptions import PluginError

from . import build_context, upstream

BEGIN, END = "\x02", "\x03"
not_searched = SimpleNamespace(begin=Markup(BEGIN), end=Markup(END))  # for the view templates
_MARKED = re.compile(f"{BEGIN}[^{BEGIN}{END}]*{END}")


def split(html: str, shown_as: str = "a view") -> tuple[str, str]:
    """(the page's HTML, the HTML search reads) of a view's HTML with marked parts."""
    if BEGIN not in html and END not in html:
        return html, html
    searched = _MARKED.sub("", html)
    if BEGIN in searched or END in searched:
        raise PluginError(f"{shown_as}: a view template's not_searched.begin and not_searched.end "
                          "are not in pairs (or one pair is inside another)")
    return html.replace(BEGIN, "").replace(END, ""), searched


def hold(page, html: str) -> None:
    """Set `page.content` to what search reads of `html`, keeping `html` for the page."""
    shown, searched = split(html, page.file.src_uri)
    page.content = searched
    held = build_context.current().pass_.held_html  # the pages' HTML while search reads less
    if searched is shown:
        held.pop(page.file.src_uri, None)
    else:
        held[page.file.src_uri] = shown


def release(page) -> None:
    """Once search has read the page: its content is its whole HTML again."""
    shown = build_context.current().pass_.held_html.pop(page.file.src_uri, None)
    if shown is not None:
        page.content = upstream.SEARCH_ATTRIBUTES.sub("", shown)
