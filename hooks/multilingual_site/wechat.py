"""An article as WeChat's Official Account editor takes it (`make wechat`, the editor's "copy for
WeChat" button): one HTML document whose text pastes with its look intact.

What survives the paste (doocs/md, the widely used WeChat Markdown editor, does the same):
- only inline styles: the editor drops <style>, classes and scripts, so the rules of
  `overrides/partials/wechat/article.html` are inlined by css-inline and every class removed;
- headings, paragraphs, lists, tables, figures with their captions, the source line;
- no link out of WeChat: an article may link only to other WeChat articles
  (mp.weixin.qq.com), so every other link becomes its text with a number, `[1]`, and the
  numbered addresses are listed at the end (one number per address);
- images at absolute addresses of the photo sizes the site publishes (the editor fetches and
  keeps them), with width, height and alt;
- the article's address written out as text after 原文链接 (a link would be dropped).
The article's text is rendered as the site renders it (article_html.py). The document names
the version of the text it was made from (`source-version`, translations.version_of), so the
browser editor can tell a copy made before the last edit.
"""

from __future__ import annotations

import re

import css_inline
import jinja2
import lxml.html
from markupsafe import Markup

from . import article_html
from .content_model import Article, page_url
from .translations import version_of
from .views import article_path

TEMPLATE = "partials/wechat/article.html"
WECHAT_HOSTS = ("mp.weixin.qq.com",)  # links WeChat keeps: other Official Account articles
# What an element may keep once pasted (every other attribute is dropped, styles are inlined).
_KEPT = {"a": {"href"}, "img": {"src", "alt", "width", "height"}, "td": {"colspan", "rowspan"},
         "th": {"colspan", "rowspan"}, "ol": {"start"}}

_INLINER = css_inline.CSSInliner(load_remote_stylesheets=False)


class WeChatError(ValueError):
    """The copy would hold what WeChat's editor drops; the message names it."""


def _stays_in_wechat(href: str) -> bool:
    return href.startswith(tuple(f"https://{host}/" for host in WECHAT_HOSTS))


def _references(root) -> list[dict]:
    """Every link out of WeChat becomes its text and a number; returns the numbered addresses."""
    numbers: dict[str, int] = {}
    references: list[dict] = []
    for anchor in list(root.iter("a")):
        href = (anchor.get("href") or "").strip()
        if href and _stays_in_wechat(href):
            continue
        if href and not href.startswith("#"):
            if href not in numbers:
                numbers[href] = len(numbers) + 1
                text = anchor.text_content().strip()
                references.append({"number": numbers[href], "text": text if text != href else "", "url": href})
            mark = lxml.html.Element("sup")
            mark.text = f"[{numbers[href]}]"
            anchor.append(mark)
        anchor.drop_tag()  # its text (and the number) stays; the link goes
    return references


# A line break in a paragraph is a space on screen; between two Chinese characters (or a
# full-width mark) it is a gap no one wrote (browsers do not drop it, nor does WeChat).
_CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
_BREAK_IN_CHINESE = re.compile(f"(?<=[{_CJK}])\n(?=[{_CJK}])")


def _pasteable(root) -> None:
    """Attributes WeChat drops, dropped; no gap for a line break inside Chinese text; tables
    in a scrolling section, as phones need."""
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        for name in ("text", "tail"):
            value = getattr(element, name)
            if value and "\n" in value:
                setattr(element, name, _BREAK_IN_CHINESE.sub("", value))
        kept = _KEPT.get(element.tag, set())
        for name in list(element.attrib):
            if name not in kept:
                del element.attrib[name]
    for table in list(root.iter("table")):
        wrapper = lxml.html.Element("section", {"class": "wx-table"})
        table.addprevious(wrapper)
        wrapper.append(table)


def copy(article: Article, rendering: article_html.Rendering, env: jinja2.Environment, strings: dict,
         tag: str, script: str) -> str:
    """The WeChat document of `article` (in its language: `strings` are that language's words)."""
    body = article_html.body_html(article, rendering)
    root = lxml.html.fragment_fromstring(body, create_parent="div")
    references = _references(root)
    _pasteable(root)
    inner = (root.text or "") + "".join(lxml.html.tostring(child, encoding="unicode") for child in root)
    url = rendering.site_url + rendering.language_roots[article.lang] + page_url(article_path(article))
    html = env.get_template(TEMPLATE).render(
        body=Markup(inner), title=article.meta.title, source=article.meta.source, references=references,
        url=url, t=strings, words=strings["wechat"], tag=tag, script=script, version=version_of(article))
    document = lxml.html.document_fromstring(_INLINER.inline(html))
    for element in document.iter():
        if isinstance(element.tag, str):
            element.attrib.pop("class", None)
    result = "<!DOCTYPE html>\n" + lxml.html.tostring(document, encoding="unicode") + "\n"
    _check(document, article)
    return result


def _check(document, article: Article) -> None:
    """What WeChat's editor drops or refuses, checked on the result rather than trusted."""
    body = document.body
    for element in body.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag in ("style", "script", "link") or "class" in element.attrib:
            raise WeChatError(f"{article.shown_as}: the WeChat copy would hold a <{element.tag}> WeChat drops")
        if element.tag == "a" and not _stays_in_wechat(element.get("href", "")):
            raise WeChatError(f"{article.shown_as}: the WeChat copy would link {element.get('href')!r} out of WeChat")
