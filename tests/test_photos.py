"""Photos, with a generated camera photo: stored sideways (EXIF orientation 6) with the
camera's GPS position. Every photo a page shows is published in a few sizes, upright and
without EXIF, deterministic and cached; pages show them with srcset, width and height;
captions make figures; sharing and feeds get a medium JPEG; originals stay unpublished."""

from __future__ import annotations

import io
import re
import shutil
import unicodedata
from urllib.parse import quote, unquote

import pytest
from PIL import Image

from pages import parse, resolve
from sitebuild import build, edit_file, make_project

ARTICLE = "docs/news/2023/normal-pair.{}.md"
CAPTION = {"zh": "图：测试照片（来源：测试）", "en": "Photo: a test photo (Source: test)"}


def camera_photo(width=2000, height=1200) -> bytes:
    """A JPEG as a camera writes it: sideways on the sensor, EXIF orientation 6 (turn 90°
    clockwise to view), the camera's make and a GPS position."""
    image = Image.new("RGB", (width, height), (40, 120, 60))
    for x in range(0, width, 40):  # a pattern, so sizes differ in content
        image.paste((200, 200, 40), (x, 0, x + 8, height // 4))
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation
    exif[0x010F] = "TestCam"  # Make
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (31.0, 12.0, 0.0), 3: "E", 4: (121.0, 28.0, 0.0)})
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90, exif=exif)
    return out.getvalue()


def _photo_site(tmp_path, extra_env=None, **edits):
    project = make_project(tmp_path)
    images = project / "docs/news/2023/images"
    images.mkdir(parents=True)
    (images / "camera.jpg").write_bytes(camera_photo())
    (images / "linked.jpg").write_bytes(camera_photo(800, 600))
    for lang in ("zh", "en"):
        edit_file(project, ARTICLE.format(lang), "members: [kunming]", "members: [kunming]\ncover: images/camera.jpg")
        edit_file(project, ARTICLE.format(lang), "## ", f'![A test photo](images/camera.jpg "{CAPTION[lang]}")\n\n'
                  "[original](images/linked.jpg)\n\n## ")
    return project


@pytest.fixture(scope="module")
def photo_site(tmp_path_factory):
    project = _photo_site(tmp_path_factory.mktemp("photos"))
    result = build(project)
    assert result.returncode == 0, result.output
    return result


def _sizes(site):
    return sorted(p.relative_to(site).as_posix() for p in (site / "news/2023/images").iterdir())


def test_each_photo_is_published_in_a_few_upright_sizes_without_exif(photo_site):
    site = photo_site.site
    files = _sizes(site)
    sizes = [f for f in files if "camera." in f]
    assert len(sizes) == 6 and all(re.fullmatch(r"news/2023/images/camera\.[0-9a-f]{8}\.(480|960|1200)\.(webp|jpg)", f) for f in sizes)
    for name in sizes:
        with Image.open(site / name) as image:
            assert image.height > image.width  # turned upright: the sensor's 2000x1200 is a 1200x2000 portrait
            assert image.format == ("WEBP" if name.endswith(".webp") else "JPEG")
            assert not image.getexif() and "exif" not in image.info and "xmp" not in image.info
    assert b"TestCam" not in b"".join((site / f).read_bytes() for f in sizes)
    assert not (site / "news/2023/images/camera.jpg").exists() and not list(site.rglob("camera.en.jpg"))
    assert not list(site.rglob("camera.*.1600.*"))  # never wider than the original


def test_an_original_linked_as_a_file_is_published(photo_site):
    assert (photo_site.site / "news/2023/images/linked.jpg").exists()


def test_pages_show_photos_with_srcset_width_height_and_captions(photo_site):
    site = photo_site.site
    for lang, prefix in (("zh", ""), ("en", "en/")):
        path = prefix + "news/2023/normal-pair/"
        tree = parse(site / path / "index.html")
        figure = tree.cssselect(".site-article__body figure.site-photo")[0]
        assert figure.cssselect("figcaption")[0].text == CAPTION[lang]
        source = figure.cssselect("picture > source")[0]
        assert source.get("type") == "image/webp" and source.get("srcset").count("w,") == 2
        img = figure.cssselect("picture img")[0]  # (lxml, like libxml2, nests it in the void <source>)
        assert img.get("alt") == "A test photo" and img.get("loading") == "lazy" and img.get("title") is None
        assert (img.get("width"), img.get("height")) == ("1200", "2000")
        for candidate in [c.strip().split(" ")[0] for c in img.get("srcset").split(",")] + [img.get("src")]:
            assert resolve(site, path, candidate).exists(), candidate
        cover = tree.cssselect(".site-article__cover img")[0]
        assert cover.get("loading") is None and cover.get("fetchpriority") == "high"
        card = parse(site / prefix / "news/index.html").cssselect(".site-card__media img")[0]
        assert card.get("src").endswith(".480.jpg") and card.get("loading") == "lazy"  # the small size
        assert resolve(site, prefix + "news/", card.get("src")).exists()


