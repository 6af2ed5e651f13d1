"""An article's text as HTML outside a MkDocs build, the way the site renders it, with every
address absolute: for copies of it elsewhere (WeChat: wechat.py).

The same steps as a page of the site: Python-Markdown with the site's extensions (mkdocs.yml's
`markdown_extensions` and MkDocs' own: channels.markdown_settings); the text in NFC
(hooks/site_content.py); editors' comments removed and the staff-HTML policy applied
(hooks/staff_html_check.py, staff_html.py: a refusal is an error, never repaired); each photo
as photo_markup makes it (a lone image with a title is a figure with its caption), then as the
feeds carry it: one medium JPEG (photo_markup.for_feeds). Links to other pages are resolved as
MkDocs resolves them (a relative `.md` path, with or without its language) and made absolute
in the article's language; links to files and photo sizes lead to where the site publishes them.
"""

from __future__ import annotations

import posixpath
import re
import unicodedata
from dataclasses import dataclass
from typing import Callable
from urllib.parse import urlsplit

import lxml.html
import markdown

from . import photo_markup
from .content_model import Article, language_neutral, page_url
from .photos import SHARE_WIDTH, Photo
from .staff_html import refusals_in_html

_COMMENT = re.compile(r"<!--.*?-->\n?", re.DOTALL)


class ArticleHTMLError(ValueError):
    """The article's text holds what the site refuses to publish; the message names it."""


@dataclass(frozen=True)
class Rendering:
    """What rendering an article needs from the site."""

    site_url: str  # with its final slash
    language_roots: dict[str, str]  # language code -> "" or "en/"
    extensions: list  # Markdown extension names
    extension_configs: dict
    photo: Callable[[str], Photo | None]  # docs path -> its published sizes, or None
    photo_render: Callable[..., str]  # partials/site/photo.html's render


def _page_address(target: str, lang: str, rendering: Rendering) -> str | None:
    """The absolute address of the docs page `target` (a path relative to docs/ ending in .md,
    with or without a language suffix) in `lang`; None when it is not a page."""
    stem = target[: -len(".md")]
    if "." in posixpath.basename(stem) and stem.rsplit(".", 1)[1] in rendering.language_roots:
        target = language_neutral(target)
    return rendering.site_url + rendering.language_roots[lang] + page_url(target)


def body_html(article: Article, rendering: Rendering) -> str:
    """The article's body as HTML with absolute addresses; ArticleHTMLError if refused."""
    converter = markdown.Markdown(extensions=rendering.extensions, extension_configs=rendering.extension_configs)
    html = _COMMENT.sub("", converter.convert(unicodedata.normalize("NFC", article.body)))
    refusals = refusals_in_html(html)
    if refusals:
        raise ArticleHTMLError(f"{article.shown_as}: {refusals[0].message}")
    folder = posixpath.dirname(article.src_uri)
    # Sources are written relative to the article's file, so its folder is the page photo_markup resolves them from.
    shown: list[Photo] = []

    def photo_at(path: str) -> Photo | None:
        photo = rendering.photo(path)
        if photo is not None:
            shown.append(photo)
        return photo

    html = photo_markup.rewrite(html, folder + "/", photo_at, rendering.photo_render, folder)
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    photo_markup.for_feeds(root, SHARE_WIDTH, photo_markup.renditions_by_name(shown))
    for anchor in root.iter("a"):
        href = anchor.get("href") or ""
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not parts.path:
            continue  # another site, or a place in this page
        target = posixpath.normpath(posixpath.join(folder, parts.path))
        if target.endswith(".md"):
            address = _page_address(target, article.lang, rendering)
            anchor.set("href", address + (f"#{parts.fragment}" if parts.fragment else ""))
    root.make_links_absolute(rendering.site_url + folder + "/")  # files and photo sizes, from the article's folder
    return (root.text or "") + "".join(lxml.html.tostring(child, encoding="unicode") for child in root)
