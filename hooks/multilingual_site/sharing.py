"""What a page tells search engines and social networks: description, Open Graph, Twitter
card and JSON-LD (`NewsArticle` for articles, `Organization` on home pages,
`GovernmentOrganization` on member profiles).

Plain data in, plain data out; `overrides/main.html` renders it (JSON-LD through Jinja's
`tojson`, which escapes `<`, `>` and `&`).
"""

from __future__ import annotations

from . import upstream
from .content_model import first_paragraph
from .publishing import moment

DESCRIPTION_LENGTH = 200


_SENTENCE_ENDS = "。！？!?.;；"
_BREAKS = "，、：；,;: "


def shorten(text: str, limit: int = DESCRIPTION_LENGTH) -> str:
    """`text` in at most `limit` characters, cut where a reader expects: after the last whole
    sentence if that keeps most of it, else at a word (or, in Chinese, a punctuation)
    boundary, with "…"; never in the middle of a word."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    room = text[: limit - 1]
    sentence = max(room.rfind(mark) for mark in _SENTENCE_ENDS)
    if sentence >= limit * 0.6 and (room[sentence] != "." or sentence + 1 >= len(room) or room[sentence + 1] == " "):
        return room[: sentence + 1] if room[sentence] in "。！？!?." else room[:sentence].rstrip() + "…"
    cut = max(room.rfind(mark) for mark in _BREAKS)
    if cut < limit * 0.5:  # no boundary near the end (a long Chinese clause): cut at the limit
        cut = len(room)
    return room[:cut].rstrip(_BREAKS) + "…"


def describe(page, lang: str, content, config, article=None) -> str:
    """The page's description: front matter, else what the page is about, else the site's."""
    if page.meta.get("description"):
        return shorten(str(page.meta["description"]))
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
    return shorten(text or config.site_description or config.site_name)


# Published with the site (overrides/assets/images/): the sharing picture of a page without
# a cover of its own (the wordmark on green, made by tools/brand_images.py; never a photo)
# and the publisher's logo.
SHARE_IMAGE = "assets/images/share.png"
LOGO = "assets/images/logo.png"
ICLEI = {"@type": "Organization", "name": "ICLEI – Local Governments for Sustainability", "url": "https://iclei.org"}


def sharing(page, lang: str, content, config, article=None, image: tuple | None = None) -> dict:
    """Open Graph / Twitter / JSON-LD data for one page."""
    url = page.canonical_url or config.site_url
    title = str(page.meta.get("title") or config.site_name)
    description = describe(page, lang, content, config, article)
    languages = content.languages
    # The other languages this page exists in (not pages standing in, untranslated: translations.py).
    translated = {code for code, file in upstream.alternates(page.file).items()
                  if code in languages and content.is_translated(file.src_uri)}
    other_locales = [language.og_locale for language in languages if language.code != lang and language.code in translated]
    # A page standing in, untranslated: described as the original it shows, in its language.
    item = article or content.pages_by_src_uri.get(page.file.src_uri)
    text_lang = lang
    if item is not None and item.stands_in:
        text_lang, other_locales = item.fallback_of.lang, []
        original = upstream.alternates(page.file).get(text_lang)
        if original is not None:
            url = config.site_url + (original.url if original.url != "./" else "")
    organization = {"@type": "Organization", "name": config.site_name, "url": config.site_url,
                    "logo": {"@type": "ImageObject", "url": config.site_url + LOGO, "width": 512, "height": 512}}
    image_url, width, height = image or (config.site_url + SHARE_IMAGE, 1200, 630)
    shared_image = image_url
    data = {
        "type": "article" if article is not None else "website",
        "title": title,
        "description": description,
        "url": url,
        "image": shared_image,
        "image_is_cover": image is not None,
        "image_width": width,
        "image_height": height,
        "locale": languages[text_lang].og_locale,
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
            "dateModified": moment(article.meta.updated or article.meta.date).isoformat(),
            "inLanguage": languages[text_lang].tag,
            "url": url,
            "mainEntityOfPage": url,
            "author": {"@type": "Organization", "name": article.meta.source or config.site_name},
            "publisher": organization,
            "image": [shared_image],
            **({"keywords": ", ".join(article.meta.tags)} if article.meta.tags else {}),
        }
    elif page.meta.get("view") == "home":
        data["json_ld"] = {"@context": "https://schema.org", **organization, "description": description,
                           "parentOrganization": ICLEI}
    elif page.meta.get("view") == "member":
        data["json_ld"] = member_json_ld(content.members[page.meta["member"]], lang, url, description, languages)
    return data


def member_json_ld(member, lang: str, url: str, description: str, languages) -> dict:
    """A member government, the place it governs and its membership of ICLEI (schema.org)."""
    name = member.name.get(lang)
    area = {"@type": "City" if member.type == "city" else "AdministrativeArea", "name": name,
            "address": {"@type": "PostalAddress", "addressCountry": member.country}}
    if member.location:
        area["geo"] = {"@type": "GeoCoordinates", "latitude": member.location.lat, "longitude": member.location.lon}
    # Its names in the other languages written by hand, each once.
    others = list(dict.fromkeys(member.name.values[language.code] for language in languages.hand_translated
                                if language.code in member.name.values and member.name.values[language.code] != name))
    data = {"@context": "https://schema.org", "@type": "GovernmentOrganization", "name": name,
            "alternateName": others[0] if len(others) == 1 else others, "url": url, "description": description,
            "inLanguage": languages[lang].tag, "areaServed": area, "memberOf": ICLEI}
    if member.website:
        data["sameAs"] = [member.website]
    return data
