"""The names a page answers to in search: a member's two names, a programme's names.

Material's search (lunr) ranks a match by the field it is in; `mkdocs.yml` gives the
`names` field the highest boost, above titles, tags and text. So a reader who types a
member's or a programme's name, in either language, gets its page first, before the
articles that mention it most (which used to come first: an article's tags were boosted
above any title). Both languages' names go into both languages' indexes: the Chinese site
finds 昆明市 for `Kunming`, the English site finds Kunming for `昆明`.

Names are segmented as Material segments every title and text (jieba's words, from
chinese_words.py, joined by a zero-width space), so that the browser's query segmentation,
which cuts a Chinese query into words of the index (assets/javascripts/workers/search.js),
meets the same words here.
"""

from __future__ import annotations

import re

from . import chinese_words
from .content_model import SiteContent

# Han characters, as Material's search plugin segments them (`\p{script: Han}`).
_HAN = re.compile(r"[\u2e80-\u2fdf\u3005\u3007\u3021-\u3029\u3038-\u303b\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+")


def page_names(meta: dict, content: SiteContent) -> list[str]:
    """Every name of what a page shows, in every language of the site ([] for other pages).
    Routed by the page's view, not its path."""
    view = meta.get("view")
    if view == "member":
        named = [content.members[meta["member"]].name]
    # A programme by its short names only: its full name is its page's title already, and
    # the full names' common words (城市, 生物多样性, framework) would put the programme
    # pages first for any query holding them.
    elif view == "edinburgh-process":
        named = [content.edinburgh.short_name]
    elif view == "centre-of-excellence":
        named = [content.coe.short_name]
    elif view == "action-plan":
        named = [content.action_plan.short_name]
    else:
        return []
    names: list[str] = []
    for texts in named:
        for lang in content.languages.codes:
            if texts is not None and texts.get(lang) not in names:
                names.append(texts.get(lang))
    return names


def segmented(text: str) -> str:
    """`text` with its Chinese runs cut into words, joined by zero-width spaces: what
    Material's search plugin does to every title and text it indexes."""
    return _HAN.sub(lambda run: "\u200b" + "\u200b".join(chinese_words.cut(run.group(0))) + "\u200b", text).strip("\u200b")
