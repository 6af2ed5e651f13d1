"""Screenshots of every page type at desktop and phone size, in every language of mkdocs.yml
(`make screenshots`).

Builds nothing: run `make site` first. Needs Debian's chromium and, for Chinese text,
Debian's fonts-noto-cjk (without them Chinese renders as empty boxes). Output: screenshots/.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "deploy"), str(ROOT / "hooks")]  # the test helpers serve through nginx

from browser import browser_page, serve  # noqa: E402
from multilingual_site.languages import from_mkdocs_yml  # noqa: E402

# Every page type, in every language (a language's path is its prefix + the same path). The
# first article is translated into every hand-translated language; the second is not into
# Korean, whose page stands in for it (ARCHITECTURE.md, "Languages").
PAGES = {
    "home": "",
    "news": "news/",
    "article": "news/2024/mongolia-visit/",
    "article-untranslated": "news/2023/biodiversity-friendly-city-event-ningbo/",
    "directory": "members/",
    "profile": "members/kunming/",
    "edinburgh-process": "programmes/edinburgh-process/",
    "centre-of-excellence": "programmes/centre-of-excellence/",
    "plan-of-action": "programmes/plan-of-action/",
    "offices": "offices/",
    "not-found": "no/such/page/",
}
# A desktop, and the phones the header is checked at (tests/test_header_controls.py): today's
# iPhones, the most common Android width, the smallest in use.
SIZES = {"desktop": (1280, 800), "phone": (390, 844), "phone-360": (360, 800), "phone-320": (320, 640)}


def main() -> int:
    site = ROOT / "site"
    out = ROOT / "screenshots"
    out.mkdir(exist_ok=True)
    languages = from_mkdocs_yml(ROOT / "mkdocs.yml")
    with serve(site) as base:
        for size, viewport in SIZES.items():
            with browser_page(base, viewport) as page:
                for name, path in PAGES.items():
                    for language in languages:
                        page.goto(base + language.root + path, wait_until="networkidle")
                        file = out / f"{name}-{language.code}-{size}.png"
                        page.screenshot(path=str(file), full_page=True)
                        print(file.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
