"""The pages the site generates from data, as small Markdown stubs (src_uri -> text).

A stub only names its view and the entry it shows; the markup comes from the view's
template in `overrides/partials/views/`. Stubs are real files in the staging docs
directory, so mkdocs-static-i18n treats them exactly like hand-written pages (see the
architecture section of README.md).
"""

from __future__ import annotations

import yaml

from content import SiteContent
from models import LANGUAGES


def _stub(front_matter: dict) -> str:
    # safe_dump quotes whatever needs quoting: names with ':' or '#' stay intact.
    return "---\n" + yaml.safe_dump(front_matter, allow_unicode=True, sort_keys=False) + "---\n"


def member_pages(content: SiteContent) -> dict[str, str]:
    """One profile page per member and language: members/<id>.<lang>.md."""
    return {
        f"members/{member.id}.{lang}.md": _stub(
            {"title": member.name.get(lang), "view": "member", "member": member.id}
        )
        for member in content.members.values()
        for lang in LANGUAGES
    }


def all_generated_pages(content: SiteContent) -> dict[str, str]:
    """Every generated page of the site, by path relative to the docs directory."""
    return {**member_pages(content)}
