"""The placeholders `make news` writes into a new article's files, in one place: each
language's words for them are in strings/<locale>.yml (`scaffold_title`, `scaffold_body`,
`scaffold_summary`).

tools/new_article.py writes them; content_checks.py refuses to publish an article that still
holds one (a draft may keep them while it is being written).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Placeholders:
    """What must be gone before an article is published: each language's title marker (its
    `scaffold_title` up to `{title}`) and the first line of its `scaffold_body`."""

    titles: tuple[str, ...]
    bodies: tuple[str, ...]


def placeholders(strings: dict[str, dict]) -> Placeholders:
    titles = {words["scaffold_title"].split("{", 1)[0] for words in strings.values()}
    bodies = {words["scaffold_body"].strip().splitlines()[0] for words in strings.values()}
    return Placeholders(tuple(sorted(t for t in titles if t.strip())), tuple(sorted(b for b in bodies if b.strip())))


def placeholder_in(title: str | None, body: str, marks: Placeholders) -> str | None:
    """The scaffold text an article still holds, or None."""
    for mark in marks.titles:
        if title and title.startswith(mark):
            return mark + "…]"
    return next((mark for mark in marks.bodies if mark in body), None)
