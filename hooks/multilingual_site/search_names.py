"""The names a page answers to in search: a member's names (and its seat's, the capital a
province or region is known by: Erdenet for Orkhon Aimag), a programme's names.

The index gives the `names` field the highest weight, above titles, tags and text
(search_index.FIELD_WEIGHTS). So a reader who types a member's or a programme's name, in
any language of the site, gets its page first, before the articles that mention it most
(which used to come first: an article's tags were weighed above any title). Every
language's names go into every language's index: the Chinese site finds 昆明市 for
`Kunming`, the English site finds Kunming for `昆明`, the Korean site both, and 쿤밍시
everywhere.
"""

from __future__ import annotations

from .content_model import SiteContent


def page_names(meta: dict, content: SiteContent) -> list[str]:
    """Every name of what a page shows, in every language of the site ([] for other pages).
    Routed by the page's view, not its path."""
    view = meta.get("view")
    if view == "member":
        member = content.members[meta["member"]]
        named = [member.name, member.seat]
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
            name = texts.get(lang) if texts is not None else None
            if name and name not in names:
                names.append(name)
    return names
