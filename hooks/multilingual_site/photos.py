"""Photos: the sizes a page shows, made once from the original and published in its place.

A camera photo is neither what a phone should download nor what the public should get: it
weighs megabytes, may be stored sideways (EXIF orientation) and carries the camera's EXIF,
GPS position included. So every raster image a page shows (JPEG, PNG, WebP) is published as
a few widths (RENDITION_WIDTHS, never wider than the original) in WebP and in JPEG (PNG for
a picture with transparency), each
- turned upright from its EXIF orientation, then stripped of EXIF, GPS, XMP and comments
  (only the colour profile is kept);
- written deterministically: the same original and settings give the same bytes;
- named by the original's content hash (`ningbo.3fa2b1c0.960.webp`), so it can be cached
  for a year and an edited photo gets new names;
- cached between builds under `.cache/photos/`, keyed by content hash and SETTINGS, so an
  unchanged photo costs nothing but a file link.
The original is not published, unless a page links it explicitly (`[download](images/x.jpg)`).

Plain data in, plain data out: `plan()` says what each photo becomes (names, sizes) without
decoding it, which is all the pages need; `produce()` writes the files (in a background
process in a full build: see hooks/photo_sizes.py).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import posixpath
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps

RENDITION_WIDTHS = (480, 960, 1600)
CARD_WIDTH = 480  # what a card shows (the smallest width): a cover narrower than this looks blurred
SHARE_WIDTH = 960  # og:image, twitter:image and feeds: a JPEG of at most 1200 px
MAX_PIXELS = 40_000_000
MAX_BYTES = 30 * 1024 * 1024
PHOTO_SUFFIXES = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP"}
# Part of every cache key: changing a setting makes every rendition anew.
SETTINGS = {"version": 2, "widths": RENDITION_WIDTHS, "jpeg": {"quality": 82, "progressive": True, "optimize": True},
            "webp": {"quality": 78, "method": 3}, "png": {"optimize": True}, "pillow": Image.__version__}
_SETTINGS_KEY = hashlib.sha256(json.dumps(SETTINGS, sort_keys=True).encode()).hexdigest()[:12]

Image.MAX_IMAGE_PIXELS = None  # checked by `problem()` with a message of our own, before decoding


def is_photo(path: str) -> bool:
    return posixpath.splitext(path)[1].lower() in PHOTO_SUFFIXES


@dataclass(frozen=True)
class Rendition:
    path: str  # site path, e.g. news/2023/images/ningbo.3fa2b1c0.960.webp
    width: int
    height: int
    format: str  # WEBP, JPEG or PNG

    @property
    def mime(self) -> str:
        return {"WEBP": "image/webp", "JPEG": "image/jpeg", "PNG": "image/png"}[self.format]


@dataclass(frozen=True)
class Photo:
    """What one original becomes."""

    source: str  # docs path of the original
    digest: str  # sha256 of its bytes
    width: int  # upright
    height: int
    renditions: tuple[Rendition, ...]

    def of(self, fmt: str) -> list[Rendition]:
        return [r for r in self.renditions if r.format == fmt]

    @property
    def fallback_format(self) -> str:
        return "PNG" if any(r.format == "PNG" for r in self.renditions) else "JPEG"

    def fallback(self, width: int) -> Rendition:
        """The fallback-format rendition closest to `width` without exceeding it (else the smallest)."""
        sizes = self.of(self.fallback_format)
        fitting = [r for r in sizes if r.width <= width]
        return fitting[-1] if fitting else sizes[0]


def problem(file: Path) -> str | None:
    """Why an image file under docs/ cannot be published as a photo, or None."""
    size = file.stat().st_size
    if size > MAX_BYTES:
        return f"the file is {size / 1024 / 1024:.0f} MB; photos are limited to {MAX_BYTES // 1024 // 1024} MB: export it smaller"
    expected = PHOTO_SUFFIXES[file.suffix.lower()]
    try:
        with Image.open(file) as image:
            found, (width, height) = image.format, image.size
    except (OSError, SyntaxError, ValueError):
        return f"this is not a {expected} image (the file is damaged or is something else); export it again"
    if found != expected:
        return (f"this is a {found} image under a name for {expected}; rename it to "
                f"{file.stem}{'.jpg' if found == 'JPEG' else '.' + found.lower()}")
    if width * height > MAX_PIXELS:
        return (f"the photo has {width * height / 1e6:.0f} million pixels; photos are limited to "
                f"{MAX_PIXELS // 1_000_000} million: export it smaller")
    return None


class Index:
    """Content hashes and upright sizes of originals, remembered between builds by path, size
    and modification time, so that a warm build reads no photo (hashing them all cost more
    than the rest of the photo work)."""

    def __init__(self, cache_dir: Path):
        self.file = cache_dir / f"index-{_SETTINGS_KEY}.json"
        try:
            self.known = json.loads(self.file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.known = {}
        self.changed = False

    def describe(self, file: Path) -> tuple[str, int, int, bool]:
        """(sha256, upright width, upright height, has transparency) of an original."""
        stat = file.stat()
        key = f"{file}|{stat.st_size}|{stat.st_mtime_ns}"
        if key not in self.known:
            data = file.read_bytes()
            with Image.open(io.BytesIO(data)) as image:
                width, height = image.size
                if image.getexif().get(0x0112, 1) in (5, 6, 7, 8):  # rotated a quarter turn
                    width, height = height, width
                alpha = image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)
            self.known[key] = [hashlib.sha256(data).hexdigest(), width, height, alpha]
            self.changed = True
        digest, width, height, alpha = self.known[key]
        return digest, width, height, alpha

    def save(self) -> None:
        if self.changed:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.file.with_suffix(f".{os.getpid()}.tmp")
            temporary.write_text(json.dumps(self.known, sort_keys=True), encoding="utf-8")
            os.replace(temporary, self.file)


def plan(source: str, docs_dir: Path, index: Index) -> Photo:
    """What the original at docs path `source` becomes, without decoding it."""
    digest, width, height, alpha = index.describe(docs_dir / source)
    stem = posixpath.splitext(source)[0]
    widths = sorted({min(w, width) for w in RENDITION_WIDTHS})
    renditions = []
    for fmt, ext in (("WEBP", "webp"), ("PNG" if alpha else "JPEG", "png" if alpha else "jpg")):
        for w in widths:
            renditions.append(Rendition(f"{stem}.{digest[:8]}.{w}.{ext}", w, max(1, round(height * w / width)), fmt))
    return Photo(source, digest, width, height, tuple(renditions))


def _sized(upright: Image.Image, renditions: list[Rendition]) -> dict[int, Image.Image]:
    """The upright picture at every width wanted, each made from the next larger one (a
    12 MP original is resized once, to the largest width; the others are cheap)."""
    pictures, source = {}, upright
    for rendition in sorted({r.width: r for r in renditions}.values(), key=lambda r: -r.width):
        size = (rendition.width, rendition.height)
        source = source if source.size == size else source.resize(size, Image.LANCZOS)
        pictures[rendition.width] = source
    return pictures


def _encode(resized: Image.Image, rendition: Rendition, icc: bytes | None) -> bytes:
    if rendition.format == "JPEG" and resized.mode != "RGB":
        resized = resized.convert("RGB")
    options = dict(SETTINGS[rendition.format.lower()])
    if icc:
        options["icc_profile"] = icc
    out = io.BytesIO()
    resized.save(out, rendition.format, **options)  # no exif=, no comment: none is written
    return out.getvalue()


def produce(photos: list[Photo], docs_dir: Path, cache_dir: Path, site_dir: Path) -> int:
    """Write every rendition of `photos` into `site_dir`, from the cache or made anew (into
    the cache first); returns how many were made anew."""
    made = 0
    for photo in photos:
        folder = cache_dir / _SETTINGS_KEY / photo.digest
        missing = [r for r in photo.renditions if not (folder / posixpath.basename(r.path)).exists()]
        if missing:
            with Image.open(docs_dir / photo.source) as original:
                icc = original.info.get("icc_profile")
                largest = max(photo.renditions, key=lambda r: r.width)
                turned = original.size != (photo.width, photo.height)  # stored a quarter turn round
                # A JPEG decodes at 1/2, 1/4 or 1/8 of its size when the largest rendition fits:
                # a 12 MP photo then costs a quarter of the time.
                original.draft("RGB", (largest.height, largest.width) if turned else (largest.width, largest.height))
                upright = ImageOps.exif_transpose(original)
                upright.load()
            folder.mkdir(parents=True, exist_ok=True)
            pictures = _sized(upright, list(photo.renditions))
            for rendition in missing:
                target = folder / posixpath.basename(rendition.path)
                temporary = target.with_suffix(f".{os.getpid()}.tmp")
                temporary.write_bytes(_encode(pictures[rendition.width], rendition, icc))
                os.replace(temporary, target)  # a parallel build sees the whole file or none
                made += 1
        for rendition in photo.renditions:
            _publish(folder / posixpath.basename(rendition.path), site_dir / rendition.path)
    return made


def _publish(cached: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        target.unlink()
    except FileNotFoundError:
        pass
    try:
        os.link(cached, target)  # one directory entry, not a copy of the bytes
    except OSError:
        target.write_bytes(cached.read_bytes())
