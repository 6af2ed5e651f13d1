"""On a phone, every control of the header (menu, language, search) is on the screen and big
enough to tap, in every language of the site and on seven page types: the wordmark gives way,
never a control (issue 25: at 390 px the English wordmark pushed search off the screen).

The languages are those the built site's language switcher offers, and the pages those each
language's own navigation and listings link to, so a language added in mkdocs.yml is checked
without editing this file."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest

from browser import browser_page, serve
from pages import SITE_URL, language_roots, parse

# Phone widths: the smallest in use, the most common Android one, today's iPhones.
WIDTHS = (320, 360, 390)
HEIGHT = 844
CONTROLS = {
    "menu": 'label[for="__drawer"]',
    "language": ".md-header__option .md-select button",
    "search": 'label[for="__search"]',
}
MINIMUM = 40  # px, each side of a control's box (Material's header buttons are 40 × 40)


def _first_link(site, path: str, selector: str) -> list[str]:
    tree = parse(site / path / "index.html")
    hrefs = [a.get("href") for a in tree.cssselect(selector)]
    return [_site_path(path, hrefs[0])] if hrefs else []


def _site_path(from_path: str, href: str) -> str:
    return urljoin(SITE_URL + from_path, href).removeprefix(SITE_URL)


def page_types(site, root: str) -> list[str]:
    """The pages of one language a reader meets, found by following that language's links:
    its home page and the pages of its navigation tabs (news, members, the first programme,
    offices), the first article of its news index and the first profile of its directory."""
    tree = parse(site / root / "index.html")
    pages = [root] + [_site_path(root, a.get("href")) for a in tree.cssselect("a.md-tabs__link")]
    pages = list(dict.fromkeys(pages))
    news, members = root + "news/", root + "members/"
    assert news in pages and members in pages, pages
    pages += _first_link(site, news, ".site-card__title a") + _first_link(site, members, ".view-members a")
    return pages


@pytest.fixture(scope="module")
def served(real_site):
    with serve(real_site.site) as base:
        yield base, real_site.site


def test_the_languages_and_pages_checked_come_from_the_site(served):
    _, site = served
    roots = language_roots(site)
    assert "" in roots and len(roots) >= 2, roots
    for root in roots:
        pages = page_types(site, root)
        # home, news, members, a programme, offices, an article, a profile
        assert len(pages) >= 7, (root, pages)


_BOXES = """(selectors) => Object.fromEntries(Object.entries(selectors).map(([name, selector]) => {
  const element = document.querySelector(".md-header " + selector);
  if (!element) return [name, null];
  const box = element.getBoundingClientRect();
  const style = getComputedStyle(element);
  // What a tap at the control's centre reaches: the control itself, not the wordmark over it.
  const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
  return [name, {left: box.left, right: box.right, top: box.top, bottom: box.bottom,
                 width: box.width, height: box.height,
                 shown: style.display !== "none" && style.visibility === "visible",
                 reached: !!hit && element.contains(hit)}];
}))"""


@pytest.mark.parametrize("width", WIDTHS)
def test_every_header_control_is_on_a_phone_screen_and_big_enough_to_tap(served, width):
    base, site = served
    problems = []
    with browser_page(base, (width, HEIGHT)) as page:
        for root in language_roots(site):
            for path in page_types(site, root):
                response = page.goto(base + path, wait_until="load")
                assert response.status == 200, path
                for name, box in page.evaluate(_BOXES, CONTROLS).items():
                    where = f"/{path} at {width} px: {name}"
                    if box is None or not box["shown"]:
                        problems.append(f"{where} is missing")
                        continue
                    on_screen = 0 <= box["left"] and box["right"] <= width and 0 <= box["top"] and box["bottom"] <= HEIGHT
                    if not on_screen:
                        problems.append(f"{where} at x {box['left']:.1f}–{box['right']:.1f}, y {box['top']:.1f}–{box['bottom']:.1f}: "
                                        f"not entirely on the {width} × {HEIGHT} screen")
                    if box["width"] < MINIMUM or box["height"] < MINIMUM:
                        problems.append(f"{where} is {box['width']:.1f} × {box['height']:.1f} px, under {MINIMUM} × {MINIMUM}")
                    if on_screen and not box["reached"]:
                        problems.append(f"{where}: a tap at its centre reaches something else")
        assert page.outside_requests == [] and page.console_errors == [], (page.outside_requests, page.console_errors)
    assert problems == [], "\n".join(problems)
