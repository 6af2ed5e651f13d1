"""In a real browser (Debian's Chromium via Playwright): the language switcher on a
generated page, and no request leaving the site."""

from __future__ import annotations

from browser import browser_page, serve


def test_switching_language_on_a_generated_member_page(fixture_site):
    with serve(fixture_site.site) as base, browser_page(base) as page:
        page.goto(base + "members/kunming/")
        assert page.locator("h1").inner_text() == "昆明市"
        page.locator(".md-header__option .md-select").hover()
        page.locator('a.md-select__link[hreflang="en"]').click()
        page.wait_for_url(base + "en/members/kunming/")
        assert page.locator("h1").inner_text() == "Kunming"
        assert page.locator("html").get_attribute("lang") == "en"
        page.locator(".md-header__option .md-select").hover()
        page.locator('a.md-select__link[hreflang="zh-Hans"]').click()
        page.wait_for_url(base + "members/kunming/")
        assert page.outside_requests == []


def test_pages_make_no_request_outside_the_site(fixture_site):
    with serve(fixture_site.site) as base, browser_page(base) as page:
        for path in ("", "en/", "members/", "en/news/", "programmes/plan-of-action/", "en/offices/"):
            page.goto(base + path, wait_until="networkidle")
        assert page.outside_requests == []
