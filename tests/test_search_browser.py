"""The search dialog as readers use it, in Chromium, through nginx and the site's
Content-Security-Policy (tests/browser.py fails a test on any violation and records every
request leaving localhost and every console error):

- at 500 members and 500 articles per language, a page fetches no search file until search
  is opened, and a query typed key by key downloads at most 300 KB (as nginx sends it);
- keyboard alone: `/` opens it, the arrow keys choose, Enter opens the page chosen, Escape
  closes and the focus goes back; the combobox and listbox of WAI-ARIA; axe-core finds nothing;
- each result shows its kind in the page's language, an article's date, and the query's
  words marked in its title and snippet; a query with no answer says so;
- it works from each language's 404 page and from a `?q=` address, and no input breaks it.
"""

from __future__ import annotations

import json
from urllib.parse import quote

import pytest
import yaml

from browser import browser_page, serve
from sitebuild import REPO, bench_module, build

bench_search = bench_module("search")
bench_generate = bench_module("generate")
AXE = REPO / "node_modules/axe-core/axe.min.js"
BUDGET_KB = 300
MEMBERS = yaml.safe_load((REPO / "data/members.yml").read_text(encoding="utf-8"))
KUNMING = next(m for m in MEMBERS if m["id"] == "kunming")
ULAANBAATAR = next(m for m in MEMBERS if m["id"] == "ulaanbaatar")
# The Mongolia article (every language has it), as each language's pages date it.
MONGOLIA_VISIT = {"date": "2024-08-03", "shown": {"zh": "2024年8月3日", "en": "3 August 2024", "ko": "2024년 8월 3일",
                                                   "zh-hant": "2024年8月3日"}}


def _name(member: dict, lang: str) -> str:
    """A member's name as `lang`'s readers type it (a derived language's: its source's; the
    Han script either way, search folds Traditional and Simplified to one form)."""
    return member["name"].get(lang) or member["name"]["zh"]

HOSTILE = ["+kunming -city", "*", "~2", "title:x", "^10", "kun*", "(.*)[a-z]+\\d{3}$|^?", "\\", "🌏🌱🚲", "昆明Kunming쿤밍コンミン",
           "Kunming " * 60, "生" * 500, "ｋｕｎｍｉｎｇ", "\"'<script>alert(1)</script>", "%00 %2F ../..", "zzzzqqq"]


@pytest.fixture(scope="module")
def network(tmp_path_factory):
    """A synthetic network of 500 members and 500 articles per language (bench/generate.py),
    built once for this module."""
    project = tmp_path_factory.mktemp("network") / "project"
    bench_generate.generate(project, members=500, articles=500, seed=1, photos_every=0)
    result = build(project, extra_env={"SITE_BUILD_DATE": "2026-01-01"})
    assert result.returncode == 0, result.output[-3000:]
    return result


@pytest.fixture(scope="module")
def served(real_site):
    with serve(real_site.site) as base:
        yield base, bench_search.language_roots(real_site.project)


def _words(page) -> dict:
    return json.loads(page.locator("#site-search .site-search__words").text_content())


def _options(page):
    return page.locator("#site-search [role=option]")


def test_at_500_and_500_nothing_is_fetched_before_search_opens_and_a_query_costs_at_most_300_kb(network):
    queries = bench_search.load_queries()
    with serve(network.site) as base:
        for lang, root in bench_search.language_roots(network.project).items():
            for query in bench_search.timing_queries(network.project, lang, queries):
                cost = bench_search.cost(base, root, query, throttled=False)
                assert cost["fetched_before_open"] == [], (lang, cost)
                assert cost["results"] > 0 and cost["kb_gz"] <= BUDGET_KB, (lang, cost)


def test_keyboard_alone_opens_chooses_opens_a_page_and_closes(served):
    base, roots = served
    for lang, root in roots.items():
        with browser_page(base) as page:
            page.goto(base + root)
            page.keyboard.press("/")
            field = page.locator("#site-search .site-search__input")
            page.wait_for_function("() => document.activeElement.matches('#site-search .site-search__input')")
            assert field.get_attribute("role") == "combobox"
            listbox = page.locator("#" + field.get_attribute("aria-controls"))
            assert listbox.get_attribute("role") == "listbox" and field.get_attribute("aria-expanded") == "false"
            bench_search.answer(page, _name(KUNMING, lang))
            assert _options(page).count() > 1 and field.get_attribute("aria-expanded") == "true"
            first, second = _options(page).nth(0), _options(page).nth(1)
            page.keyboard.press("ArrowDown")
            assert field.get_attribute("aria-activedescendant") == first.get_attribute("id")
            assert first.get_attribute("aria-selected") == "true"
            page.keyboard.press("ArrowDown")
            assert field.get_attribute("aria-activedescendant") == second.get_attribute("id")
            assert first.get_attribute("aria-selected") == "false" and second.get_attribute("aria-selected") == "true"
            page.keyboard.press("ArrowUp")
            assert field.get_attribute("aria-activedescendant") == first.get_attribute("id")
            page.keyboard.press("Escape")
            assert not page.locator("#site-search").evaluate("d => d.open")
            # Opened from the button: Escape gives the focus back to it.
            button = page.locator("[data-site-search-open]")
            button.focus()
            page.keyboard.press("Enter")
            page.wait_for_function("() => document.activeElement.matches('#site-search .site-search__input')")
            bench_search.answer(page, _name(ULAANBAATAR, lang))
            page.keyboard.press("Escape")
            assert page.evaluate("() => document.activeElement.matches('[data-site-search-open]')")
            # Enter opens the result chosen.
            page.keyboard.press("Enter")
            page.wait_for_function("() => document.activeElement.matches('#site-search .site-search__input')")
            page.keyboard.press("ArrowDown")
            with page.expect_navigation():
                page.keyboard.press("Enter")
            assert page.url == base + root + "members/ulaanbaatar/"
            assert page.outside_requests == [] and page.console_errors == []


