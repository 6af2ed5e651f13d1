"""The placeholders `make news` writes into a new article pair, in one place.

tools/new_article.py writes them; content_checks.py refuses to publish an article that still
holds one (a draft may keep them while it is being written).
"""

from __future__ import annotations

BODY = {
    "zh": "在这里写正文第一段。\n\n## 小标题\n\n正文……\n",
    "en": "Write the first paragraph here.\n\n## A subheading\n\nText…\n",
}
UNTRANSLATED_TITLE = "[English title of: {title}]"

# What must be gone before an article is published: the title's marker and the body's lines.
_TITLE_MARK = UNTRANSLATED_TITLE.split("{", 1)[0]
_BODY_MARKS = ("在这里写正文第一段。", "Write the first paragraph here.")


def placeholder_in(title: str | None, body: str) -> str | None:
    """The scaffold text an article still holds, or None."""
    if title and title.startswith(_TITLE_MARK):
        return _TITLE_MARK + "…]"
    return next((mark for mark in _BODY_MARKS if mark in body), None)
