"""What content may put into a page: nothing executable, nothing loaded from another host.

Staff may write raw HTML in Markdown (a table, a `<figure>`), and may put SVG images under
`docs/`. The policy is to refuse, never to repair silently: the build stops with a located
message saying what is not allowed and what to write instead, because a quietly altered
article is worse than a stopped build. The check runs on the HTML that MkDocs rendered
from the Markdown (what readers and feeds get), so no Markdown syntax can slip past it:
reference-style images, attributes spread over lines, `{: onclick=...}` from attr_list.

Refused in article and page bodies:
- elements that run code or embed other documents (`<script>`, `<iframe>`, `<object>`,
  `<embed>`, `<form>`, `<base>`, `<meta>`, `<link>`, `<style>`, SVG's `<foreignObject>`);
- event-handler attributes (`onerror=`, `onload=`, ...);
- `javascript:`, `vbscript:` and `data:` URLs in any link or source;
- images, video and audio from another host (the site makes no request elsewhere), and
  CSS `url(...)` in `style` attributes (background images bypass both rules).
SVG files: the same rules, read with an XML parser that never loads entities or the network.
The allowed vocabulary follows nh3's (ammonia's) defaults plus what Markdown writes.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

import lxml.etree
import lxml.html

_ACTIVE = {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "base",
           "meta", "link", "style", "foreignobject", "portal", "noscript", "template", "handler", "listener"}
_LOADED = {"src", "srcset", "poster", "data", "background", "lowsrc", "dynsrc", "manifest", "formaction", "action"}
_LINKS = {"href", "xlink:href", "cite", "longdesc", "usemap", "ping"}
# SVG elements whose href loads what it names (an image, another drawing, a filter's input).
_HREF_LOADS = {"image", "use", "feimage"}
_BAD_SCHEME = re.compile(r"^(javascript|vbscript|data|livescript|mocha):", re.I)
# Another host: any scheme, or two slashes (`//host/x.jpg`: browsers read `\` as `/`).
_ELSEWHERE = re.compile(r"^([a-z][a-z0-9+.-]*:|[/\\]{2})", re.I)
_CSS_URL = re.compile(r"url\(|image-set\(|expression\(|@import|behavior:", re.I)
# What the URL Standard's parser removes before it reads a scheme: every ASCII tab and
# newline anywhere, C0 controls and spaces at both ends (`java\tscript:` is `javascript:`).
_URL_TAB_OR_NEWLINE = re.compile(r"[\t\n\r]")
_C0_OR_SPACE = "".join(map(chr, range(0x21)))
# CSS escapes (`u\72l(` is `url(`), comments and white space, which CSS reads through.
_CSS_ESCAPE = re.compile(r"\\([0-9a-f]{1,6})[ \t\n\r\f]?|\\(.)", re.I | re.S)
_CSS_COMMENT = re.compile(r"/\*.*?(\*/|$)", re.S)
_CSS_SPACE = re.compile(r"[ \t\n\r\f]+")


def as_browsers_read_url(value: str) -> str:
    """An address as a browser's URL parser reads it, before it looks at the scheme."""
    return _URL_TAB_OR_NEWLINE.sub("", value).strip(_C0_OR_SPACE)


def as_browsers_read_css(value: str) -> str:
    """A style value with escapes decoded and comments and white space left out."""
    def unescaped(match: re.Match) -> str:
        if match.group(1) is None:
            return match.group(2)
        code = int(match.group(1), 16)
        return chr(code) if 0 < code <= 0x10FFFF else "\ufffd"
    return _CSS_SPACE.sub("", _CSS_ESCAPE.sub(unescaped, _CSS_COMMENT.sub("", value)))


@dataclass(frozen=True)
class Refusal:
    """One thing content may not contain: what it is, the text to find it by, what to do."""

    what: str
    needle: str
    instead: str
    line: int | None = None  # known for SVG files (parsed with positions); for pages, see line_of

    @property
    def message(self) -> str:
        return f"{self.what} is not allowed: {self.instead}"


def line_of(needle: str, lines: list[str]) -> int:
    """The line of a page's source (`lines`) that holds a refusal's `needle`, else 1. First as
    written (case aside), then as a browser reads it: entities decoded and white space and
    control characters left out, so that `java&#x09;script:` or an address split over two
    lines is found where staff wrote it."""
    needle = needle.lower()
    if not needle:
        return 1
    for number, line in enumerate(lines, start=1):
        if needle in line.lower():
            return number
    loose_needle = _loose(needle)
    text, ends = "", []
    for line in lines:
        text += _loose(line.lower())
        ends.append(len(text))
    found = text.find(loose_needle) if loose_needle else -1
    return next((number for number, end in enumerate(ends, start=1) if found < end), 1) if found >= 0 else 1


