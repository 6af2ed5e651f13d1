"""Draw the site's brand pictures once: the sharing card and the publisher's logo.

    python tools/brand_images.py    # writes overrides/assets/images/share.png and logo.png

Social networks and search engines need raster pictures (PNG or JPEG): `og:image` for a
page without a cover of its own, and the publisher's `logo` in JSON-LD. They show the
site's own mark and wordmark (overrides/partials/logo.html), never a photo. Run by hand
when the wordmark changes; the PNG files are committed, so the build needs no font.
Needs Debian's fonts-noto-cjk for the Chinese wordmark.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "overrides" / "assets" / "images"
GREEN_900, GREEN_700, WHITE = (10, 53, 36), (19, 104, 63), (255, 255, 255)
FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"
FONT_INDEX = 2  # Noto Sans CJK SC in the collection


def mark(size: int, ground=GREEN_700, leaf=WHITE) -> Image.Image:
    """The mark of logo.html (a leaf in a circle) drawn at `size` pixels, 4x supersampled."""
    scale = size * 4 / 32
    image = Image.new("RGBA", (size * 4, size * 4), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((0, 0, size * 4 - 1, size * 4 - 1), fill=ground)
    # The leaf's outline of the SVG path, as a polygon through points of its two curves.
    outline = [(9, 23), (9.5, 18), (12, 13.5), (16.5, 10.2), (23, 9), (22.3, 14), (20, 18.5), (15.8, 21.8), (10, 23.2)]
    draw.polygon([(x * scale, y * scale) for x, y in outline], fill=leaf)
    draw.line([(10 * scale, 22.6 * scale), (14 * scale, 17 * scale), (19 * scale, 13.6 * scale)],
              fill=ground, width=max(1, int(1.6 * scale)), joint="curve")
    return image.resize((size, size), Image.LANCZOS)


def share_card() -> Image.Image:
    card = Image.new("RGB", (1200, 630), GREEN_900)
    draw = ImageDraw.Draw(card)
    draw.rectangle((0, 0, 1200, 14), fill=GREEN_700)
    card.paste(mark(168, ground=WHITE, leaf=GREEN_700), (96, 120), mark(168, ground=WHITE, leaf=GREEN_700))
    chinese = ImageFont.truetype(FONT, 76, index=FONT_INDEX)
    english = ImageFont.truetype(FONT, 46, index=FONT_INDEX)
    small = ImageFont.truetype(FONT, 30, index=FONT_INDEX)
    draw.text((96, 340), "宜可城东亚秘书处", font=chinese, fill=WHITE)
    draw.text((96, 440), "ICLEI East Asia Secretariat", font=english, fill=(207, 232, 217))
    draw.text((96, 530), "eastasia.iclei.org", font=small, fill=(185, 211, 195))
    return card


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    share_card().save(OUT / "share.png", optimize=True)
    logo = Image.new("RGB", (512, 512), WHITE)
    logo.paste(mark(448), (32, 32), mark(448))
    logo.save(OUT / "logo.png", optimize=True)
    for name in ("share.png", "logo.png"):
        print(OUT.relative_to(ROOT) / name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
