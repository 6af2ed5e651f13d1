"""What a page tells search engines and social networks: description, Open Graph, Twitter
card and JSON-LD (`NewsArticle` for articles, `Organization` on home pages).

Plain data in, plain data out; `overrides/main.html` renders it (JSON-LD through Jinja's
`tojson`, which escapes `<`, `>` and `&`).
"""

from __future__ import annotations

from .content import first_paragraph
from .i18n import LANGUAGE_TAG
from .publishing import moment

OG_LOCALE = {"zh": "zh_CN", "en": "en_GB"}
DESCRIPTION_LENGTH = 200


def _shorten(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= DESCRIPTION_LENGTH else text[: DESCRIPTION_LENGTH - 1].rstrip() + "…"


def describe(page, lang: str, content, config, article=None) -> str:
    """The page's description: front matter, else what the page is about, else the site's."""
    if page.meta.get("description"):
        return _shorten(str(page.meta["description"]))
    view = page.meta.get("view")
    if article is not None:
        text = article.excerpt
    elif view == "member":
        member = content.members[page.meta["member"]]
        text = member.summary.get(lang) if member.summary else member.name.get(lang)
    elif view == "edinburgh-process":
        text = content.edinburgh.summary.get(lang)
    elif view == "centre-of-excellence":
        text = content.coe.summary.get(lang)
    elif view == "action-plan":
        text = content.action_plan.decision.summary.get(lang)
    else:
        text = first_paragraph(page.markdown or "")
    return _shorten(text or config.site_description or config.site_name)


def sharing(page, lang: str, content, config, article=None, image_url: str | None = None) -> dict:
    """Open Graph / Twitter / JSON-LD data for one page."""
    url = page.canonical_url or config.site_url
    title = str(page.meta.get("title") or config.site_name)
    description = describe(page, lang, content, config, article)
    other_locales = [OG_LOCALE[l] for l in OG_LOCALE if l != lang and l in getattr(page.file, "alternates", {})]
    organization = {"@type": "Organization", "name": config.site_name, "url": config.site_url}
    data = {
        "type": "article" if article is not None else "website",
        "title": title,
        "description": description,
        "url": url,
        "image": image_url,
        "locale": OG_LOCALE[lang],
        "alternate_locales": other_locales,
        "site_name": config.site_name,
        "published": None,
        "json_ld": None,
    }
    if article is not None:
        published = moment(article.meta.date).isoformat()
        data["published"] = published
        data["json_ld"] = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": article.meta.title,
            "description": description,
            "datePublished": published,
            "inLanguage": LANGUAGE_TAG[lang],
            "url": url,
            "mainEntityOfPage": url,
            "author": {"@type": "Organization", "name": article.meta.source or config.site_name},
            "publisher": organization,
            **({"image": [image_url]} if image_url else {}),
            **({"keywords": ", ".join(article.meta.tags)} if article.meta.tags else {}),
        }
    elif page.meta.get("view") == "home":
        data["json_ld"] = {"@context": "https://schema.org", **organization, "description": description,
                           "parentOrganization": {"@type": "Organization", "name": "ICLEI – Local Governments for Sustainability"}}
    return data