def test_sharing_and_feeds_get_a_medium_jpeg(photo_site):
    site = photo_site.site
    tree = parse(site / "en/news/2023/normal-pair/index.html")
    meta = {m.get("property") or m.get("name"): m.get("content") for m in tree.iter("meta")}
    assert re.fullmatch(r"https://eastasia\.iclei\.org/news/2023/images/camera\.[0-9a-f]{8}\.960\.jpg", meta["og:image"])
    assert meta["twitter:image"] == meta["og:image"] and int(meta["og:image:width"]) <= 1200
    assert meta["twitter:card"] == "summary_large_image"
    feed = (site / "en/feeds/news.rss.xml").read_text(encoding="utf-8")
    assert re.search(r"&lt;img src=\"https://eastasia\.iclei\.org/news/2023/images/camera\.[0-9a-f]{8}\.960\.jpg\"", feed)
    assert "srcset" not in feed and "&lt;picture" not in feed


def test_photos_are_the_same_bytes_on_a_rebuild_and_come_from_the_cache(photo_site, tmp_path):
    site = photo_site.site
    before = {f: (site / f).read_bytes() for f in _sizes(site)}
    again = build(photo_site.project, site=tmp_path / "again")
    assert again.returncode == 0, again.output
    assert "size(s) made anew" not in again.output  # all from .cache/photos/
    assert {f: (again.site / f).read_bytes() for f in _sizes(again.site)} == before
    shutil.rmtree(photo_site.project / ".cache" / "photos")
    cold = build(photo_site.project, site=tmp_path / "cold")
    assert "Photos: 6 size(s) made anew" in cold.output  # the photo shown; the one only linked is published as it is
    assert {f: (cold.site / f).read_bytes() for f in _sizes(cold.site)} == before


@pytest.mark.parametrize("make, message", [
    (lambda path: path.write_bytes(b"\xff\xd8" + b"\0" * (31 * 1024 * 1024)), "the file is 31 MB; photos are limited to 30 MB"),
    (lambda path: Image.new("L", (7000, 6000)).save(path, "JPEG"), "the photo has 42 million pixels; photos are limited to 40 million"),
    (lambda path: path.write_text("not a photo", encoding="utf-8"), "this is not a JPEG image"),
    (lambda path: Image.new("RGB", (600, 400)).save(path, "PNG"), "this is a PNG image under a name for JPEG; rename it to big.png"),
])
def test_a_photo_the_site_cannot_publish_is_named_with_its_line(tmp_path, make, message):
    project = make_project(tmp_path)
    images = project / "docs/news/2024/images"
    images.mkdir(parents=True)
    make(images / "big.jpg")
    edit_file(project, "docs/news/2024/chinese-only.zh.md", "只有中文版本。", "只有中文版本。\n\n![图](images/big.jpg)")
    result = build(project)
    assert result.returncode != 0 and "Traceback" not in result.output
    assert f"docs/news/2024/chinese-only.zh.md:10: image: news/2024/images/big.jpg: {message}" in result.output, result.output


def test_a_cover_smaller_than_a_card_is_a_warning_that_stops_a_published_build(tmp_path):
    project = make_project(tmp_path)
    images = project / "docs/news/2024/images"
    images.mkdir(parents=True)
    Image.new("RGB", (320, 200)).save(images / "small.jpg", "JPEG")
    edit_file(project, "docs/news/2024/chinese-only.zh.md", "members: [ulaanbaatar]", "members: [ulaanbaatar]\ncover: images/small.jpg")
    result = build(project)
    assert result.returncode != 0
    assert ("docs/news/2024/chinese-only.zh.md:6: cover: images/small.jpg is 320 px wide; cards need at least 480 px"
            in result.output), result.output
    assert build(project, site=tmp_path / "preview", options=("--no-strict",)).returncode == 0  # as the preview builds


