"""Photos (multilingual_site/photos.py, photo_markup.py), called with small generated images:
a photo taken sideways or mirrored is published upright, checked by the pixels of marked
corners; every use gets the size it needs (a card 480 px and 960 px for sharp screens, an
article every size, feeds and sharing the 960 px JPEG); names carry the content hash and the
width; nothing of the camera's EXIF is published."""

from __future__ import annotations

import io
import json
import os
import struct
import zlib
from pathlib import Path
from types import SimpleNamespace

import lxml.html
import pytest
from PIL import Image

from sitebuild import hook_module

photos = hook_module("photos")
photo_markup = hook_module("photo_markup")
views = hook_module("views")
build_context = hook_module("build_context")

RED, GREEN, GREY = (220, 20, 20), (20, 200, 20), (128, 128, 128)
UPRIGHT = (160, 120)  # the picture as the photographer saw it: red top left, green top right


def upright_picture() -> Image.Image:
    image = Image.new("RGB", UPRIGHT, GREY)
    width, height = UPRIGHT
    image.paste(RED, (0, 0, width // 4, height // 4))
    image.paste(GREEN, (width - width // 4, 0, width, height // 4))
    return image


# How a camera stores the upright picture for each EXIF orientation (Exif 2.3, tag 0x0112:
# where the stored image's first row and first column are when seen upright): the stored
# pixels are the upright picture turned by the inverse of what the tag asks a viewer to do.
STORED = {
    1: lambda u: u,
    2: lambda u: u.transpose(Image.Transpose.FLIP_LEFT_RIGHT),  # mirrored
    3: lambda u: u.transpose(Image.Transpose.ROTATE_180),
    4: lambda u: u.transpose(Image.Transpose.FLIP_TOP_BOTTOM),
    5: lambda u: u.transpose(Image.Transpose.TRANSPOSE),  # mirrored and a quarter turn
    6: lambda u: u.transpose(Image.Transpose.ROTATE_90),  # sideways: the viewer turns it clockwise
    7: lambda u: u.transpose(Image.Transpose.TRANSVERSE),
    8: lambda u: u.transpose(Image.Transpose.ROTATE_270),
}


def camera_file(path: Path, orientation: int, picture: Image.Image | None = None, fmt: str = "JPEG") -> Path:
    stored = STORED[orientation](picture or upright_picture())
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "TestCam"
    exif.get_ifd(0x8825).update({1: "N", 2: (31.0, 12.0, 0.0), 3: "E", 4: (121.0, 28.0, 0.0)})
    path.parent.mkdir(parents=True, exist_ok=True)
    stored.save(path, fmt, exif=exif, **({"quality": 95} if fmt == "JPEG" else {}))
    return path


def colour_near(pixel, colour, tolerance=40) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(pixel[:3], colour))


@pytest.fixture
def folders(tmp_path):
    return SimpleNamespace(docs=tmp_path / "docs", cache=tmp_path / "cache", site=tmp_path / "site")


def published(folders, source: str) -> photos.Photo:
    photo = photos.plan(source, folders.docs, photos.Index(folders.cache))
    photos.produce([photo], folders.docs, folders.cache, folders.site)
    return photo


# Upright, by the pixels ---------------------------------------------------------------------

@pytest.mark.parametrize("orientation", range(1, 9))
def test_a_photo_is_published_upright_whatever_its_exif_orientation(folders, orientation):
    camera_file(folders.docs / "images/photo.jpg", orientation)
    photo = published(folders, "images/photo.jpg")
    assert (photo.width, photo.height) == UPRIGHT
    assert [(r.width, r.height, r.format) for r in photo.renditions] == [(160, 120, "WEBP"), (160, 120, "JPEG")]
    for rendition in photo.renditions:
        with Image.open(folders.site / rendition.path) as image:
            assert image.size == (rendition.width, rendition.height) and image.format == rendition.format
            rgb = image.convert("RGB")
            width, height = image.size
            corner = lambda x, y: rgb.getpixel((x * (width - 1), y * (height - 1)))
            assert colour_near(corner(0, 0), RED), (orientation, rendition.path, "top left")
            assert colour_near(corner(1, 0), GREEN), (orientation, rendition.path, "top right")
            assert colour_near(corner(0, 1), GREY) and colour_near(corner(1, 1), GREY), (orientation, rendition.path)


def test_a_photo_is_published_without_the_cameras_exif_or_position(folders):
    camera_file(folders.docs / "images/photo.jpg", 6)
    photo = published(folders, "images/photo.jpg")
    for rendition in photo.renditions:
        data = (folders.site / rendition.path).read_bytes()
        assert b"TestCam" not in data and b"Exif" not in data
        with Image.open(io.BytesIO(data)) as image:
            assert not image.getexif() and "exif" not in image.info


def test_the_colour_profile_is_kept(folders):
    from PIL import ImageCms
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    path = folders.docs / "images/profiled.jpg"
    path.parent.mkdir(parents=True)
    upright_picture().save(path, "JPEG", icc_profile=icc)  # 160 px: one size
    photo = published(folders, "images/profiled.jpg")
    for rendition in photo.renditions:
        with Image.open(folders.site / rendition.path) as image:
            assert image.info.get("icc_profile") == icc, rendition.path


def test_a_picture_with_transparency_stays_a_png_with_its_transparency(folders):
    path = folders.docs / "images/logo.png"
    path.parent.mkdir(parents=True)
    picture = Image.new("RGBA", (500, 30), (0, 0, 0, 0))
    picture.paste((200, 30, 30, 255), (0, 0, 10, 10))
    picture.save(path, "PNG")
    photo = published(folders, "images/logo.png")
    assert [(r.width, r.format) for r in photo.renditions] == [(480, "WEBP"), (500, "WEBP"), (480, "PNG"), (500, "PNG")]
    assert photo.fallback_format == "PNG" and photo.fallback(960).mime == "image/png"
    with Image.open(folders.site / photo.fallback(960).path) as image:
        assert image.mode == "RGBA" and image.getpixel((499, 29))[3] == 0 and image.getpixel((0, 0))[3] == 255


def test_a_palette_picture_without_transparency_is_published_as_jpeg(folders):
    path = folders.docs / "images/chart.png"
    path.parent.mkdir(parents=True)
    upright_picture().convert("P").save(path, "PNG")
    photo = published(folders, "images/chart.png")
    assert photo.fallback_format == "JPEG"
    with Image.open(folders.site / photo.fallback(960).path) as image:
        assert image.format == "JPEG" and image.mode == "RGB" and colour_near(image.getpixel((0, 0)), RED)


def test_a_grayscale_photo_is_published_as_colour_jpeg_like_every_other(folders):
    path = folders.docs / "images/grey.jpg"
    path.parent.mkdir(parents=True)
    upright_picture().convert("L").save(path, "JPEG")
    photo = published(folders, "images/grey.jpg")
    with Image.open(folders.site / photo.fallback(960).path) as image:
        assert image.mode == "RGB"


def test_each_size_is_made_from_the_next_larger_one_with_a_sharp_filter(folders):
    """Lossless PNG sizes show the pixels: the largest from the original, each smaller one
    from the size above it, with Lanczos (a blurrier filter or another order gives others)."""
    path = folders.docs / "images/pattern.png"
    path.parent.mkdir(parents=True)
    pattern = Image.new("RGBA", (1700, 60), (0, 0, 0, 0))
    for x in range(0, 1700, 7):
        pattern.paste((200, 30, 30, 255), (x, 0, x + 3, 60))
    pattern.save(path, "PNG")
    photo = published(folders, "images/pattern.png")
    expected, source = {}, pattern
    for rendition in sorted(photo.of("PNG"), key=lambda r: -r.width):
        source = source.resize((rendition.width, rendition.height), Image.LANCZOS)
        expected[rendition.path] = source
    for path_of, picture in expected.items():
        with Image.open(folders.site / path_of) as image:
            assert image.tobytes() == picture.tobytes(), path_of


# The Index: sizes without decoding --------------------------------------------------------

@pytest.mark.parametrize("orientation, size", [(1, (60, 40)), (2, (60, 40)), (3, (60, 40)), (4, (60, 40)),
                                               (5, (40, 60)), (6, (40, 60)), (7, (40, 60)), (8, (40, 60))])
def test_the_index_knows_a_photos_upright_size_from_its_header(tmp_path, orientation, size):
    file = tmp_path / "photo.jpg"
    Image.new("RGB", (60, 40)).save(file, "JPEG", exif=_exif(orientation))
    digest, width, height, alpha = photos.Index(tmp_path / "cache").describe(file)
    assert (width, height) == size and alpha is False and len(digest) == 64


def _exif(orientation):
    exif = Image.Exif()
    exif[0x0112] = orientation
    return exif


@pytest.mark.parametrize("mode, info, alpha", [("RGB", {}, False), ("RGBA", {}, True), ("LA", {}, True), ("L", {}, False),
                                               ("P", {}, False), ("P", {"transparency": 0}, True)])
def test_the_index_knows_which_pictures_have_transparency(tmp_path, mode, info, alpha):
    file = tmp_path / "picture.png"
    Image.new(mode, (20, 10)).save(file, "PNG", **info)
    assert photos.Index(tmp_path / "cache").describe(file)[3] is alpha


def test_a_warm_index_reads_no_photo_and_is_kept_between_builds(tmp_path):
    file = tmp_path / "photo.jpg"
    Image.new("RGB", (60, 40)).save(file, "JPEG")
    index = photos.Index(tmp_path / "cache")
    assert index.changed is False
    described = index.describe(file)
    assert index.changed is True
    index.save()
    again = photos.Index(tmp_path / "cache")
    stat = file.stat()
    file.write_bytes(b"\0" * stat.st_size)  # same size and time: the photo is not read again
    os.utime(file, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert again.describe(file) == described and again.changed is False
    again.save()  # nothing changed: nothing written
    assert len(list((tmp_path / "cache").iterdir())) == 1
    os.utime(file, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1))  # edited: read again
    with pytest.raises(Exception):
        again.describe(file)


def test_a_damaged_index_is_started_afresh(tmp_path):
    index = photos.Index(tmp_path)
    index.file.write_text("{not json", encoding="utf-8")
    assert photos.Index(tmp_path).known == {}
    assert index.file.name.startswith("index-") and index.file.suffix == ".json"


def test_the_index_is_saved_again_into_its_folder(tmp_path):
    for size in ((30, 20), (40, 20)):
        file = tmp_path / f"photo-{size[0]}.jpg"
        Image.new("RGB", size).save(file, "JPEG")
        index = photos.Index(tmp_path / "cache")
        index.describe(file)
        index.save()
    assert len(photos.Index(tmp_path / "cache").known) == 2


def test_the_index_is_saved_whole_under_a_name_of_its_settings(tmp_path):
    file = tmp_path / "photo.jpg"
    Image.new("RGB", (30, 20)).save(file, "JPEG")
    index = photos.Index(tmp_path / "cache" / "deeper")
    index.describe(file)
    index.save()
    saved = json.loads(index.file.read_text(encoding="utf-8"))
    assert list(saved.values())[0][1:] == [30, 20, False]
    assert [p.name for p in index.file.parent.iterdir()] == [index.file.name]  # no temporary file left


# plan: names and sizes ------------------------------------------------------------------------

class _Known:
    """An index that already knows the photo (what a warm build has)."""

    def __init__(self, width, height, alpha=False, digest="3fa2b1c0" + "0" * 56):
        self.answer = (digest, width, height, alpha)

    def describe(self, file):
        return self.answer


@pytest.mark.parametrize("size, widths", [
    ((4000, 3000), [(480, 360), (960, 720), (1600, 1200)]),
    ((1200, 2000), [(480, 800), (960, 1600), (1200, 2000)]),  # never wider than the original
    ((1920, 1081), [(480, 270), (960, 540), (1600, 901)]),  # each height from the original's, rounded once
    ((960, 500), [(480, 250), (960, 500)]),
    ((700, 500), [(480, 343), (700, 500)]),
    ((300, 200), [(300, 200)]),
    ((5000, 2), [(480, 1), (960, 1), (1600, 1)]),  # never 0 px high
])
def test_plan_names_every_size_by_hash_and_width(size, widths):
    photo = photos.plan("news/2024/images/ningbo.jpg", Path("docs"), _Known(*size))
    assert (photo.source, photo.width, photo.height) == ("news/2024/images/ningbo.jpg", *size)
    assert photo.digest == "3fa2b1c0" + "0" * 56
    expected = [(f"news/2024/images/ningbo.3fa2b1c0.{w}.{ext}", w, h, fmt)
                for fmt, ext in (("WEBP", "webp"), ("JPEG", "jpg")) for w, h in widths]
    assert [(r.path, r.width, r.height, r.format) for r in photo.renditions] == expected


def test_plan_of_a_transparent_picture_gives_png_not_jpeg():
    photo = photos.plan("logo.PNG", Path("docs"), _Known(900, 300, alpha=True))
    assert [r.path for r in photo.of("PNG")] == ["logo.3fa2b1c0.480.png", "logo.3fa2b1c0.900.png"]
    assert photo.of("JPEG") == [] and [r.mime for r in photo.renditions] == ["image/webp"] * 2 + ["image/png"] * 2


@pytest.mark.parametrize("path, is_photo", [("a.jpg", True), ("a.JPEG", True), ("b/c.png", True), ("c.webp", True),
                                            ("d.gif", False), ("e.svg", False), ("f.pdf", False), ("jpg", False)])
def test_which_files_are_photos(path, is_photo):
    assert photos.is_photo(path) is is_photo


# Every use, its size ------------------------------------------------------------------------

PHOTO = photos.plan("news/2024/images/x.jpg", Path("docs"), _Known(4000, 3000))


def url(path):
    return "../" + path


def test_the_sizes_each_use_needs_are_the_widths_of_the_plan():
    assert photos.RENDITION_WIDTHS == (480, 960, 1600)
    assert photos.CARD_WIDTH == 480 and photos.SHARE_WIDTH == 960


def test_a_card_shows_the_480_px_size_and_offers_960_px_to_sharp_screens(monkeypatch):
    monkeypatch.setattr(build_context, "_build", build_context.Build("build", photos={"news/2024/images/x.jpg": PHOTO}))
    article = SimpleNamespace(cover_src_uri="news/2024/images/x.jpg")
    cover = views.cover_picture(article, SimpleNamespace(asset=url), photos.CARD_WIDTH, photo_markup.CARD_SIZES)
    assert cover == {
        "sources": [{"type": "image/webp", "srcset": "../news/2024/images/x.3fa2b1c0.480.webp 480w, "
                                                     "../news/2024/images/x.3fa2b1c0.960.webp 960w"}],
        "srcset": "../news/2024/images/x.3fa2b1c0.480.jpg 480w, ../news/2024/images/x.3fa2b1c0.960.jpg 960w",
        "src": "../news/2024/images/x.3fa2b1c0.480.jpg", "width": 480, "height": 360,
        "sizes": "(min-width: 60rem) 24rem, 100vw",
    }
    assert views.cover_picture(SimpleNamespace(cover_src_uri=None), SimpleNamespace(asset=url), 480, "") is None


def test_an_article_offers_every_size_and_states_the_largest():
    shown = photo_markup.picture(PHOTO, url)
    assert shown["srcset"] == ("../news/2024/images/x.3fa2b1c0.480.jpg 480w, ../news/2024/images/x.3fa2b1c0.960.jpg 960w, "
                               "../news/2024/images/x.3fa2b1c0.1600.jpg 1600w")
    assert shown["sources"][0]["srcset"].count("webp") == 3
    assert (shown["src"], shown["width"], shown["height"]) == ("../news/2024/images/x.3fa2b1c0.1600.jpg", 1600, 1200)
    assert photo_markup.ARTICLE_SIZES == "(min-width: 46rem) 880px, 100vw"


def test_a_size_limit_below_every_size_keeps_the_smallest():
    shown = photo_markup.picture(PHOTO, url, fallback_width=100, max_width=100)
    assert shown["srcset"] == "../news/2024/images/x.3fa2b1c0.480.jpg 480w"
    assert shown["sources"][0]["srcset"] == "../news/2024/images/x.3fa2b1c0.480.webp 480w"
    assert (shown["src"], shown["width"]) == ("../news/2024/images/x.3fa2b1c0.480.jpg", 480)


@pytest.mark.parametrize("width, chosen", [(960, 960), (1000, 960), (959, 480), (480, 480), (100, 480), (5000, 1600)])
def test_sharing_takes_the_largest_jpeg_not_wider_than_asked(width, chosen):
    assert PHOTO.fallback(width).width == chosen and PHOTO.fallback(width).format == "JPEG"


def _body(*photos_shown, text=""):
    """A page body as photo.html renders it, one <picture> per photo."""
    def markup(photo):
        shown = photo_markup.picture(photo, url)
        return (f'<p>{text}<picture><source type="image/webp" srcset="{shown["sources"][0]["srcset"]}" sizes="x">'
                f'<img src="{shown["src"]}" srcset="{shown["srcset"]}" sizes="x" width="{shown["width"]}" '
                f'height="{shown["height"]}" alt="a" loading="lazy" decoding="async" fetchpriority="high"></picture>'
                f' after</p>')
    return lxml.html.fragment_fromstring("".join(markup(p) for p in photos_shown), create_parent="div")


@pytest.mark.parametrize("size, stated", [((4000, 3000), (960, 720)), ((1200, 2000), (960, 1600)),
                                          ((1920, 1081), (960, 540)), ((700, 500), (700, 500)), ((300, 200), (300, 200))])
def test_a_feed_carries_the_960_px_jpeg_with_that_files_own_size(size, stated):
    photo = photos.plan("news/2024/images/x.jpg", Path("docs"), _Known(*size))
    body = _body(photo)
    photo_markup.for_feeds(body, photos.SHARE_WIDTH, photo_markup.renditions_by_name([photo]))
    (img,) = body.iter("img")
    assert (int(img.get("width")), int(img.get("height"))) == stated
    assert img.get("src") == f"../news/2024/images/x.3fa2b1c0.{stated[0]}.jpg"
    assert sorted(img.attrib) == ["alt", "height", "src", "width"]
    assert list(body.iter("picture")) == [] and img.tail == " after"


def test_a_feed_image_of_no_known_size_states_none():
    body = _body(PHOTO)
    photo_markup.for_feeds(body, 960, {})
    (img,) = body.iter("img")
    assert img.get("src").endswith(".960.jpg") and img.get("width") is None and img.get("height") is None


def test_a_feed_keeps_the_smallest_size_when_none_is_small_enough_and_skips_an_empty_picture():
    body = _body(PHOTO)
    body.insert(0, lxml.html.fragment_fromstring("<picture><source srcset='x.webp 10w'></picture>"))
    photo_markup.for_feeds(body, 100, photo_markup.renditions_by_name([PHOTO]))
    assert [(i.get("src"), i.get("width")) for i in body.iter("img")] == [("../news/2024/images/x.3fa2b1c0.480.jpg", "480")]
    assert len(list(body.iter("picture"))) == 1  # no <img> in it: left alone


@pytest.mark.parametrize("srcset", ["a.jpg 1x, b.jpg 2x", "480w", "a.jpg 48aw, b.jpg 4a0w", ""])
def test_a_feed_keeps_a_pictures_image_whose_srcset_gives_no_width(srcset):
    body = lxml.html.fragment_fromstring(f'<p><picture><img src="c.jpg" srcset="{srcset}" alt="c"></picture></p>',
                                         create_parent="div")
    photo_markup.for_feeds(body, 960, {})
    assert [(i.get("src"), sorted(i.attrib)) for i in body.iter("img")] == [("c.jpg", ["alt", "src"])]


def test_a_feed_image_lacking_attributes_loses_nothing_else():
    body = lxml.html.fragment_fromstring('<p><picture><img src="c.jpg" srcset="d.jpg 960w"></picture></p>', create_parent="div")
    photo_markup.for_feeds(body, 960, {})
    assert [dict(i.attrib) for i in body.iter("img")] == [{"src": "d.jpg"}]


def test_renditions_are_found_by_their_file_name():
    found = photo_markup.renditions_by_name([PHOTO])
    assert found["x.3fa2b1c0.960.jpg"] == PHOTO.fallback(960) and len(found) == 6


# The page's HTML: each photo's <img> becomes its sizes -------------------------------------------

def render(**context):
    """Stands in for partials/site/photo.html: what the template would get, as text."""
    photo = context["photo"]
    return f"[{photo['src']} {photo['width']}x{photo['height']} alt={context['alt']} caption={context['caption']} " \
           f"lazy={context['lazy']} priority={context['priority']} sizes={context['sizes']}]"


PHOTOS_AT = {"news/2024/images/x.jpg": PHOTO}


@pytest.mark.parametrize("page_url, src", [("news/2024/story/", "../images/x.jpg"), ("news/2024/story/", "../images/x.jpg?v=2#a"),
                                           ("news/2024/", "images/x.jpg")])
def test_a_photo_in_a_page_becomes_its_sizes(page_url, src):
    html = f'<p>Before <img alt="A" src="{src}"> after</p>'
    out = photo_markup.rewrite(html, page_url, PHOTOS_AT.get, render, "elsewhere")
    assert out.startswith("<p>Before [") and out.endswith("] after</p>")
    assert "x.3fa2b1c0.1600.jpg 1600x1200 alt=A caption=None lazy=True priority=False " \
           "sizes=(min-width: 46rem) 880px, 100vw]" in out


def test_a_lone_photo_with_a_title_becomes_a_figure_with_its_caption():
    html = '<h2>T</h2><p><img alt="A" src="../images/x.jpg" title="图：昆明（来源：秘书处）"></p>\n<p>next</p>'
    out = photo_markup.rewrite(html, "news/2024/story/", PHOTOS_AT.get, render, "elsewhere")
    assert out.startswith("<h2>T</h2>[") and "caption=图：昆明（来源：秘书处）" in out and out.endswith("]\n<p>next</p>")


@pytest.mark.parametrize("html", ['<p>Text <img src="../images/x.jpg" title="t"></p>', '<p><img src="../images/x.jpg" title="t"> text</p>',
                                  '<div><img src="../images/x.jpg" title="t"></div>'])
def test_a_titled_photo_among_other_content_is_no_figure(html):
    out = photo_markup.rewrite(html, "news/2024/story/", PHOTOS_AT.get, render, "elsewhere")
    assert "caption=None" in out and "<img" not in out


def test_a_raw_img_written_relative_to_its_article_is_found_too():
    out = photo_markup.rewrite('<p><img src="images/x.jpg" alt="B"> x</p>', "en/news/2024/story/",
                               lambda p: PHOTOS_AT.get(p.removeprefix("en/")), render, "news/2024")
    assert "alt=B" in out and "<img" not in out


@pytest.mark.parametrize("html", ["<p>No image</p>", '<p><img src="https://example.com/images/x.jpg"></p>',
                                  '<p><img src="https://example.com/../../../../../news/2024/images/x.jpg"></p>',
                                  '<p><img src="../images/other.jpg"></p>', "<p><img></p>", '<p><img src=""></p>',
                                  '<p><img src="a.jpg"><video src="../images/x.jpg"></video></p>'])
def test_what_is_not_a_photo_of_the_site_is_left_as_it_is(html):
    assert photo_markup.rewrite(html, "news/2024/story/", PHOTOS_AT.get, render, "news/2024") == html


def test_several_photos_keep_their_order_and_the_text_between_them():
    other = photos.plan("news/2024/images/y.png", Path("docs"), _Known(700, 500, digest="ab" * 32))
    html = 'Lead <img src="../images/x.jpg" alt="1"> middle <img src="../images/y.png" alt="2"> end'
    out = photo_markup.rewrite(f"<p>{html}</p>", "news/2024/story/", {**PHOTOS_AT, "news/2024/images/y.png": other}.get, render,
                               "elsewhere")
    assert out.startswith("<p>Lead [") and " middle [" in out and out.endswith("] end</p>")
    assert out.index("alt=1") < out.index("alt=2") and "y.abababab.700.jpg 700x500" in out


def test_text_before_the_first_element_is_kept():
    out = photo_markup.rewrite('Loose text<p><img src="../images/x.jpg"></p>', "news/2024/story/", PHOTOS_AT.get, render,
                               "elsewhere")
    assert out.startswith("Loose text<p>[")


@pytest.mark.parametrize("page_url, src", [("", "news/2024/images/x.jpg"), ("404.html", "news/2024/images/x.jpg"),
                                           ("news/", "2024/images/x.jpg"), ("news/2024/story/", "../images/x.jpg#top"),
                                           ("en/news/2024/", "images/x.jpg")])
def test_a_photo_is_found_from_the_folder_of_any_pages_url(page_url, src):
    """The home page's URL is "", the 404 page's "404.html": each in its own folder."""
    out = photo_markup.rewrite(f'<p><img src="{src}"> x</p>', page_url, lambda p: PHOTOS_AT.get(p.removeprefix("en/")),
                               render, "elsewhere")
    assert "x.3fa2b1c0.1600.jpg" in out and "<img" not in out


def test_a_photo_after_an_image_that_is_not_one_is_found_too():
    out = photo_markup.rewrite('<p><img src="https://example.com/a.jpg"> and <img src="../images/x.jpg"></p>',
                               "news/2024/story/", PHOTOS_AT.get, render, "elsewhere")
    assert out.startswith('<p><img src="https://example.com/a.jpg"> and [') and "x.3fa2b1c0.1600.jpg" in out


def test_a_photo_without_alternative_text_gets_an_empty_one():
    out = photo_markup.rewrite('<p><img src="../images/x.jpg"> x</p>', "news/2024/story/", PHOTOS_AT.get, render, "elsewhere")
    assert "alt= caption" in out


# problem(): what cannot be published --------------------------------------------------------

def _sparse(file: Path, size: int) -> None:
    """A JPEG's first bytes, then nothing (a sparse file: no 31 MB written)."""
    file.write_bytes(b"\xff\xd8")
    os.truncate(file, size)


def _png_header(width, height) -> bytes:
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)) + chunk(b"IEND", b"")


@pytest.mark.parametrize("name, make, message", [
    ("big.jpg", lambda f: _sparse(f, 31 * 1024 * 1024),
     "the file is 31 MB; photos are limited to 30 MB: export it smaller"),
    ("huge.png", lambda f: f.write_bytes(_png_header(7000, 6000)),
     "the photo has 42 million pixels; photos are limited to 40 million: export it smaller"),
    ("text.jpg", lambda f: f.write_text("not a photo"),
     "this is not a JPEG image (the file is damaged or is something else); export it again"),
    ("png.jpg", lambda f: Image.new("RGB", (6, 4)).save(f, "PNG"), "this is a PNG image under a name for JPEG; rename it to png.png"),
    ("jpeg.webp", lambda f: Image.new("RGB", (6, 4)).save(f, "JPEG"), "this is a JPEG image under a name for WEBP; rename it to jpeg.jpg"),
])
def test_a_photo_that_cannot_be_published_is_named_with_what_to_do(tmp_path, name, make, message):
    make(tmp_path / name)
    assert photos.problem(tmp_path / name) == message


def test_the_limits_are_said_in_whole_megabytes_and_millions_rounded(tmp_path):
    _sparse(tmp_path / "big.jpg", 30 * 1024 * 1024 + 512 * 1024 + 1)  # 30.5 MB and a byte
    assert photos.problem(tmp_path / "big.jpg").startswith("the file is 31 MB;")
    (tmp_path / "many.png").write_bytes(_png_header(6342, 6386))  # 40,500,012 pixels
    assert photos.problem(tmp_path / "many.png").startswith("the photo has 41 million pixels;")


@pytest.mark.parametrize("size", [(6000, 6666), (8000, 5000), (6, 4)])
def test_a_photo_within_the_limits_has_no_problem(tmp_path, size):
    (tmp_path / "ok.png").write_bytes(_png_header(*size))
    _sparse(tmp_path / "exactly.jpg", 30 * 1024 * 1024)
    assert photos.problem(tmp_path / "ok.png") is None
    assert photos.problem(tmp_path / "exactly.jpg").startswith("this is not a JPEG image")  # not too big: damaged


# produce(): deterministic and cached ----------------------------------------------------------

def test_sizes_are_made_once_and_published_from_the_cache_by_link(folders):
    camera_file(folders.docs / "images/photo.jpg", 6, upright_picture().resize((1000, 750)))
    photo = photos.plan("images/photo.jpg", folders.docs, photos.Index(folders.cache))
    assert photos.produce([photo], folders.docs, folders.cache, folders.site) == 6
    first = {r.path: (folders.site / r.path).read_bytes() for r in photo.renditions}
    again = folders.site.parent / "again"
    assert photos.produce([photo], folders.docs, folders.cache, again) == 0  # all from the cache
    for rendition in photo.renditions:
        assert (again / rendition.path).read_bytes() == first[rendition.path]
        assert (again / rendition.path).stat().st_nlink >= 2  # a link to the cached file, not a copy
    cached = sorted(p.name for p in folders.cache.rglob("*.*") if p.is_file())
    assert cached == sorted(r.path.split("/")[-1] for r in photo.renditions)
    stale = folders.site / photo.renditions[0].path
    stale.unlink()  # (writing into it would write into the cache: it is the same file)
    stale.write_bytes(b"stale")
    photos.produce([photo], folders.docs, folders.cache, folders.site)  # replaces what was there
    assert (folders.site / photo.renditions[0].path).read_bytes() == first[photo.renditions[0].path]


def test_a_missing_size_is_made_anew_and_the_same_bytes_come_out(folders):
    camera_file(folders.docs / "images/photo.jpg", 8, upright_picture().resize((1000, 750)))
    photo = published(folders, "images/photo.jpg")
    first = {r.path: (folders.site / r.path).read_bytes() for r in photo.renditions}
    for cached in folders.cache.rglob("*.480.*"):
        cached.unlink()
    assert photos.produce([photo], folders.docs, folders.cache, folders.site.parent / "again") == 2
    assert {r.path: (folders.site.parent / "again" / r.path).read_bytes() for r in photo.renditions} == first


def test_a_size_is_copied_where_it_cannot_be_linked(folders, monkeypatch):
    camera_file(folders.docs / "images/photo.jpg", 1)
    photo = published(folders, "images/photo.jpg")

    def cannot_link(source, target):
        raise OSError(18, "Invalid cross-device link")
    monkeypatch.setattr(os, "link", cannot_link)
    copy = folders.site.parent / "elsewhere"
    photos.produce([photo], folders.docs, folders.cache, copy)
    for rendition in photo.renditions:
        assert (copy / rendition.path).read_bytes() == (folders.site / rendition.path).read_bytes()
        assert (copy / rendition.path).stat().st_nlink == 1


def test_a_large_photo_is_resized_from_its_upright_picture(folders):
    picture = upright_picture().resize((2000, 1500))
    camera_file(folders.docs / "images/big.jpg", 6, picture)
    photo = published(folders, "images/big.jpg")
    assert (photo.width, photo.height) == (2000, 1500)
    with Image.open(folders.site / photo.fallback(1600).path) as image:
        assert image.size == (1600, 1200)
        assert colour_near(image.getpixel((5, 5)), RED) and colour_near(image.getpixel((1594, 5)), GREEN)
