"""Photos in a page's HTML: each `<img>` of a photo becomes its published sizes.

Works on the HTML MkDocs rendered from Markdown, so every way of writing an image (inline,
reference-style, raw `<img>`) is handled alike. The markup comes from the template
`overrides/partials/site/photo.html`; this module gives it plain data (the URLs relative to
the page, the sizes) and puts the result in place of the `<img>` (or of the paragraph a lone
captioned image stands in).
"""

from __future__ import annotations

import posixpath
import unicodedata
from typing import Callable, Iterable, Mapping
from urllib.parse import unquote

import lxml.html
from mkdocs.utils import get_relative_url

from .photos import Photo, Rendition

# The article column is at most 44rem (overrides/assets/css/site.css): 880 px at 20 px a rem.
ARTICLE_SIZES = "(min-width: 46rem) 880px, 100vw"
CARD_SIZES = "(min-width: 60rem) 24rem, 100vw"


def picture(photo: Photo, url: Callable[[str], str], fallback_width: int | None = None,
            max_width: int | None = None) -> dict:
    """What the template needs: a srcset per format (`url` turns a site path into the URL
    the page uses; sizes up to `max_width`), and the size of the fallback image (the
    largest, unless `fallback_width` asks for a smaller one)."""
    def upto(renditions):
        kept = [r for r in renditions if max_width is None or r.width <= max_width]
        return kept or renditions[:1]

    webp = upto(photo.of("WEBP"))
    fallback = upto(photo.of(photo.fallback_format))
    chosen = photo.fallback(fallback_width) if fallback_width else fallback[-1]
    return {
        "sources": [{"type": "image/webp", "srcset": ", ".join(f"{url(r.path)} {r.width}w" for r in webp)}],
        "srcset": ", ".join(f"{url(r.path)} {r.width}w" for r in fallback),
        "src": url(chosen.path), "width": chosen.width, "height": chosen.height,
    }


def rewrite(html: str, page_url: str, photo_at: Callable[[str], Photo | None], render: Callable[..., str],
            source_folder: str) -> str:
    """`html` with every photo's `<img>` replaced by its published sizes (`render` renders
    partials/site/photo.html); `photo_at(site path)` finds the photo an image shows.
    MkDocs makes a Markdown image's address relative to the page's URL, but leaves a raw
    `<img>`'s as staff wrote it: relative to the page's source file in `source_folder` (the
    docs folder, as the content check found it)."""
    if "<img" not in html:
        return html
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    # The new markup goes in by marker, as text: libxml2's HTML parser does not know
    # <source> as a void element and would put the <img> inside it.
    markups: list[str] = []
    # A page's URL is its folder ("news/2024/story/"; "" for the home page) or a file ("404.html").
    folder = posixpath.dirname(page_url)
    for img in list(root.iter("img")):
        # MkDocs writes the address percent-encoded (`%E5%AE%81…`); photos are known by their
        # docs path in NFC (content_files.walk), as any way of writing it resolves to.
        src = unicodedata.normalize("NFC", unquote((img.get("src") or "").split("#")[0].split("?")[0]))
        photo = None
        if src and "://" not in src:
            photo = (photo_at(posixpath.normpath(posixpath.join(folder, src)))
                     or photo_at(posixpath.normpath(posixpath.join(source_folder, src))))
        if photo is None:
            continue
        parent = img.getparent()
        alone = (parent is not None and parent.tag == "p" and len(parent) == 1 and not (parent.text or "").strip()
                 and not (img.tail or "").strip())
        caption = img.get("title") if alone else None
        markups.append(render(photo=picture(photo, lambda path: get_relative_url(path, page_url)),
                              alt=img.get("alt") or "", caption=caption, lazy=True, priority=False, sizes=ARTICLE_SIZES))
        target = parent if caption else img
        marker = lxml.html.Element("photo-marker")
        marker.tail = target.tail
        target.getparent().replace(target, marker)
    if not markups:
        return html
    text = (root.text or "") + "".join(lxml.html.tostring(child, encoding="unicode") for child in root)
    pieces = text.split("<photo-marker></photo-marker>")
    return pieces[0] + "".join(markup + piece for markup, piece in zip(markups, pieces[1:]))


def for_feeds(root, width: int, renditions: Mapping[str, Rendition]) -> None:
    """In an lxml tree: each `<picture>` becomes its `<img>` with the largest fallback size
    not wider than `width` (feeds carry a medium JPEG), without srcset and lazy loading.
    `renditions` gives each published size by its file name (unique: it carries the
    original's content hash and the width); the `<img>` states that file's width and height,
    which computing them from the largest size's would get a pixel wrong (rounded twice)."""
    for element in list(root.iter("picture")):
        img = element.find(".//img")  # libxml2 nests it inside the (void) <source>
        if img is None:
            continue
        candidates = []
        for part in (img.get("srcset") or "").split(","):
            url, _, size = part.strip().rpartition(" ")
            if url and size.endswith("w") and size[:-1].isdigit():
                candidates.append((int(size[:-1]), url))
        fitting = [c for c in sorted(candidates) if c[0] <= width] or sorted(candidates)[:1]
        if fitting:
            url = fitting[-1][1]
            chosen = renditions.get(posixpath.basename(url))
            img.set("src", url)
            if chosen is not None:
                img.set("width", str(chosen.width))
                img.set("height", str(chosen.height))
            else:  # not one of ours: a size it may not be is worse than none
                img.attrib.pop("width", None)
                img.attrib.pop("height", None)
        for name in ("srcset", "sizes", "loading", "decoding", "fetchpriority"):
            img.attrib.pop(name, None)
        img.tail = element.tail
        element.getparent().replace(element, img)


def renditions_by_name(photos: Iterable[Photo]) -> dict[str, Rendition]:
    """Every published size of `photos`, by its file name (for `for_feeds`)."""
    return {posixpath.basename(r.path): r for photo in photos for r in photo.renditions}
