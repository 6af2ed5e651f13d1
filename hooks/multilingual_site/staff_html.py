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

import re
from dataclasses import dataclass

import lxml.etree
import lxml.html

_ACTIVE = {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "base",
           "meta", "link", "style", "foreignobject", "portal", "noscript", "template", "handler", "listener"}
_LOADED = {"src", "srcset", "poster", "data", "background", "lowsrc", "dynsrc", "manifest", "formaction", "action"}
_LINKS = {"href", "xlink:href", "cite", "longdesc", "usemap", "ping"}
_BAD_SCHEME = re.compile(r"^\s*(javascript|vbscript|data|livescript|mocha)\s*:", re.I)
_ELSEWHERE = re.compile(r"^\s*([a-z][a-z0-9+.-]*:|//)", re.I)
_CSS_URL = re.compile(r"url\s*\(|expression\s*\(|@import|behavior\s*:", re.I)


@dataclass(frozen=True)
class Refusal:
    """One thing content may not contain: what it is, the text to find it by, what to do."""

    what: str
    needle: str
    instead: str
    line: int | None = None  # known for SVG files (parsed with positions)

    @property
    def message(self) -> str:
        return f"{self.what} is not allowed: {self.instead}"


def _attribute_refusals(tag: str, name: str, value: str, line: int | None) -> list[Refusal]:
    name = name.lower()
    if name.startswith("on"):
        return [Refusal(f"the event-handler attribute {name}= on <{tag}>", name,
                        "pages carry no scripts; remove the attribute", line)]
    if name == "style" and _CSS_URL.search(value):
        return [Refusal(f"url(...) in a style attribute on <{tag}>", "url(",
                        "show an image as ![alt text](images/photo.jpg) instead", line)]
    if name in _LOADED or name in _LINKS:
        urls = [part.strip().split(" ")[0] for part in value.split(",")] if name == "srcset" else [value]
        for url in urls:
            if _BAD_SCHEME.match(url):
                scheme = url.strip().split(":", 1)[0].lower()
                return [Refusal(f"a {scheme}: address in {name}= on <{tag}>", url.strip()[:40],
                                "link to http(s) pages and to files of the site only", line)]
            if name in _LOADED and _ELSEWHERE.match(url) and not url.startswith("#"):
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
        if tag in _ACTIVE - {"style"} or tag == "script":
            found.append(Refusal(f"the element <{tag}>", f"<{tag}", "images carry no scripts; remove it", element.sourceline))
        if tag == "style" and _CSS_URL.search(element.text or ""):
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
