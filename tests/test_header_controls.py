"""On a phone, every control of the header (menu, language, search) is on the screen and big
enough to tap, and no page is wider than the screen, in every language of the site and on
every page type: the wordmark gives way, never a control (issue 25: at 390 px the English
wordmark pushed search off the screen), and the content fits the screen's width (at 320 px
news cards stuck out by 6 px, offices' regions by 36 px, the directory's filter fields by 4 px).

The languages are those the built site's language switcher offers, and the pages those each
language's own navigation and listings link to, so a language or a page added in mkdocs.yml
is checked without editing this file."""

from __future__ import annotations

from collections.abc import Iterator

from urllib.parse import urljoin

import pytest

from browser import browser_page, serve
from pages import SITE_URL, language_roots, parse

# Phone screens, width: height in CSS pixels: the smallest in use, the most common Android
# one, today's iPhones (the phone sizes of tools/screenshots.py).
SCREENS = {320: 640, 360: 800, 390: 844}
CONTROLS = {
    "menu": 'label[for="__drawer"]',
    "language": ".md-header__option .md-select button",
    "search": ".md-header__button.site-search-button",  # the site's own search (hooks/site_search.py)
}
MINIMUM = 40  # px, each side of a control's box (Material's header buttons are 40 × 40)
NOT_FOUND = "no/such/page/"  # an address no page has: the language's 404 page answers it


def _first_link(site, path: str, selector: str) -> list[str]:
    tree = parse(site / path / "index.html")
    hrefs = [a.get("href") for a in tree.cssselect(selector)]
    return [_site_path(path, hrefs[0])] if hrefs else []


def _first_link_of_each(site, path: str, selector: str) -> list[str]:
    """The first link of each element `selector` finds on the page at `path`."""
    tree = parse(site / path / "index.html")
    return [_site_path(path, links[0].get("href")) for element in tree.cssselect(selector)
            if (links := element.cssselect("a[href]"))]


def _site_path(from_path: str, href: str) -> str:
    return urljoin(SITE_URL + from_path, href).removeprefix(SITE_URL)


def page_types(site, root: str) -> list[str]:
    """The pages of one language a reader meets, one of each type at least, found by following
    that language's links: its home page and every page of its navigation (news, members, the
    three programmes, offices), the first article of its news index, the first listing of each
    kind the news index links to (a category, a year, a tag), the first profile of its
    directory, and its 404 page (at NOT_FOUND)."""
    tree = parse(site / root / "index.html")
    pages = [root] + [_site_path(root, a.get("href")) for a in tree.cssselect("a.md-nav__link[href]")
                      if "#" not in a.get("href")]
    news, members = root + "news/", root + "members/"
    assert news in pages and members in pages, pages
    pages += _first_link(site, news, ".site-card__title a") + _first_link_of_each(site, news, ".site-browse ul.site-chips")
    pages += _first_link(site, members, ".view-members a") + [root + NOT_FOUND]
    return list(dict.fromkeys(pages))


def _open(page, base: str, path: str) -> None:
    """Load a page of the site; its 404 page answers NOT_FOUND with status 404, and Chromium
    logs that status as a console error, which is the one not held against the page."""
    missing = path.endswith(NOT_FOUND)
    response = page.goto(base + path, wait_until="load")
    assert response.status == (404 if missing else 200), path
    if missing:
        page.console_errors[:] = [text for text in page.console_errors if "status of 404" not in text]


def _each_page(page, base: str, site) -> Iterator[str]:
    """Every page type of every language, loaded in turn (_open): yields its path."""
    for root in language_roots(site):
        for path in page_types(site, root):
            _open(page, base, path)
            yield path


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
        # home, news, members, three programmes, offices, an article, a category, a year, a
        # tag, a profile, the 404 page
        assert len(pages) >= 13, (root, pages)
        assert {root + "programmes/plan-of-action/", root + "offices/", root + NOT_FOUND} <= set(pages), pages


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


@pytest.mark.parametrize("width", SCREENS)
def test_every_header_control_is_on_a_phone_screen_and_big_enough_to_tap(served, width):
    base, site = served
    problems = []
    height = SCREENS[width]
    with browser_page(base, (width, height)) as page:
        for path in _each_page(page, base, site):
            for name, box in page.evaluate(_BOXES, CONTROLS).items():
                where = f"/{path} at {width} px: {name}"
                if box is None or not box["shown"]:
                    problems.append(f"{where} is missing")
                    continue
                on_screen = 0 <= box["left"] and box["right"] <= width and 0 <= box["top"] and box["bottom"] <= height
                if not on_screen:
                    problems.append(f"{where} at x {box['left']:.1f}–{box['right']:.1f}, y {box['top']:.1f}–{box['bottom']:.1f}: "
                                    f"not entirely on the {width} × {height} screen")
                if box["width"] < MINIMUM or box["height"] < MINIMUM:
                    problems.append(f"{where} is {box['width']:.1f} × {box['height']:.1f} px, under {MINIMUM} × {MINIMUM}")
                if on_screen and not box["reached"]:
                    problems.append(f"{where}: a tap at its centre reaches something else")
        assert page.outside_requests == [] and page.console_errors == [], (page.outside_requests, page.console_errors)
    assert problems == [], "\n".join(problems)


# What sticks out past the screen's right edge. Material (on html) and site.css (on body) set
# overflow-x: hidden, so in Chromium a page wider than the screen does not scroll sideways: it
# is cut off at the edge instead (and a phone's browser that lets the reader pan it scrolls).
# The widths of html's and body's content say it either way; the elements, outermost first,
# say what to fix. Inside a box that scrolls or clips on its own and fits (a wide table's
# scroll wrapper, a code block), what is wider belongs to that box.
_WIDER_THAN_THE_SCREEN = """() => {
  const width = document.documentElement.clientWidth;
  const sticksOut = (element) => {
    const box = element.getBoundingClientRect();
    if (box.width === 0 || box.right <= width + 0.5) return false;
    for (let box = element.parentElement; box && box !== document.body; box = box.parentElement) {
      const clips = getComputedStyle(box).overflowX !== "visible";
      if (clips && box.getBoundingClientRect().right <= width + 0.5) return false;
    }
    return true;
  };
  const name = (element) => element.tagName.toLowerCase() + [...element.classList].map(c => "." + c).join("");
  const outermost = [...document.body.querySelectorAll("*")].filter(
    (element) => sticksOut(element) && !(element.parentElement !== document.body && sticksOut(element.parentElement)));
  return {width, content: Math.max(document.documentElement.scrollWidth, document.body.scrollWidth),
          elements: outermost.slice(0, 5).map(e => `${name(e)} to x ${e.getBoundingClientRect().right.toFixed(1)}`)};
}"""


@pytest.mark.parametrize("width", SCREENS)
def test_no_page_is_wider_than_a_phone_screen(served, width):
    """Cards, offices, the directory's filters, figures, tiles, listings: every page of every
    type fits a phone's width, in every language, so that nothing scrolls sideways or is cut
    off at the screen's edge."""
    base, site = served
    problems = []
    height = SCREENS[width]
    with browser_page(base, (width, height)) as page:
        for path in _each_page(page, base, site):
            found = page.evaluate(_WIDER_THAN_THE_SCREEN)
            if found["content"] > found["width"] or found["elements"]:
                problems.append(f"/{path} at {width} px is {found['content']} px wide: " + "; ".join(found["elements"]))
        assert page.outside_requests == [] and page.console_errors == [], (page.outside_requests, page.console_errors)
    assert problems == [], "\n".join(problems)
