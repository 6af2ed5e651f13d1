"""The public's experience in a real browser (Debian's Chromium via Playwright): language
switching, Chinese and English search, feed autodiscovery, a phone-sized screen, sharing
metadata and accessibility (axe-core). Every test fails if a request leaves localhost."""

from __future__ import annotations

import json
import urllib.request

import pytest

from browser import browser_page, serve
from pages import SITE_URL, parse
from sitebuild import REPO

AXE = REPO / "node_modules/axe-core/axe.min.js"


@pytest.fixture(scope="module")
def served(real_site):
    with serve(real_site.site) as base:
        yield base, real_site


def _switch(page, hreflang):
    page.locator(".md-header__option .md-select").hover()
    page.locator(f'a.md-select__link[hreflang="{hreflang}"]').click()


@pytest.mark.parametrize("zh_path, en_path", [
    ("news/2023/biodiversity-friendly-city-event-ningbo/", "en/news/2023/biodiversity-friendly-city-event-ningbo/"),
    ("members/ulaanbaatar/", "en/members/ulaanbaatar/"),
    ("news/category/events/", "en/news/category/events/"),
    ("programmes/plan-of-action/", "en/programmes/plan-of-action/"),
])
def test_switching_language_leads_to_the_same_page(served, zh_path, en_path):
    base, _ = served
    with browser_page(base) as page:
        page.goto(base + zh_path)
        _switch(page, "en")
        page.wait_for_url(base + en_path)
        assert page.locator("html").get_attribute("lang") == "en"
        _switch(page, "zh-Hans")
        page.wait_for_url(base + zh_path)
        assert page.locator("html").get_attribute("lang") == "zh-Hans"
        assert page.outside_requests == []


@pytest.mark.parametrize("missing, lang, title, query, result", [
    ("no/such/page/", "zh-Hans", "找不到这个页面", "昆明", "members/kunming/"),
    ("en/no/such/page/", "en", "Page not found", "Ulaanbaatar", "en/members/ulaanbaatar/"),
])
def test_the_404_page_speaks_its_language_and_searches_its_pages(served, missing, lang, title, query, result):
    """A missing page answers with its language's 404 page (status 404): its title and text,
    the latest news, a link home, and a search box that searches that language's pages."""
    base, _ = served
    english = lang == "en"
    with browser_page(base) as page:
        response = page.goto(base + missing)
        assert response.status == 404
        assert page.locator("html").get_attribute("lang") == lang
        assert page.locator(".site-not-found h1").text_content() == title
        assert page.title().startswith(title)
        assert page.locator(".site-not-found .site-card").count() == 3
        home = page.locator(".site-not-found a", has_text="首页" if not english else "home page")
        assert home.get_attribute("href") == ("/en/" if english else "/")
        field = page.locator("#not-found-query")
        field.click()
        page.keyboard.type(query)  # key by key, as a reader types
        with page.expect_request(lambda r: r.url.endswith("search/search_index.json")) as index:
            page.keyboard.press("Enter")
        assert index.value.url == base + ("en/" if english else "") + "search/search_index.json"
        page.wait_for_function("() => document.querySelectorAll('.md-search-result__link').length > 0")
        links = [a.get_attribute("href").split("?")[0].replace(base, "")
                 for a in page.locator(".md-search-result__link").all()]
        assert result in links and all(link.startswith("en/") == english for link in links), links
        page.keyboard.press("Escape")  # close the search, then switch language
        _switch(page, "zh-Hans" if english else "en")
        page.wait_for_url(base + ("" if english else "en/") + "**")
        assert page.outside_requests == []


def _search(page, base, path, query):
    page.goto(base + path)
    field = page.locator("input.md-search__input")
    field.click()
    # Wait until the search worker has loaded this language's index, then type. (Predicates
    # are functions: Playwright eval()s a bare expression in the page, which the site's
    # policy forbids.)
    page.wait_for_function("() => /键入以开始搜索|Type to start searching/.test(document.querySelector('.md-search-result__meta').textContent)")
    field.fill(query)
    field.press("End")
    page.wait_for_function("() => !/键入以开始搜索|Type to start searching/.test(document.querySelector('.md-search-result__meta').textContent)")
    return [a.get_attribute("href").split("?")[0].replace(base, "") for a in page.locator(".md-search-result__link").all()]


@pytest.mark.parametrize("path, query, expected", [
    ("", "生物多样性", "news/2023/biodiversity-friendly-city-event-ningbo/"),
    ("", "昆明", "members/kunming/"),
    ("news/", "爱丁堡进程", "programmes/edinburgh-process/"),
    ("", "宜可城", "news/2022/kunming-joins-iclei/"),
    ("en/", "biodiversity", "en/news/2023/biodiversity-friendly-city-event-ningbo/"),
    ("en/members/", "Kunming", "en/news/2022/kunming-joins-iclei/"),
    ("en/", "Ulaanbaatar", "en/members/ulaanbaatar/"),
])
def test_each_language_searches_its_own_pages(served, path, query, expected):
    base, _ = served
    with browser_page(base) as page:
        results = _search(page, base, path, query)
        assert expected in results, results
        english = path.startswith("en/")
        assert all(r.startswith("en/") == english for r in results), results
        assert page.outside_requests == []


def test_feed_autodiscovery_links_lead_to_feeds(served):
    base, _ = served
    with browser_page(base) as page:
        page.goto(base + "en/members/kunming/")
        hrefs = page.eval_on_selector_all('link[rel="alternate"][type$="+xml"]', "ls => ls.map(l => l.href)")
        assert len(hrefs) == 4
        for href in hrefs:
            body = urllib.request.urlopen(href).read()
            assert body.startswith(b"<?xml"), href
        assert page.outside_requests == []


