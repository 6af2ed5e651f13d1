"""What search reads of a view: the page's own text, not the lists of other pages it shows.

An article ends with its neighbours and related articles, a member's profile and the home
page list news, the Edinburgh Process page related articles: titles and summaries of other
pages, each found on its own page. Indexed with the page, they made an article's title
match every page that lists it. The templates mark them `data-search-exclude`, but Material
9.8.1's parser ends an exclusion at the first closing tag of the same name (a card's inner
`</div>`), so the cards were indexed all the same; and parsing them was about two fifths of
the search plugin's time (5 of 13 s of CPU at 2,500 members).

The view templates put such a part between `not_searched.begin` and `not_searched.end`
(two control characters, which no text of the site can hold: content.py and models.py
refuse them); `split` gives the page's HTML without the marks and the HTML search reads,
without the marked parts. page_views.py gives search the second (`hold`), and
search_per_language.py, once search has read the page, puts the first back (`release`).
"""

from __future__ import annotations

from types import SimpleNamespace

from markupsafe import Markup

BEGIN, END = "\x02", "\x03"
not_searched = SimpleNamespace(begin=Markup(BEGIN), end=Markup(END))  # for the view templates

# page.file.src_uri -> the page's HTML, while search reads the shorter one.
_held: dict[str, str] = {}


def split(html: str) -> tuple[str, str]:
    """(the page's HTML, the HTML search reads) of a view's HTML with marked parts."""
    if BEGIN not in html:
        return html, html
    searched = []
    for chunk in html.split(BEGIN):
        searched.append(chunk.split(END, 1)[1] if END in chunk else chunk)
    return html.replace(BEGIN, "").replace(END, ""), "".join(searched)


def hold(page, html: str) -> None:
    """Set `page.content` to what search reads of `html`, keeping `html` for the page."""
    shown, searched = split(html)
    page.content = searched
    if searched is not shown:
        _held[page.file.src_uri] = shown


def release(page) -> None:
    """Once search has read the page: its content is its whole HTML again."""
    shown = _held.pop(page.file.src_uri, None)
    if shown is not None:
        page.content = shown