def _loose(text: str) -> str:
    return "".join(c for c in html.unescape(text) if c > " ")


def _attribute_refusals(tag: str, name: str, value: str, line: int | None) -> list[Refusal]:
    name = name.lower()
    if name.startswith("on"):
        return [Refusal(f"the event-handler attribute {name}= on <{tag}>", name,
                        "pages carry no scripts; remove the attribute", line)]
    if name == "style" and _CSS_URL.search(as_browsers_read_css(value)):
        return [Refusal(f"url(...) in a style attribute on <{tag}>", value.strip()[:40],
                        "show an image as ![alt text](images/photo.jpg) instead", line)]
    if name == "attributename" and value.strip().lower().removeprefix("xlink:").startswith(("href", "on")):
        # SVG animation (<set>, <animate>) can turn a link into javascript: or add a handler.
        return [Refusal(f"<{tag}> changing {value.strip()}=", "attributename",
                        "images and pages carry no scripts; remove the animation", line)]
    loads = name in _LOADED or (name in ("href", "xlink:href") and tag in _HREF_LOADS)
    if loads or name in _LINKS:
        urls = [part.split()[0] for part in value.split(",") if part.strip()] if name == "srcset" else [value]
        for url in map(as_browsers_read_url, urls):
            if _BAD_SCHEME.match(url):
                scheme = url.split(":", 1)[0].lower()
                return [Refusal(f"a {scheme}: address in {name}= on <{tag}>", url[:40],
                                "link to http(s) pages and to files of the site only", line)]
            if loads and _ELSEWHERE.match(url):
                return [Refusal(f"<{tag}> loading {url} from another host", url,
                                "put the file under docs/ (next to the article or in docs/news/<year>/images/) and link it "
                                "relatively; the site never loads anything from another host", line)]
    return []


def refusals_in_html(html: str) -> list[Refusal]:
    """Everything executable or remote in a rendered page body."""
    if not html.strip():
        return []
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    found: list[Refusal] = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue  # a comment or processing instruction: never rendered
        tag = element.tag.lower().split("}")[-1]
        if tag in _ACTIVE:
            found.append(Refusal(f"the element <{tag}>", f"<{tag}", _instead_of(tag)))
        for name, value in element.attrib.items():
            found += _attribute_refusals(tag, name, value, None)  # the HTML parser keeps "xlink:href" as written
    return found


def _instead_of(tag: str) -> str:
    if tag in ("iframe", "object", "embed", "frame", "frameset", "portal"):
        return "embedded pages and players load another host; link to the page instead"
    if tag in ("style", "link"):
        return "the site's own stylesheet styles every page; remove it"
    return "pages carry no scripts or forms from content; remove it"


_SVG_PARSER = lxml.etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def refusals_in_svg(data: bytes) -> list[Refusal]:
    """Everything executable or remote in an SVG file; an unreadable file is refused too."""
    try:
        root = lxml.etree.fromstring(data, _SVG_PARSER)
    except lxml.etree.XMLSyntaxError as error:
        return [Refusal("an SVG file that is not well-formed XML", "", f"save it again from the drawing program ({error.msg})",
                        error.lineno or 1)]
    if root.getroottree().docinfo.internalDTD is not None:
        return [Refusal("a DOCTYPE with declarations in an SVG file", "<!DOCTYPE",
                        "save the SVG without a DOCTYPE (entities can hide content)", 1)]
    found: list[Refusal] = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        tag = lxml.etree.QName(element).localname.lower()
        if tag in _ACTIVE - {"style"}:
            found.append(Refusal(f"the element <{tag}>", f"<{tag}", "images carry no scripts; remove it", element.sourceline))
        if tag == "style" and _CSS_URL.search(as_browsers_read_css(element.text or "")):
            found.append(Refusal("url(...) or @import in an SVG <style>", "url(", "images load nothing else; remove it",
                                 element.sourceline))
        for name, value in element.attrib.items():
            local = lxml.etree.QName(name).localname
            shown = "xlink:href" if name.endswith("}href") and name.startswith("{http://www.w3.org/1999/xlink}") else local
            if shown in ("href", "xlink:href") and not value.strip().startswith("#") and tag not in ("a",):
                found.append(Refusal(f"<{tag}> referring to {value} from an SVG image", value,
                                     "images load nothing else; keep only references within the file (#id)", element.sourceline))
                continue
            found += _attribute_refusals(tag, shown, value, element.sourceline)
    return found