# Image addresses however they are written -------------------------------------------------

# A word per script; Chinese has no decomposed form, Korean syllables and Japanese kana with
# voicing marks have one (macOS writes file names decomposed, NFD).
NAMES = {"zh": "宁波活动", "ko": "울란바토르", "ja": "ウランバートル"}


def _written(word: str, form: str) -> str:
    return unicodedata.normalize(form, word)


@pytest.fixture(scope="module")
def named_photos_site(tmp_path_factory):
    """Photos with Chinese, Korean and Japanese names, each on disk in one normalisation form
    and named in the article in the other (or percent-encoded), as a cover, inline and by
    reference."""
    project = make_project(tmp_path_factory.mktemp("names"))
    images = project / "docs/news/2023/images"
    images.mkdir(parents=True)
    body = []
    for script, word in NAMES.items():
        for use, disk, text in (("plain", "NFC", "NFC"), ("inline", "NFD", "NFC"), ("ref", "NFC", "NFD"),
                                ("encoded", "NFD", "NFC")):
            (images / f"{_written(word, disk)}-{use}.jpg").write_bytes(camera_photo(1000, 800))
            name = f"{_written(word, text)}-{use}.jpg"
            if use in ("plain", "inline"):
                body.append(f"![{script} inline](images/{name})")
            elif use == "ref":
                body.append(f"![{script} by reference][{script}-photo]\n\n[{script}-photo]: images/{name}")
            else:
                body.append(f"![{script} encoded](images/{quote(name)})")
    (images / f"{_written(NAMES['ko'], 'NFD')}-cover.jpg").write_bytes(camera_photo(1000, 800))
    for lang in ("zh", "en"):
        edit_file(project, ARTICLE.format(lang), "members: [kunming]",
                  f"members: [kunming]\ncover: images/{_written(NAMES['ko'], 'NFC')}-cover.jpg")
        edit_file(project, ARTICLE.format(lang), "## ", "\n\n".join(body) + "\n\n## ")
    result = build(project)
    assert result.returncode == 0, result.output
    return result


def _shown_files(site, page_path: str) -> list:
    """Every file an <img> or <source> of the page points to, resolved in the site."""
    tree = parse(site / page_path / "index.html")
    addresses = [img.get("src") for img in tree.iter("img")]
    addresses += [part.strip().rsplit(" ", 1)[0] for element in tree.iter("img", "source")
                  for part in (element.get("srcset") or "").split(",") if part.strip()]
    return [resolve(site, page_path, unquote(address)) for address in addresses]


@pytest.mark.parametrize("lang_root", ["", "en/"])
def test_photos_named_in_any_script_and_form_are_published_and_shown(named_photos_site, lang_root):
    site = named_photos_site.site
    shown = _shown_files(site, f"{lang_root}news/2023/normal-pair/")
    photos = [file for file in shown if "/images/" in file.as_posix()]
    assert len({f.name.split(".")[0] for f in photos}) == 3 * 4 + 1, sorted({f.name for f in photos})
    assert all(file.is_file() for file in shown), [str(f) for f in shown if not f.is_file()]
    assert all(re.search(r"\.[0-9a-f]{8}\.\d+\.(webp|jpg)$", f.name) for f in photos), "every photo shown in its sizes"
    for file in photos:  # published under the NFC name, whatever the disk or the text had
        assert unicodedata.is_normalized("NFC", file.name), file.name
    listing = _shown_files(site, f"{lang_root}news/")
    assert any(f.name.startswith(_written(NAMES["ko"], "NFC") + "-cover.") and f.is_file() for f in listing)


def test_two_files_whose_names_differ_only_in_their_unicode_form_are_refused(tmp_path):
    project = make_project(tmp_path)
    images = project / "docs/news/2023/images"
    images.mkdir(parents=True)
    for form in ("NFC", "NFD"):
        (images / f"{_written(NAMES['ko'], form)}.jpg").write_bytes(camera_photo(1000, 800))
    result = build(project)
    assert result.returncode != 0 and "Traceback" not in result.output
    assert "written with other Unicode code points (a name copied from a Mac); keep one of them" in result.output