def test_results_show_their_kind_date_and_the_words_found(served):
    base, roots = served
    for lang, root in roots.items():
        with browser_page(base) as page:
            bench_search.open_search(page, base, root)
            words = _words(page)
            bench_search.answer(page, _name(ULAANBAATAR, lang))
            options = _options(page)
            first = options.nth(0)
            assert first.get_attribute("href") == "/" + root + "members/ulaanbaatar/"
            assert first.locator(".site-search__kind").text_content() == words["kind_member"]
            assert words["kind_news"] in options.locator(".site-search__kind").all_text_contents()
            article = options.filter(has=page.locator(".site-search__kind--news")).first
            assert article.locator("time").get_attribute("datetime") == MONGOLIA_VISIT["date"]
            assert article.locator("time").text_content() == MONGOLIA_VISIT["shown"][lang]
            assert first.locator(".site-search__title mark").count() > 0  # the name, in the page's own script
            page.wait_for_function("() => document.querySelector('#site-search [role=option] .site-search__snippet mark')")
            assert page.locator("#site-search [role=option] .site-search__snippet mark").count() > 0
            status = page.locator("#site-search .site-search__status").text_content()
            assert any(ch.isdigit() for ch in status)
            bench_search.answer(page, _name(KUNMING, lang))
            assert words["kind_programme"] in options.locator(".site-search__kind").all_text_contents()
            bench_search.answer(page, "zzzzqqq")
            assert options.count() == 0
            assert page.locator("#site-search .site-search__status").text_content() == words["none"].replace("{query}", "zzzzqqq")
            assert page.outside_requests == [] and page.console_errors == []


def test_any_input_gives_results_or_nothing_found_never_an_error(served):
    base, roots = served
    for lang, root in roots.items():
        with browser_page(base) as page:
            bench_search.open_search(page, base, root)
            words = _words(page)
            for query in HOSTILE:
                bench_search.answer(page, query[:500])
                status = page.locator("#site-search .site-search__status").text_content()
                assert _options(page).count() > 0 or status == words["none"].replace("{query}", query[:500]), (query, status)
            assert page.outside_requests == [] and page.console_errors == []


def test_search_opens_from_each_404_page_and_from_a_q_address(served):
    base, roots = served
    for lang, root in roots.items():
        with browser_page(base) as page:
            response = page.goto(base + root + "no/such/page/")
            assert response.status == 404
            page.console_errors.clear()  # Chromium's line for the 404 answer itself
            page.locator("#not-found-query").click()
            page.keyboard.type(_name(ULAANBAATAR, lang))
            page.keyboard.press("Enter")
            page.wait_for_function("(q) => document.getElementById('site-search').dataset.complete === q", arg=_name(ULAANBAATAR, lang))
            assert _options(page).nth(0).get_attribute("href") == "/" + root + "members/ulaanbaatar/"
            assert page.url.endswith("no/such/page/")  # searched where the reader was

            page.goto(base + root + "?q=" + quote(_name(KUNMING, lang)))
            page.wait_for_function("(q) => document.getElementById('site-search').dataset.complete === q", arg=_name(KUNMING, lang))
            assert page.evaluate("() => document.activeElement.matches('#site-search .site-search__input')")
            assert _options(page).nth(0).get_attribute("href") == "/" + root + "members/kunming/"
            page.keyboard.press("Escape")
            page.wait_for_function("() => !new URLSearchParams(location.search).has('q')")  # closed: the address no longer opens it
            assert page.outside_requests == [] and page.console_errors == []


def test_axe_finds_nothing_in_the_button_and_the_open_dialog(served):
    base, roots = served
    script = AXE.read_text(encoding="utf-8")
    found = {}
    for lang, root in roots.items():
        for viewport in ((1280, 800), (390, 844)):
            with browser_page(base, viewport=viewport) as page:
                page.goto(base + root + "news/")
                page.evaluate(script)
                closed = page.evaluate("async () => (await axe.run({include: [['[data-site-search-open]']]}, "
                                       "{resultTypes: ['violations']})).violations.map(v => v.id)")
                page.locator("[data-site-search-open]").click()
                bench_search.answer(page, _name(KUNMING, lang))
                page.keyboard.press("ArrowDown")
                page.wait_for_function("() => document.querySelector('#site-search [role=option] .site-search__snippet mark')")
                opened = page.evaluate("async () => (await axe.run({include: [['#site-search']]}, "
                                       "{resultTypes: ['violations']})).violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))")
                width = page.evaluate("() => document.querySelector('#site-search').getBoundingClientRect().width")
                assert width <= viewport[0] and page.evaluate("() => document.documentElement.scrollWidth") <= viewport[0]
                if closed or opened:
                    found[(lang, viewport)] = closed + opened
                assert page.outside_requests == [] and page.console_errors == []
    assert found == {}