def test_phone_sized_screen_opens_the_navigation_and_reads_the_article(served):
    base, _ = served
    with browser_page(base, viewport=(390, 844)) as page:
        page.goto(base + "news/2024/mongolia-visit/")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        assert page.locator("article h1").is_visible()
        page.locator('label.md-header__button[for="__drawer"]').click()
        drawer = page.locator(".md-nav--primary .md-nav__link").filter(has_text="会员").first
        drawer.wait_for(state="visible")
        drawer.click()
        page.wait_for_url(base + "members/")
        assert page.outside_requests == []


def test_sharing_metadata_and_json_ld(served):
    _, real = served
    article = parse(real.site / "en/news/2024/mongolia-visit/index.html")
    meta = {m.get("property") or m.get("name"): m.get("content") for m in article.iter("meta")}
    assert meta["og:type"] == "article" and meta["og:url"] == SITE_URL + "en/news/2024/mongolia-visit/"
    assert meta["og:locale"] == "en_GB" and meta["og:locale:alternate"] == "zh_CN"
    assert meta["description"] and meta["twitter:card"] == "summary"
    assert article.cssselect('link[rel="canonical"]')[0].get("href") == SITE_URL + "en/news/2024/mongolia-visit/"
    ld = json.loads(article.cssselect('script[type="application/ld+json"]')[0].text)
    assert ld["@type"] == "NewsArticle" and ld["datePublished"] == "2024-08-03T00:00:00+08:00" and ld["inLanguage"] == "en"
    home = parse(real.site / "index.html")
    ld = json.loads(home.cssselect('script[type="application/ld+json"]')[0].text)
    assert ld["@type"] == "Organization" and ld["name"] == "宜可城东亚"


def test_every_page_loads_cleanly_and_has_no_serious_accessibility_violation(served):
    """Every page of the real site, both languages, 404 pages included: no failed request,
    no response of 400 or more, no console error (Material's sitemap fetches were seven on
    some pages), and no serious or critical violation found by axe-core. (The editor's page is
    Decap CMS's interface, not a page of the site: pages.site_pages.)"""
    base, real = served
    from pages import site_pages, url_path_of
    paths = [url_path_of(real.site, f) for f in site_pages(real.site)]
    assert len(paths) > 80
    script = AXE.read_text(encoding="utf-8")
    found, failures = {}, []
    with browser_page(base) as page:
        page.on("requestfailed", lambda request: failures.append(f"failed: {request.url}"))
        page.on("response", lambda response: failures.append(f"{response.status}: {response.url}")
                if response.status >= 400 and not response.url.endswith("404.html") else None)
        page.on("console", lambda message: failures.append(f"console {message.type}: {message.text}")
                if message.type == "error" else None)
        for path in paths:
            page.goto(base + path, wait_until="networkidle")
            # Evaluated through the DevTools protocol: an inline <script> (add_script_tag)
            # would be blocked, rightly, by the site's Content-Security-Policy.
            page.evaluate(script)
            result = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
                                   ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
                                   ".map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', '))")
            if result:
                found[path] = result
        assert page.outside_requests == []
    assert failures == []
    assert found == {}


@pytest.mark.parametrize("path", ["ko/", "ko/news/2024/mongolia-visit/", "zh-hant/", "zh-hant/news/2024/mongolia-visit/"])
def test_the_korean_and_traditional_chinese_pages_have_no_accessibility_violation_at_all(served, path):
    """axe-core, every rule and impact, on the home page and an article of the languages added
    in this round (issue 27)."""
    base, _ = served
    with browser_page(base) as page:
        page.goto(base + path, wait_until="networkidle")
        page.evaluate(AXE.read_text(encoding="utf-8"))
        violations = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
                                   ".map(v => v.id + ' (' + v.impact + '): ' + v.nodes.map(n => n.target.join(' ')).join(', '))")
    assert violations == []


def test_chinese_text_is_set_for_cjk_reading(served):
    """Body text of Chinese pages: a line height around 1.75 or more, no letter-spacing in
    headings, and the system's CJK face (no web font)."""
    base, _ = served
    with browser_page(base) as page:
        page.goto(base + "news/2022/kunming-joins-iclei/")
        body = page.evaluate("""() => { const s = getComputedStyle(document.querySelector('.site-article__body p'));
            return [parseFloat(s.lineHeight) / parseFloat(s.fontSize), s.fontFamily]; }""")
        assert body[0] >= 1.75 and "Noto Sans CJK SC" in body[1]
        spacing = page.evaluate("() => getComputedStyle(document.querySelector('h1')).letterSpacing")
        assert spacing in ("normal", "0px")
        page.goto(base + "en/news/2022/kunming-joins-iclei/")
        english = page.evaluate("""() => { const s = getComputedStyle(document.querySelector('.site-article__body p'));
            return parseFloat(s.lineHeight) / parseFloat(s.fontSize); }""")
        assert 1.5 <= english < body[0]
        assert page.outside_requests == []


def test_the_published_admin_page_asks_nothing_of_the_readers_computer(served):
    """Without a hosted editor, /admin/ says how staff edit; opening it makes no request to
    a server on the reader's machine (decap-server's 127.0.0.1:8081), none fails, and the
    console stays clean."""
    base, _ = served
    with browser_page(base) as page:
        failed = []
        page.on("requestfailed", lambda request: failed.append(request.url))
        page.on("response", lambda response: failed.append(response.url) if response.status >= 400 else None)
        response = page.goto(base + "admin/")
        page.wait_for_load_state("networkidle")
        assert response.status == 200
        assert "make edit" in page.locator("main").inner_text()
        assert (page.outside_requests, failed, page.console_errors) == ([], [], [])
