"""Every image a page or a feed shows states the size of the file it points to, so that
nothing jumps as a page loads and no feed reader stretches a photo: each `<img>` of every
page and of every feed's content (RSS and Atom), each `srcset` width, and the sharing
image's `og:image:width`/`height`, checked against the file itself (Pillow; an SVG by the
shape of its viewBox). Built with generated camera photos of awkward sizes: upright and
sideways, mirrored, a 16:9 photo whose 960 px height is one pixel off when computed from
its 1600 px size, a PNG with transparency, and one smaller than every size."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import lxml.html
import pytest
from PIL import Image

from pages import SITE_URL, parse, resolve, site_pages, url_path_of
from sitebuild import build, edit_file, make_project

# name: (sensor width, sensor height, EXIF orientation, format)
PHOTOS = {
    "sideways.jpg": (2000, 1200, 6, "JPEG"),  # a portrait, 1200 x 2000 once upright
    "wide.jpg": (1920, 1081, 1, "JPEG"),  # 960 wide: 540 high, 541 from its 1600 px size
    "mirrored.jpg": (1700, 2100, 5, "JPEG"),  # transposed: 2100 x 1700 upright
    "clear.png": (700, 500, 1, "PNG"),  # transparency: PNG sizes, not JPEG
    "small.jpg": (300, 200, 1, "JPEG"),  # smaller than every size: published at its own
}


def _photo(width: int, height: int, orientation: int, fmt: str) -> bytes:
    image = Image.new("RGBA" if fmt == "PNG" else "RGB", (width, height), (40, 120, 60, 128))
    image.paste((200, 30, 30, 255), (0, 0, width // 4, height // 4))
    exif = Image.Exif()
    if orientation != 1:
        exif[0x0112] = orientation
    out = io.BytesIO()
    image.save(out, fmt, exif=exif) if fmt == "JPEG" else image.save(out, fmt)
    return out.getvalue()


@pytest.fixture(scope="module")
def photo_site(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("image-sizes"))
    images = project / "docs/news/2023/images"
    images.mkdir(parents=True)
    for name, spec in PHOTOS.items():
        (images / name).write_bytes(_photo(*spec))
    body = "".join(f"![{name}](images/{name})\n\n" for name in PHOTOS)
    # A raw <img> with a size of its own, written as the content check wants it (relative to
    # the article's file, which MkDocs leaves as it is): the photo's sizes replace it.
    body += '<img src="images/wide.jpg" width="10" height="10" alt="raw">\n\n'
    for lang in ("zh", "en"):
        article = f"docs/news/2023/normal-pair.{lang}.md"
        edit_file(project, article, "members: [kunming]", "members: [kunming]\ncover: images/wide.jpg")
        edit_file(project, article, "## ", body + "## ")
    result = build(project)
    assert result.returncode == 0, result.output
    return result


def _svg_ratio(file: Path) -> float:
    root = ET.fromstring(file.read_bytes())
    if root.get("width") and root.get("height"):
        return float(root.get("width")) / float(root.get("height"))
    _, _, width, height = (float(v) for v in root.get("viewBox").split())
    return width / height


def _check(img, file: Path, where: str) -> None:
    assert file is not None and file.is_file(), f"{where}: {img.get('src')} is not a file of the site"
    stated = img.get("width"), img.get("height")
    assert all(v and v.isdigit() for v in stated), f"{where}: <img src={img.get('src')}> states no size: {stated}"
    width, height = int(stated[0]), int(stated[1])
    if file.suffix == ".svg":
        assert abs(width / height - _svg_ratio(file)) < 0.01 * _svg_ratio(file), \
            f"{where}: {file.name} is stated {width} x {height}, not the shape of its viewBox"
        return
    with Image.open(file) as image:
        assert (width, height) == image.size, f"{where}: {file.name} is stated {width} x {height}, the file is {image.size}"


def _check_srcset(srcset: str, base: str, site: Path, where: str) -> None:
    for candidate in srcset.split(","):
        url, descriptor = candidate.split()
        with Image.open(resolve(site, base, url)) as image:
            assert descriptor == f"{image.width}w", f"{where}: {url} is said {descriptor}, the file is {image.width} px wide"


def _page_images(site: Path) -> int:
    """Checks every image of every page; returns how many."""
    count = 0
    for file in site_pages(site):
        path = url_path_of(site, file)
        tree = parse(file)
        for img in tree.iter("img"):
            _check(img, resolve(site, path, img.get("src")), path)
            if img.get("srcset"):
                _check_srcset(img.get("srcset"), path, site, path)
            count += 1
        for source in tree.iter("source"):
            _check_srcset(source.get("srcset"), path, site, path)
        meta = {m.get("property"): m.get("content") for m in tree.iter("meta") if m.get("property")}
        if "og:image" in meta:
            with Image.open(site / meta["og:image"][len(SITE_URL):]) as image:
                assert (int(meta["og:image:width"]), int(meta["og:image:height"])) == image.size, path
    return count


def _feed_images(site: Path) -> int:
    """Checks every image in every feed's content (any element whose text is HTML)."""
    count = 0
    for feed in sorted(site.rglob("feeds/**/*.xml")):
        where = feed.relative_to(site).as_posix()
        for element in ET.fromstring(feed.read_bytes()).iter():
            if not element.text or "<img" not in element.text:
                continue
            for img in lxml.html.fragment_fromstring(element.text, create_parent="div").iter("img"):
                src = img.get("src")
                assert src.startswith(SITE_URL), f"{where}: {src}"
                assert img.get("srcset") is None, where
                _check(img, site / src[len(SITE_URL):], where)
                count += 1
    return count


def test_every_image_of_every_page_states_the_size_of_its_file(photo_site):
    # Per language: the article's 6 photos and its cover, the news list's card.
    assert _page_images(photo_site.site) >= 2 * (6 + 1 + 1)


def test_every_image_of_every_feed_states_the_size_of_its_file(photo_site):
    # 6 photos per article, in each language's RSS and Atom news, category and member feeds.
    assert _feed_images(photo_site.site) >= 2 * 2 * 3 * 6


def test_feeds_carry_each_photo_as_its_960_px_jpeg_or_smaller(photo_site):
    rss = (photo_site.site / "en/feeds/news.rss.xml").read_text(encoding="utf-8")
    sizes = re.findall(r"images/(\w+)\.[0-9a-f]{8}\.(\d+)\.(jpg|png)", rss)
    assert sorted(set(sizes)) == [("clear", "700", "png"), ("mirrored", "960", "jpg"), ("sideways", "960", "jpg"),
                                  ("small", "300", "jpg"), ("wide", "960", "jpg")]


def test_the_real_sites_images_state_the_size_of_their_files(real_site):
    """The real site: the member map (an SVG drawn around the members) among them."""
    assert _page_images(real_site.site) >= 2  # the member map, in each language
    _feed_images(real_site.site)
